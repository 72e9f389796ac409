/**
 * Friche sites shared in team mode against the real server and PostgreSQL (DATABASE_URL, exported by
 * `.ci/run`), one browser context per user: an editor of the CA du Boulonnais draws a site and changes its
 * status, a viewer sees both without reload (ranking, sheet, history); the viewer and another EPCI's editor
 * cannot edit it, in the UI (no drawing tool, no « Modifier la fiche », or no site at all) and through the API
 * (403). Skipped without DATABASE_URL, except in CI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, waitForIdle } from './browser.ts';
import { BOULONNAIS, DESVRES, PASSWORD, startTeamServer, type TeamServer } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_)
  process.stderr.write('\n⚠ teamFriches.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const ROWS = '[data-testid="friches-ranking"] tbody tr';
const EDITOR = 'urbaniste@agglo-boulonnais.fr';
const OTHER = 'urbaniste@desvres-samer.fr';
const VIEWER = 'elu@pays-boulonnais.fr';

let browser: Browser;
let team: TeamServer;

const text = (page: Page, testId: string) =>
  page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId);

/** PATCH from the page itself (its session cookie and Origin), as a modified client would. */
const patchFromPage = (page: Page, id: string) =>
  page.evaluate(async (siteId) => {
    const r = await fetch(`/api/friches/${encodeURIComponent(siteId)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': '"2"' },
      body: JSON.stringify({ properties: { site_statut: 'friche reconvertie' } }),
    });
    return r.status;
  }, id);

async function openSheet(page: Page, id: string) {
  await page.getByRole('tab', { name: 'Classement' }).click();
  await page.locator(`${ROWS}[data-site-id="${id}"]`).click();
  await page.getByTestId('friches-sheet').waitFor({ timeout: 30_000 });
}

describe.skipIf(!URL_)('team mode: shared friche sites (real server and PostgreSQL)', () => {
  let siteId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(browser, 'friches', [
      { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
      { email: EDITOR, role: 'editor', password: PASSWORD, epci: [BOULONNAIS] },
      { email: OTHER, role: 'editor', password: PASSWORD, epci: [DESVRES] },
      { email: VIEWER, role: 'viewer', password: PASSWORD },
    ]);
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('an editor draws a site and changes its status; a viewer sees both without reload, with the history', async () => {
    const viewer = await team.signedIn(VIEWER, '#/friches');
    const editor = await team.signedIn(EDITOR, '#/friches');
    // Team mode: the team's sites only (none yet), no sample.
    expect(await editor.locator(ROWS).count()).toBe(0);

    await editor.evaluate(() => window.__atlas!.map.jumpTo({ center: [1.6145, 50.7264], zoom: 15 }));
    await waitForIdle(editor);
    await editor.getByRole('tab', { name: 'Données' }).click();
    await editor.getByRole('button', { name: 'Dessiner le périmètre' }).click();
    const box = await editor.locator('[data-testid="map"]').boundingBox();
    const at = (fx: number, fy: number) => [box!.x + box!.width * fx, box!.y + box!.height * fy] as const;
    for (const [fx, fy] of [
      [0.45, 0.45],
      [0.55, 0.45],
      [0.55, 0.55],
    ])
      await editor.mouse.click(...at(fx!, fy!));
    await editor.mouse.dblclick(...at(0.45, 0.55));
    const form = editor.getByTestId('friches-site-form');
    await form.waitFor({ timeout: 30_000 });
    siteId = await form.getByLabel('Identifiant du site').inputValue();
    expect(siteId).toMatch(/^62160_S\d{3}$/);
    await form.getByLabel('Nom du site').fill('Ancienne filature du port');
    await form.getByLabel('Statut').selectOption('friche sans projet');
    await form.getByRole('button', { name: 'Ajouter le site à l’inventaire' }).click();

    // Created on the server by the editor, with its perimeter and commune.
    await expect
      .poll(
        async () =>
          (
            await team.pool.query(
              `SELECT f.version, f.insee, GeometryType(f.surface) AS surface, u.email,
                 f.properties->>'site_statut' AS statut
               FROM atlas.friches f JOIN atlas.users u ON u.id = f.updated_by WHERE f.id = $1`,
              [siteId],
            )
          ).rows[0] ?? null,
        { timeout: 30_000 },
      )
      .toEqual({
        version: 1,
        insee: '62160',
        surface: 'POLYGON',
        email: EDITOR,
        statut: 'friche sans projet',
      });
    // The viewer's open page shows it (event stream, then an incremental read), without reload.
    await expect.poll(() => viewer.locator(ROWS).count(), { timeout: 30_000 }).toBe(1);
    expect(await viewer.locator(ROWS).first().textContent()).toContain('Ancienne filature du port');

    // The editor changes the status from the site's sheet.
    await openSheet(editor, siteId);
    const sheet = editor.getByTestId('friches-sheet');
    await sheet.getByRole('button', { name: 'Modifier la fiche' }).click();
    const edit = sheet.getByTestId('friches-site-form');
    await edit.getByLabel('Statut').selectOption('friche avec projet');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect
      .poll(
        async () =>
          (await team.pool.query('SELECT version FROM atlas.friches WHERE id = $1', [siteId])).rows[0]
            .version,
        { timeout: 30_000 },
      )
      .toBe(2);
    await expect.poll(() => text(editor, 'team-sync'), { timeout: 30_000 }).toContain('à jour');
    await waitForIdle(editor);
    await screenshot(editor, 'team-friches-editor');

    // The viewer's sheet: the new status and who changed it, no edit button, a read-only notice.
    await openSheet(viewer, siteId);
    await expect
      .poll(() => text(viewer, 'friches-sheet'), { timeout: 30_000 })
      .toContain('friche avec projet');
    await expect
      .poll(() => text(viewer, 'record-history'), { timeout: 30_000 })
      .toMatch(
        new RegExp(
          `modifié par ${EDITOR.replace(/\./g, '\\.')} le .*friche sans projet → friche avec projet`,
        ),
      );
    expect(await text(viewer, 'record-history')).toContain(`créé par ${EDITOR}`);
    const viewerSheet = viewer.getByTestId('friches-sheet');
    expect(await viewerSheet.getByRole('button', { name: 'Modifier la fiche' }).count()).toBe(0);
    expect(await text(viewer, 'friches-sheet-read-only')).toContain('Lecture seule');
    await viewer.getByTestId('record-history').scrollIntoViewIfNeeded();
    await waitForIdle(viewer);
    await screenshot(viewer, 'team-friches-viewer-sheet');
  });

  it('a viewer and another EPCI’s editor cannot edit the site, in the UI nor through the API', async () => {
    const viewer = await team.signedIn(VIEWER, '#/friches');
    await viewer.getByRole('tab', { name: 'Données' }).click();
    expect(await viewer.getByRole('button', { name: 'Dessiner le périmètre' }).count()).toBe(0);
    expect(await text(viewer, 'friches-read-only')).toMatch(/Lecture seule : votre rôle \(lecteur\)/);
    expect(await patchFromPage(viewer, siteId)).toBe(403);

    // Desvres-Samer's editor may draw sites of its own EPCI, but never receives this one, nor may change it.
    const other = await team.signedIn(OTHER, '#/friches');
    expect(await other.locator(ROWS).count()).toBe(0);
    await other.getByRole('tab', { name: 'Données' }).click();
    expect(await other.getByRole('button', { name: 'Dessiner le périmètre' }).count()).toBe(1);
    expect(await patchFromPage(other, siteId)).toBe(403);
    const { rows } = await team.pool.query(
      "SELECT version, properties->>'site_statut' AS statut FROM atlas.friches WHERE id = $1",
      [siteId],
    );
    expect(rows[0]).toEqual({ version: 2, statut: 'friche avec projet' });
    await screenshot(viewer, 'team-friches-viewer-read-only');
  });
});
