import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expression as styleExpression } from '@maplibre/maplibre-gl-style-spec';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, pixelStats, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';
import { plainSpaces } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FILL_COLOR_SPEC = {
  type: 'color',
  'property-type': 'data-driven',
  expression: { interpolated: false, parameters: ['zoom', 'feature'] },
} as const;

/** A `match` on string colours evaluates to the string; other expressions give a premultiplied Color. */
function toHex(value: unknown): string {
  if (value && typeof value === 'object' && 'r' in value) {
    const { r, g, b, a } = value as { r: number; g: number; b: number; a: number };
    const channel = (c: number) =>
      Math.round((c / (a || 1)) * 255)
        .toString(16)
        .padStart(2, '0');
    return `#${channel(r)}${channel(g)}${channel(b)}`;
  }
  return String(value).toLowerCase();
}

/** The communes MapLibre actually rendered, with the colour its own expression engine gives each one. */
async function renderedColours(page: Page): Promise<Map<string, string>> {
  const { paint, features } = await page.evaluate(() => {
    const map = window.__atlas!.map;
    const rendered = map.queryRenderedFeatures({ layers: ['communes-fill'] });
    const props = new Map<string, Record<string, unknown>>();
    for (const f of rendered) props.set(String(f.properties.insee), f.properties);
    return { paint: map.getPaintProperty('communes-fill', 'fill-color'), features: [...props.values()] };
  });
  const compiled = styleExpression.createExpression(
    paint as Parameters<typeof styleExpression.createExpression>[0],
    FILL_COLOR_SPEC as unknown as Parameters<typeof styleExpression.createExpression>[1],
  );
  if (compiled.result !== 'success')
    throw new Error(`Expression refusée : ${JSON.stringify(compiled.value)}`);
  const colours = new Map<string, string>();
  for (const properties of features) {
    const feature = { type: 'Polygon', properties };
    colours.set(String(properties.insee), toHex(compiled.value.evaluate({ zoom: 10 }, feature as never)));
  }
  return colours;
}

interface LegendEntry {
  kind: string;
  count: number;
  color: string;
}

async function legendEntries(page: Page): Promise<LegendEntry[]> {
  return page.$$eval('[data-testid="dashboard-legend"] [data-testid="legend-entry"]', (items) =>
    items.map((li) => ({
      kind: li.getAttribute('data-kind') ?? '',
      count: Number(li.getAttribute('data-count')),
      color: (li.getAttribute('data-color') ?? '').toLowerCase(),
    })),
  );
}

async function waitForModules(page: Page) {
  for (const id of ['lights', 'advice', 'brownfields']) {
    await page.waitForSelector(`[data-testid="dataset-${id}"][data-loaded="true"]`, { timeout: 90_000 });
  }
  await waitForIdle(page);
}

