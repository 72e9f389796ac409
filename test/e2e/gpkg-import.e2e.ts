import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readGeoPackage } from '../../src/io/gpkg/read.ts';
import { writeGeoPackage } from '../../src/io/gpkg/write.ts';
import { buildContentSecurityPolicy, HTTP_CSP_DIRECTIVES } from '../../src/security/csp.ts';
import { launchBrowser, openApp, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';
import { importDialog, plainSpaces } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Lambert-93 positions of real sample points (Boulogne-sur-Mer and around), as the sample writes them. */
function positions(count: number): [string, string][] {
  const sample = readFileSync(resolve(RESULTS_DIR, '../public/data/generated/sample-lights.csv'), 'utf8');
  const lines = sample.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(';');
  const [xi, yi] = [header.indexOf('X'), header.indexOf('Y')];
  return lines
    .slice(1)
    .filter((l) => l.startsWith('EP-62160-'))
    .slice(0, count)
    .map((l) => {
      const cells = l.split(';');
      return [cells[xi]!, cells[yi]!];
    });
}

const N = 150;
const spots = positions(N + 4);
const num = (text: string) => Number(text.replace(',', '.'));
const id = (i: number) => `PL-${String(i + 1).padStart(4, '0')}`;

/**
 * A QGIS-like GeoPackage: the light points in Lambert-93 and a second layer (a polygon in WGS84), so that the
 * dialog must ask which layer to import.
 */
async function geoPackage(): Promise<Buffer> {
  const bytes = await writeGeoPackage(
    [
      {
        name: 'perimetre_etude',
        srsId: 4326,
        geometryType: 'POLYGON',
        fields: [{ name: 'nom', type: 'TEXT' }],
        features: [
          {
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [1.55, 50.7],
                  [1.65, 50.7],
                  [1.65, 50.75],
                  [1.55, 50.7],
                ],
              ],
            },
            properties: { nom: 'Centre' },
          },
        ],
      },
      {
        name: 'points_lumineux',
        srsId: 2154,
        geometryType: 'POINT',
        fields: [
          { name: 'identifiant', type: 'TEXT' },
          { name: 'statut', type: 'TEXT' },
          { name: 'technologie', type: 'TEXT' },
          { name: 'puissance_w', type: 'REAL' },
        ],
        features: spots.slice(0, N).map(([x, y], i) => ({
          geometry: { type: 'Point', coordinates: [num(x), num(y)] },
          properties: {
            identifiant: id(i),
            statut: 'à rénover',
            technologie: 'Sodium haute pression',
            puissance_w: 150,
          },
        })),
      },
    ],
    { projected: true },
  );
  return Buffer.from(bytes);
}

/**
 * The adviser's monthly CSV: PL-0001…PL-0005 now « programmé », PL-0006…PL-0008 as they were, and four new
 * points (PL-0151…PL-0154). The other 142 points of the GeoPackage are not in it and must stay.
 */
