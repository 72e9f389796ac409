import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findCspViolations } from '../../src/security/csp.ts';
import type { PersistenceStatus } from '../../src/state/persistence.ts';
import type { AppState } from '../../src/state/store.ts';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, importDialog, validateImport } from './importDialog.ts';

declare global {
  interface Window {
    __atlasStore?: { getState(): AppState };
    __atlasPersistence?: { getState(): PersistenceStatus };
    __atlasDigest?: () => Promise<Record<string, string>>;
    __cspViolations?: string[];
  }
}

const ROOT = resolve(import.meta.dirname, '../..');
const WORK = mkdtempSync(join(tmpdir(), 'atlas-persistence-'));
const SAMPLE = readFileSync(resolve(ROOT, 'public/data/generated/sample-lights.csv'), 'utf8').replace(
  /^\uFEFF/,
  '',
);
const [HEADER, ...SAMPLE_ROWS] = SAMPLE.trimEnd().split('\n');

/** A lights CSV (`;`, Lambert-93 X/Y) made of sample rows with new identifiers. */
function lightsCsv(name: string, rows: string[]): string {
  const path = join(WORK, name);
  writeFileSync(path, `${HEADER}\n${rows.join('\n')}\n`);
  return path;
}

const withId = (row: string, id: string) => `${id};${row.slice(row.indexOf(';') + 1)}`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

let big: string | null = null;

/** ~30 MB: the sample repeated with new identifiers (written once per run). */
function bigLightsCsv(): string {
  if (big) return big;
  const rows: string[] = [];
  let bytes = 0;
  for (let k = 0; bytes < 30_000_000; k++)
    for (const row of SAMPLE_ROWS) {
      const line = withId(row, `GROS-${k}-${row.slice(0, row.indexOf(';'))}`);
      rows.push(line);
      bytes += line.length + 1;
    }
  big = lightsCsv('gros-inventaire.csv', rows);
  return big;
}

/** Workspace restored and every change stored: safe to compare, reload or export. */
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
    { timeout: 60_000 },
  );
}

/**
 * openApp's error list minus requests aborted by our own reloads (a reload cancels whatever the page was
 * still fetching, e.g. a map worker); every HTTP error and console error stays.
 */
function realErrors(errors: string[], aborted: Set<string>): string[] {
  return errors.filter(
    (e) => !(e.startsWith('échec réseau ') && aborted.has(e.slice('échec réseau '.length))),
  );
}

function trackAborted(page: Page): Set<string> {
  const aborted = new Set<string>();
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'net::ERR_ABORTED') aborted.add(r.url());
  });
  return aborted;
}

async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await afterReload(page);
}

async function afterReload(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')), null, {
    timeout: 60_000,
  });
  await waitForIdle(page);
  await settled(page);
}

/** The big import is being parsed (started from the dialog): its progress counts rows read so far. */
async function inProgress(page: Page): Promise<void> {
  await confirmImport(page);
  await importDialog(page)
    .getByTestId('import-progress')
    .getByText(/lignes lues sur/)
    .first()
    .waitFor({ timeout: 60_000 });
}

const digest = (page: Page) => page.evaluate(() => window.__atlasDigest!());
const lightsState = (page: Page) =>
  page.evaluate(() => {
    const s = window.__atlasStore!.getState();
    return { source: s.lightsSource, count: s.lightPoints.length, first: s.lightPoints[0]?.id ?? null };
  });

/** Chooses a file with the lights module's button: the shared import dialog opens on it. */
async function chooseLightsFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Importer un inventaire…').setInputFiles(path);
}

/** Whole import through the dialog: inspection → « Importer » → report → « Valider l’import ». */
async function importLights(page: Page, path: string): Promise<void> {
  await chooseLightsFile(page, path);
  await confirmImport(page);
  await validateImport(page);
}

/** Opens the lights module on its sample, then replaces it by a small user inventory (the "previous state"). */
async function lightsWithUserInventory(page: Page): Promise<string> {
  await page.waitForFunction(() => window.__atlasStore!.getState().lightsSource?.kind === 'sample', null, {
    timeout: 60_000,
  });
  const path = lightsCsv(
    'petit-inventaire.csv',
    SAMPLE_ROWS.slice(0, 50).map((row, i) => withId(row, `PERSO-${i + 1}`)),
  );
  await importLights(page, path);
  await expect
    .poll(() => lightsState(page), { timeout: 60_000 })
    .toMatchObject({ count: 50, first: 'PERSO-1', source: { fileName: 'petit-inventaire.csv' } });
  await settled(page);
  return path;
}

