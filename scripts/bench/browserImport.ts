/**
 * Browser import benchmark: `npm run -s bench:browser-import -- --json [--runs N] [--rows N] [--no-build]
 * [--trace <file.json>] [--profile <file.cpuprofile>]`.
 *
 * Imports a seeded Lambert-93 street-light CSV (the engine benchmark's generator: `;`, decimal commas,
 * 6 columns, default 1,000,000 rows) into the production build served by `vite preview`, in headless Debian
 * Chromium (software WebGL, the browser tests' launch), through the lights module's import dialog:
 * file chosen → inspection → « Importer » → report → « Valider l’import » → the map idle with every point in
 * its clusters. Each run uses a fresh browser context (empty IndexedDB), with the sample loaded first.
 *   - toMapIdleMs: from the click on « Importer » to the first map idle whose rendered clusters and points
 *     count every imported row (page clock);
 *   - longestMainThreadTaskMs: the longest `longtask` entry (PerformanceObserver) of the page's main thread in
 *     that interval;
 *   - engineMs: the import engine alone (`importFile`, kind lights, commune index built beforehand) on the
 *     same bytes in this Node process, in the same run (median of 3 after one warm-up).
 * Medians over the runs (default 3); per-run figures and the load average go to stderr. `--trace` writes a
 * Chromium performance trace (CDP, devtools.timeline) of the last run, `--profile` a CPU profile of its main
 * thread (CDP Profiler, 1 ms samples), to find where main-thread time goes.
 * stdout: only `{"rows","engineMs","toMapIdleMs","longestMainThreadTaskMs"}`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { buildCommuneIndex } from '../../src/geo/communeIndex.ts';
import { importFile } from '../../src/io/import/importFile.ts';
import { GENERATED_DIR, ROOT } from '../lib/paths.ts';
import { generateLightsCsv } from './import/generate.ts';
import { median } from './lib/timing.ts';

const SEED = 20250101;
const log = (message: string) => process.stderr.write(`${message}\n`);
const argv = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && Number(argv[i + 1]) > 0 ? Number(argv[i + 1]) : fallback;
};
const ROWS = flag('rows', 1_000_000);
const RUNS = flag('runs', 3);
const traceIndex = argv.indexOf('--trace');
const TRACE = traceIndex >= 0 ? argv[traceIndex + 1] : undefined;
const profileIndex = argv.indexOf('--profile');
const PROFILE = profileIndex >= 0 ? argv[profileIndex + 1] : undefined;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(resolve(GENERATED_DIR, name), 'utf8')) as T;
}

/** The seeded file (deterministic: reused from the temp folder when already written). */
function benchFile(communes: CommuneCollection): string {
  const dir = resolve(tmpdir(), 'atlas-cotri-bench');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `eclairage-navigateur-${ROWS}-${SEED}.csv`);
  if (!existsSync(path)) {
    log(`Génération de ${ROWS.toLocaleString('fr-FR')} lignes…`);
    const centres = readJson<CommuneCentreCollection>('centres.geojson');
    writeFileSync(`${path}.tmp`, generateLightsCsv(communes, centres, ROWS, SEED));
    renameSync(`${path}.tmp`, path);
  }
  return path;
}

async function engineMs(path: string, communes: CommuneCollection): Promise<number> {
  const index = buildCommuneIndex(communes);
  const times: number[] = [];
  for (let run = 0; run < 4; run++) {
    const bytes = new Uint8Array(readFileSync(path));
    const start = performance.now();
    const result = await importFile(bytes, { kind: 'lights', fileName: 'bench.csv', communes: index });
    const elapsed = performance.now() - start;
    if (result.rows !== ROWS) throw new Error(`moteur : ${result.rows} lignes lues au lieu de ${ROWS}`);
    if (run > 0) times.push(elapsed);
  }
  return median(times);
}

/** Sum of the points the map draws (cluster counts + single points) once it is idle, and when. */
async function renderedAtIdle(page: Page): Promise<{ counted: number; at: number }> {
  return page.evaluate(async () => {
    await window.__atlas!.whenIdle();
    const at = performance.now();
    const map = window.__atlas!.map;
    const layers = ['lights-clusters', 'lights-points'].filter((id) => map.getLayer(id));
    const features = map.queryRenderedFeatures({ layers });
    const counted = features.reduce(
      (sum, f) => sum + (f.properties.point_count ? Number(f.properties.point_count) : 1),
      0,
    );
    return { counted, at };
  });
}

interface RunResult {
  toMapIdleMs: number;
  longestMainThreadTaskMs: number;
  tasksOver200: number;
}

