import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, importDialog, plainSpaces } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

declare global {
  interface Window {
    __progressSeen?: { now: number; max: number; text: string; beforeReport: boolean }[];
  }
}

/** Rows of the generated sample inventory: real positions (Lambert-93, decimal commas) and accented names. */
const SAMPLE = readFileSync(resolve(RESULTS_DIR, '../public/data/generated/sample-lights.csv'), 'utf8')
  .replace(/^\uFEFF/, '')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '');
const HEADER = SAMPLE[0]!.split(';');
const ROWS = SAMPLE.slice(1);
const X = HEADER.indexOf('X');
const Y = HEADER.indexOf('Y');

/**
 * A `;` inventory of `count` rows in Windows-1252 (accents in commune and address), Lambert-93 X/Y with
 * decimal commas, cycling over the sample's positions with fresh ids; `bad` replaces rows by index.
 */
function inventory(name: string, count: number, bad: Map<number, (cells: string[]) => void> = new Map()) {
  const lines = [HEADER.join(';')];
  for (let i = 0; i < count; i++) {
    const cells = ROWS[i % ROWS.length]!.split(';');
    cells[0] = `IMP-${String(i + 1).padStart(7, '0')}`;
    bad.get(i)?.(cells);
    lines.push(cells.join(';'));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  if (Buffer.from(text, 'latin1').toString('latin1') !== text)
    throw new Error('caractère hors Windows-1252 dans le fichier de test');
  mkdirSync(resolve(RESULTS_DIR, 'files'), { recursive: true });
  const path = resolve(RESULTS_DIR, 'files', name);
  // Latin-1 bytes are Windows-1252 for every character used here (é, è, à, â, É).
  writeFileSync(path, Buffer.from(text, 'latin1'));
  return path;
}

/** Records every state of the progress bar, and whether the report was already there. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__progressSeen = [];
    const record = () => {
      const bar = document.querySelector('[data-testid="import-dialog"] [role="progressbar"]');
      if (!bar) return;
      window.__progressSeen!.push({
        now: Number(bar.getAttribute('aria-valuenow')),
        max: Number(bar.getAttribute('aria-valuemax')),
        text: bar.getAttribute('aria-valuetext') ?? '',
        beforeReport: document.querySelector('[data-testid="import-report"]') === null,
      });
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
}

const lightsState = (page: Page) =>
  page.evaluate(() => {
    const s = window.__atlasStore!.getState();
    return { source: s.lightsSource, count: s.lightPoints.length, first: s.lightPoints[0]?.id ?? null };
  });

async function sampleLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__atlasStore!.getState().lightsSource?.kind === 'sample', null, {
    timeout: 90_000,
  });
}

const N = 50_000;
/** Data indices of the bad rows; their spreadsheet row is index + 2 (header = row 1). */
const MISSING_X = 99;
const BAD_NUMBER = 20_000;
const OUTSIDE_FRANCE = 45_001;

describe('import dialog (street lights)', () => {
  it('imports 50,000 Windows-1252 Lambert-93 rows: inspection, progress, report, CSV, validation, map', async () => {
    const path = inventory(
      'inventaire-50k.csv',
      N,
      new Map([
        [
          MISSING_X,
          (c) => {
            c[X] = '';
          },
        ],
        [
          BAD_NUMBER,
          (c) => {
            c[X] = '6O1352,62';
          },
        ],
        [
          OUTSIDE_FRANCE,
          (c) => {
            c[X] = '5000000,00';
            c[Y] = '1000,00';
          },
        ],
      ]),
    );
    const { page, errors } = await openApp(browser, '#/eclairage', { width: 1400, height: 1000 });
    await sampleLoaded(page);

    // Inspection: what was detected, the mapping proposed, a preview with the accents decoded.
    await page.getByLabel('Importer un inventaire…').setInputFiles(path);
    const dialog = importDialog(page);
    const inspection = dialog.getByTestId('import-inspection');
    await inspection.waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('import-encoding').textContent()).toBe('Windows-1252 (ANSI, Excel)');
    expect(await dialog.getByTestId('import-delimiter').textContent()).toBe('« ; » point-virgule');
    expect(await dialog.getByTestId('import-crs').textContent()).toBe('Lambert-93 (EPSG:2154)');
    expect(plainSpaces(await dialog.getByTestId('import-rows').textContent())).toBe('50 000');
    expect(await dialog.getByTestId('import-mapping-id').inputValue()).toBe('identifiant');
    expect(await dialog.getByTestId('import-mapping-x').inputValue()).toBe('X');
    expect(await dialog.getByTestId('import-mapping-y').inputValue()).toBe('Y');
    expect(await dialog.getByTestId('import-mapping-insee').inputValue()).toBe('code_insee');
    expect(await dialog.getByTestId('import-crs-choice').inputValue()).toBe('auto');
    expect(await dialog.getByTestId('import-swapped').count()).toBe(0);
    const preview = (await dialog.getByTestId('import-preview').textContent()) ?? '';
    expect(preview).toMatch(/à rénover/);
    expect(preview).not.toContain('\ufffd');
    await screenshot(page, 'import-inspection');

    // Import: the progress bar counts rows read before the report appears.
    await watchProgress(page);
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = dialog.getByTestId('import-report');
    await report.waitFor({ timeout: 120_000 });
    const wallMs = Date.now() - started;
    // Parsed off the main thread: the shared import worker is running (it also loaded the sample).
    expect(page.workers().some((w) => /import\.worker/.test(w.url()))).toBe(true);
    const seen = (await page.evaluate(() => window.__progressSeen)) ?? [];
    const during = seen.filter((s) => s.beforeReport && s.now > 0);
    expect(during.every((s) => s.now <= s.max)).toBe(true);
    // Two phases: the engine counts the file's rows, then the module counts the accepted rows it checks.
    const reading = during.filter((s) => s.text.includes('lignes lues'));
    const checking = during.filter((s) => s.text.includes('lignes vérifiées'));
    expect(reading.length + checking.length).toBe(during.length);
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.every((s) => s.max >= N)).toBe(true);
    expect(checking.every((s) => s.max === N - 3)).toBe(true);

    // Report: accepted, rejected with row numbers and reasons.
    expect(await dialog.getByTestId('import-accepted').getAttribute('data-count')).toBe(String(N - 3));
    expect(await dialog.getByTestId('import-rejected').getAttribute('data-count')).toBe('3');
    expect(plainSpaces(await dialog.getByTestId('import-accepted').textContent())).toBe(
      '49 997 points lumineux retenus',
    );
    const rejected = await dialog
      .getByTestId('import-rejected-rows')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rejected.map((r) => Number(r[0]))).toEqual([MISSING_X + 2, BAD_NUMBER + 2, OUTSIDE_FRANCE + 2]);
    expect(rejected[0]![1]).toBe('coordonnée manquante (X)');
    expect(rejected[1]![1]).toBe('nombre illisible dans X : « 6O1352,62 »');
    expect(rejected[2]![1]).toMatch(/^coordonnées hors de France \(X = 5000000,00, Y = 1000,00/);
    const timing = dialog.getByTestId('import-duration');
    const durationMs = Number(await timing.getAttribute('data-ms'));
    const engineMs = Number(await timing.getAttribute('data-engine-ms'));
    expect(engineMs).toBeGreaterThan(0);
    expect(engineMs).toBeLessThanOrEqual(durationMs);
    console.info(
      `import de 50 000 lignes : ${durationMs} ms dans l’application (dont moteur ${engineMs} ms, règles du module ${durationMs - engineMs} ms), ${wallMs} ms vu du test`,
    );
    await screenshot(page, 'import-report');

    // The downloadable report lists the same rows.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Télécharger le rapport (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^rapport-import-inventaire-50k-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('ligne;statut;raison;identifiant');
    expect(csv.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual([
      `${MISSING_X + 2};rejetée`,
      `${BAD_NUMBER + 2};rejetée`,
      `${OUTSIDE_FRANCE + 2};rejetée`,
    ]);

    // Nothing changed before validation; then the inventory is replaced and drawn.
    expect(await lightsState(page)).toMatchObject({ source: { kind: 'sample' } });
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => lightsState(page))
      .toMatchObject({
        count: N - 3,
        first: 'IMP-0000001',
        source: { kind: 'import', fileName: 'inventaire-50k.csv' },
      });
    const panel = page.getByRole('complementary', { name: 'Panneau latéral' });
    await expect
      .poll(() => panel.getByTestId('filter-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(N - 3));
    expect(plainSpaces(await panel.locator('#lights-title + p').textContent())).toContain(
      '49 997 points lumineux.',
    );
    expect(plainSpaces(await page.getByTestId('lights-import-report').textContent())).toContain(
      '50 000 lignes lues, 49 997 points retenus, 3 lignes rejetées',
    );
    await waitForIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const features = map.queryRenderedFeatures({ layers: ['lights-clusters', 'lights-points'] });
      const counted = features.reduce(
        (sum, f) => sum + (f.properties.point_count ? Number(f.properties.point_count) : 1),
        0,
      );
      return { features: features.length, counted };
    });
    expect(drawn.features).toBeGreaterThan(10);
    // More than the sample holds (~25,000): what is drawn is the imported inventory.
    expect(drawn.counted).toBeGreaterThan(30_000);
    expect(drawn.counted).toBeLessThanOrEqual(N - 3);
    await screenshot(page, 'import-map-after');
    expect(errors).toEqual([]);
  }, 300_000);

  it('cancels the import of a big file: the dialog stays on the mapping, the data in place is untouched', async () => {
    // ~120 MB, a million rows: long enough to be caught while rows are still being read.
    const path = inventory('inventaire-gros.csv', 1_000_000);
    const { page, errors } = await openApp(browser, '#/eclairage', { width: 1400, height: 1000 });
    await sampleLoaded(page);
    const before = await lightsState(page);

    await page.getByLabel('Importer un inventaire…').setInputFiles(path);
    await confirmImport(page, 120_000);
    const dialog = importDialog(page);
    const bar = dialog.getByRole('progressbar');
    // One look at the bar and its label together, while rows are still being read.
    let caught = '';
    const reading = async () => {
      const seen = await page.evaluate(() => {
        const bar = document.querySelector('[data-testid="import-dialog"] [role="progressbar"]');
        if (!bar) return null;
        return {
          now: Number(bar.getAttribute('aria-valuenow')),
          max: Number(bar.getAttribute('aria-valuemax')),
          text: document.querySelector('[data-testid="import-progress"]')?.textContent ?? '',
        };
      });
      if (!seen || seen.now <= 0 || seen.now >= seen.max) return false;
      caught = seen.text;
      return true;
    };
    await expect.poll(reading, { timeout: 60_000, interval: 20 }).toBe(true);
    await screenshot(page, 'import-progress');
    expect(plainSpaces(caught)).toMatch(
      /^Lecture de inventaire-gros\.csv…[\d ]+ lignes lues sur 1 000 000 \(\d+ %\)$/,
    );
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await dialog.getByTestId('import-inspection').waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('status').first().textContent()).toBe(
      'Import annulé : les données actuelles sont conservées.',
    );
    expect(await bar.count()).toBe(0);
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Given time to land, a result that escaped the cancel would show here.
    await page.waitForTimeout(1_000);
    expect(await lightsState(page)).toEqual(before);
    expect(await page.getByTestId('lights-import-report').count()).toBe(0);
    expect(errors).toEqual([]);
    rmSync(path, { force: true }); // 120 MB: not worth keeping among the test results
  }, 300_000);
});

