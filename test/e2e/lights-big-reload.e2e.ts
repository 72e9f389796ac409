/**
 * A big inventory survives a reload (issue 14, item 8): imported through the dialog, saved as the columnar
 * lights section (chunks of 50,000 points, typed arrays), then found again after a reload with the same
 * point count, gauges and legend. `E2E_BIG_ROWS` sets the size (default 50,000 in CI; 1,000,000 by hand).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersistenceStatus } from '../../src/state/persistence.ts';
import type { AppState } from '../../src/state/store.ts';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, plainSpaces, validateImport } from './importDialog.ts';

declare global {
  interface Window {
    __atlasStore?: { getState(): AppState };
    __atlasPersistence?: { getState(): PersistenceStatus };
  }
}

const ROWS = Number(process.env.E2E_BIG_ROWS) > 0 ? Number(process.env.E2E_BIG_ROWS) : 50_000;
const CHUNK = 50_000;
const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = readFileSync(resolve(ROOT, 'public/data/generated/sample-lights.csv'), 'utf8').replace(
  /^\uFEFF/,
  '',
);
const [HEADER, ...SAMPLE_ROWS] = SAMPLE.trimEnd().split('\n');

/** The sample's rows (all its columns and statuses) repeated with new identifiers up to ROWS rows. */
function bigCsv(): string {
  const lines: string[] = [HEADER!];
  for (let k = 0; lines.length <= ROWS; k++)
    for (const row of SAMPLE_ROWS) {
      if (lines.length > ROWS) break;
      lines.push(`GROS-${k}-${row.slice(0, row.indexOf(';'))};${row.slice(row.indexOf(';') + 1)}`);
    }
  const path = join(mkdtempSync(join(tmpdir(), 'atlas-big-reload-')), `inventaire-${ROWS}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Restored and every change stored (a big save can take a while on a loaded machine). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const s = window.__atlasPersistence?.getState();
      return (
        window.__atlasStore?.getState().workspaceReady === true &&
        s?.phase === 'ready' &&
        !s.saving &&
        !s.unsaved
      );
    },
    null,
    { timeout: 600_000, polling: 500 },
  );
}

/** What the user sees of the inventory: points in the store, gauges and legend. */
async function shown(page: Page) {
  await waitForIdle(page);
  const gauge = async (id: string) => page.getByTestId(id).getAttribute('data-value');
  return {
    points: await page.evaluate(() => window.__atlasStore!.getState().lightPoints.length),
    source: await page.evaluate(() => window.__atlasStore!.getState().lightsSource),
    factor4: await gauge('gauge-factor4'),
    factor2: await gauge('gauge-factor2'),
    total: await gauge('gauge-total'),
    legend: plainSpaces(await page.getByTestId('lights-legend').textContent()),
  };
}

/** The stored lights section as IndexedDB holds it: its format and chunk sizes. */
async function storedLights(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ version: number; format: string; count: number; chunks: number[] }>((done, fail) => {
        const open = indexedDB.open('atlas-cotri');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('sections').objectStore('sections').get('sections/lights');
          get.onerror = () => fail(get.error);
          get.onsuccess = () => {
            const { version, data } = get.result as {
              version: number;
              data: { points: { format: string; count: number; chunks: { count: number }[] } };
            };
            open.result.close();
            done({
              version,
              format: data.points.format,
              count: data.points.count,
              chunks: data.points.chunks.map((c) => c.count),
            });
          };
        };
      }),
  );
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe(`a ${ROWS.toLocaleString('fr-FR')}-point inventory`, () => {
  it('is saved in columns and found again after a reload: same points, gauges and legend', async () => {
    const path = bigCsv();
    const { page, errors } = await openApp(browser, '#/eclairage');
    await page.waitForFunction(() => window.__atlasStore?.getState().lightsSource?.kind === 'sample', null, {
      timeout: 180_000,
    });
    await settled(page);
    await page.getByLabel('Importer un inventaire…').setInputFiles(path);
    await confirmImport(page, 300_000);
    await validateImport(page, 600_000);
    await expect
      .poll(() => page.evaluate(() => window.__atlasStore!.getState().lightPoints.length), {
        timeout: 300_000,
      })
      .toBe(ROWS);
    await settled(page);
    const before = await shown(page);
    expect(before.source).toMatchObject({ kind: 'import', fileName: `inventaire-${ROWS}.csv` });
    expect(Number(before.total)).toBeGreaterThan(0);
    const expectedChunks = Array.from({ length: Math.ceil(ROWS / CHUNK) }, (_, i) =>
      Math.min(CHUNK, ROWS - i * CHUNK),
    );
    expect(await storedLights(page)).toEqual({
      version: 2,
      format: 'columnar-records',
      count: ROWS,
      chunks: expectedChunks,
    });
    await screenshot(page, 'lights-big-before-reload');

    await page.reload();
    await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')), null, {
      timeout: 180_000,
    });
    await expect
      .poll(() => page.evaluate(() => window.__atlasStore?.getState().lightPoints.length ?? 0), {
        timeout: 300_000,
      })
      .toBe(ROWS);
    await settled(page);
    expect(await shown(page)).toEqual(before);
    // Restored points are saved again as they were read: the section is unchanged.
    expect((await storedLights(page)).chunks).toEqual(expectedChunks);
    await screenshot(page, 'lights-big-after-reload');
    expect(errors).toEqual([]);
  }, 1_500_000);
});
