/**
 * History in team mode against the real server and PostgreSQL (DATABASE_URL, exported by `.ci/run`): a light
 * point's sheet shows who changed it, when and how (« modifié par … le … : statut à rénover → rénové »), and an
 * admin's page lists the accounts with role and scope and the last changes. Skipped without DATABASE_URL,
 * except in CI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { DESVRES, PASSWORD, renovate, startTeamServer, type TeamServer, type Win } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_)
  process.stderr.write('\n⚠ teamHistory.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

let browser: Browser;
let team: TeamServer;

const text = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId);

describe.skipIf(!URL_)('team mode: history and admin page (real server and PostgreSQL)', () => {
  let id = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(browser, 'history', [
      { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
      { email: 'editrice@desvres-samer.fr', role: 'editor', password: PASSWORD, epci: [DESVRES] },
      { email: 'elu@pays-boulonnais.fr', role: 'viewer', password: PASSWORD },
      {
        email: 'conseil@fr-boulonnais.fr',
        role: 'adviser',
        password: PASSWORD,
        structure: 'EIE Boulonnais',
        communes: ['62160'],
      },
    ]);
    const { rows } = await team.pool.query<{ id: string }>(
      "SELECT id FROM atlas.lights WHERE id = ANY($1) AND properties->>'statut' = 'à rénover' ORDER BY id LIMIT 1",
      [team.points[DESVRES]],
    );
    id = rows[0]!.id;
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('shows on a point’s sheet who changed it, when and how', async () => {
    const editor = await team.signedIn('editrice@desvres-samer.fr');
    await renovate(editor, [id], '2026-10-12', '30');
    await expect
      .poll(
        async () =>
          (await team.pool.query('SELECT version FROM atlas.lights WHERE id = $1', [id])).rows[0].version,
        { timeout: 30_000 },
      )
      .toBe(2);
    // The one selected point's sheet, as a viewer on another browser sees it.
    const viewer = await team.signedIn('elu@pays-boulonnais.fr');
    await viewer.evaluate(
      (sel) => (window as unknown as Win).__atlasStore.getState().setLightsSelection(sel),
      [id],
    );
    await viewer.getByTestId('light-sheet').waitFor({ timeout: 30_000 });
    await expect.poll(() => text(viewer, 'light-sheet'), { timeout: 30_000 }).toContain('modifié par');
    const sheet = await text(viewer, 'light-sheet');
    expect(sheet).toContain(`Fiche du point ${id}`);
    expect(sheet).toMatch(
      /modifié par editrice@desvres-samer\.fr le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} : .*statut à rénover → rénové/,
    );
    expect(sheet).toContain('puissance apres w — → 30');
    await viewer.getByTestId('light-sheet').scrollIntoViewIfNeeded();
    await screenshot(viewer, 'team-history-light-sheet');
    // Another live edit appears in the open sheet without reselecting.
    await renovate(editor, [id], '2026-10-12', '25');
    await expect.poll(() => text(viewer, 'light-sheet'), { timeout: 30_000 }).toContain('30 → 25');
  });

  it('lists accounts with role and scope, and the last changes, for an admin only', async () => {
    const admin = await team.signedIn('chef@pays-boulonnais.fr');
    await admin.getByRole('button', { name: 'Administration' }).click();
    const page = admin.getByTestId('team-admin');
    await admin.getByTestId('team-admin-changes').waitFor({ timeout: 30_000 });
    const row = (email: string) =>
      admin.getByTestId('team-admin-users').getByRole('row').filter({ hasText: email }).textContent();
    expect(await row('editrice@desvres-samer.fr')).toMatch(/éditeur.*Desvres/);
    expect(await row('elu@pays-boulonnais.fr')).toMatch(/lecteur.*tout le territoire/);
    expect(await row('conseil@fr-boulonnais.fr')).toMatch(
      /conseiller.*Boulogne-sur-Mer, structure EIE Boulonnais/,
    );
    expect(await row('chef@pays-boulonnais.fr')).toMatch(/administrateur.*tout le territoire/);
    const changes = await admin.getByTestId('team-admin-changes').textContent();
    expect(changes).toMatch(new RegExp(`editrice@desvres-samer\\.fr.*Éclairage public.*${id}.*modification`));
    expect(changes).toContain('statut à rénover → rénové');
    expect(changes).toMatch(/chef@pays-boulonnais\.fr.*Éclairage public.*import/);
    await screenshot(admin, 'team-admin-page');
    await page.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => page.count()).toBe(0);
    // Not for others: no button, and the server refuses the lists.
    const viewer = await team.signedIn('elu@pays-boulonnais.fr');
    expect(await viewer.getByRole('button', { name: 'Administration' }).count()).toBe(0);
    expect(await viewer.evaluate(async () => (await fetch('/api/admin/users')).status)).toBe(403);
  });
});
