import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, pixelStats, screenshot, waitForIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('territory map', () => {
  it('renders the 74 communes with labels, and shows Boulogne-sur-Mer when clicked', async () => {
    const { page, errors } = await openApp(browser);
    const rendered = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const features = map.queryRenderedFeatures({ layers: ['communes-fill'] });
      const labels = map.queryRenderedFeatures({ layers: ['commune-labels'] });
      return {
        communes: [...new Set(features.map((f) => String(f.properties.insee)))].sort(),
        labels: labels.map((f) => String(f.properties.name)),
      };
    });
    expect(rendered.communes).toHaveLength(74);
    expect(rendered.communes).toContain('62160');
    // Labels are placed (collision detection keeps a readable subset at the overview zoom).
    expect(rendered.labels.length).toBeGreaterThan(20);
    expect(rendered.labels).toContain('Boulogne-sur-Mer');

    const shot = await screenshot(page, 'territory-overview');
    const map = await page.locator('[data-testid="map"]').boundingBox();
    const stats = pixelStats(shot, {
      x: Math.round(map!.x),
      y: Math.round(map!.y),
      width: Math.round(map!.width),
      height: Math.round(map!.height),
    });
    // Three EPCI fills, white commune borders, dark outlines and text: far from a blank canvas.
    expect(stats.distinctColours).toBeGreaterThan(30);
    expect(stats.nonBackgroundShare).toBeGreaterThan(0.25);

    // Click Boulogne-sur-Mer at a point inside it (its label anchor).
    const point = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const feature = map.querySourceFeatures('commune-centres').find((f) => f.properties.insee === '62160');
      const [lon, lat] = (feature!.geometry as GeoJSON.Point).coordinates as [number, number];
      const p = map.project([lon, lat]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.locator('#commune-title').textContent()).toBe('Boulogne-sur-Mer');
    expect(await page.getByTestId('commune-insee').textContent()).toBe('62160');
    expect(await page.getByTestId('commune-population').textContent()).toMatch(/^40\s539 hab\.$/);
    await waitForIdle(page);
    await screenshot(page, 'territory-boulogne-selected');
    expect(errors).toEqual([]);
  });

  it('routes the top bar to module panels that invent no figures', async () => {
    const { page } = await openApp(browser, '#/tableau-de-bord');
    await expect.poll(() => page.locator('nav a.active').textContent()).toBe('Tableau de bord');
    await page.getByRole('link', { name: 'Territoire' }).click();
    await expect.poll(() => page.locator('#territory-title').textContent()).toBe('Pays Boulonnais');
  });
});
