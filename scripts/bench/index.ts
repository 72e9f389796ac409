/**
 * Import-engine benchmark: `npm run -s bench -- --json [--runs N]`.
 *
 * Generates seeded street-light CSVs (`;`, decimal commas, Lambert-93, ~64 bytes/row) of 100,000 and
 * 1,000,000 rows in a temp folder (in a child process; reused while the territory is unchanged), then
 * measures, after warm-up runs, the median of N runs (default 5; 15 for the short 100k pipeline runs) of
 *   - the app's pipeline: read bytes → importFile (parse, reproject, validate ids, join) → per-commune counts;
 *   - the naive reference on the 100k file: PapaParse header:true + proj4 + turf over all communes;
 *   - the "sensible libraries" reference on the 100k file: PapaParse rows as arrays, one reused proj4
 *     converter, a Flatbush bounding-box prefilter, turf.booleanPointInPolygon on the candidates.
 * All three sides have the same warm-up and report per-stage medians (parse, reproject, join). The fast counts
 * must equal both references' (exit code 1 otherwise). The 1M measurement runs in a child
 * process so that its peak RSS (`process.resourceUsage().maxRSS`) is its own, not the generator's.
 * The commune index is built once, before timing, as the app does when it sends the communes to the worker.
 * stdout: only `{"rows100k":{"medianMs","naiveMedianMs","ratio","sensibleMedianMs","ratioSensible",
 * "stages":{"fast"|"naive"|"sensible":{"parseMs","reprojectMs","joinMs"}}},"rows1M":{"medianMs","peakRssMb"}}`;
 * progress on stderr.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { buildCommuneIndex } from '../../src/geo/communeIndex.ts';
import type { ImportStageTimes } from '../../src/io/import/importFile.ts';
import { GENERATED_DIR } from '../lib/paths.ts';
import { canonical, fastCountsByCommune } from './import/fast.ts';
import { generateLightsCsv } from './import/generate.ts';
import { naiveCountsByCommune } from './import/naive.ts';
import { communeBoxes, sensibleCountsByCommune } from './import/sensible.ts';
import type { ReferenceResult } from './import/stages.ts';
import { median } from './lib/timing.ts';

const SEED = 20250101;
const ratio = (reference: number, fast: number) => Math.round((reference / Math.max(1, fast)) * 10) / 10;
const SCRIPT = fileURLToPath(import.meta.url);
const log = (message: string) => process.stderr.write(`${message}\n`);

/** Full GC, then a pause so that freed ArrayBuffers are really released before the next (timed) run. */
async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

function readTerritory(): { communes: CommuneCollection; centres: CommuneCentreCollection; hash: string } {
  const path = resolve(GENERATED_DIR, 'communes.geojson');
  if (!existsSync(path)) throw new Error('Données du territoire absentes : lancez d’abord npm run setup');
  const text = readFileSync(path, 'utf8');
  return {
    communes: JSON.parse(text) as CommuneCollection,
    centres: JSON.parse(
      readFileSync(resolve(GENERATED_DIR, 'centres.geojson'), 'utf8'),
    ) as CommuneCentreCollection,
    hash: createHash('sha1').update(text).digest('hex').slice(0, 10),
  };
}

/** Writes (or reuses: the generator is deterministic) the CSV of `rows` rows. */
/**
 * Writes (or reuses: the generator is deterministic) the CSV of `rows` rows. Generation runs in a child
 * process so that the measuring process does not carry the generator's million objects in its heap.
 */
function benchFile(territory: ReturnType<typeof readTerritory>, rows: number): string {
  const dir = resolve(tmpdir(), 'atlas-cotri-bench');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, `eclairage-${rows}-${SEED}-${territory.hash}.csv`);
  if (!existsSync(path)) {
    log(`Génération de ${rows.toLocaleString('fr-FR')} lignes…`);
    const spawned = spawnSync(
      process.execPath,
      [...process.execArgv, SCRIPT, '--generate', String(rows), path],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (spawned.status !== 0 || !existsSync(path)) throw new Error(`génération de ${rows} lignes impossible`);
  }
  return path;
}

function generate(rows: number, path: string): void {
  const { communes, centres } = readTerritory();
  writeFileSync(`${path}.tmp`, generateLightsCsv(communes, centres, rows, SEED));
  renameSync(`${path}.tmp`, path);
}

interface Timed {
  medianMs: number;
  stages: ImportStageTimes;
  result: ReferenceResult;
}

/**
 * The same protocol for every side: warm-up runs (at least 3 and 1.5 s) so that every measured run uses
 * optimised code, as in a long-lived worker, then `runs` measured runs, each after a full GC. Medians of the
 * total and of each stage (the stage medians need not add up to the total median).
 */
