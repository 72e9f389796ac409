/**
 * A file imported in team mode goes to the server (real server and PostgreSQL, DATABASE_URL exported by
 * `.ci/run`): an editor validates a small lights inventory in the import dialog, the server's report is shown
 * (accepted, rejected rows with their reason), the points are in the database, and another signed-in user sees
 * them without reloading. A viewer is not offered the import. Skipped without DATABASE_URL, except in CI.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { confirmImport, importDialog, importReport } from './importDialog.ts';
import { DESVRES, PASSWORD, startTeamServer, type TeamServer, type Win } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_) process.stderr.write('\n⚠ teamImport.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const SAMPLE = resolve(import.meta.dirname, '../../public/data/generated/sample-lights.csv');
const NEW_IDS = ['EP-IMPORT-0001', 'EP-IMPORT-0002', 'EP-IMPORT-0003'];

let browser: Browser;
let team: TeamServer;

const storeHas = (page: Page, ids: string[]) =>
  page.evaluate((wanted) => {
    const have = new Set((window as unknown as Win).__atlasStore.getState().lightPoints.map((p) => p.id));
    return wanted.filter((id) => have.has(id)).length;
  }, ids);

/** Three Desvres sample lines under new ids, and one line with neither position nor commune (rejected). */
function inventory(): string {
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const byId = new Map(lines.map((l) => [l.split(';')[0]!, l]));
  const rows = team.points[DESVRES]!.slice(0, 3).map((id, i) => {
    const cells = byId.get(id)!.split(';');
    cells[0] = NEW_IDS[i]!;
    return cells.join(';');
  });
  const cols = header!.split(';');
  const empty = cols.map(() => '');
  empty[0] = 'EP-IMPORT-0004';
  empty[cols.indexOf('statut')] = 'à rénover';
  return `${[header, ...rows, empty.join(';')].join('\n')}\n`;
}

describe.skipIf(!URL_)('team mode: a file import goes to the server (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(browser, 'import', [
      { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
      { email: 'editrice@desvres-samer.fr', role: 'editor', password: PASSWORD, epci: [DESVRES] },
      { email: 'elu@pays-boulonnais.fr', role: 'viewer', password: PASSWORD },
    ]);
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('sends an editor’s inventory to the server; another user sees the points without reload', async () => {
    const other = await team.signedIn('chef@pays-boulonnais.fr');
    const editor = await team.signedIn('editrice@desvres-samer.fr');
    expect(await storeHas(other, NEW_IDS)).toBe(0);

    await editor.getByLabel('Importer un inventaire…').setInputFiles({
      name: 'inventaire-desvres.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(inventory(), 'utf8'),
    });
    await confirmImport(editor);
    await importReport(editor);
    const dialog = importDialog(editor);
    expect(await dialog.getByTestId('team-import-note').textContent()).toContain(
      'envoie le fichier au serveur',
    );
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    const done = dialog.getByTestId('team-import-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toContain('3 lignes acceptées');
    expect(await dialog.getByTestId('team-import-inserted').textContent()).toBe('3 ajouts');
    const rejected = dialog.getByTestId('team-import-rejected');
    expect(await rejected.locator('tbody tr').count()).toBe(1);
    expect(await rejected.locator('tbody td').first().textContent()).toBe('5');
    await screenshot(editor, 'team-import-report');

    const { rows } = await team.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM atlas.lights WHERE id = ANY($1) AND NOT deleted',
      [NEW_IDS],
    );
    expect(rows[0]!.n).toBe(3);
    // The importer's own view comes from the server too, and the other user's through the event stream.
    await expect.poll(() => storeHas(editor, NEW_IDS), { timeout: 30_000 }).toBe(3);
    await expect.poll(() => storeHas(other, NEW_IDS), { timeout: 30_000 }).toBe(3);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'detached' });
    await screenshot(other, 'team-import-other-user');
  });

  it('does not offer the import to a viewer', async () => {
    const viewer = await team.signedIn('elu@pays-boulonnais.fr');
    await expect
      .poll(() => viewer.getByTestId('lights-read-only').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await viewer.getByLabel('Importer un inventaire…').count()).toBe(0);
    await screenshot(viewer, 'team-import-viewer');
  });
});