async function runOnce(browser: Browser, baseUrl: string, path: string, trace: boolean): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}#/eclairage`);
  await page.waitForFunction(() => window.__atlasStore?.getState().lightsSource?.kind === 'sample', null, {
    timeout: 180_000,
  });
  await page.evaluate(() => window.__atlas!.whenIdle());

  await page.getByLabel('Importer un inventaire…').setInputFiles(path);
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-inspection').waitFor({ timeout: 300_000 });
  if (trace && TRACE) await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline'] });
  const cdp = trace && PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const started = await page.evaluate(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __benchTasks: typeof tasks }).__benchTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    const button = [...document.querySelectorAll('[data-testid="import-dialog"] button')].find(
      (b) => b.textContent?.trim() === 'Importer',
    ) as HTMLButtonElement | undefined;
    if (!button) throw new Error('bouton « Importer » introuvable');
    const at = performance.now();
    button.click();
    return at;
  });
  await dialog.getByTestId('import-report').waitFor({ timeout: 900_000 });
  // Clicked from a task of its own: the page may stay busy for seconds after the click (what is measured),
  // longer than a driver's click waits for.
  await page.evaluate(() => {
    const button = [...document.querySelectorAll('[data-testid="import-dialog"] button')].find(
      (b) => b.textContent?.trim() === 'Valider l’import',
    ) as HTMLButtonElement | undefined;
    if (!button) throw new Error('bouton « Valider l’import » introuvable');
    setTimeout(() => button.click(), 0);
  });
  let idle = await renderedAtIdle(page);
  const deadline = Date.now() + 900_000;
  while (idle.counted < ROWS) {
    if (Date.now() > deadline) throw new Error(`carte : ${idle.counted} points dessinés sur ${ROWS}`);
    await new Promise((r) => setTimeout(r, 200));
    idle = await renderedAtIdle(page);
  }
  if (trace && TRACE) await browser.stopTracing();
  if (cdp && PROFILE) writeFileSync(PROFILE, JSON.stringify((await cdp.send('Profiler.stop')).profile));
  const tasks = await page.evaluate(
    () => (window as unknown as { __benchTasks: { start: number; duration: number }[] }).__benchTasks,
  );
  const inRun = tasks.filter((t) => t.start >= started && t.start <= idle.at);
  await context.close();
  if (errors.length) throw new Error(`erreurs de la page : ${errors.join(' | ')}`);
  return {
    toMapIdleMs: Math.round(idle.at - started),
    longestMainThreadTaskMs: Math.round(Math.max(0, ...inRun.map((t) => t.duration))),
    tasksOver200: inRun.filter((t) => t.duration > 200).length,
  };
}

async function main(): Promise<void> {
  const communes = readJson<CommuneCollection>('communes.geojson');
  const path = benchFile(communes);
  log(`Charge au départ (1/5/15 min) : ${load()}`);
  if (!argv.includes('--no-build') || !existsSync(resolve(ROOT, 'dist/index.html'))) {
    log('Construction de production (vite build)…');
    process.env.NODE_ENV = 'production';
    await build({ root: ROOT, logLevel: 'error', mode: 'production' });
  }
  const server = await preview({
    root: ROOT,
    logLevel: 'error',
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('serveur de prévisualisation sans URL');
  const browser = await chromium.launch({
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
  const runs: RunResult[] = [];
  const engine: number[] = [];
  try {
    for (let r = 0; r < RUNS; r++) {
      engine.push(await engineMs(path, communes));
      const result = await runOnce(browser, baseUrl, path, Boolean(TRACE || PROFILE) && r === RUNS - 1);
      runs.push(result);
      log(
        `  exécution ${r + 1} : moteur ${Math.round(engine[r]!)} ms, jusqu’à la carte ${result.toMapIdleMs} ms, ` +
          `plus longue tâche ${result.longestMainThreadTaskMs} ms (${result.tasksOver200} tâche(s) > 200 ms), charge ${load()}`,
      );
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const out = {
    rows: ROWS,
    engineMs: Math.round(median(engine)),
    toMapIdleMs: Math.round(median(runs.map((r) => r.toMapIdleMs))),
    longestMainThreadTaskMs: Math.round(median(runs.map((r) => r.longestMainThreadTaskMs))),
  };
  log(
    `Médianes sur ${RUNS} exécution(s) ; rapport carte / moteur ${(out.toMapIdleMs / Math.max(1, out.engineMs)).toFixed(1)} ` +
      `(objectif ≤ 3), plus longue tâche ${out.longestMainThreadTaskMs} ms (objectif ≤ 200) ; charge à la fin ${load()}`,
  );
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`ÉCHEC : ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
