/**
 * Hostile input in the browser (issue #12): every malformed project file of the corpus (null records with a
 * recomputed hash, garbage sections, prototype keys, truncated) is refused with its French reason and path,
 * changes nothing, and the app still renders, after a reload too, and can return to the sample data. Then a
 * render error in a module: its error boundary and its three ways out.
 */
import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProjectCases } from '../../scripts/hostile/corpus.ts';
import type { PersistenceStatus } from '../../src/state/persistence.ts';
import type { AppState } from '../../src/state/store.ts';
import { launchBrowser, openApp, pixelStats, screenshot, waitForIdle } from './browser.ts';
import { importDialog, plainSpaces } from './importDialog.ts';

declare global {
  interface Window {
    __atlasStore?: { getState(): AppState };
    __atlasPersistence?: { getState(): PersistenceStatus };
  }
}

const WORK = mkdtempSync(join(tmpdir(), 'atlas-hostile-e2e-'));

/** What each refusal must say (French reason with the record's path in the file). */
const EXPECTED: Record<string, string> = {
  'project-null-light-point.atlas-cotri.json': 'payload.sections.lights.data.points[0] : point nul',
  'project-null-advice.atlas-cotri.json': 'payload.sections.advice.data.sessions[0] : conseil nul',
  'project-null-friche.atlas-cotri.json': 'payload.sections.friches.data.sites[0] : site nul',
  'project-garbage-sections.atlas-cotri.json': 'payload.sections.lights : section { version, data } attendue',
  'project-prototype-keys.atlas-cotri.json': 'payload.sections.lights.data.points[0].id : champ manquant',
  'project-truncated.atlas-cotri.json': 'il est tronqué',
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')), null, {
    timeout: 60_000,
  });
  await waitForIdle(page);
  await page.waitForFunction(
    () => {
      const s = window.__atlasPersistence?.getState();
      return window.__atlasStore?.getState().workspaceReady === true && s?.phase === 'ready' && !s.saving;
    },
    null,
    { timeout: 60_000 },
  );
}

const lightsSource = (page: Page) =>
  page.evaluate(() => window.__atlasStore!.getState().lightsSource?.kind ?? null);

/** The page is not blank: the map canvas has drawn the territory and the side panel has content. */
async function expectRendered(page: Page, name: string): Promise<void> {
  expect(await page.locator('#root').evaluate((root) => root.childElementCount)).toBeGreaterThan(0);
  expect(await page.getByRole('complementary', { name: 'Panneau latéral' }).textContent()).not.toBe('');
  const stats = pixelStats(await screenshot(page, name), { x: 0, y: 60, width: 900, height: 700 });
  expect(stats.distinctColours).toBeGreaterThan(20);
}

/** A state no schema lets in (a null light point), put straight into the store: the view cannot render it. */
async function breakLights(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = window.__atlasStore as unknown as {
      getState(): { lightPoints: unknown[] };
      setState(patch: object): void;
    };
    store.setState({ lightPoints: [null, ...store.getState().lightPoints] });
  });
}

