import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, plainSpaces, validateImport } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function waitForModules(page: Page) {
  for (const id of ['lights', 'advice', 'brownfields']) {
    await page.waitForSelector(`[data-testid="dataset-${id}"][data-loaded="true"]`, { timeout: 90_000 });
  }
  await waitForIdle(page);
}

/** Every element of `selector` lies fully inside the window and inside the unscrolled side column. */
async function hidden(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (nodes) => {
    const side = document.querySelector('.presentation-side');
    const frame = side?.getBoundingClientRect();
    return nodes.flatMap((n) => {
      const r = n.getBoundingClientRect();
      const outsideWindow =
        r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5;
      const outsideSide =
        frame !== undefined &&
        side!.contains(n) &&
        (r.bottom > frame.bottom + 0.5 || r.top < frame.top - 0.5);
      return outsideWindow || outsideSide || r.height === 0 ? [n.textContent ?? ''] : [];
    });
  });
}

describe('presentation in a council room', () => {
  for (const [width, height] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    it(`fits ${width}×${height}: every view shows its title, key figures, every legend class and the method`, async () => {
      const { page, errors } = await openApp(browser, '#/tableau-de-bord', { width, height });
      await waitForModules(page);
      await page.getByTestId('presentation-start').click();
      await page.waitForSelector('[data-testid="presentation"]');
      const views = await page.locator('[data-testid="presentation"]').getAttribute('data-views');
      const count = Number(views ?? 5);
      for (let n = 1; n <= count; n++) {
        await waitForIdle(page);
        await screenshot(page, `presentation-${width}x${height}-${n}`);
        const view = await page.locator('[data-testid="presentation"]').getAttribute('data-view');
        if (view === 'trajectory') {
          // No map: the curves fill its place, each with its today marker.
          expect(await page.locator('.presentation-charts .time-chart').count()).toBe(2);
          expect(await page.locator('.presentation-charts [data-testid="chart-today"]').count()).toBe(2);
          expect(
            await hidden(page, '.presentation-charts .time-chart svg, .presentation-charts figcaption'),
          ).toEqual([]);
        } else {
          const side = await page.$eval('.presentation-side', (s) => ({
            scroll: s.scrollHeight,
            client: s.clientHeight,
          }));
          expect(side.scroll, `vue ${n} : colonne sans défilement`).toBeLessThanOrEqual(side.client + 1);
          const entries = await page.locator('[data-testid="legend-entry"]').count();
          expect(entries, `vue ${n} : légende`).toBeGreaterThan(1);
          expect(await hidden(page, '[data-testid="legend-entry"], .legend-method, .legend-title')).toEqual(
            [],
          );
        }
        expect(
          await hidden(page, '.key-figure, [data-testid="presentation-title"], .presentation-footer'),
        ).toEqual([]);
        if (n < count) await page.keyboard.press('ArrowRight');
      }
      expect(errors).toEqual([]);
    });
  }
});

/** Clicks the map at a commune's centre (from the built territory), as a user would. */
async function clickCommune(page: Page, insee: string) {
  const centres = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../public/data/generated/centres.geojson'), 'utf8'),
  ) as { features: { properties: { insee: string }; geometry: { coordinates: [number, number] } }[] };
  const lngLat = centres.features.find((f) => f.properties.insee === insee)!.geometry.coordinates;
  const point = await page.evaluate((ll) => window.__atlas!.map.project(ll), lngLat);
  const box = (await page.locator('canvas.maplibregl-canvas').boundingBox())!;
  await page.mouse.click(box.x + point.x, box.y + point.y);
}

