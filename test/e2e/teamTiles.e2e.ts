/**
 * Big layers in team mode (issue #18 item 8) against the real server and PostgreSQL (DATABASE_URL, exported
 * by `.ci/run`): with the threshold lowered to 1,000 points on this browser, the 1,400-point inventory is drawn
 * from the server's vector tiles (no GeoJSON source of the points), a status filter changes what the tiles
 * draw, a click on a tile point opens its sheet, and the panel's count stays the API's count. Skipped without
 * DATABASE_URL, except in CI.
 */
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, mapPixelStats, screenshot, waitForIdle } from './browser.ts';
import { PASSWORD, startTeamServer, type TeamServer, type Win } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_) process.stderr.write('\n⚠ teamTiles.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const ADMIN = 'chef@pays-boulonnais.fr';
// Legend colours (src/domain/lights/legend.ts): « À rénover » and « Programmé ».
const TO_RENOVATE: [number, number, number] = [0xd5, 0x5e, 0x00];
const SCHEDULED: [number, number, number] = [0xe6, 0x9f, 0x00];

let browser: Browser;
let team: TeamServer;

/** Pixels of the map area close to a colour (points are drawn opaque, with a white outline). */
async function colourPixels(page: Page, png: Buffer, [r, g, b]: [number, number, number]): Promise<number> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const image = PNG.sync.read(png);
  let n = 0;
  for (let y = Math.round(box.y); y < Math.round(box.y + box.height); y++)
    for (let x = Math.round(box.x); x < Math.round(box.x + box.width); x++) {
      const i = (y * image.width + x) * 4;
      const d =
        Math.abs(image.data[i]! - r) + Math.abs(image.data[i + 1]! - g) + Math.abs(image.data[i + 2]! - b);
      if (d < 24) n++;
    }
  return n;
}

/** The tile points MapLibre renders with a colour (feature state > 0), by record id. */
const drawnTilePoints = (page: Page) =>
  page.evaluate(() => {
    const map = window.__atlas!.map;
    if (!map.getLayer('lights-tile-points')) return [];
    return map
      .queryRenderedFeatures({ layers: ['lights-tile-points'] })
      .filter((f) => Number(f.state.s ?? 0) > 0)
      .map((f) => String(f.id));
  });

/** Ids of the points the app's filter keeps (the store's own rule). */
const filteredIds = (page: Page, status: string | null) =>
  page.evaluate(
    (s) =>
      (window as unknown as Win).__atlasStore
        .getState()
        .lightPoints.filter((p) => s === null || p.status === s)
        .map((p) => p.id),
    status,
  );

