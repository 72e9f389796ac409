import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFrichesSample } from '../../scripts/samples/friches.ts';
import { toCnigCsv } from '../../src/domain/friches/cnigWrite.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { hasShared, sharedPath } from '../support/shared.ts';
import { launchBrowser, mapPixelStats, openApp, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, validateImport } from './importDialog.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ROWS = '[data-testid="friches-ranking"] tbody tr';

/** Site ids in table order (ranked sites first). */
const order = (page: Page) =>
  page.locator(ROWS).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-site-id')));

/** « Voir tous les sites »: the map framed on the inventory, clear of the legend. */
async function frameSites(page: Page) {
  await page.getByRole('button', { name: 'Voir tous les sites' }).click();
  // The camera eases to the sites: wait for the move to end, not for a fixed delay.
  await page.waitForFunction(() => !window.__atlas!.map.isMoving(), null, { timeout: 60_000 });
  await waitForIdle(page);
}

describe('friches module', () => {
  it('ranks the sample, re-ranks on weight changes, pins 5 sites with notes and prints their sheets', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator(ROWS).count()).toBe(40);
    expect(await page.getByTestId('friches-panel').getByTestId('sample-badge').textContent()).toBe(
      'Données d’exemple',
    );
    // Sample context layers are never presented as real.
    const legend = page.getByTestId('friches-context-legend');
    expect(await legend.textContent()).toContain('Gares et arrêts de transport en commun');
    expect(await legend.locator('.fictional-tag').allTextContents()).toEqual([
      'exemple fictif',
      'exemple fictif',
    ]);

    const initial = await order(page);
    const top5 = initial.slice(0, 5);
    expect(new Set(top5).size).toBe(5);
    // The proposal box lists the top 5 while nothing is pinned.
    const proposal = await page
      .getByTestId('friches-shortlist-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-site-id')));
    expect(proposal).toEqual(top5);
    // Every site is drawn, its point coloured by score.
    await waitForIdle(page);
    const drawn = await page.evaluate(
      () =>
        new Set(window.__atlas!.map.querySourceFeatures('friches-points').map((f) => String(f.properties.id)))
          .size,
    );
    expect(drawn).toBe(40);

    // One slider: station distance to the maximum → the order changes.
    await page.getByRole('tab', { name: 'Pondérations' }).click();
    const slider = page.locator('#friches-weight-stationDistance');
    expect(await slider.inputValue()).toBe('2');
    await slider.fill('5');
    await expect
      .poll(() => page.locator('output[for="friches-weight-stationDistance"]').textContent())
      .toBe('5');
    await expect.poll(() => order(page)).not.toEqual(initial);
    const afterSlider = await order(page);
    expect(await page.getByText('Pondérations modifiées à la main.').isVisible()).toBe(true);

    // Preset renaturation: flood-prone, non-buildable land is favoured instead → another top 5.
    await page.getByLabel('Vocation de la reconversion').selectOption('renaturation');
    await expect.poll(() => order(page)).not.toEqual(afterSlider);
    const renaturation = await order(page);
    expect(renaturation.slice(0, 5)).not.toEqual(afterSlider.slice(0, 5));
    expect(await page.locator('#friches-weight-stationDistance').inputValue()).toBe('0');

    // Pin the top 4 and the 8th (likely unstable) site, each with a justification note.
    await page.getByRole('tab', { name: 'Classement' }).click();
    const chosen = [...renaturation.slice(0, 4), renaturation[7]!];
    const eighthTop5 = await page.locator(`${ROWS}[data-site-id="${chosen[4]}"] td`).nth(5).textContent();
    for (const [k, id] of chosen.entries()) {
      await page.locator(`${ROWS}[data-site-id="${id}"]`).click();
      const sheet = page.getByTestId('friches-sheet');
      await expect.poll(() => sheet.locator('h3').textContent()).not.toBe('');
      await sheet.getByLabel(/Justification/).fill(`Note de justification ${k + 1} : foncier mobilisable.`);
      await sheet.getByRole('button', { name: 'Retenir ce site' }).click();
      await expect.poll(() => page.getByTestId('friches-shortlist-entry').count()).toBe(k + 1);
    }
    const shortlisted = await page
      .getByTestId('friches-shortlist-entry')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-site-id')));
    expect(shortlisted).toEqual(chosen);
    const box = page.getByTestId('friches-shortlist');
    expect(await box.textContent()).toContain('Note de justification 5 : foncier mobilisable.');
    // The sheet of the last site shows the contribution chart and explains what is missing.
    expect(await page.getByTestId('friches-chart').locator('rect').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('friches-missing').textContent()).toContain('couche non chargée');
    // A site in the top 5 in less than half of the weight draws is flagged as unstable.
    const probability = Number((eighthTop5 ?? '').replace(/\D/g, ''));
    if (probability < 50) expect(await box.textContent()).toContain('classement instable');
    else expect(await box.textContent()).not.toContain(`${chosen[4]} : classement instable`);
    const warnings = await box.locator('ul.warnings li').count();
    if (warnings === 0) expect(await page.getByTestId('friches-shortlist-ready').isVisible()).toBe(true);

    // Ranked map and table side by side.
    await page.getByRole('button', { name: 'Fermer la fiche' }).click();
    await frameSites(page);
    const shot = await screenshot(page, 'friches-ranking');
    expect((await mapPixelStats(page, shot)).distinctColours).toBeGreaterThan(30);
    const labels = await page.evaluate(() =>
      window
        .__atlas!.map.queryRenderedFeatures({ layers: ['friches-rank-labels'] })
        .map((f) => f.properties.label),
    );
    expect(new Set(labels).size).toBe(5);

    // A click on a site on the map selects its row.
    const target = renaturation[0]!;
    const point = await page.evaluate((id) => {
      const map = window.__atlas!.map;
      const f = map.querySourceFeatures('friches-points').find((x) => x.properties.id === id)!;
      const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
      const r = map.getCanvas().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, target);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.locator(`${ROWS}.selected`).getAttribute('data-site-id')).toBe(target);
    expect(await page.locator('.maplibregl-popup').textContent()).toContain('Rang1');
    await waitForIdle(page);
    await screenshot(page, 'friches-selected');

    // Printable sheets: one page per shortlisted site with its map extract and note.
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByRole('button', { name: 'Imprimer les fiches' }).click();
    // Five map extracts rendered by software WebGL: over a minute on a loaded machine.
    await expect.poll(() => page.getByTestId('friches-print-sheet').count(), { timeout: 150_000 }).toBe(5);
    const images = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-testid="friches-print-sheet"] img')].map(
        (img) => img.naturalWidth,
      ),
    );
    expect(images).toEqual([1600, 1600, 1600, 1600, 1600]);
    await page.evaluate(() => document.body.classList.add('friches-printing'));
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${RESULTS_DIR}/friches-print.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});