function monthlyCsv(): Buffer {
  const row = (i: number, status: string) =>
    `${id(i)};${spots[i]![0]};${spots[i]![1]};${status};Sodium haute pression;150`;
  const rows = [
    'identifiant;X;Y;statut;technologie;puissance_w',
    ...[0, 1, 2, 3, 4].map((i) => row(i, 'programmé')),
    ...[5, 6, 7].map((i) => row(i, 'à rénover')),
    ...[N, N + 1, N + 2, N + 3].map((i) => row(i, 'à rénover')),
  ];
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`, 'utf8');
}

interface StoreWindow {
  __atlasStore: { getState(): { lightPoints: { id: string; status: string }[] } };
}

const lights = (page: Page) =>
  page.evaluate(() => {
    const points = (window as unknown as StoreWindow).__atlasStore.getState().lightPoints;
    return {
      count: points.length,
      scheduled: points.filter((p) => p.status === 'scheduled').map((p) => p.id),
      ids: points.map((p) => p.id),
    };
  });

/** Points drawn on the map (clusters count their points). */
const drawnPoints = (page: Page) =>
  page.evaluate(() => {
    const map = window.__atlas!.map;
    return map
      .queryRenderedFeatures({ layers: ['lights-clusters', 'lights-points'] })
      .reduce((sum, f) => sum + (f.properties.point_count ? Number(f.properties.point_count) : 1), 0);
  });

const count = async (page: Page, testId: string) =>
  Number(await importDialog(page).getByTestId(testId).getAttribute('data-count'));

describe('GeoPackage then monthly CSV in « Mettre à jour » mode (issue 15)', () => {
  it('picks the GeoPackage layer, shows its points, then updates and adds from a CSV without loss', async () => {
    const { page, errors } = await openApp(browser, '#/eclairage', { width: 1400, height: 1000 });
    // Served with the policy the team server sends as an HTTP header (worker scripts included), so that the
    // SQLite WebAssembly of the built import worker runs under it.
    const policy = buildContentSecurityPolicy({}, HTTP_CSP_DIRECTIVES);
    const origin = new URL(inject('baseUrl')).origin;
    await page.route(
      (url) => url.origin === origin,
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({
          response,
          headers: { ...response.headers(), 'content-security-policy': policy },
        });
      },
    );
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    await page.reload();
    await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')), null, {
      timeout: 60_000,
    });
    await expect.poll(async () => (await lights(page)).count, { timeout: 90_000 }).toBeGreaterThan(20_000);
    const panel = page.getByRole('complementary', { name: 'Panneau latéral' });
    const input = panel.getByLabel('Importer un inventaire…');

    // 1. The GeoPackage: two layers, the user picks the points.
    await input.setInputFiles({
      name: 'inventaire-qgis.gpkg',
      mimeType: 'application/geopackage+sqlite3',
      buffer: await geoPackage(),
    });
    const dialog = importDialog(page);
    const picker = dialog.getByTestId('import-layer');
    await picker.waitFor({ timeout: 60_000 });
    expect(await picker.locator('option').count()).toBe(2);
    await picker.selectOption('points_lumineux');
    await expect
      .poll(async () => plainSpaces(await dialog.getByTestId('import-rows').textContent()), {
        timeout: 60_000,
      })
      .toBe(String(N));
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await count(page, 'import-accepted')).toBe(N);
    // Over the sample, « Remplacer » is proposed first.
    expect(await dialog.getByRole('radio', { name: /Remplacer/ }).isChecked()).toBe(true);
    expect(await count(page, 'import-plan-added')).toBe(N);
    expect(await count(page, 'import-plan-removed')).toBeGreaterThan(20_000);
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await lights(page)).count, { timeout: 30_000 }).toBe(N);
    await waitForIdle(page);
    await expect.poll(() => drawnPoints(page), { timeout: 30_000 }).toBe(N);
    await screenshot(page, 'gpkg-import-points');

    // 2. The monthly CSV: « Mettre à jour par identifiant » is the default once the data has identifiers.
    await input.setInputFiles({ name: 'releve-mensuel.csv', mimeType: 'text/csv', buffer: monthlyCsv() });
    await dialog.getByTestId('import-inspection').waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await dialog.getByRole('radio', { name: /Mettre à jour par identifiant/ }).isChecked()).toBe(true);
    expect(await count(page, 'import-plan-added')).toBe(4);
    expect(await count(page, 'import-plan-updated')).toBe(5);
    expect(await count(page, 'import-plan-unchanged')).toBe(3);
    expect(await count(page, 'import-plan-conflicting')).toBe(0);
    await dialog.getByTestId('import-modes').scrollIntoViewIfNeeded();
    await screenshot(page, 'gpkg-import-monthly-preview');
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await lights(page)).count, { timeout: 30_000 }).toBe(N + 4);
    const after = await lights(page);
    expect(after.scheduled.sort()).toEqual(['PL-0001', 'PL-0002', 'PL-0003', 'PL-0004', 'PL-0005']);
    // Nothing lost: every point of the GeoPackage is still there, the new ones after them.
    expect(after.ids).toEqual([...Array.from({ length: N + 4 }, (_, i) => id(i))]);
    await waitForIdle(page);
    await expect.poll(() => drawnPoints(page), { timeout: 30_000 }).toBe(N + 4);
    await screenshot(page, 'gpkg-import-monthly-applied');

    // 3. « Annuler le dernier import »: back to the GeoPackage's points.
    await panel.getByTestId('undo-import-lights').click();
    await expect.poll(async () => (await lights(page)).count, { timeout: 30_000 }).toBe(N);
    expect((await lights(page)).scheduled).toEqual([]);

    // 4. The inventory exported as a GeoPackage, written by the built worker's SQLite, reads back.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      panel.getByTestId('lights-inventory-gpkg').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^inventaire-eclairage-.*\.gpkg$/);
    const exported = await readGeoPackage(new Uint8Array(readFileSync((await download.path())!)));
    expect(exported.ok && exported.layers.map((l) => [l.name, l.srsId, l.count])).toEqual([
      ['points_lumineux', 2154, N],
    ]);

    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual(
      [],
    );
    expect(errors).toEqual([]);
  }, 300_000);
});
