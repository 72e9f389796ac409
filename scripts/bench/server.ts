/**
 * Team server benchmark (a script, not a test): `npm run -s bench:server -- [--json] [--runs N] [--duration S] [--only load,import,tiles]
 * [--rows N]` against the cluster of DATABASE_URL (e.g. `export $(npm run -s db:start)`), in a database of
 * its own that it drops at the end. The server runs as its own process (`src/server/main.ts`), autocannon
 * here, so the load generator does not share the server's event loop.
 * Every phase is warmed up first (JIT, the server's commune index, PostgreSQL caches) and not measured;
 * every request must answer 2xx (non2xx/errors are printed: a run with either is not a valid figure).
 * 1. 50 connections reading the lights of one EPCI (the 25,000-point sample) while 10 connections PATCH
 *    records (If-Match, one record per writer): req/s and latency p50/p95/p99, median of the runs.
 * 2. Import of 1 M rows through the API (upload, engine, staging + COPY, commit) against the engine alone
 *    (importFile on the same bytes in this process), alternated run by run: medians, the median of the
 *    per-run ratios (goal ≤ 2.5) and the server's own phases (Server-Timing).
 * 3. Vector tiles of the 1 M-point layer at zooms 10–16 over the territory: p50/p95/p99.
 * Figures on stdout (JSON with --json), the machine's load average with them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { generatedPath, loadTerritory } from '../../src/cli/territoryData.ts';
import { buildCommuneIndex } from '../../src/geo/communeIndex.ts';
import { importFile } from '../../src/io/import/importFile.ts';
import { createRandom } from '../../src/lib/random.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { seedTerritory } from '../../src/server/db/territory.ts';
import { addUser } from '../../src/server/users.ts';
import { generateLightsCsv } from './import/generate.ts';
import { median } from './lib/timing.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CAB = '246200729';
const PASSWORD = 'mot de passe du banc d’essai';
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const JSON_OUT = args.includes('--json');
const RUNS = flag('runs', 3);
const DURATION = flag('duration', 15);
const WARMUP_S = 3;
// A whole EPCI's layer under 50 connections takes seconds per answer on a small machine: wait for it
// rather than count it as an error (autocannon's default is 10 s).
const TIMEOUT_S = 120;
const ROWS = flag('rows', 1_000_000);
// `--only import,tiles` runs those phases only (the load phase takes RUNS × DURATION s of its own).
const ONLY = new Set((args[args.indexOf('--only') + 1] ?? '').split(','));
const runs = (phase: 'load' | 'import' | 'tiles') => !args.includes('--only') || ONLY.has(phase);
const say = (text: string) => process.stderr.write(`${text}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function percentiles(values: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)) };
}

interface Load {
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** One autocannon run; latencies from every response (autocannon's summary has no p95). */
async function load(options: autocannon.Options, duration = DURATION): Promise<Load> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon({ timeout: TIMEOUT_S, ...options, duration }, (error, r) =>
      error ? fail(error) : done(r),
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
  return {
    requests: result.requests.total,
    reqPerSec: round(result.requests.total / duration),
    ...percentiles(times),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * 10 writers, one record each, PATCH with If-Match for DURATION seconds (a 409 gives the current version,
 * the next PATCH uses it). Own loop rather than autocannon: its per-connection context is reset after every
 * request, so it cannot carry the version from one PATCH to the next.
 */
async function writeLoad(
  base: string,
  cookie: string,
  records: { id: string; version: number }[],
  duration = DURATION,
): Promise<Load> {
  const times: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const end = performance.now() + duration * 1000;
  await Promise.all(
    records.map(async ({ id, version: start }) => {
      let version = start;
      while (performance.now() < end) {
        const t = performance.now();
        try {
          const res = await fetch(`${base}/api/lights/${encodeURIComponent(id)}`, {
            method: 'PATCH',
            headers: { cookie, origin: base, 'content-type': 'application/json', 'if-match': `"${version}"` },
            body: JSON.stringify({ properties: { note: `banc ${t}` } }),
          });
          const json = (await res.json()) as { version?: number; current?: { version: number } };
          times.push(performance.now() - t);
          if (res.status !== 200) {
            non2xx++;
            if (non2xx <= 3) say(`Écriture ${id} : ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
          }
          version = (res.status === 200 ? json.version : json.current?.version) ?? version;
        } catch {
          errors++;
        }
      }
    }),
  );
  return {
    requests: times.length,
    reqPerSec: round(times.length / duration),
    ...percentiles(times),
    non2xx,
    errors,
  };
}

const medianOf = (runs: Load[]): Load | null =>
  runs.length === 0
    ? null
    : (Object.fromEntries(
        (Object.keys(runs[0]!) as (keyof Load)[]).map((k) => [k, round(median(runs.map((r) => r[k])))]),
      ) as unknown as Load);

async function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      SESSION_SECRET: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      NODE_ENV: 'production',
      PORT: '0',
      ATLAS_PRINT_ADDRESS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = await new Promise<string>((done, fail) => {
    child.stdout!.on('data', (d) => done(String(d).trim()));
    child.once('exit', (code) => fail(new Error(`le serveur s’est arrêté (code ${code})`)));
  });
  return { child, base };
}

async function login(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 204) throw new Error(`connexion ${email} : ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

interface ApiImport {
  ms: number;
  /** The server's phases (Server-Timing): parse, stage (COPY), write, commit. */
  phases: Record<string, number>;
}

async function importThroughApi(base: string, cookie: string, bytes: Uint8Array): Promise<ApiImport> {
  const t = performance.now();
  const res = await fetch(`${base}/api/imports?kind=lights&mode=replace&name=bench.csv`, {
    method: 'POST',
    headers: { origin: base, cookie, 'content-type': 'application/octet-stream' },
    body: bytes as unknown as BodyInit,
  });
  const body = (await res.json()) as { accepted?: number; error?: string };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`import : ${res.status} ${body.error}`);
  const phases = Object.fromEntries(
    (res.headers.get('server-timing') ?? '')
      .split(',')
      .map((part) => /^\s*(\w+);dur=(\d+(?:\.\d+)?)/.exec(part))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, Number(m[2])]),
  );
  return { ms, phases };
}

/** Tile addresses at zooms 10–16 of seeded points in the territory's bounding box. */
function tilePaths(count: number): string[] {
  const random = createRandom(17);
  return Array.from({ length: count }, () => {
    const z = random.int(10, 16);
    const lon = 1.55 + random.next() * 0.44;
    const lat = 50.58 + random.next() * 0.34;
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    return `/api/tiles/lights/${z}/${x}/${y}.mvt`;
  });
}

async function main(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL absent : export $(npm run -s db:start)');
  const loadStart = loadavg();
  const name = `atlas_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const owner = new pg.Client({ connectionString: url });
  let server: ChildProcess | null = null;
  try {
    await owner.connect();
    await migrate(owner);
    const territory = loadTerritory();
    await seedTerritory(owner, territory);
    await addUser(owner, { email: 'admin@bench.fr', role: 'admin', password: PASSWORD });
    await addUser(owner, { email: 'editeur@bench.fr', role: 'editor', password: PASSWORD, epci: [CAB] });
    const started = await startServer(url);
    server = started.child;
    const base = started.base;
    const adminCookie = await login(base, 'admin@bench.fr');
    const editorCookie = await login(base, 'editeur@bench.fr');

    // 1. Reads of one EPCI's lights (sample) under concurrent writes.
    const reads: Load[] = [];
    const writes: Load[] = [];
    let cabPoints = 0;
    if (runs('load')) {
      const sample = new Uint8Array(readFileSync(generatedPath('sample-lights.csv')));
      await importThroughApi(base, adminCookie, sample);
      const { rows: inCab } = await owner.query<{ id: string; n: number }>(
        `SELECT id, count(*) OVER ()::int AS n FROM atlas.lights
         WHERE insee IN (SELECT insee FROM atlas.communes WHERE epci_siren = $1) ORDER BY id LIMIT 10`,
        [CAB],
      );
      cabPoints = inCab[0]?.n ?? 0;
      say(`Échantillon : ${sample.length} octets, ${cabPoints} points dans la CA du Boulonnais.`);
      const writers = async () =>
        (
          await owner.query<{ id: string; version: number }>(
            'SELECT id, version FROM atlas.lights WHERE id = ANY($1)',
            [inCab.map((l) => l.id)],
          )
        ).rows;
      const readOptions = {
        url: `${base}/api/lights?epci=${CAB}`,
        connections: 50,
        headers: { cookie: editorCookie },
      };
      await Promise.all([
        load(readOptions, WARMUP_S),
        writeLoad(base, editorCookie, await writers(), WARMUP_S),
      ]);
      for (let run = 0; run < RUNS; run++) {
        const [r, w] = await Promise.all([load(readOptions), writeLoad(base, editorCookie, await writers())]);
        reads.push(r);
        writes.push(w);
        say(
          `Charge ${run + 1}/${RUNS} : lectures ${r.reqPerSec} req/s (p95 ${r.p95} ms, ${r.non2xx + r.errors} échecs), écritures ${w.reqPerSec} req/s (p95 ${w.p95} ms, ${w.non2xx + w.errors} échecs).`,
        );
      }
    }

    // 2. 1 M rows: engine alone vs through the API, alternated run by run, after one unmeasured round of each.
    const bytes = generateLightsCsv(territory.communes, territory.centres, ROWS, 42);
    const communes = buildCommuneIndex(territory.communes);
    const engineMs: number[] = [];
    const apiRuns: ApiImport[] = [];
    let accepted = 0;
    // Without the import phase, one unmeasured import only loads the layer for the tiles.
    for (let run = -1; run < (runs('import') ? RUNS : 0); run++) {
      const t = performance.now();
      const result = await importFile(bytes, { kind: 'lights', fileName: 'bench.csv', communes });
      const engine = performance.now() - t;
      accepted = result.features.count;
      await owner.query('TRUNCATE atlas.lights');
      const api = await importThroughApi(base, adminCookie, bytes);
      say(
        `Import ${run < 0 ? 'échauffement' : `${run + 1}/${RUNS}`} : moteur ${Math.round(engine)} ms, API ${Math.round(api.ms)} ms (${JSON.stringify(api.phases)}).`,
      );
      if (run < 0) continue;
      engineMs.push(engine);
      apiRuns.push(api);
    }
    const stored = (await owner.query('SELECT count(*)::int AS n FROM atlas.lights WHERE NOT deleted'))
      .rows[0].n;
    if (stored !== accepted) throw new Error(`import : ${stored} lignes en base pour ${accepted} acceptées`);

    // 3. Tiles of the 1 M-point layer.
    await owner.query('VACUUM ANALYZE atlas.lights');
    const tiles: Load[] = [];
    const paths = tilePaths(2000);
    let next = 0;
    const tileOptions = (): autocannon.Options => ({
      url: base,
      connections: 10,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => ({
            ...req,
            path: paths[next++ % paths.length]!,
            headers: { cookie: adminCookie },
          }),
        },
      ],
    });
    if (runs('tiles')) await load(tileOptions(), WARMUP_S);
    for (let run = 0; run < (runs('tiles') ? RUNS : 0); run++) {
      tiles.push(await load(tileOptions()));
      say(`Tuiles ${run + 1}/${RUNS} : ${tiles.at(-1)!.reqPerSec} req/s, p95 ${tiles.at(-1)!.p95} ms.`);
    }

    const phaseNames = Object.keys(apiRuns[0]?.phases ?? {});
    // A phase left out by --only reports null figures.
    const pick = (load: Load | null) =>
      load && {
        reqPerSec: load.reqPerSec,
        p50: load.p50,
        p95: load.p95,
        p99: load.p99,
        requests: load.requests,
        non2xx: load.non2xx,
        errors: load.errors,
      };
    const report = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        loadStart: loadStart.map((l) => round(l, 2)),
        loadEnd: loadavg().map((l) => round(l, 2)),
      },
      runs: RUNS,
      durationS: DURATION,
      reads: { connections: 50, epci: CAB, points: cabPoints, ...pick(medianOf(reads)) },
      writes: { connections: 10, ...pick(medianOf(writes)) },
      import: {
        rows: ROWS,
        accepted,
        engineMedianMs: round(median(engineMs), 0),
        apiMedianMs: round(median(apiRuns.map((r) => r.ms)), 0),
        ratio: round(median(apiRuns.map((r, i) => r.ms / engineMs[i]!)), 2),
        goal: 2.5,
        serverPhasesMedianMs: Object.fromEntries(
          phaseNames.map((n) => [n, round(median(apiRuns.map((r) => r.phases[n] ?? Number.NaN)), 0)]),
        ),
      },
      tiles: { connections: 10, zooms: '10-16', points: stored, ...pick(medianOf(tiles)) },
    };
    process.stdout.write(JSON_OUT ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((done) => server!.once('exit', done));
      process.kill(server.pid!, 'SIGTERM');
      await exited;
    }
    await owner.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: Error) => {
  say(`Erreur : ${error.message}`);
  process.exit(1);
});
