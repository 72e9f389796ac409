import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { inject } from 'vitest';

export const RESULTS_DIR = resolve(import.meta.dirname, '../../test-results');

/** Debian's Chromium, software WebGL2 (SwiftShader), no network chatter: the launch DEVELOPERS.md prescribes. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  errors: string[];
}

/** Opens the app at a hash route and waits until the map has rendered the territory and gone idle. */
export async function openApp(
  browser: Browser,
  hash = '',
  viewport = { width: 1400, height: 900 },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Failed requests are reported below with their URL, which the console message lacks.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => errors.push(`échec réseau ${r.url()}`));
  await page.goto(`${inject('baseUrl')}${hash}`);
  await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')), null, {
    timeout: 60_000,
  });
  await waitForIdle(page);
  return { page, errors };
}

export async function waitForIdle(page: Page): Promise<void> {
  await page.evaluate(() => window.__atlas!.whenIdle());
}

/** Saves a screenshot under test-results/ and returns its PNG bytes. */
export async function screenshot(page: Page, name: string): Promise<Buffer> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const png = await page.screenshot({ fullPage: false });
  writeFileSync(resolve(RESULTS_DIR, `${name}.png`), png);
  return png;
}

export interface PixelStats {
  width: number;
  height: number;
  distinctColours: number;
  /** Share of pixels that differ from the most common colour. */
  nonBackgroundShare: number;
}

/** Pixel statistics of a PNG (or a rectangle of it): a blank map has one or two colours. */
export function pixelStats(
  png: Buffer,
  rect?: { x: number; y: number; width: number; height: number },
): PixelStats {
  const image = PNG.sync.read(png);
  const r = rect ?? { x: 0, y: 0, width: image.width, height: image.height };
  const counts = new Map<number, number>();
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let x = r.x; x < r.x + r.width; x++) {
      const i = (y * image.width + x) * 4;
      // Quantise to 5 bits a channel so anti-aliasing noise does not count as "content".
      const key =
        ((image.data[i]! >> 3) << 10) | ((image.data[i + 1]! >> 3) << 5) | (image.data[i + 2]! >> 3);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const total = r.width * r.height;
  const dominant = Math.max(...counts.values());
  return {
    width: image.width,
    height: image.height,
    distinctColours: counts.size,
    nonBackgroundShare: 1 - dominant / total,
  };
}

/** Pixel statistics of the map's area in a screenshot of `page` (a blank map has one or two colours). */
export async function mapPixelStats(page: Page, png: Buffer): Promise<PixelStats> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('Carte absente de la page');
  return pixelStats(png, {
    x: Math.round(box.x),
    y: Math.round(box.y),
    width: Math.round(box.width),
    height: Math.round(box.height),
  });
}

/** True when the element lies entirely inside the viewport (what a screenshot of the page shows). */
export async function inViewport(page: Page, selector: string | Locator): Promise<boolean> {
  const target = typeof selector === 'string' ? page.locator(selector) : selector;
  const box = await target.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
}
