import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';

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
