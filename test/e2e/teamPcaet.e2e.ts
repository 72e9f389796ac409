/**
 * PCAET indicators shared in team mode against the real server and PostgreSQL (DATABASE_URL, exported by
 * `.ci/run`), one browser context per user: the Pays (admin) defines an indicator and types a value, a viewer's
 * open dashboard shows both without reload, with the indicator's history; the viewer gets no form and an
 * editor's write is refused by the API (403). Skipped without DATABASE_URL, except in CI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { BOULONNAIS, PASSWORD, startTeamServer, type TeamServer } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_) process.stderr.write('\n⚠ teamPcaet.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const ADMIN = 'chef@pays-boulonnais.fr';
const VIEWER = 'elu@pays-boulonnais.fr';
const EDITOR = 'urbaniste@agglo-boulonnais.fr';

let browser: Browser;
let team: TeamServer;

const sectionText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="pcaet-section"]')?.textContent ?? '');

async function openPcaet(email: string): Promise<Page> {
  const page = await team.signedIn(email, '#/tableau-de-bord');
  await page.getByRole('tab', { name: 'Indicateurs PCAET' }).click();
  await page.getByTestId('pcaet-section').waitFor({ timeout: 30_000 });
  return page;
}

describe.skipIf(!URL_)('team mode: shared PCAET indicators (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(
      browser,
      'pcaet',
      [
        { email: ADMIN, role: 'admin', password: PASSWORD },
        { email: VIEWER, role: 'viewer', password: PASSWORD },
        { email: EDITOR, role: 'editor', password: PASSWORD, epci: [BOULONNAIS] },
      ],
      5,
    );
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('the Pays defines an indicator and a value; a viewer sees them live, read-only', async () => {
    const viewer = await openPcaet(VIEWER);
    expect(await sectionText(viewer)).toContain('Aucun indicateur PCAET');
    expect(await viewer.getByTestId('pcaet-read-only').textContent()).toMatch(/Lecture seule.*lecteur/);
    expect(await viewer.getByRole('button', { name: 'Créer l’indicateur' }).count()).toBe(0);

    const admin = await openPcaet(ADMIN);
    const section = admin.getByTestId('pcaet-section');
    await section.getByLabel('Nom').fill('Émissions de gaz à effet de serre');
    await section.getByLabel('Unité').fill('ktCO₂e');
    await section.getByLabel('Niveau').selectOption('territory');
    await section.getByLabel('Sens de progression').selectOption('down');
    await section.getByLabel('Valeur cible').fill('600');
    await section.getByLabel('Date cible').fill('2030-12-31');
    await section.getByRole('button', { name: 'Créer l’indicateur' }).click();
    await section.getByLabel('Date ou année').fill('2024');
    await section.getByLabel(/^Valeur \(/).fill('812,5');
    await section.getByRole('button', { name: 'Ajouter la valeur' }).click();

    // Two records on the server, written by the admin: the indicator (its final target) and the value.
    await expect
      .poll(
        async () =>
          (
            await team.pool.query(
              `SELECT p.id, p.properties->>'value' AS value, u.email FROM atlas.pcaet p
               JOIN atlas.users u ON u.id = p.updated_by WHERE NOT p.deleted ORDER BY p.id`,
            )
          ).rows,
        { timeout: 30_000 },
      )
      .toEqual([
        { id: 'indicateur:emissions-de-gaz-a-effet-de-serre', value: '600', email: ADMIN },
        { id: 'valeur:emissions-de-gaz-a-effet-de-serre||2024-01-01|value', value: '812.5', email: ADMIN },
      ]);

    // The viewer's open dashboard shows the indicator and its value, without reload.
    await expect
      .poll(() => sectionText(viewer), { timeout: 30_000 })
      .toContain('Émissions de gaz à effet de serre');
    await viewer.getByText(/Valeurs enregistrées/).click();
    await expect.poll(() => sectionText(viewer), { timeout: 30_000 }).toMatch(/812,5/);
    expect(await viewer.getByTestId('pcaet-section').getByRole('button', { name: 'Supprimer' }).count()).toBe(
      0,
    );
    expect(await viewer.getByRole('button', { name: 'Ajouter la valeur' }).count()).toBe(0);
    await expect
      .poll(() => viewer.getByTestId('record-history').textContent(), { timeout: 30_000 })
      .toContain(`créé par ${ADMIN}`);
    await viewer.getByTestId('pcaet-section').scrollIntoViewIfNeeded();
    await screenshot(viewer, 'team-pcaet-viewer');

    // Only the Pays writes PCAET figures: an editor's POST and a viewer's PATCH are refused.
    const status = (page: Page, method: string, path: string, body: unknown) =>
      page.evaluate(
        async ([m, p, b]) =>
          (
            await fetch(p as string, {
              method: m as string,
              headers: { 'content-type': 'application/json', 'if-match': '"1"' },
              body: JSON.stringify(b),
            })
          ).status,
        [method, path, body] as const,
      );
    const editor = await openPcaet(EDITOR);
    expect(
      await status(editor, 'POST', '/api/pcaet', {
        id: 'x',
        properties: { indicatorId: 'x', date: '2024-01-01', value: 1, type: 'value' },
      }),
    ).toBe(403);
    expect(
      await status(
        viewer,
        'PATCH',
        `/api/pcaet/${encodeURIComponent('indicateur:emissions-de-gaz-a-effet-de-serre')}`,
        {
          properties: { value: 1 },
        },
      ),
    ).toBe(403);
  });
});