describe('hostile input in the browser', () => {
  it('refuses each malformed project file with its French reason and path, and stays usable', async () => {
    const cases = await buildProjectCases(WORK);
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
    const { page, errors } = await openApp(browser, '#/eclairage');
    await ready(page);
    await expect.poll(() => lightsSource(page), { timeout: 60_000 }).toBe('sample');
    for (const c of cases) {
      await page.getByTestId('project-file-input').setInputFiles(join(WORK, c.name));
      const refused = page.getByRole('dialog', { name: 'Ce fichier ne peut pas être importé' });
      await expect.poll(() => refused.isVisible(), { timeout: 30_000 }).toBe(true);
      const text = (await refused.textContent()) ?? '';
      expect(text).toContain(`${c.name} : aucune donnée n’a été modifiée.`);
      expect(text).toContain(EXPECTED[c.name]);
      await screenshot(page, `hostile-refused-${c.name.replace('.atlas-cotri.json', '')}`);
      await refused.getByRole('button', { name: 'Fermer' }).click();
      // Nothing was applied nor polluted.
      expect(await lightsSource(page)).toBe('sample');
      expect(await page.evaluate(() => ({}) as Record<string, unknown>)).toEqual({});
      expect(
        await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted),
      ).toBeUndefined();
    }
    await expectRendered(page, 'hostile-after-refusals');

    // After a reload, on every route.
    await page.reload();
    await ready(page);
    await expect.poll(() => lightsSource(page), { timeout: 60_000 }).toBe('sample');
    for (const hash of ['#/conseils', '#/friches', '#/tableau-de-bord', '#/eclairage']) {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      await waitForIdle(page);
      expect(await page.getByRole('alert', { name: 'Erreur d’affichage' }).count()).toBe(0);
    }
    await expectRendered(page, 'hostile-after-reload');

    // « Revenir aux données d'exemple » is reachable and works.
    await page.getByRole('button', { name: 'Projet', exact: true }).click();
    await page.getByRole('button', { name: 'Revenir aux données d’exemple' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revenir aux données d’exemple ?' });
    await Promise.all([
      page.waitForEvent('load'),
      confirm.getByRole('button', { name: 'Revenir aux données d’exemple' }).click(),
    ]);
    await ready(page);
    // After the reset the sample is fetched and loaded after the workspace is ready: wait for it (under load
    // it can take seconds) rather than reading the store once.
    await expect.poll(() => lightsSource(page), { timeout: 60_000 }).toBe('sample');
    expect(errors).toEqual([]);
  });

  it('catches a render error in a module: French message, details, and the three ways out work', async () => {
    const { page } = await openApp(browser, '#/eclairage');
    await ready(page);
    await breakLights(page);
    const boundary = page.getByRole('alert', { name: 'Erreur d’affichage' });
    await expect.poll(() => boundary.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await boundary.locator('h2').textContent()).toMatch(/^Un problème empêche d’afficher /);
    await boundary.getByText('Détails pour signaler le problème').click();
    const details = await boundary.getByTestId('error-details').inputValue();
    expect(details).toMatch(/^Atlas COTRI .* — erreur d’affichage dans /);
    expect(details).toMatch(/TypeError/);
    await screenshot(page, 'hostile-boundary');

    // « Exporter mes données »: the raw database, read without the store.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      boundary.getByRole('button', { name: 'Exporter mes données' }).click(),
    ]);
    const file = join(WORK, download.suggestedFilename());
    await download.saveAs(file);
    const raw = JSON.parse(readFileSync(file, 'utf8')) as { format: string; meta: object; sections: object };
    expect(raw.format).toBe('atlas-cotri-export-brut');
    expect(Object.keys(raw.meta)).toContain('workspace');

    // « Recharger »: the page comes back (the broken state, if saved, is refused by the restore schema).
    await Promise.all([
      page.waitForEvent('load'),
      boundary.getByRole('button', { name: 'Recharger' }).click(),
    ]);
    await ready(page);
    expect(await boundary.count()).toBe(0);
    await expectRendered(page, 'hostile-boundary-reloaded');

    // « Revenir aux données d'exemple » from a boundary: the workspace is kept aside, the banner offers it.
    await breakLights(page);
    await expect.poll(() => boundary.isVisible(), { timeout: 30_000 }).toBe(true);
    await Promise.all([
      page.waitForEvent('load'),
      boundary.getByRole('button', { name: 'Revenir aux données d’exemple' }).click(),
    ]);
    await ready(page);
    await expect.poll(() => lightsSource(page), { timeout: 60_000 }).toBe('sample');
    const kept = page.getByTestId('kept-banner');
    await expect.poll(() => kept.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await kept.textContent()).toContain('Mises de côté après une erreur d’affichage');
    await screenshot(page, 'hostile-kept-banner');
    const [copy] = await Promise.all([
      page.waitForEvent('download'),
      kept.getByRole('button', { name: 'Exporter la copie conservée' }).click(),
    ]);
    expect(copy.suggestedFilename()).toMatch(/^atlas-cotri-copie-conservee-\d{4}-\d{2}-\d{2}\.json$/);
    await kept.getByRole('button', { name: 'Supprimer la copie' }).click();
    await kept.getByRole('button', { name: 'Confirmer la suppression définitive' }).click();
    await expect.poll(() => kept.count()).toBe(0);
    await expectRendered(page, 'hostile-back-to-sample');
  });

  it('refuses a file over 300 Mo in the import dialog before reading any of it', async () => {
    // Sparse: 350 MB on the file system, nothing written.
    const big = join(WORK, 'inventaire-trop-gros.csv');
    writeFileSync(big, '');
    truncateSync(big, 350_000_000);
    const { page } = await openApp(browser, '#/eclairage');
    await ready(page);
    await page.evaluate(() => {
      const reads = { count: 0 };
      Object.assign(window, { __reads: reads });
      for (const name of ['arrayBuffer', 'text', 'stream', 'slice', 'bytes'] as const) {
        const proto = Blob.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
        const original = proto[name];
        if (!original) continue;
        proto[name] = function (this: Blob, ...args: unknown[]) {
          reads.count++;
          return original.apply(this, args);
        };
      }
    });
    await page.getByLabel('Importer un inventaire…').setInputFiles(big);
    const dialog = importDialog(page);
    await expect
      .poll(async () => plainSpaces(await dialog.textContent()), { timeout: 30_000 })
      .toContain(
        'inventaire-trop-gros.csv : Le fichier fait 350 Mo : la taille maximale acceptée est de 300 Mo.',
      );
    expect(
      await page.evaluate(() => (window as unknown as { __reads: { count: number } }).__reads.count),
    ).toBe(0);
    await screenshot(page, 'hostile-too-big');
  });
});