describe('persistence', () => {
  it('keeps a session recorded through the form after a reload', async () => {
    const { page, errors } = await openApp(browser, '#/conseils');
    const aborted = trackAborted(page);
    await page.waitForFunction(() => window.__atlasStore!.getState().adviceSource?.kind === 'sample', null, {
      timeout: 60_000,
    });
    await settled(page);
    const count = await page.evaluate(() => window.__atlasStore!.getState().adviceSessions.length);

    await page.getByRole('tab', { name: 'Nouveau conseil' }).click();
    await page.locator('#advice-f-date').fill('2025-06-12');
    await page.locator('#advice-f-insee').selectOption('62893');
    await page.locator('#advice-f-channel').selectOption('homeVisit');
    await page.locator('#advice-f-householdStatus').selectOption('tenant');
    await page.locator('#advice-f-dwellingType').selectOption('house');
    await page.locator('input[name="topics"]').first().check();
    await page.locator('#advice-f-householdId').fill('DOSSIER-RELOAD-1');
    await page.getByRole('button', { name: 'Enregistrer le conseil' }).click();
    await expect
      .poll(() => page.evaluate(() => window.__atlasStore!.getState().adviceSessions.length))
      .toBe(count + 1);
    await settled(page);
    const before = await digest(page);

    await reloadApp(page);
    const restored = await page.evaluate(() => {
      const s = window.__atlasStore!.getState();
      return {
        count: s.adviceSessions.length,
        ours: s.adviceSessions.filter((x) => x.insee === '62893' && x.date === '2025-06-12').length,
      };
    });
    expect(restored.count).toBe(count + 1);
    expect(restored.ours).toBeGreaterThanOrEqual(1);
    expect((await digest(page)).advice).toBe(before.advice);
    await page.getByRole('button', { name: 'Projet', exact: true }).click();
    await expect.poll(() => page.getByTestId('storage-usage').textContent()).toMatch(/utilisés|enregistrées/);
    expect(await page.getByTestId('save-status').textContent()).toMatch(/^Enregistr/);
    await screenshot(page, 'persistence-project-menu');
    expect(realErrors(errors, aborted)).toEqual([]);
  });

  it('finds the previous state intact after a reload during a large import', async () => {
    const { page, errors } = await openApp(browser, '#/eclairage');
    const aborted = trackAborted(page);
    await lightsWithUserInventory(page);
    const before = await digest(page);

    await page.locator('#lights-import-title').scrollIntoViewIfNeeded();
    await chooseLightsFile(page, bigLightsCsv());
    // The import runs in the import worker: reload while its progress shows rows being read.
    await inProgress(page);
    await reloadApp(page);

    expect(await lightsState(page)).toMatchObject({
      count: 50,
      first: 'PERSO-1',
      source: { kind: 'import', fileName: 'petit-inventaire.csv' },
    });
    expect(await digest(page)).toEqual(before);
    await screenshot(page, 'persistence-after-interrupted-import');
    expect(realErrors(errors, aborted)).toEqual([]);
  });

  it('finds the previous state intact after the tab is closed in the middle of parsing a large import', async () => {
    const { page } = await openApp(browser, '#/eclairage');
    await lightsWithUserInventory(page);
    const before = await digest(page);

    await chooseLightsFile(page, bigLightsCsv());
    await inProgress(page);
    // The tab disappears mid-parse, like a crash.
    const context = page.context();
    const closing = Date.now();
    await page.close();
    expect(Date.now() - closing).toBeLessThan(10_000);

    const reopened = await context.newPage();
    const errors: string[] = [];
    reopened.on('pageerror', (e) => errors.push(e.message));
    reopened.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await reopened.goto(`${inject('baseUrl')}#/eclairage`);
    await afterReload(reopened);
    expect(await lightsState(reopened)).toMatchObject({
      count: 50,
      first: 'PERSO-1',
      source: { kind: 'import', fileName: 'petit-inventaire.csv' },
    });
    expect(await digest(reopened)).toEqual(before);
    expect(errors).toEqual([]);
  });

  it('exports the project, goes back to the sample data, and imports it back identically', async () => {
    const { page, errors } = await openApp(browser, '#/eclairage');
    const aborted = trackAborted(page);
    await lightsWithUserInventory(page);
    const before = await digest(page);
    expect(Object.keys(before)).toContain('lights');

    await page.getByRole('button', { name: 'Projet', exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le projet' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^atlas-cotri-\d{4}-\d{2}-\d{2}\.atlas-cotri\.json$/);
    const file = join(WORK, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as {
      format: string;
      payload: { sections: object };
    };
    expect(exported.format).toBe('atlas-cotri-project');
    expect(Object.keys(exported.payload.sections)).toContain('lights');

    await page.getByRole('button', { name: 'Projet', exact: true }).click();
    await page.getByRole('button', { name: 'Revenir aux données d’exemple' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revenir aux données d’exemple ?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await screenshot(page, 'persistence-reset-confirm');
    await Promise.all([
      page.waitForEvent('load'),
      confirm.getByRole('button', { name: 'Revenir aux données d’exemple' }).click(),
    ]);
    await afterReload(page);
    await page.waitForFunction(() => window.__atlasStore!.getState().lightsSource?.kind === 'sample', null, {
      timeout: 60_000,
    });
    await settled(page);
    expect((await digest(page)).lights).not.toBe(before.lights);

    await page.getByTestId('project-file-input').setInputFiles(file);
    const ask = page.getByRole('dialog', { name: 'Importer ce projet ?' });
    await expect.poll(() => ask.isVisible()).toBe(true);
    expect(await ask.getByTestId('project-contents').textContent()).toContain('Éclairage public : 50');
    await screenshot(page, 'persistence-import-confirm');
    await Promise.all([
      page.waitForEvent('load'),
      ask.getByRole('button', { name: 'Remplacer les données' }).click(),
    ]);
    await afterReload(page);
    expect(await digest(page)).toEqual(before);
    expect(await lightsState(page)).toMatchObject({
      count: 50,
      source: { fileName: 'petit-inventaire.csv' },
    });

    // A corrupted file is refused with French reasons and changes nothing.
    const text = readFileSync(file, 'utf8').replace('PERSO-1', 'PIRATE-1');
    const tampered = join(WORK, 'modifie.atlas-cotri.json');
    writeFileSync(tampered, text);
    await page.getByTestId('project-file-input').setInputFiles(tampered);
    const refused = page.getByRole('dialog', { name: 'Ce fichier ne peut pas être importé' });
    await expect.poll(() => refused.isVisible()).toBe(true);
    expect(await refused.textContent()).toContain('empreinte SHA-256');
    await screenshot(page, 'persistence-import-refused');
    await refused.getByRole('button', { name: 'Fermer' }).click();
    expect(await digest(page)).toEqual(before);
    expect(realErrors(errors, aborted)).toEqual([]);
  });

  it('warns a second tab when the first one saves, and lets the user choose « Écraser » or « Recharger »', async () => {
    const { page: first, errors } = await openApp(browser, '#/eclairage');
    const aborted = trackAborted(first);
    await first.waitForFunction(() => window.__atlasStore!.getState().lightsSource?.kind === 'sample', null, {
      timeout: 60_000,
    });
    await settled(first);
    const second = await first.context().newPage();
    await second.goto(`${inject('baseUrl')}#/eclairage`);
    await afterReload(second);

    // The first tab imports an inventory: the second one is told, and saves nothing over it.
    await lightsWithUserInventory(first);
    const banner = second
      .getByRole('alert')
      .filter({ hasText: 'Ces données ont été modifiées dans un autre onglet' });
    await banner.waitFor({ timeout: 30_000 });
    await screenshot(second, 'persistence-other-tab-banner');

    // « Écraser » in the second tab stores its state (the sample); now the first tab is warned.
    await banner.getByRole('button', { name: 'Écraser' }).click();
    await banner.waitFor({ state: 'detached' });
    const firstBanner = first.getByRole('alert').filter({ hasText: 'modifiées dans un autre onglet' });
    await firstBanner.waitFor({ timeout: 30_000 });
    // « Recharger » in the first tab shows what the second one stored.
    await Promise.all([
      first.waitForEvent('load'),
      firstBanner.getByRole('button', { name: 'Recharger' }).click(),
    ]);
    await afterReload(first);
    expect((await lightsState(first)).source).toMatchObject({ kind: 'sample' });
    expect(await digest(first)).toEqual(await digest(second));
    expect(realErrors(errors, aborted)).toEqual([]);
  });

  it('shows markup from an imported file as text: nothing executes', async () => {
    const { page, errors } = await openApp(browser, '#/eclairage');
    const aborted = trackAborted(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.waitForFunction(() => window.__atlasStore!.getState().lightsSource !== null, null, {
      timeout: 60_000,
    });
    const boulogne = SAMPLE_ROWS.find((r) => r.split(';')[2] === '62160')!;
    const wimereux = SAMPLE_ROWS.find((r) => r.split(';')[2] === '62893')!;
    const hostileAddress = (row: string, address: string) => {
      const cells = row.split(';');
      cells[3] = address;
      return cells.join(';');
    };
    const path = lightsCsv('hostile.csv', [
      hostileAddress(withId(boulogne, '<img src=x onerror=alert(1)>'), '<script>alert(2)</script>'),
      hostileAddress(withId(wimereux, '<script>alert(3)</script>'), '<img src=x onerror=alert(4)>'),
    ]);
    // The import dialog previews the raw cells: as text too.
    await chooseLightsFile(page, path);
    const inspection = importDialog(page).getByTestId('import-inspection');
    await inspection.waitFor({ timeout: 60_000 });
    expect(await inspection.textContent()).toContain('<img src=x onerror=alert(1)>');
    await screenshot(page, 'persistence-xss-import-preview');
    await confirmImport(page);
    await validateImport(page);
    await expect.poll(() => lightsState(page)).toMatchObject({ count: 2 });
    const list = page.getByTestId('lights-list');
    await expect.poll(() => list.textContent()).toContain('<img src=x onerror=alert(1)>');
    expect(await list.textContent()).toContain('<script>alert(3)</script>');

    // Open the popup of the Boulogne point with a real click on the map.
    const point = await page.evaluate(async () => {
      const s = window.__atlasStore!.getState();
      const p = s.lightPoints.find((x) => x.id.startsWith('<img'))!;
      const map = window.__atlas!.map;
      map.jumpTo({ center: [p.lon, p.lat], zoom: 16 });
      await window.__atlas!.whenIdle();
      const xy = map.project([p.lon, p.lat]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + xy.x, y: rect.top + xy.y };
    });
    await page.mouse.click(point.x, point.y);
    const popup = page.locator('.maplibregl-popup');
    await expect.poll(() => popup.count()).toBe(1);
    const popupText = (await popup.textContent()) ?? '';
    expect(popupText).toContain('<img src=x onerror=alert(1)>');
    expect(popupText).toContain('<script>alert(2)</script>');
    await screenshot(page, 'persistence-xss-popup');

    // The hostile names survive a reload (restored from storage) and still render as text.
    await settled(page);
    await reloadApp(page);
    await expect.poll(() => list.textContent()).toContain('<img src=x onerror=alert(1)>');
    await page.waitForTimeout(300); // an onerror handler would have fired by now
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(
      await page.evaluate(
        () => [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert')).length,
      ),
    ).toBe(0);
    expect(realErrors(errors, aborted)).toEqual([]);
  });

  it('runs under the Content-Security-Policy without a violation; inline scripts and eval are blocked', async () => {
    // The built dist/index.html, as the preview server delivers it.
    const html = await (await fetch(inject('baseUrl'))).text();
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(findCspViolations(html)).toEqual([]);

    const { page, errors } = await openApp(browser, '#/conseils');
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));
    await page.evaluate(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    // Visit every module: each one loads its data and draws its layers under the policy.
    for (const hash of ['#/eclairage', '#/friches', '#/tableau-de-bord', '#/conseils', '#/territoire']) {
      await page.evaluate((h) => {
        window.location.hash = h;
      }, hash);
      await waitForIdle(page);
    }
    await settled(page);
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
    expect(console.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);
    expect(errors.filter((t) => /Content Security Policy/i.test(t))).toEqual([]);

    // The policy is enforced: an injected inline script does not run, eval throws.
    const probe = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      // A string timer is compiled in the page's own context (code evaluated by the test tool is exempt).
      (setTimeout as unknown as (code: string, ms: number) => void)('window.__evaluated = true;', 0);
      await new Promise((r) => setTimeout(r, 100));
      const w = window as unknown as { __injected?: boolean; __evaluated?: boolean };
      return {
        injected: w.__injected ?? false,
        evaluated: w.__evaluated ?? false,
        violations: window.__cspViolations!.length,
      };
    });
    expect(probe).toEqual({ injected: false, evaluated: false, violations: 2 });
    expect(errors.filter((t) => !/Content Security Policy/i.test(t))).toEqual([]);
  });
});
