import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANKING_CSV_HEADER } from '../../src/domain/friches/rankingExport.ts';
import { hasShared, sharedPath } from '../support/shared.ts';
import { inViewport, launchBrowser, mapPixelStats, openApp, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, validateImport } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ROWS = '[data-testid="friches-ranking"] tbody tr';
const order = (page: Page) =>
  page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site-id')));
/** Ranked rows of the table (first cell a rank number). */
const rankedIds = (page: Page) =>
  page
    .locator(ROWS)
    .evaluateAll((rows) =>
      rows
        .filter((r) => /^\d+$/.test(r.querySelector('td')?.textContent ?? ''))
        .map((r) => r.getAttribute('data-site-id')),
    );

describe('friches: Mutafriches view and ranking export', () => {
  it('compares our ranking with ADEME’s index per use, then exports the ranking with the pinned site’s note', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(40);
    const ranked = await rankedIds(page);
    expect(ranked.length).toBeGreaterThan(30);

    await page.getByRole('tab', { name: 'Mutafriches' }).click();
    const view = page.getByTestId('friches-mutafriches');
    const rows = view.locator('tbody tr');
    // Every ranked site, in our order, with an index in % and a rank by Mutafriches.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(ranked.length);
    expect(await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('data-site-id')))).toEqual(ranked);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('1');
    expect(cells[3]).toMatch(/^\d+(,\d)?\s%$/);
    expect(Number(cells[4])).toBeGreaterThanOrEqual(1);
    expect(['accord', 'proche', 'écart']).toContain(cells[6]);
    const summary = view.getByTestId('friches-mutafriches-summary');
    expect(await summary.textContent()).toMatch(/Corrélation de rang \(Spearman\) : −?\d,\d\d/);
    expect(await summary.textContent()).toMatch(/\d des 5 premiers de notre classement/);
    const indexes = () => rows.evaluateAll((rs) => rs.map((r) => r.querySelectorAll('td')[3]?.textContent));
    const residential = await indexes();
    // Another use weighs the criteria otherwise: the indexes change, the table stays in our order.
    const use = view.getByTestId('friches-mutafriches-use');
    const options = await use
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.length).toBeGreaterThanOrEqual(4);
    const current = await use.inputValue();
    await use.selectOption(options.find((o) => o !== current)!);
    await expect.poll(indexes).not.toEqual(residential);
    // The comparison itself, with the ranked sites on the map beside it.
    await waitForIdle(page);
    expect(await inViewport(page, summary)).toBe(true);
    expect(await inViewport(page, rows.first())).toBe(true);
    const comparison = await screenshot(page, 'friches-mutafriches');
    expect((await mapPixelStats(page, comparison)).distinctColours).toBeGreaterThan(30);
    // A row opens the site's sheet, which carries the per-use indexes too.
    await rows.nth(1).click();
    await expect
      .poll(() => page.getByTestId('friches-sheet-mutafriches').textContent())
      .toMatch(/Indice Mutafriches \(ADEME, algorithme v1\.\d+\)/);
    await page.getByTestId('friches-sheet-mutafriches').scrollIntoViewIfNeeded();
    await waitForIdle(page);
    expect(await inViewport(page, page.getByTestId('friches-sheet-mutafriches'))).toBe(true);
    await screenshot(page, 'friches-mutafriches-sheet');

    // Pin the first site with a note, then export the ranking CSV.
    await page.getByRole('tab', { name: 'Classement' }).click();
    await page.locator(ROWS).first().click();
    const sheet = page.getByTestId('friches-sheet');
    await sheet.getByLabel(/Justification/).fill('Foncier public ; note ; avec « guillemets »');
    await sheet.getByRole('button', { name: 'Retenir ce site' }).click();
    await expect.poll(() => page.getByTestId('friches-shortlist-entry').count()).toBe(1);
    const tableOrder = await order(page);
    await page.getByRole('tab', { name: 'Données' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('friches-export-ranking').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^classement-friches-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text
      .slice(1)
      .split(/\r?\n/)
      .filter((l) => l !== '');
    expect(lines[0]).toBe(RANKING_CSV_HEADER.join(';'));
    expect(lines).toHaveLength(41);
    const col = (line: string, name: string) => line.split(';')[RANKING_CSV_HEADER.indexOf(name)];
    // Same order as the table: ranked best first, then the unranked ones.
    expect(lines.slice(1).map((l) => col(l, 'site_id'))).toEqual(tableOrder);
    expect(col(lines[1]!, 'rang')).toBe('1');
    expect(col(lines[1]!, 'score')).toMatch(/^0,\d+$/);
    expect(col(lines[1]!, 'liste_restreinte')).toBe('oui');
    // The note keeps its semicolons and quotes (quoted field).
    expect(lines[1]).toContain('"Foncier public ; note ; avec « guillemets »"');
    expect(lines.filter((l) => col(l, 'liste_restreinte') === 'oui')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

const EXTRACT = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');

describe.skipIf(!hasShared(EXTRACT))('friches: dashboard warnings', () => {
  it('counts pinned sites as retained and warns about unreliable or unstable ones', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Données' }).click();
    await page.getByTestId('friches-file-input').setInputFiles({
      name: 'cartofriches-extrait.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(EXTRACT),
    });
    await confirmImport(page);
    await validateImport(page);
    await page.getByRole('tab', { name: 'Classement' }).click();
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(6);
    // Real Cartofriches rows without context layers: under 60 % of the weight is renseigné (unreliable).
    await expect
      .poll(() => page.locator(`${ROWS} td`).nth(5).textContent(), { timeout: 30_000 })
      .toMatch(/^\d+\s%$/);
    const ids = await order(page);
    const top5 = await page.locator(`${ROWS}[data-site-id="${ids[5]}"] td`).nth(5).textContent();
    for (const id of [ids[0]!, ids[5]!]) {
      await page.locator(`${ROWS}[data-site-id="${id}"]`).click();
      const sheet = page.getByTestId('friches-sheet');
      await sheet.getByLabel(/Justification/).fill('Retenu en comité technique.');
      await sheet.getByRole('button', { name: 'Retenir ce site' }).click();
    }
    await expect.poll(() => page.getByTestId('friches-shortlist-entry').count()).toBe(2);
    const names = await page.getByTestId('friches-shortlist-entry').locator('button').allTextContents();

    await page.goto(page.url().replace(/#.*$/, '#/tableau-de-bord'));
    const alerts = page.getByTestId('brownfields-alerts');
    await alerts.waitFor({ timeout: 60_000 });
    const items = await alerts.locator('li').allTextContents();
    for (const name of names)
      expect(
        items.some((a) =>
          new RegExp(`^« ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} » : fiabilité [1-5]\\d %`).test(a),
        ),
      ).toBe(true);
    // The 6th of 6 sites is in the top 5 in fewer than half of the draws unless its probability says otherwise.
    const unstable = Number((top5 ?? '').replace(/\D/g, '')) < 50;
    expect(items.some((a) => a.startsWith(`« ${names[1]} » : classement instable`))).toBe(unstable);
    expect(items.some((a) => a.startsWith(`« ${names[0]} » : classement instable`))).toBe(false);
    // The warnings sit below the dashboard's gauges: bring them into view for the screenshot.
    await alerts.scrollIntoViewIfNeeded();
    await waitForIdle(page);
    expect(await inViewport(page, alerts)).toBe(true);
    const shot = await screenshot(page, 'friches-dashboard-alerts');
    expect((await mapPixelStats(page, shot)).distinctColours).toBeGreaterThan(30);
    expect(errors).toEqual([]);
  });
});
