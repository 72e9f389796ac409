/**
 * From standalone to team and back, against the real server and PostgreSQL (DATABASE_URL, exported by `.ci/run`):
 * an editor takes « Travailler hors ligne sur une copie » (a project file of its EPCI's points only), imports it
 * in standalone mode, edits it (two points renovated, two new points from a file, one outside its scope), while
 * the Pays changes one of those points on the server; back in team mode, « Envoyer mon espace local vers
 * l'équipe » previews 1 added / 1 updated / 1 conflicting / 1 refused, the editor keeps its version of the
 * conflict, applies, and a viewer in another browser context sees the result. Skipped without DATABASE_URL,
 * except in CI.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeColumnar, isColumnarRecords } from '../../src/io/project/columnar.ts';
import { readProject } from '../../src/schema/project.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { confirmImport, importDialog } from './importDialog.ts';
import {
  BOULONNAIS,
  DESVRES,
  PASSWORD,
  renovate,
  startTeamServer,
  type TeamServer,
  type Win,
} from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_)
  process.stderr.write('\n⚠ teamTransfer.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const EDITOR = 'editeur@agglo-boulonnais.fr';
const VIEWER = 'elu@pays-boulonnais.fr';

let browser: Browser;
let team: TeamServer;

const pointCount = (page: Page) =>
  page.evaluate(() => (window as unknown as Win).__atlasStore.getState().lightPoints.length);
const statusOf = (page: Page, id: string) =>
  page.evaluate(
    (pid) =>
      (window as unknown as Win).__atlasStore.getState().lightPoints.find((p) => p.id === pid)?.status ??
      null,
    id,
  );

async function projectEntry(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Projet', exact: true }).click();
  await page.getByRole('button', { name }).click();
}

describe.skipIf(!URL_)('team mode: local workspace → team, and a copy to work offline', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(
      browser,
      'transfer',
      [
        { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
        { email: EDITOR, role: 'editor', password: PASSWORD, epci: [BOULONNAIS] },
        { email: VIEWER, role: 'viewer', password: PASSWORD },
      ],
      20,
    );
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('copies the team’s points, edits them in standalone mode, previews and applies them in one go', async () => {
    const mine = team.points[BOULONNAIS]!;
    const page = await team.signedIn(EDITOR);
    await expect.poll(() => pointCount(page), { timeout: 60_000 }).toBe(20);

    // « Travailler hors ligne sur une copie »: a project file with the editor's 20 points and their versions.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      projectEntry(page, 'Travailler hors ligne sur une copie'),
    ]);
    const file = (await download.path())!;
    const read = await readProject(new Uint8Array(readFileSync(file)));
    expect(read.ok, JSON.stringify(read.errors)).toBe(true);
    const sections = read.workspace!.sections as Record<string, { data: Record<string, unknown> }>;
    const stored = sections.lights!.data.points;
    const points = (isColumnarRecords(stored) ? decodeColumnar(stored as never) : stored) as { id: string }[];
    expect(points.map((p) => p.id).sort()).toEqual([...mine].sort());
    const versions = (sections.teamCopy!.data.versions as { lights: Record<string, number> }).lights;
    expect(Object.keys(versions).sort()).toEqual([...mine].sort());
    await expect
      .poll(() => page.getByTestId('team-copy-result').textContent())
      .toContain('20 points lumineux');
    await screenshot(page, 'team-copy-result');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // Standalone mode on this browser, the copy imported like any project file.
    await projectEntry(page, 'Espace d’équipe…');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Travailler en local', exact: true }).click(),
    ]);
    await page.waitForFunction(
      () => (window as unknown as Win).__atlasStore.getState().workspaceReady,
      null,
      {
        timeout: 90_000,
      },
    );
    expect(await page.getByTestId('team-identity').count()).toBe(0);
    await page.getByTestId('project-file-input').setInputFiles(file);
    const ask = page.getByRole('dialog', { name: 'Importer ce projet ?' });
    await expect.poll(() => ask.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await ask.getByTestId('project-contents').textContent()).toContain('Éclairage public : 20');
    await Promise.all([
      page.waitForEvent('load'),
      ask.getByRole('button', { name: 'Remplacer les données' }).click(),
    ]);
    await expect.poll(() => pointCount(page), { timeout: 90_000 }).toBe(20);

    // Edits: two points renovated, two new points added from a file (the second in another EPCI).
    await renovate(page, [mine[0]!, mine[1]!], '2026-11-02', '40');
    await expect.poll(() => statusOf(page, mine[1]!)).toBe('renovated');
    const panel = page.getByRole('complementary', { name: 'Panneau latéral' });
    await panel.getByLabel('Importer un inventaire…').setInputFiles({
      name: 'nouveaux-points.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'identifiant;longitude;latitude;statut;technologie;puissance_w\n' +
          'EP-NOUVEAU-1;1,6;50,72;à rénover;Sodium haute pression;100\n' +
          'EP-NOUVEAU-2;1,8353;50,6686;à rénover;Sodium haute pression;100\n',
        'utf8',
      ),
    });
    await confirmImport(page);
    const dialog = importDialog(page);
    await dialog.getByTestId('import-report').waitFor({ timeout: 60_000 });
    await dialog
      .getByTestId('import-modes')
      .getByRole('radio', { name: /Ajouter/ })
      .check();
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => pointCount(page)).toBe(22);
    // Saved in this browser's local workspace (what « Envoyer » reads) before leaving it.
    await page.getByRole('button', { name: 'Projet', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('save-status').textContent(), { timeout: 30_000 })
      .toContain('Enregistré dans ce navigateur');
    await page.keyboard.press('Escape');

    // Meanwhile the Pays changes one of the copied points on the server: a conflict for the editor.
    const changed = await fetch(`${team.base}/api/lights/${encodeURIComponent(mine[1]!)}`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json',
        'if-match': '"1"',
        origin: team.base,
        cookie: await team.cookie('chef@pays-boulonnais.fr'),
      },
      body: JSON.stringify({ properties: { statut: 'programmé' } }),
    });
    expect(changed.status).toBe(200);

    // Back to the team (the session is still valid), then « Envoyer mon espace local vers l'équipe ».
    await projectEntry(page, 'Espace d’équipe…');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Rejoindre l’équipe de ce serveur' }).click(),
    ]);
    await page.getByTestId('team-identity').waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId('team-sync').textContent(), { timeout: 60_000 })
      .toContain('à jour');
    await projectEntry(page, 'Envoyer mon espace local vers l’équipe…');
    await page.getByRole('button', { name: 'Espace local de ce navigateur' }).click();
    const preview = page.getByRole('dialog', { name: 'Aperçu de l’envoi vers l’équipe' });
    await preview.waitFor({ timeout: 60_000 });
    const count = (o: string) => preview.getByTestId(`transfer-count-lights-${o}`).getAttribute('data-count');
    expect({
      added: await count('added'),
      updated: await count('updated'),
      conflict: await count('conflict'),
      unchanged: await count('unchanged'),
      refused: await count('refused'),
    }).toEqual({ added: '1', updated: '1', conflict: '1', unchanged: '18', refused: '1' });
    const rows = preview.getByTestId('transfer-records-lights');
    expect(await rows.locator('tr[data-outcome="refused"]').textContent()).toContain(
      'Hors de votre périmètre (commune 62268)',
    );
    expect(await rows.locator('tr[data-outcome="conflict"]').textContent()).toContain(
      'modifié par chef@pays-boulonnais.fr',
    );
    await preview.getByLabel(`Version à garder pour ${mine[1]}`).selectOption('mine');
    await screenshot(page, 'team-transfer-preview');
    await preview.getByRole('button', { name: 'Envoyer 3 enregistrements' }).click();
    const result = page.getByRole('dialog', { name: 'Envoyé vers l’espace d’équipe' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.getByTestId('transfer-result').textContent()).toContain('1 ajouté');
    await screenshot(page, 'team-transfer-result');

    const rowOf = async (id: string) =>
      (await team.pool.query('SELECT insee, properties FROM atlas.lights WHERE id = $1', [id])).rows[0];
    expect((await rowOf(mine[0]!)).properties.statut).toBe('rénové');
    expect((await rowOf(mine[1]!)).properties.statut).toBe('rénové');
    expect(await rowOf('EP-NOUVEAU-1')).toMatchObject({ insee: '62160' });
    expect(await rowOf('EP-NOUVEAU-2')).toBeUndefined();

    // Another user, another browser context: the viewer sees what was sent.
    const viewer = await team.signedIn(VIEWER);
    await expect.poll(() => statusOf(viewer, 'EP-NOUVEAU-1'), { timeout: 60_000 }).toBe('toRenovate');
    expect(await statusOf(viewer, mine[0]!)).toBe('renovated');
    expect(await statusOf(viewer, mine[1]!)).toBe('renovated');
    expect(await pointCount(viewer)).toBe(team.points[DESVRES]!.length + 21);
  });
});