describe.skipIf(!URL_)('team mode: a big inventory drawn from the server tiles (real server)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(
      browser,
      'tiles',
      [{ email: ADMIN, role: 'admin', password: PASSWORD }],
      700,
    );
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('draws the points from the tiles, filters them, opens a point’s sheet on click', async () => {
    const page = await team.signedIn(ADMIN);
    const tiles: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/tiles/lights/')) tiles.push(r.status());
    });
    await page.evaluate(() => localStorage.setItem('atlas-cotri:seuil-tuiles', '1000'));
    await page.reload();
    await expect
      .poll(() => page.getByTestId('team-sync').textContent(), { timeout: 60_000 })
      .toContain('à jour');
    await expect
      .poll(() => page.evaluate(() => window.__atlas?.map.getSource('lights-tiles')?.type ?? null), {
        timeout: 60_000,
      })
      .toBe('vector');
    expect(await page.evaluate(() => window.__atlas!.map.getSource('lights') ?? null)).toBeNull();

    // One figure, one value: the panel counts the records the API returned, not rendered features.
    const api = await fetch(`${team.base}/api/lights`, { headers: { cookie: await team.cookie(ADMIN) } });
    const apiCount = ((await api.json()) as { features: unknown[] }).features.length;
    expect(apiCount).toBe(1400);
    expect(await page.getByTestId('filter-count').getAttribute('data-count')).toBe(String(apiCount));

    // Boulogne-sur-Mer's centre at zoom 15: single points, from the tiles only.
    const centre = await page.evaluate(() => {
      const p = (window as unknown as Win).__atlasStore
        .getState()
        .lightPoints.find((x) => x.insee === '62160' && x.status === 'toRenovate')!;
      window.__atlas!.map.jumpTo({ center: [p.lon, p.lat], zoom: 15 });
      return [p.lon, p.lat];
    });
    expect(centre).toHaveLength(2);
    await expect
      .poll(async () => (await drawnTilePoints(page)).length, { timeout: 60_000 })
      .toBeGreaterThan(5);
    await waitForIdle(page);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.every((s) => s === 200)).toBe(true);
    const all = await drawnTilePoints(page);
    const everyId = new Set(await filteredIds(page, null));
    expect(all.every((id) => everyId.has(id))).toBe(true);
    const before = await screenshot(page, 'team-tiles-points');
    expect((await mapPixelStats(page, before)).distinctColours).toBeGreaterThan(20);
    const orangeBefore = await colourPixels(page, before, TO_RENOVATE);
    expect(orangeBefore).toBeGreaterThan(50);

    // « Programmé » only: the points to renovate are no longer drawn, the scheduled ones still are.
    const filter = page.getByRole('region', { name: 'Trouver les points' });
    await filter.getByRole('checkbox', { name: 'Programmé' }).check();
    const scheduled = new Set(await filteredIds(page, 'scheduled'));
    await expect
      .poll(() => page.getByTestId('filter-count').getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(scheduled.size));
    await expect
      .poll(
        async () => {
          const drawn = await drawnTilePoints(page);
          return drawn.length > 0 && drawn.length < all.length && drawn.every((id) => scheduled.has(id));
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    await waitForIdle(page);
    const after = await screenshot(page, 'team-tiles-filtered');
    expect(await colourPixels(page, after, TO_RENOVATE)).toBeLessThan(orangeBefore / 10);
    expect(await colourPixels(page, after, SCHEDULED)).toBeGreaterThan(20);

    // A click on a drawn tile point opens its sheet (the record found by its id).
    const target = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const box = map.getCanvas().getBoundingClientRect();
      // A drawn point not under a panel floating over the map (toolbar, legend).
      for (const f of map.queryRenderedFeatures({ layers: ['lights-tile-points'] })) {
        if (Number(f.state.s ?? 0) === 0 || f.geometry.type !== 'Point') continue;
        const p = map.project(f.geometry.coordinates as [number, number]);
        if (document.elementFromPoint(box.x + p.x, box.y + p.y) !== map.getCanvas()) continue;
        const top = map.queryRenderedFeatures(p, { layers: ['lights-tile-points'] })[0]!;
        return { x: box.x + p.x, y: box.y + p.y, id: String(top.id) };
      }
      return null;
    });
    if (!target) throw new Error('Aucun point dessiné hors des panneaux');
    expect(scheduled.has(target.id)).toBe(true);
    await page.mouse.click(target.x, target.y);
    const popup = page.locator('.maplibregl-popup');
    await popup.waitFor({ timeout: 30_000 });
    await expect.poll(() => popup.textContent()).toContain(`Point lumineux ${target.id}`);
    expect(await popup.textContent()).toContain('programmé');
    await screenshot(page, 'team-tiles-sheet');

    // Zoomed out, the overview of the filtered points (cells computed by the app) replaces the tiles.
    await page.evaluate(() => window.__atlas!.map.jumpTo({ zoom: 10 }));
    await waitForIdle(page);
    const overview = () =>
      page.evaluate(() => {
        const map = window.__atlas!.map;
        const cells = map.queryRenderedFeatures({ layers: ['lights-clusters', 'lights-points'] });
        return {
          cells: cells.length > 0,
          biggest: Math.max(0, ...cells.map((f) => Number(f.properties.point_count ?? 1))),
          // Rings count the filtered points only: none to renovate.
          toRenovate: cells.reduce(
            (n, f) =>
              n + Number(f.properties.n_toRenovate ?? (f.properties.category === 'toRenovate' ? 1 : 0)),
            0,
          ),
          tiles: map.queryRenderedFeatures({ layers: ['lights-tile-points'] }).length,
        };
      });
    await expect.poll(overview, { timeout: 30_000 }).toMatchObject({ cells: true, toRenovate: 0, tiles: 0 });
    expect((await overview()).biggest).toBeLessThanOrEqual(scheduled.size);
    await screenshot(page, 'team-tiles-overview');
  });
});
