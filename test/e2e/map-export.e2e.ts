import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, Point, Polygon } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, pixelStats, RESULTS_DIR, screenshot, waitForIdle } from './browser.ts';

const CENTRES: FeatureCollection<Point, { insee: string; name: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/data/generated/centres.geojson'), 'utf8'),
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Page coordinates of the map canvas's top-left corner and its size. */
async function canvasBox(page: Page) {
  return page.evaluate(() => {
    const r = window.__atlas!.map.getCanvas().getBoundingClientRect();
    return { x: r.left, y: r.top, width: r.width, height: r.height };
  });
}

async function unproject(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(
    ([px, py]) => {
      const ll = window.__atlas!.map.unproject([px!, py!]);
      return [ll.lng, ll.lat] as [number, number];
    },
    [x, y],
  );
}

function rgbAt(png: PNG, x: number, y: number): [number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}

describe('map export', () => {
  it('exports the territory map as a 1600 × 1131 PNG with title, map, legend and footer', async () => {
    const { page, errors } = await openApp(browser);
    const ratioBefore = await page.evaluate(() => window.__atlas!.map.getPixelRatio());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter la carte (PNG)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^carte-pays-boulonnais-\d{4}-\d{2}-\d{2}\.png$/);
    const file = resolve(RESULTS_DIR, 'map-export.png');
    await download.saveAs(file);
    const bytes = readFileSync(file);
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([1600, 1131]);

    const stats = pixelStats(bytes);
    expect(stats.distinctColours).toBeGreaterThan(60);
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.3);
    // Title band in the app's dark blue (#12305a) across the top.
    expect(rgbAt(png, 4, 4)).toEqual([0x12, 0x30, 0x5a]);
    expect(rgbAt(png, 1595, 20)).toEqual([0x12, 0x30, 0x5a]);
    // The title text is drawn in the band (white pixels), and the footer holds text (dark pixels).
    expect(pixelStats(bytes, { x: 0, y: 0, width: 900, height: 60 }).distinctColours).toBeGreaterThan(5);
    expect(pixelStats(bytes, { x: 0, y: 1070, width: 1600, height: 61 }).distinctColours).toBeGreaterThan(5);
    // The map itself: a central area with many colours (EPCI fills, borders, labels).
    expect(pixelStats(bytes, { x: 500, y: 300, width: 600, height: 500 }).distinctColours).toBeGreaterThan(
      30,
    );
    // The capture's temporary higher pixel ratio is undone.
    expect(await page.evaluate(() => window.__atlas!.map.getPixelRatio())).toBe(ratioBefore);
    expect(errors).toEqual([]);
  });

  it('prints the same sheet on an A4 landscape page (PDF path)', async () => {
    const { page, errors } = await openApp(browser);
    await page.evaluate(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => {
        (window as unknown as { __printed: number }).__printed++;
      };
    });
    await page.getByRole('button', { name: 'Imprimer / PDF (A4)' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed))
      .toBe(1);
    const size = await page.evaluate(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="map-print-sheet"] img')!;
      return [img.naturalWidth, img.naturalHeight];
    });
    // A4 landscape minus 8 mm margins at 200 dpi: 281 × 194 mm.
    expect(size).toEqual([2212, 1527]);
    expect(await page.locator('[data-testid="map-print-sheet"]').isVisible()).toBe(false);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="map-print-sheet"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="map"]').isVisible()).toBe(false);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'map-print-a4.png'), fullPage: true });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(resolve(RESULTS_DIR, 'map-print-a4.pdf'), pdf);
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type\s*\/Page\b(?!s)/g)).toHaveLength(1);
    // 297 × 210 mm in PDF points (1/72 in): the page is A4 landscape.
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(text);
    expect(Number(box![1])).toBeCloseTo(841.9, 0);
    expect(Number(box![2])).toBeCloseTo(595.3, 0);
    expect(errors).toEqual([]);
  });
});