describe('dashboard', () => {
  it('colours the map exactly as its legend says, for the chosen indicator and method', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    await page.getByRole('tab', { name: 'Carte et communes' }).click();
    await page.getByTestId('indicator-select').selectOption('adviceConversionRate');
    await page.getByTestId('method-select').selectOption('jenks');
    await page.getByTestId('classes-select').selectOption('4');
    await waitForIdle(page);

    const legend = await legendEntries(page);
    const classes = legend.filter((e) => e.kind === 'class');
    const noData = legend.find((e) => e.kind === 'noData')?.count ?? 0;
    const small = legend.find((e) => e.kind === 'smallSample')?.count ?? 0;
    expect(classes.length).toBeGreaterThanOrEqual(3);
    expect(classes.length).toBeLessThanOrEqual(4);
    expect(classes.reduce((s, c) => s + c.count, 0)).toBe(74 - noData - small);
    // The conversion rate has small samples in the sample data (communes with < 5 mature sessions).
    expect(small).toBeGreaterThan(0);

    const colours = await renderedColours(page);
    expect(colours.size).toBe(74);
    const drawn = new Map<string, number>();
    for (const colour of colours.values()) drawn.set(colour, (drawn.get(colour) ?? 0) + 1);
    const expected = new Map(legend.filter((e) => e.count > 0).map((e) => [e.color, e.count]));
    expect(Object.fromEntries(drawn)).toEqual(Object.fromEntries(expected));

    // The table lists the same communes, and exports them.
    expect(await page.locator('[data-testid="place-table"] tbody tr').count()).toBe(74);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-csv').click()]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(75);
    expect(text).toContain('Taux de passage à l’acte (%)');

    // EPCI level: 3 EPCI in the legend, every commune painted with its EPCI's colour.
    await page.getByRole('radio', { name: 'EPCI' }).check();
    await waitForIdle(page);
    const epciLegend = await legendEntries(page);
    expect(epciLegend.reduce((s, e) => s + e.count, 0)).toBe(3);
    const epciColours = await renderedColours(page);
    expect(new Set(epciColours.values()).size).toBeLessThanOrEqual(3);
    await screenshot(page, 'dashboard-epci');
    await page.getByRole('radio', { name: 'Communes' }).check();
    await page.getByTestId('method-select').selectOption('quantile');
    await waitForIdle(page);
    await screenshot(page, 'dashboard-map');
    expect(errors).toEqual([]);
  });

  it('steps through the presentation views with the keyboard, then exports the map as a PNG', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    await screenshot(page, 'dashboard-contract');
    // The monthly curves are accessible: a title and the figures as a table.
    const chart = page.getByTestId('trajectory-advice');
    expect(await chart.locator('svg title').textContent()).toContain('cumul mensuel et trajectoire linéaire');
    expect(await chart.locator('table tbody tr').count()).toBe(36);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-trajectory');
    await page.getByTestId('epci-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-epci-table');
    // Screen-reader tables stay inside the panel: the page itself never scrolls.
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true);
    await page.getByTestId('presentation-start').click();
    await page.waitForSelector('[data-testid="presentation"]');
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.side').isVisible()).toBe(false);

    const titles: string[] = [];
    const keys = ['ArrowRight', 'ArrowRight', 'Space', 'PageDown', 'ArrowRight'];
    for (let n = 1; n <= 6; n++) {
      await waitForIdle(page);
      titles.push((await page.getByTestId('presentation-title').textContent()) ?? '');
      // No editing control on screen: no input, select or textarea is visible.
      expect(await page.locator('input:visible, select:visible, textarea:visible').count()).toBe(0);
      await screenshot(page, `presentation-${n}`);
      if (n < 6) await page.keyboard.press(keys[n - 1]!);
    }
    expect(titles).toEqual([
      'Synthèse — avancement du contrat COTRI',
      'Trajectoire — réalisé et trajectoire linéaire du contrat',
      'Éclairage public — part du parc rénovée',
      'Conseils énergie — conseils pour 1 000 habitants',
      'Friches — meilleur score de reconversion par commune',
      'Liste restreinte — les 5 friches retenues',
    ]);
    // Beyond the last view nothing happens; PageUp goes back.
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('presentation-title').textContent()).toBe(titles[5]);
    // The shortlist view numbers its sites on the map as in the list beside it.
    await waitForIdle(page);
    const discs = await page.evaluate(
      () => window.__atlas!.map.queryRenderedFeatures({ layers: ['dashboard-sites'] }).length,
    );
    const listed = await page.locator('.shortlist li').count();
    expect(listed).toBe(5);
    expect(discs).toBe(listed);
    await page.keyboard.press('PageUp');
    expect(await page.getByTestId('presentation-title').textContent()).toBe(titles[4]);
    await waitForIdle(page);
    expect(await page.evaluate(() => window.__atlas!.map.getLayer('dashboard-sites') === undefined)).toBe(
      true,
    );
    // The lighting view's map is the lighting choropleth.
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() => page.locator('[data-testid="presentation"]').getAttribute('data-view'))
      .toBe('lights');
    expect((await page.locator('.presentation-side .legend-title').textContent()) ?? '').toContain(
      'Part du parc d’éclairage rénovée',
    );

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="presentation"]', { state: 'detached' });
    expect(await page.locator('.topbar').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

    await page.getByRole('tab', { name: 'Carte et communes' }).click();
    await waitForIdle(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter la carte (PNG)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^carte-.*\d{4}-\d{2}-\d{2}\.png$/);
    const file = resolve(RESULTS_DIR, 'dashboard-export.png');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([2000, 1414]);
    const stats = pixelStats(bytes);
    expect(stats.distinctColours).toBeGreaterThan(60);
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.3);
    // The map area carries the choropleth: many colours, not a blank rectangle.
    expect(pixelStats(bytes, { x: 600, y: 400, width: 800, height: 600 }).distinctColours).toBeGreaterThan(
      30,
    );
    expect(errors).toEqual([]);
  });

  it('lays out the map for print on A4 and A3 landscape', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByRole('tab', { name: 'Carte et communes' }).click();
    for (const paper of ['A4', 'A3'] as const) {
      await page.emulateMedia({ media: 'screen' });
      await page.getByRole('button', { name: `Imprimer / PDF (${paper} paysage)` }).click();
      await page.waitForSelector(`[data-testid="map-print-sheet"][data-paper="${paper}"]`, {
        state: 'attached',
      });
      await page.waitForFunction(() => document.body.classList.contains('atlas-printing'));
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('[data-testid="map-print-sheet"]').isVisible()).toBe(true);
      await page.screenshot({ path: resolve(RESULTS_DIR, `dashboard-print-${paper}.png`), fullPage: true });
    }
    expect(errors).toEqual([]);
  });

  it('defines a PCAET indicator, imports its values and maps them at commune level', async () => {
    const { page, errors } = await openApp(browser, '#/tableau-de-bord');
    await waitForModules(page);
    await page.getByRole('tab', { name: 'Indicateurs PCAET' }).click();
    const section = page.getByTestId('pcaet-section');
    await section.getByLabel('Nom').fill('Consommation d’énergie finale');
    await section.getByLabel('Unité').fill('GWh');
    await section.getByLabel('Niveau').selectOption('commune');
    await section.getByLabel('Sens de progression').selectOption('down');
    await section.getByLabel('Valeur cible').fill('80');
    await section.getByLabel('Date cible').fill('2030-12-31');
    await section.getByLabel('Année de référence (facultatif)').fill('2019');
    await section.getByRole('button', { name: 'Créer l’indicateur' }).click();
    await expect
      .poll(() => section.getByLabel('Indicateur suivi').inputValue())
      .toBe('consommation-d-energie-finale');

    const communes: string[] = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../public/data/generated/centres.geojson'), 'utf8'),
    ).features.map((f: { properties: { insee: string } }) => f.properties.insee);
    const rows = communes
      .slice(0, 10)
      .flatMap((insee, i) => [
        `Consommation d’énergie finale;2019;${100 + i * 10},5;${insee};valeur`,
        `Consommation d’énergie finale;2023;${90 + i * 9};${insee};valeur`,
      ]);
    const csv = [
      'indicateur;année;valeur;code_insee;type',
      ...rows,
      'Consommation d’énergie finale;2023;12;99999;valeur',
      // A measured value in the future is refused (row 23); an objective may be future: the commune's own.
      `Consommation d’énergie finale;2029;50;${communes[0]};valeur`,
      `Consommation d’énergie finale;2030;70,5;${communes[0]};objectif`,
    ].join('\r\n');
    await section.locator('input[type="file"]').setInputFiles({
      name: 'pcaet.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    const report = page.getByTestId('pcaet-import-report');
    // Import modes (issue 15): the preview first, applied only on « Valider l’import ».
    await expect.poll(() => report.textContent()).toMatch(/21 valeurs lues, 2 lignes rejetées sur 23/);
    expect(await page.getByTestId('import-plan-added').getAttribute('data-count')).toBe('21');
    expect(await page.getByTestId('import-plan-added').textContent()).toBe('21 valeurs ajoutées');
    await page.getByTestId('pcaet-import-preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-pcaet-preview');
    await section.getByRole('button', { name: 'Valider l’import' }).click();
    await expect.poll(() => report.textContent()).toMatch(/21 valeurs importées, 2 lignes rejetées sur 23/);
    await expect.poll(() => section.getByTestId('undo-import-pcaet').count()).toBe(1);
    expect(await report.textContent()).toContain('Ligne 22 : Commune 99999 hors du territoire.');
    expect(await report.textContent()).toContain(
      'Ligne 23 : Valeur mesurée datée du 01/01/2029, dans le futur (aujourd’hui : ',
    );
    // « Chemin parcouru »: the year shown, the baseline of the reference year, the commune's own objective
    // and the share of the way: (90 − 100,5) ÷ (70,5 − 100,5) = 35 %; the others have no target of their own.
    expect(await section.getByTestId('pcaet-year-shown').textContent()).toContain(
      'Année affichée : valeurs de 2023',
    );
    const first = section.locator(`[data-testid="pcaet-progress-row"][data-place="${communes[0]}"]`);
    expect(plainSpaces(await first.textContent())).toContain('100,5 GWh (2019)');
    expect(plainSpaces(await first.textContent())).toContain('70,5 GWh en 2030');
    expect(plainSpaces(await first.getByTestId('pcaet-share').textContent())).toBe('35 %');
    const second = section.locator(`[data-testid="pcaet-progress-row"][data-place="${communes[1]}"]`);
    expect(await second.textContent()).toContain('sans objectif propre');
    expect(await section.getByTestId('pcaet-progress-row').count()).toBe(10);
    await section.getByTestId('pcaet-progress').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-pcaet-progress');
    expect(await page.getByTestId('pcaet-chart').locator('svg path').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'dashboard-pcaet');

    await section.getByRole('button', { name: 'Afficher sur la carte' }).click();
    await waitForIdle(page);
    expect(await page.locator('[data-testid="dashboard-legend"] .legend-title').textContent()).toContain(
      'PCAET — Consommation d’énergie finale',
    );
    // The legend says which year is shown (the 2029 value was refused: never mapped).
    expect(await page.locator('[data-testid="dashboard-legend"] .legend-title').textContent()).toContain(
      'valeurs de 2023',
    );
    const legend = await legendEntries(page);
    expect(legend.find((e) => e.kind === 'noData')?.count).toBe(64);
    expect(legend.filter((e) => e.kind === 'class').reduce((s, e) => s + e.count, 0)).toBe(10);
    const colours = await renderedColours(page);
    const drawn = new Map<string, number>();
    for (const colour of colours.values()) drawn.set(colour, (drawn.get(colour) ?? 0) + 1);
    expect(Object.fromEntries(drawn)).toEqual(
      Object.fromEntries(legend.filter((e) => e.count > 0).map((e) => [e.color, e.count])),
    );
    await screenshot(page, 'dashboard-pcaet-map');
    expect(errors).toEqual([]);
  });
});
