/**
 * Team mode in the browser (a script, not a test): `npm run -s bench:team -- [--json] [--runs N]` against the
 * cluster of DATABASE_URL, in a database of its own that it drops at the end. The server runs as its own
 * process (`src/server/main.ts`, serving the production build in dist/: run `npm run build:app` first), the
 * app in headless Chromium (software WebGL), the 25,000-point sample imported through the API.
 * 1. First load: a fresh browser context (empty IndexedDB) opens the app with a valid session, until the
 *    sync says « à jour » with every point in the store and the map idle.
 * 2. Incremental sync after 100 remote edits: another user PATCHes 100 points (If-Match, 10 at a time); from
 *    the last answer until all 100 are renovated in the first page's store (the event stream triggers the
 *    sync, which reads only what changed since its cursor).
 * Medians of the runs (one warm-up run of each, not counted); the machine's load average is printed with them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { loadTerritory } from '../../src/cli/territoryData.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { seedTerritory } from '../../src/server/db/territory.ts';
import { addUser } from '../../src/server/users.ts';
import { median } from './lib/timing.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const PASSWORD = 'mot de passe du banc d’essai';
const args = process.argv.slice(2);
const JSON_OUT = args.includes('--json');
const RUNS = (() => {
  const i = args.indexOf('--runs');
  return i >= 0 ? Number(args[i + 1]) : 5;
})();
const EDITS = 100;
const say = (text: string) => process.stderr.write(`${text}\n`);
const load = () => loadavg()[0]!.toFixed(1);

type Win = {
  __atlasStore: { getState(): { lightPoints: { id: string; status: string }[] } };
  __atlas?: { whenIdle(): Promise<void> };
};

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

async function main(): Promise<void> {
  const root = process.env.DATABASE_URL;
  if (!root) throw new Error('DATABASE_URL absent : export $(npm run -s db:start)');
  const db = `atlas_bench_team_${process.pid}`;
  const url = new URL(root);
  url.pathname = `/${db}`;
  const admin = new pg.Client({ connectionString: root });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${db}`);
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  let server: ChildProcess | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic'],
  });
  try {
    await migrate(client);
    await seedTerritory(client, loadTerritory());
    await addUser(client, { email: 'elu@pays-boulonnais.fr', role: 'viewer', password: PASSWORD });
    await addUser(client, { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD });
    const started = await startServer(url.toString());
    server = started.child;
    const { base } = started;
    const adminCookie = await login(base, 'chef@pays-boulonnais.fr');
    const csv = readFileSync(resolve(ROOT, 'public/data/generated/sample-lights.csv'));
    const imported = await fetch(`${base}/api/imports?kind=lights&mode=replace&name=sample-lights.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', origin: base, cookie: adminCookie },
      body: csv,
    });
    if (imported.status !== 200) throw new Error(`import : HTTP ${imported.status}`);
    const total = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM atlas.lights')).rows[0]!
      .n;
    const { rows: candidates } = await client.query<{ id: string }>(
      "SELECT id FROM atlas.lights WHERE properties->>'statut' = 'à rénover' ORDER BY id LIMIT $1",
      [EDITS * (RUNS + 1)],
    );
    if (candidates.length < EDITS * (RUNS + 1)) throw new Error('pas assez de points à rénover');
    say(`${total} points on the server; load ${load()} at the start`);
    const viewerCookie = (await login(base, 'elu@pays-boulonnais.fr')).split('=');
    const firstLoad: number[] = [];
    const incremental: number[] = [];
    const sending: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
      await context.addCookies([
        { name: viewerCookie[0]!, value: viewerCookie.slice(1).join('='), url: base },
      ]);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${base}/#/eclairage`);
      await page.waitForFunction(
        (n) => {
          const w = window as unknown as Win;
          const sync = document.querySelector('[data-testid="team-sync"]')?.textContent ?? '';
          return sync.includes('à jour') && w.__atlasStore?.getState().lightPoints.length === n;
        },
        total,
        { timeout: 600_000, polling: 20 },
      );
      await page.evaluate(() => (window as unknown as Win).__atlas?.whenIdle());
      const loadMs = performance.now() - t0;
      // The stream must be open before the edits, or they would be caught by the periodic sync instead.
      await page.waitForFunction(
        () => document.querySelector('[data-testid="team-live"]')?.textContent === 'en direct',
        null,
        { timeout: 60_000, polling: 50 },
      );
      const ids = candidates.slice(run * EDITS, (run + 1) * EDITS).map((r) => r.id);
      const s0 = performance.now();
      for (let k = 0; k < ids.length; k += 10)
        await Promise.all(
          ids.slice(k, k + 10).map(async (id) => {
            const res = await fetch(`${base}/api/lights/${encodeURIComponent(id)}`, {
              method: 'PATCH',
              headers: {
                'content-type': 'application/json',
                'if-match': '"1"',
                origin: base,
                cookie: adminCookie,
              },
              body: JSON.stringify({
                properties: {
                  statut: 'rénové',
                  date_renovation: '12/10/2026',
                  technologie_apres: 'LED',
                  puissance_apres_w: 30,
                },
              }),
            });
            if (res.status !== 200) throw new Error(`PATCH ${id} : HTTP ${res.status}`);
          }),
        );
      const t1 = performance.now();
      await page.waitForFunction(
        (list) => {
          const set = new Set(list);
          const points = (window as unknown as Win).__atlasStore.getState().lightPoints;
          return points.filter((p) => set.has(p.id) && p.status === 'renovated').length === list.length;
        },
        ids,
        { timeout: 120_000, polling: 20 },
      );
      const syncMs = performance.now() - t1;
      say(
        `run ${run}${run === 0 ? ' (warm-up)' : ''}: first load ${Math.round(loadMs)} ms, 100 edits sent in ${Math.round(t1 - s0)} ms, all shown ${Math.round(syncMs)} ms after the last answer (load ${load()})`,
      );
      if (run > 0) {
        firstLoad.push(loadMs);
        incremental.push(syncMs);
        sending.push(t1 - s0);
      }
      await context.close();
    }
    const result = {
      points: total,
      runs: RUNS,
      firstLoadMedianMs: Math.round(median(firstLoad)),
      incrementalAfter100EditsMedianMs: Math.round(median(incremental)),
      sending100EditsMedianMs: Math.round(median(sending)),
      loadAverageEnd: Number(load()),
    };
    if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
    else
      say(
        `first load of ${total} points: ${result.firstLoadMedianMs} ms; incremental sync after ${EDITS} remote edits: ${result.incrementalAfter100EditsMedianMs} ms (medians of ${RUNS})`,
      );
  } finally {
    await browser.close();
    server?.kill();
    await client.end();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