describe('dashboard panel for the council', () => {
  it('names the map in French, shows a commune’s values on click, highlights its row, finds communes by keyboard', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    expect(await page.locator('canvas.maplibregl-canvas').getAttribute('aria-label')).toBe(
      'Carte interactive du territoire',
    );
    expect(await page.locator('.maplibregl-ctrl-zoom-in').getAttribute('aria-label')).toBe('Zoom avant');
    expect(await page.locator('.maplibregl-ctrl-zoom-out').getAttribute('aria-label')).toBe('Zoom arrière');

    // The legend never covers a commune at the framed extent, and it folds away.
    const underLegend = () =>
      page.evaluate(() => {
        const map = window.__atlas!.map;
        const frame = map.getContainer().getBoundingClientRect();
        const r = document.querySelector('[data-testid="dashboard-legend"]')!.getBoundingClientRect();
        const box: [[number, number], [number, number]] = [
          [r.left - frame.left, r.top - frame.top],
          [r.right - frame.left, r.bottom - frame.top],
        ];
        return map.queryRenderedFeatures(box, { layers: ['communes-fill'] }).map((f) => f.properties.name);
      });
    await waitForIdle(page);
    expect(await underLegend()).toEqual([]);
    await screenshot(page, 'dashboard-legend-framed');
    const toggle = page.getByTestId('legend-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-testid="legend-entry"]:visible').count()).toBe(0);
    await waitForIdle(page);
    expect(await underLegend()).toEqual([]);
    await toggle.click();
    expect(await page.locator('[data-testid="legend-entry"]:visible').count()).toBeGreaterThan(2);

    // The monthly curve: a today marker, values on hover, an export of its figures.
    const chart = page.getByTestId('trajectory-advice');
    await chart.scrollIntoViewIfNeeded();
    expect(await chart.getByTestId('chart-today').count()).toBe(1);
    const svg = chart.locator('svg');
    const area = (await svg.boundingBox())!;
    await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.5);
    const hover = chart.getByTestId('chart-hover');
    await hover.waitFor();
    expect(plainSpaces(await hover.textContent())).toMatch(/\d{2}\/\d{2}\/\d{4}.*Réalisé \(cumul\) : \d/);
    await screenshot(page, 'dashboard-chart-hover');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'Exporter les valeurs (CSV)' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('date;Trajectoire linéaire vers 2 000;Réalisé (cumul)'.replace(' 000', '\u202f000'));
    expect(csv.length).toBeGreaterThan(30);

    // A click on Boulogne-sur-Mer: its value and class beside it, its row highlighted in the table.
    await page.getByRole('tab', { name: 'Carte et communes' }).click();
    await page.getByTestId('indicator-select').selectOption('adviceSessionsPer1000');
    await waitForIdle(page);
    await clickCommune(page, '62160');
    const tooltip = page.getByTestId('commune-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.locator('h3').textContent()).toBe('Boulogne-sur-Mer');
    const row = page.getByTestId('place-row-62160');
    expect(await row.getAttribute('class')).toBe('selected');
    const tableValue = plainSpaces(await row.locator('td.num').last().textContent()).trim();
    const shown = plainSpaces(await tooltip.getByTestId('tooltip-value').textContent()).trim();
    expect(shown.startsWith(tableValue.replace(/\s*\*$/, ''))).toBe(true);
    expect(await tooltip.textContent()).toContain('dans la période du contrat');
    expect(await tooltip.textContent()).toMatch(/Classe : .*\d/);
    await waitForIdle(page);
    await screenshot(page, 'dashboard-commune-tooltip');

    // The search box, keyboard only: type, arrow down, Enter.
    await page.getByLabel('Rechercher une commune').focus();
    await page.keyboard.type('st etienne');
    await expect.poll(() => page.locator('.search-results [role="option"]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect.poll(() => tooltip.locator('h3').textContent()).toBe('Saint-Étienne-au-Mont');
    expect(await page.getByTestId('place-row-62746').getAttribute('class')).toBe('selected');
    expect(await page.getByTestId('place-row-62160').getAttribute('class')).toBeNull();
    await page.getByLabel('Rechercher une commune').fill('');
    await page.keyboard.type('desvr');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await expect.poll(() => tooltip.locator('h3').textContent()).toBe('Desvres');
    await tooltip.getByRole('button', { name: 'Fermer' }).click();
    expect(await tooltip.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('maps each EPCI’s share of the conversion target on a diverging scale, values written on the map', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    await page.getByRole('tab', { name: 'Carte et communes' }).click();
    await page.getByTestId('indicator-select').selectOption('objectif:adviceConversion');
    await page.getByRole('radio', { name: 'EPCI' }).check();
    expect(await page.getByTestId('method-select').isDisabled()).toBe(true);
    await page.getByTestId('value-labels').check();
    await waitForIdle(page);
    const legend = page.getByTestId('dashboard-legend');
    expect(await legend.locator('.legend-method').textContent()).toContain(
      '100 % = taux de passage à l’acte',
    );
    const entries = await legend.locator('[data-testid="legend-entry"][data-kind="class"]').count();
    expect(entries).toBeGreaterThanOrEqual(6);
    const labels = await page.evaluate(() =>
      window
        .__atlas!.map.queryRenderedFeatures({ layers: ['dashboard-value-labels'] })
        .map((f) => String(f.properties.label)),
    );
    expect(labels).toHaveLength(3);
    for (const label of labels) expect(plainSpaces(label)).toMatch(/^\d+(,\d+)? %$/);
    await screenshot(page, 'dashboard-target-share-epci');
    expect(errors).toEqual([]);
  });

  it('shows the 60 % conversion of a file of ten mature sessions predating the contract, with its scope', async () => {
    const { page, errors } = await openApp(browser, '#/conseils');
    const fixture = resolve(import.meta.dirname, '../fixtures/advice/conseils-murs-avant-contrat.csv');
    await page.getByTestId('advice-file-input').setInputFiles(fixture);
    await confirmImport(page);
    await validateImport(page);
    const rate = page.getByTestId('advice-conversion-rate');
    await expect.poll(() => rate.textContent().then(plainSpaces)).toBe('60 %');
    expect(await page.getByTestId('advice-conversion-scope').textContent()).toContain('toutes dates');
    await rate.scrollIntoViewIfNeeded();
    await screenshot(page, 'advice-reference-60');
    // The dashboard says the same, with the same scope.
    await page.goto(page.url().replace(/#.*$/, '#/tableau-de-bord'));
    await waitForModules(page);
    const detail = page.locator('.target-detail').filter({ hasText: 'Passage à l’acte' });
    expect(plainSpaces(await detail.textContent())).toContain('60 % (6 / 10 conseils mûrs');
    expect(await page.getByTestId('conversion-scope').textContent()).toContain('toutes dates');
    await detail.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-reference-60');
    expect(errors).toEqual([]);
  });
});
