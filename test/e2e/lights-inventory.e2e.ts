import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';
import { importDialog, plainSpaces, validateImport } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const intOf = async (page: Page, testId: string, attribute = 'data-value') =>
  Number(await page.getByTestId(testId).getAttribute(attribute));

/**
 * An inventory as a new user's tool exports it (issue 14): Windows-1252, `;`, Lambert-93, decimal commas,
 * identifiers under « N° point lumineux », « Type de lampe », « Puissance (W) », « État », lamp references as
 * the real Montpellier inventory writes them (SHP-100W-T, CDMT-70W-3000K), two rows outside the territory and
 * a second status-like column (« Statut marché ») that the user may pick instead of « État ».
 */
function inventory(): Buffer {
  const sample = readFileSync(resolve(RESULTS_DIR, '../public/data/generated/sample-lights.csv'), 'utf8');
  const lines = sample.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(';');
  const [xi, yi] = [header.indexOf('X'), header.indexOf('Y')];
  // Real positions in the territory: the first points of the sample in Boulogne-sur-Mer and Desvres.
  const spots = [
    ...lines.filter((l) => l.startsWith('EP-62160-')).slice(0, 4),
    ...lines.filter((l) => l.startsWith('EP-62268-')).slice(0, 2),
  ].map((l) => {
    const cells = l.split(';');
    return `${cells[xi]};${cells[yi]}`;
  });
  const rows = [
    'N° point lumineux;X;Y;Type de lampe;Puissance (W);État;Date travaux;Puissance après (W);Statut marché',
    `PL-0001;${spots[0]};SHP-100W-T;100;Rénové;12/03/2025;20;Programmé`,
    `PL-0002;${spots[1]};CDMT-70W-3000K;70;Rénové;02/04/2025;15;Programmé`,
    `PL-0003;${spots[2]};Sodium haute pression;150;Rénové;15/05/2025;30;Programmé`,
    `PL-0004;${spots[3]};Ballon fluorescent;125;A rénover;;;A rénover`,
    `PL-0005;${spots[4]};SHP-150W-T;150;Programmé;;;Programmé`,
    `PL-0006;${spots[5]};Iodures métalliques;beaucoup;A rénover;;;A rénover`, // rejected: power
    // Paris, Lambert-93: outside the territory, kept and flagged.
    'PL-0901;652000,00;6862000,00;SHP-100W-T;100;Rénové;10/06/2025;20;Rénové',
    'PL-0902;652100,00;6862100,00;SHP-100W-T;100;A rénover;;;A rénover',
  ];
  // Windows-1252: every character here is in Latin-1, where both encodings agree.
  return Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1');
}

async function chooseFile(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Panneau latéral' });
  await panel.getByLabel('Importer un inventaire…').setInputFiles({
    name: 'inventaire-ep-2025.csv',
    mimeType: 'text/csv',
    buffer: inventory(),
  });
  const dialog = importDialog(page);
  await dialog.getByTestId('import-inspection').waitFor({ timeout: 60_000 });
  return dialog;
}