const generated = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/data/generated', name), 'utf8'));

describe('friches import', () => {
  it('imports a 250-site CNIG file with its validation report and ranks it in a worker', async () => {
    const communes = generated('communes.geojson') as CommuneCollection;
    const centres = generated('centres.geojson') as CommuneCentreCollection;
    const { sites } = generateFrichesSample(communes, centres, { seed: 99, count: 250 });
    sites[0]!.record.site_nom = '';
    sites[1]!.record.bati_etat = 'ruine totale';
    const { csv } = toCnigCsv(sites);

    const { page, errors } = await openApp(browser, '#/friches');
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    const worker = page.waitForEvent('worker', {
      predicate: (w) => w.url().includes('friches'),
      timeout: 60_000,
    });
    await page.getByRole('tab', { name: 'Données' }).click();
    await page.getByTestId('friches-file-input').setInputFiles({
      name: 'inventaire-test.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    // The shared import dialog: confirm the mapping, then validate its report.
    await confirmImport(page);
    await validateImport(page);
    const report = page.getByTestId('friches-import-report');
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain('Inventaire remplacé');
    expect(await page.getByTestId('friches-report-valid').textContent()).toBe('249 valides');
    expect(await page.getByTestId('friches-report-invalid').textContent()).toBe('1 rejetée');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain(`Ligne 2 : site_nom (nom du site) : valeur obligatoire manquante`);
    expect(text).toContain(`Ligne 3 (${sites[1]!.id}) : bati_etat`);
    // Real sites are not scored against the fictional sample layers.
    expect(await page.getByTestId('friches-samples-dropped').isVisible()).toBe(true);
    expect(await page.getByTestId('friches-context-legend').count()).toBe(0);
    await worker;
    await page.getByRole('tab', { name: 'Classement' }).click();
    // 100 rows rendered (a slider move must re-render within a frame), the rest on demand.
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(100);
    expect(await page.getByTestId('friches-count').textContent()).toContain('249 sites');
    expect(await page.getByRole('button', { name: /149 non affiché/ }).isVisible()).toBe(true);
    // The top-5 probabilities arrive from the worker once the weights rest.
    await expect
      .poll(() => page.locator(`${ROWS} td`).nth(5).textContent(), { timeout: 30_000 })
      .toMatch(/^\d+\s%$/);
    expect(await page.getByTestId('friches-panel').locator('.source-badge').first().textContent()).toBe(
      'Fichier : inventaire-test.csv',
    );
    await screenshot(page, 'friches-import-250');
    expect(errors).toEqual([]);
  });
});

const EXTRACT = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');

/** The 6 real local rows plus 12 well-scored sites elsewhere in France, as in a national export. */
function nationalStyleFile(): string {
  const [header, ...lines] = readFileSync(EXTRACT, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const cols = header!.split(';');
  const outside = Array.from({ length: 12 }, (_, k) => {
    const cells = lines[0]!.split(';');
    const set = (field: string, value: string) => {
      cells[cols.indexOf(field)] = value;
    };
    set('site_id', `21231_X${k}`);
    set('site_nom', `Friche exemplaire de Dijon ${k}`);
    set('comm_insee', '21231');
    set('comm_nom', 'DIJON');
    set('site_statut', 'friche sans projet');
    set('sol_pollution_existe', 'pollution inexistante');
    set('bati_vacance', 'vacant');
    set('urba_zone_type', 'U');
    set('unite_fonciere_surface', '80000');
    set('geompoint', `POINT (${5.0 + k * 0.01} 47.32)`);
    return cells.join(';');
  });
  return [header, ...outside, ...lines].join('\n');
}

describe.skipIf(!hasShared(EXTRACT))('friches territory first', () => {
  it('ranks territory sites only, toggles the outside ones, finds a site by name, prints one A4 page per site', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await page.locator(ROWS).first().waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Données' }).click();
    await page.getByTestId('friches-file-input').setInputFiles({
      name: 'export-national.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(nationalStyleFile(), 'utf8'),
    });
    await confirmImport(page);
    await validateImport(page);
    await page.getByRole('tab', { name: 'Classement' }).click();
    await expect
      .poll(() => page.getByTestId('friches-count').textContent(), { timeout: 60_000 })
      .toContain('18 sites à l’inventaire, 6 classés, 12 hors du territoire');
    // Only the 6 territory sites are listed and ranked; outside ones appear on request, never ranked.
    expect(await page.locator(ROWS).count()).toBe(6);
    const ids = await order(page);
    for (const id of ids) expect(id).not.toMatch(/^21231_/);
    expect(await page.locator(`${ROWS} td:first-child`).allTextContents()).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    await frameSites(page);
    const outsideDrawn = () =>
      page.evaluate(
        () =>
          window
            .__atlas!.map.queryRenderedFeatures({ layers: ['friches-points'] })
            .filter((f) => f.properties.outside === 1).length,
      );
    expect(await outsideDrawn()).toBe(0);
    await page.getByTestId('friches-show-outside').check();
    await expect.poll(outsideDrawn, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator(ROWS).count()).toBe(18);
    expect(await page.locator(`${ROWS}.outside td:first-child`).first().textContent()).toBe('hors terr.');
    // The screenshot shows them in the table too (listed after the ranked sites).
    await page.locator(`${ROWS}.outside`).first().scrollIntoViewIfNeeded();
    await waitForIdle(page);
    await screenshot(page, 'friches-outside-shown');
    await page.getByTestId('friches-show-outside').uncheck();

    // Search by name (accents and case ignored).
    await page.getByTestId('friches-search').fill('grdf');
    await expect.poll(() => page.locator(ROWS).count()).toBe(1);
    expect(await order(page)).toEqual(['62160_7717']);
    await page.getByTestId('friches-search').fill('');

    // Printed sheets: one A4 portrait page per shortlisted (territory) site.
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.getByRole('button', { name: 'Imprimer les fiches' }).click();
    // Five map extracts rendered by software WebGL: over a minute on a loaded machine.
    await expect.poll(() => page.getByTestId('friches-print-sheet').count(), { timeout: 150_000 }).toBe(5);
    const names = await page.locator('[data-testid="friches-print-sheet"] h1').allTextContents();
    for (const name of names) expect(name).not.toContain('Dijon');
    // Map context: nominal scale, the communes on the extract (the site's own first), the neighbours named.
    const situation = (await page.getByTestId('friches-print-situation').allTextContents()).join('\n');
    expect(situation.match(/Échelle 1\/25\s000 \(A4\)/g)?.length).toBe(5);
    expect(situation).toMatch(/Communes sur l’extrait : Le Portel, Boulogne-sur-Mer/);
    expect(situation).toMatch(/Sites voisins à moins de 2 km : .+ \(rang \d, \d+ m\)/);
    // page.pdf fires « afterprint », which hands the page back to the app: print the sheets explicitly.
    await page.evaluate(() => document.body.classList.add('friches-printing'));
    const pdf = resolve(RESULTS_DIR, 'friches-sheets.pdf');
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+5\b/);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+/); // A4 portrait, in points
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, resolve(RESULTS_DIR, 'friches-sheet')]);
    expect(errors).toEqual([]);
  });
});