describe('import dialog (friches context layer)', () => {
  it('passes the role chosen in the dialog through, and reports rows the module refuses', async () => {
    // Lambert-93 (legacy `crs` member) around Boulogne-sur-Mer: two zones, a point, a feature without geometry.
    const square = (x: number, y: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 500, y],
          [x + 500, y + 500],
          [x, y + 500],
          [x, y],
        ],
      ],
    });
    const layer = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
      features: [
        { type: 'Feature', properties: { nom: 'Zone de la Liane' }, geometry: square(600500, 7069500) },
        { type: 'Feature', properties: { nom: 'Zone du Wimereux' }, geometry: square(601200, 7078000) },
        {
          type: 'Feature',
          properties: { nom: 'Repère de crue' },
          geometry: { type: 'Point', coordinates: [600700, 7069700] },
        },
        { type: 'Feature', properties: { nom: 'Sans géométrie' }, geometry: null },
      ],
    };
    const { page, errors } = await openApp(browser, '#/friches', { width: 1400, height: 1000 });
    await page.waitForFunction(() => window.__atlasStore!.getState().frichesSource?.kind === 'sample', null, {
      timeout: 90_000,
    });
    await page.getByRole('tab', { name: 'Données' }).click();
    await page.getByTestId('friches-context-input').setInputFiles({
      name: 'zones-inondables.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(layer), 'utf8'),
    });
    const dialog = importDialog(page);
    await dialog.getByTestId('import-inspection').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('import-format').textContent()).toBe('GeoJSON');
    expect(await dialog.getByTestId('import-crs').textContent()).toBe('Lambert-93 (EPSG:2154)');
    // Geometry comes from the features: only the id and INSEE columns can be chosen.
    expect(await dialog.getByTestId('import-mapping-x').count()).toBe(0);
    await dialog.getByLabel('Rôle de la couche').selectOption('floodZones');
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = dialog.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('import-accepted').textContent()).toBe('2 éléments retenus');
    expect(await dialog.getByTestId('import-rejected').textContent()).toBe(
      '2 lignes rejetées (1 à la lecture du fichier, 1 par les règles du module)',
    );
    const rows = await dialog
      .getByTestId('import-rejected-rows')
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    expect(rows.map((r) => r[0])).toEqual(['3', '4']);
    expect(rows[0]![1]).toBe('élément non surfacique : une zone (polygone) est attendue');
    expect(rows[1]![1]).toMatch(/géométrie/i);
    expect(await report.textContent()).toContain('« Zones inondables »');
    // Import modes (issue 15): over the fictional sample layer only « Remplacer » (real and made-up zones
    // never mix); features have no identifier, which the preview explains.
    const sampleZones = await page.evaluate(
      () => window.__atlasStore!.getState().frichesContext.floodZones?.count ?? 0,
    );
    expect(sampleZones).toBeGreaterThan(0);
    const modes = dialog.getByTestId('import-modes');
    expect(await modes.getByRole('radio').count()).toBe(1);
    expect(await modes.getByRole('radio', { name: /Remplacer/ }).isChecked()).toBe(true);
    expect(await modes.textContent()).toContain('n’ont pas d’identifiant');
    expect(await dialog.getByTestId('import-plan-added').getAttribute('data-count')).toBe('2');
    expect(await dialog.getByTestId('import-plan-removed').getAttribute('data-count')).toBe(
      String(sampleZones),
    );
    await screenshot(page, 'import-context-report');

    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = page.getByTestId('friches-context-list').locator('li', { hasText: 'Zones inondables' });
    await expect.poll(() => item.textContent()).toContain('Fichier : zones-inondables.geojson');
    expect(await item.textContent()).toContain('2 éléments');
    const stored = () =>
      page.evaluate(() => window.__atlasStore!.getState().frichesContext.floodZones?.layer.features.length);
    expect(await stored()).toBe(2);

    // A second file « Ajouter »: the Liane zone again (same geometry) and a new zone; the first is not
    // loaded twice.
    const second = {
      ...layer,
      features: [
        layer.features[0],
        { type: 'Feature', properties: { nom: 'Zone de la Slack' }, geometry: square(603000, 7085000) },
      ],
    };
    await page.getByTestId('friches-context-input').setInputFiles({
      name: 'ppri.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(second), 'utf8'),
    });
    await dialog.getByTestId('import-inspection').waitFor({ timeout: 60_000 });
    expect(await dialog.getByLabel('Rôle de la couche').inputValue()).toBe('floodZones');
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await report.waitFor({ timeout: 60_000 });
    // A real layer is there now: « Ajouter » first, « Remplacer » offered.
    expect(await modes.getByRole('radio').count()).toBe(2);
    expect(await modes.getByRole('radio', { name: /Ajouter/ }).isChecked()).toBe(true);
    expect(await dialog.getByTestId('import-plan-added').getAttribute('data-count')).toBe('1');
    expect(await dialog.getByTestId('import-plan-skipped').getAttribute('data-count')).toBe('1');
    expect(await dialog.getByTestId('import-plan-skipped').textContent()).toContain(
      'élément identique déjà chargé',
    );
    await modes.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-context-add-preview');
    // « Remplacer » previews its own counts; back to « Ajouter » before validating.
    await modes.getByRole('radio', { name: /Remplacer/ }).check();
    await expect.poll(() => dialog.getByTestId('import-plan-removed').getAttribute('data-count')).toBe('2');
    await modes.getByRole('radio', { name: /Ajouter/ }).check();
    await expect.poll(() => dialog.getByTestId('import-plan-skipped').count()).toBe(1);
    await dialog.getByRole('button', { name: 'Valider l’import' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => item.textContent()).toContain('3 éléments');
    expect(await item.textContent()).toContain('Fichier : zones-inondables.geojson + ppri.geojson');
    expect(await stored()).toBe(3);
    await screenshot(page, 'import-context-added');

    // « Annuler le dernier import » puts the two zones of the first file back.
    await page.getByTestId('undo-import-context:floodZones').click();
    await expect.poll(() => item.textContent()).toContain('2 éléments');
    expect(await item.textContent()).toContain('Fichier : zones-inondables.geojson');
    expect(await stored()).toBe(2);
    expect(errors).toEqual([]);
  }, 300_000);
});