describe('drawing tools', () => {
  it('selects communes with a dragged rectangle, without panning the map or opening a commune', async () => {
    const { page, errors } = await openApp(browser);
    const button = page.getByRole('button', { name: 'Sélection rectangle' });
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const centreBefore = await page.evaluate(() => window.__atlas!.map.getCenter().toArray());

    const box = await canvasBox(page);
    const from = { x: box.width * 0.35, y: box.height * 0.3 };
    const to = { x: box.width * 0.7, y: box.height * 0.65 };
    // Expected answer computed here from the data file and the drag corners, independently of the app.
    const a = await unproject(page, from.x, from.y);
    const b = await unproject(page, to.x, to.y);
    const [w, e] = [Math.min(a[0], b[0]), Math.max(a[0], b[0])];
    const [s, n] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
    const expected = CENTRES.features.filter((f) => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      return lon >= w && lon <= e && lat >= s && lat <= n;
    });
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.length).toBeLessThan(74);

    // Dragged from bottom-right to top-left: the rectangle is normalised whatever the direction.
    await page.mouse.move(box.x + to.x, box.y + to.y);
    await page.mouse.down();
    await page.mouse.move(box.x + (from.x + to.x) / 2, box.y + (from.y + to.y) / 2, { steps: 4 });
    await page.mouse.move(box.x + from.x, box.y + from.y, { steps: 4 });
    await page.waitForFunction(() => Boolean(window.__atlas!.map.getLayer('draw-fill')));
    await screenshot(page, 'draw-rectangle-dragging');
    await page.mouse.up();

    const zone = page.getByTestId('drawn-zone');
    await expect
      .poll(() => zone.textContent())
      .toMatch(new RegExp(`^Zone dessinée : ${expected.length} communes`));
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => window.__atlas!.map.getCenter().toArray())).toEqual(centreBefore);
    expect(await page.locator('#commune-title').count()).toBe(0);
    // Drag-pan is back once the rectangle is done.
    expect(await page.evaluate(() => window.__atlas!.map.dragPan.isEnabled())).toBe(true);
    await waitForIdle(page);
    // The sketch layers stay above every module layer.
    expect((await page.evaluate(() => window.__atlas!.map.getLayersOrder())).slice(-3)).toEqual([
      'draw-fill',
      'draw-line',
      'draw-vertices',
    ]);
    await screenshot(page, 'draw-rectangle-selected');
    // The finished rectangle stays drawn on the map until cleared.
    const kept = await page.evaluate(
      ([x, y]) =>
        window
          .__atlas!.map.queryRenderedFeatures([x!, y!], { layers: ['draw-fill'] })
          .map((f) => f.properties.role),
      [(from.x + to.x) / 2, (from.y + to.y) / 2],
    );
    expect(kept).toEqual(['result']);

    await page.getByRole('button', { name: 'Effacer' }).click();
    expect(await zone.count()).toBe(0);
    // setData goes through the map worker: the cleared sketch disappears on a later frame.
    await expect
      .poll(() =>
        page.evaluate(() => window.__atlas!.map.queryRenderedFeatures({ layers: ['draw-fill'] }).length),
      )
      .toBe(0);

    // The drawing released the pointer: a click selects a commune again.
    const boulogne = CENTRES.features.find((f) => f.properties.insee === '62160')!;
    const at = await page.evaluate(
      ([lon, lat]) => window.__atlas!.map.project([lon!, lat!]),
      boulogne.geometry.coordinates,
    );
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.locator('#commune-title').textContent()).toBe('Boulogne-sur-Mer');
    expect(errors).toEqual([]);
  });

  it('draws a polygon by clicks, finishes on double-click, and Escape cancels', async () => {
    const { page, errors } = await openApp(browser);
    const box = await canvasBox(page);
    const polygonButton = page.getByRole('button', { name: 'Sélection polygone' });

    // Escape abandons a drawing in progress.
    await polygonButton.click();
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.4);
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.4);
    await page.keyboard.press('Escape');
    expect(await polygonButton.getAttribute('aria-pressed')).toBe('false');
    expect(await page.getByTestId('drawn-zone').count()).toBe(0);
    expect(await page.locator('#commune-title').count()).toBe(0);

    const screen: [number, number][] = [
      [0.3, 0.35],
      [0.75, 0.3],
      [0.7, 0.75],
      [0.35, 0.7],
    ].map(([fx, fy]) => [box.width * fx!, box.height * fy!]);
    const ring = await Promise.all(screen.map(([x, y]) => unproject(page, x, y)));
    const drawn: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
    const expected = CENTRES.features.filter((f) => booleanPointInPolygon(f.geometry, drawn)).length;
    expect(expected).toBeGreaterThan(3);

    const zoomBefore = await page.evaluate(() => window.__atlas!.map.getZoom());
    await polygonButton.click();
    for (const [x, y] of screen.slice(0, -1)) await page.mouse.click(box.x + x, box.y + y);
    const [lx, ly] = screen.at(-1)!;
    await page.mouse.dblclick(box.x + lx, box.y + ly);
    await expect
      .poll(() => page.getByTestId('drawn-zone').textContent())
      .toMatch(new RegExp(`^Zone dessinée : ${expected} communes`));
    // The double-click finished the drawing and did not zoom; the result is drawn with its 4 vertices.
    expect(await page.evaluate(() => window.__atlas!.map.getZoom())).toBe(zoomBefore);
    const onMap = await page.evaluate(async () => {
      const source = window.__atlas!.map.getSource('draw-sketch') as maplibregl.GeoJSONSource;
      const data = (await source.getData()) as GeoJSON.FeatureCollection<GeoJSON.Polygon>;
      return data.features.map((f) => [f.properties!.role, f.geometry.coordinates[0]!.length]);
    });
    expect(onMap).toEqual([['result', 5]]);
    expect(await page.locator('#commune-title').count()).toBe(0);
    await waitForIdle(page);
    await screenshot(page, 'draw-polygon-selected');
    expect(errors).toEqual([]);
  });
});