describe('friches sites drawn and edited', () => {
  it('adds a site drawn on the map through the CNIG form, then edits it', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(40);
    await page.evaluate(() => window.__atlas!.map.jumpTo({ center: [1.64, 50.69], zoom: 14 }));
    await waitForIdle(page);
    await page.getByRole('tab', { name: 'Données' }).click();
    await page.getByRole('button', { name: 'Dessiner le périmètre' }).click();
    const box = await page.locator('[data-testid="map"]').boundingBox();
    const at = (fx: number, fy: number) => [box!.x + box!.width * fx, box!.y + box!.height * fy] as const;
    for (const [fx, fy] of [
      [0.45, 0.45],
      [0.55, 0.45],
      [0.55, 0.55],
    ])
      await page.mouse.click(...at(fx!, fy!));
    await page.mouse.dblclick(...at(0.45, 0.55));
    const form = page.getByTestId('friches-site-form');
    await form.waitFor();
    expect(await form.getByLabel('Commune', { exact: false }).first().inputValue()).not.toBe('');
    expect(Number(await form.getByLabel('Surface de l’unité foncière (m²)').inputValue())).toBeGreaterThan(
      1000,
    );
    await form.getByLabel('Nom du site').fill('Friche dessinée');
    await form.getByLabel('Pollution des sols').selectOption('pollution avérée');
    await form.getByRole('button', { name: 'Ajouter le site à l’inventaire' }).click();
    await expect.poll(() => page.locator(ROWS).count()).toBe(41);
    const sheet = page.getByTestId('friches-sheet');
    await expect.poll(() => sheet.locator('h3').first().textContent()).toBe('Friche dessinée');
    expect(await sheet.textContent()).toContain('pollution avérée');
    // A site drawn on the sample: the inventory is no longer labelled as sample alone.
    const header = page.getByTestId('friches-panel').locator('header.friches-header');
    await expect.poll(() => header.getByTestId('mixed-badge').count()).toBe(1);
    expect(await header.getByTestId('sample-badge').count()).toBe(0);

    // Edit: an empty required field is refused with the CNIG message, a valid change is saved.
    await sheet.getByRole('button', { name: 'Modifier la fiche' }).click();
    const edit = sheet.getByTestId('friches-site-form');
    await edit.getByLabel('Nom du site').fill('');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    expect(await edit.getByRole('alert').textContent()).toContain(
      'site_nom (nom du site) : valeur obligatoire manquante',
    );
    await edit.getByLabel('Nom du site').fill('Friche dessinée, renommée');
    await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
    await expect.poll(() => sheet.locator('h3').first().textContent()).toBe('Friche dessinée, renommée');
    expect(await page.locator(`${ROWS}.selected`).textContent()).toContain('Friche dessinée, renommée');
    await waitForIdle(page);
    await screenshot(page, 'friches-drawn-site');

    // « Retirer les données d'exemple »: the drawn site alone remains, labelled as the user's entry.
    await header.getByRole('button', { name: 'Retirer les données d’exemple' }).click();
    await expect.poll(() => page.locator(ROWS).count()).toBe(1);
    expect(await page.locator(ROWS).first().textContent()).toContain('Friche dessinée, renommée');
    expect(await header.textContent()).toContain('Saisie manuelle');
    expect(await header.textContent()).not.toMatch(/exemple/i);
    await waitForIdle(page);
    await screenshot(page, 'friches-sample-dropped');
    expect(errors).toEqual([]);
  });
});