async function timeSide(
  label: string,
  path: string,
  runs: number,
  run: (bytes: Uint8Array) => Promise<ReferenceResult> | ReferenceResult,
): Promise<Timed> {
  let warmUp = 0;
  for (const started = performance.now(); warmUp < 3 || performance.now() - started < 1500; warmUp++) {
    await settle();
    await run(readFileSync(path));
  }
  log(`  ${warmUp} exécutions d’échauffement`);
  const times: number[] = [];
  const stages: ImportStageTimes[] = [];
  let last: ReferenceResult | null = null;
  for (let r = 0; r < runs; r++) {
    await settle();
    const start = performance.now();
    last = await run(readFileSync(path));
    const elapsed = performance.now() - start;
    times.push(elapsed);
    stages.push(last.stages);
    const s = last.stages;
    log(
      `  ${label} essai ${r + 1} : ${Math.round(elapsed)} ms (lecture ${Math.round(s.parseMs)}, reprojection ${Math.round(s.reprojectMs)}, rattachement ${Math.round(s.joinMs)})`,
    );
  }
  const stageMedian = (key: keyof ImportStageTimes) => Math.round(median(stages.map((s) => s[key])));
  const timed = {
    medianMs: Math.round(median(times)),
    stages: {
      parseMs: stageMedian('parseMs'),
      reprojectMs: stageMedian('reprojectMs'),
      joinMs: stageMedian('joinMs'),
    },
    result: last!,
  };
  log(`  médiane ${timed.medianMs} ms ${JSON.stringify(timed.stages)}`);
  return timed;
}

const timeFast = (path: string, communes: CommuneCollection, runs: number) => {
  // The commune index is built once, before timing, as the app does when it sends the communes to the worker.
  const index = buildCommuneIndex(communes);
  return timeSide('pipeline', path, runs, (bytes) => fastCountsByCommune(bytes, index));
};

/** Child mode: the 1M-row measurement, reporting its own peak RSS. */
async function child(path: string, runs: number): Promise<void> {
  const { communes } = readTerritory();
  const fast = await timeFast(path, communes, runs);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ medianMs: fast.medianMs, peakRssMb, rows: fast.result.rows })}\n`);
}

async function main(argv: string[]): Promise<number> {
  const runsIndex = argv.indexOf('--runs');
  const runs = Math.max(5, runsIndex >= 0 ? Number(argv[runsIndex + 1]) || 5 : 5);
  const generateIndex = argv.indexOf('--generate');
  if (generateIndex >= 0) {
    generate(Number(argv[generateIndex + 1]), argv[generateIndex + 2]!);
    return 0;
  }
  const childIndex = argv.indexOf('--child');
  if (childIndex >= 0) {
    await child(argv[childIndex + 1]!, runs);
    return 0;
  }
  const json = argv.includes('--json');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  log(`Charge de la machine (1, 5, 15 min) : ${load()} — ${cpus().length} cœurs`);
  const territory = readTerritory();
  const file100k = benchFile(territory, 100_000);
  const file1M = benchFile(territory, 1_000_000);

  log('100 000 lignes — pipeline de l’application :');
  // Short runs are the most exposed to other processes' bursts: more of them for a stable median.
  const fast = await timeFast(file100k, territory.communes, Math.max(runs, 15));
  log('100 000 lignes — référence naïve (PapaParse header:true + proj4 + turf sur toutes les communes) :');
  const naive = await timeSide('naïve', file100k, runs, (bytes) =>
    naiveCountsByCommune(bytes, territory.communes),
  );
  log(
    '100 000 lignes — référence « bibliothèques raisonnables » (PapaParse + un convertisseur proj4 + Flatbush + turf) :',
  );
  const boxes = communeBoxes(territory.communes);
  const sensible = await timeSide('raisonnable', file100k, runs, (bytes) =>
    sensibleCountsByCommune(bytes, territory.communes, boxes),
  );
  for (const [name, side] of [
    ['naïve', naive],
    ['raisonnable', sensible],
  ] as const) {
    if (canonical(fast.result.counts) !== canonical(side.result.counts) || fast.result.rows !== 100_000) {
      log(`ÉCHEC : les comptages par commune diffèrent entre le pipeline et la référence ${name}.`);
      log(`  pipeline : ${canonical(fast.result.counts)}`);
      log(`  ${name} : ${canonical(side.result.counts)}`);
      return 1;
    }
  }
  log('  comptages par commune identiques des trois côtés.');

  log('1 000 000 lignes — pipeline (processus séparé pour mesurer sa mémoire) :');
  const spawned = spawnSync(
    process.execPath,
    [...process.execArgv, '--expose-gc', SCRIPT, '--child', file1M, '--runs', String(runs)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  if (spawned.status !== 0) {
    log(`ÉCHEC de la mesure 1M (code ${spawned.status}).`);
    return 1;
  }
  const million = JSON.parse(spawned.stdout.trim().split('\n').pop()!) as {
    medianMs: number;
    peakRssMb: number;
    rows: number;
  };
  if (million.rows !== 1_000_000) {
    log(`ÉCHEC : ${million.rows} lignes lues au lieu de 1 000 000.`);
    return 1;
  }
  const output = {
    rows100k: {
      medianMs: fast.medianMs,
      naiveMedianMs: naive.medianMs,
      ratio: ratio(naive.medianMs, fast.medianMs),
      sensibleMedianMs: sensible.medianMs,
      ratioSensible: ratio(sensible.medianMs, fast.medianMs),
      stages: { fast: fast.stages, naive: naive.stages, sensible: sensible.stages },
    },
    rows1M: { medianMs: million.medianMs, peakRssMb: million.peakRssMb },
  };
  log(`Charge de la machine en fin de mesure : ${load()}`);
  if (json) process.stdout.write(`${JSON.stringify(output)}\n`);
  else log(JSON.stringify(output, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    log(`Erreur : ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