describe('a real-looking street-lighting inventory', () => {
  it('keeps its identifiers, shows every column read, follows a status column change, keeps outside rows', async () => {
    const { page, errors } = await openApp(browser, '#/eclairage', { width: 1400, height: 2000 });
    const panel = page.getByRole('complementary', { name: 'Panneau latéral' });
    await expect
      .poll(() => intOf(page, 'filter-count', 'data-count'), { timeout: 90_000 })
      .toBeGreaterThan(20_000);

    // Inspection: encoding, identifier and every module column detected, values interpreted.
    let dialog = await chooseFile(page);
    expect(await dialog.getByTestId('import-encoding').textContent()).toMatch(/Windows-1252/);
    expect(await dialog.getByTestId('import-mapping-id').inputValue()).toBe('N° point lumineux');
    expect(await dialog.getByTestId('import-module-status').inputValue()).toBe('État');
    expect(await dialog.getByTestId('import-module-technologyBefore').inputValue()).toBe('Type de lampe');
    expect(await dialog.getByTestId('import-module-powerBeforeW').inputValue()).toBe('Puissance (W)');
    const techRow = plainSpaces(await dialog.getByTestId('module-field-technologyBefore').textContent());
    expect(techRow).toContain('SHP-100W-T → Sodium haute pression');
    expect(techRow).toContain('CDMT-70W-3000K → Iodures métalliques');
    expect(plainSpaces(await dialog.getByTestId('module-field-status').textContent())).toContain(
      'Rénové → rénové',
    );
    await dialog.getByTestId('import-module-mapping').scrollIntoViewIfNeeded();
    await screenshot(page, 'lights-inventory-mapping');

    // Report: the bad row rejected with its identifier, the two outside rows kept and flagged.
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog.getByTestId('import-report').waitFor({ timeout: 60_000 });
    expect(await dialog.getByTestId('import-accepted').getAttribute('data-count')).toBe('7');
    expect(await dialog.getByTestId('import-rejected').getAttribute('data-count')).toBe('1');
    expect(await dialog.getByTestId('import-outside').textContent()).toBe(
      '2 lignes hors du territoire, conservées et signalées',
    );
    const rejected = await dialog
      .getByTestId('import-rejected-rows')
      .locator('tbody tr td')
      .allTextContents();
    expect(rejected[0]).toBe('7');
    expect(rejected[2]).toBe('PL-0006');
    const outside = await dialog.getByTestId('import-outside-rows').locator('tbody tr').allTextContents();
    expect(outside.map((t) => t.replace(/\s+/g, ' '))).toEqual([
      expect.stringContaining('PL-0901'),
      expect.stringContaining('PL-0902'),
    ]);
    await screenshot(page, 'lights-inventory-report');
    await validateImport(page);

    // Gauges: the three « Rénové » rows are facteur 4 (÷ 5), dated in the contract period.
    await expect.poll(() => intOf(page, 'gauge-factor4')).toBe(3);
    expect(await intOf(page, 'gauge-total')).toBe(3);
    expect(await panel.getByTestId('outside-territory').textContent()).toMatch(
      /^2 points hors du territoire/,
    );
    expect(await panel.getByTestId('lights-import-report').textContent()).toContain(
      '8 lignes lues, 7 points retenus dont 2 hors du territoire',
    );
    // The list carries the file's identifiers; outside points are listed as such.
    const list = (await panel.getByTestId('lights-list').textContent()) ?? '';
    for (const id of ['PL-0001', 'PL-0003', 'PL-0005', 'PL-0901']) expect(list).toContain(id);
    expect(list).toContain('PL-0901 — hors du territoire');
    expect(list).not.toMatch(/ligne-\d|PLG-/);
    const legend = plainSpaces(await page.getByTestId('lights-legend').textContent());
    expect(legend).toContain('Hors du territoire (non compté) (2)');
    expect(legend).toContain('toutes dates');
    // Drawn greyed: both outside points are in the map source with their own category.
    const categories = await page.evaluate(() => {
      const s = window.__atlasStore!.getState();
      return s.lightPoints.filter((p) => p.outsideTerritory).map((p) => p.id);
    });
    expect(categories).toEqual(['PL-0901', 'PL-0902']);

    // Work order of every point: identifiers, and class + factor for the scheduled one.
    await panel.getByRole('button', { name: 'Sélectionner les points filtrés (7)' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Bon de travaux (CSV)' }).click(),
    ]);
    const order = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(order.slice(1).map((l) => l.split(';')[0])).toEqual([
      'PL-0001',
      'PL-0002',
      'PL-0003',
      'PL-0004',
      'PL-0005',
      'PL-0901',
      'PL-0902',
    ]);
    expect(order.find((l) => l.startsWith('PL-0901;'))).toMatch(/^PL-0901;hors du territoire;;/);
    await waitForIdle(page);
    await screenshot(page, 'lights-inventory-imported');

    // Same file again, the user picks « Statut marché » for the status: the three points are only scheduled.
    dialog = await chooseFile(page);
    await dialog.getByTestId('import-module-status').selectOption('Statut marché');
    expect(plainSpaces(await dialog.getByTestId('module-field-status').textContent())).toContain(
      'Programmé → programmé',
    );
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await validateImport(page);
    await expect.poll(() => intOf(page, 'gauge-factor4')).toBe(0);
    expect(await intOf(page, 'gauge-total')).toBe(0);
    await waitForIdle(page);
    await screenshot(page, 'lights-inventory-status-changed');

    // The choice is remembered for this file shape.
    dialog = await chooseFile(page);
    expect(await dialog.getByTestId('import-module-status').inputValue()).toBe('Statut marché');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(errors).toEqual([]);
  });
});