describe('friches workspace', () => {
  it('restores sites, weights and pins with their notes after a reload', async () => {
    const { page, errors } = await openApp(browser, '#/friches');
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(40);
    await page.getByRole('tab', { name: 'Pondérations' }).click();
    await page.getByLabel('Vocation de la reconversion').selectOption('habitat');
    await page.getByRole('tab', { name: 'Classement' }).click();
    const first = await page.locator(ROWS).first().getAttribute('data-site-id');
    await page.locator(ROWS).first().click();
    await page
      .getByTestId('friches-sheet')
      .getByLabel(/Justification/)
      .fill('Projet de logements en centre-bourg.');
    await page.getByRole('button', { name: 'Retenir ce site' }).click();
    const settled = () =>
      page.waitForFunction(
        () => {
          const s = (
            window as unknown as {
              __atlasPersistence?: { getState(): { phase: string; saving: boolean; unsaved: boolean } };
            }
          ).__atlasPersistence?.getState();
          return s?.phase === 'ready' && !s.saving && !s.unsaved;
        },
        null,
        { timeout: 60_000 },
      );
    await settled();
    await page.reload();
    await expect.poll(() => page.locator(ROWS).count(), { timeout: 60_000 }).toBe(40);
    const entry = page.getByTestId('friches-shortlist-entry');
    expect(await entry.count()).toBe(1);
    expect(await entry.getAttribute('data-site-id')).toBe(first);
    expect(await entry.textContent()).toContain('Projet de logements en centre-bourg.');
    expect(await page.getByTestId('friches-shortlist').textContent()).toContain(
      'Liste restreinte incomplète',
    );
    expect(await page.getByLabel('Vocation de la reconversion').inputValue()).toBe('habitat');
    expect(await page.getByTestId('friches-panel').getByTestId('sample-badge').textContent()).toBe(
      'Données d’exemple',
    );
    expect(errors.filter((e) => !e.startsWith('échec réseau'))).toEqual([]);
  });
});
