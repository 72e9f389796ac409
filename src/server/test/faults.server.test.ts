/**
 * Faults against a PostgreSQL cluster of this file's own (stopping it must not disturb the other server test
 * files) and the real server process (`src/server/main.ts`): database stopped mid-import, server SIGKILLed
 * mid-import, SIGTERM while a request is in flight. "Mid-import" is made deterministic by holding a lock on
 * the audit log: the import has then written every row into atlas.lights (uncommitted) and waits for its
 * summary line.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTerritory } from '../../cli/territoryData.ts';
import { migrate } from '../db/migrate.ts';
import { seedTerritory } from '../db/territory.ts';
import { addUser } from '../users.ts';
import { hasDatabase, PASSWORD, SECRET } from './harness.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const APP = 'atlas-faults-test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const lightsCsv = (prefix: string, n: number) =>
  new TextEncoder().encode(
    `identifiant;longitude;latitude;puissance_w;statut\n${Array.from(
      { length: n },
      (_, i) =>
        `${prefix}-${i};${(1.6 + (i % 100) / 10_000).toFixed(5)};${(50.72 + i / 1_000_000).toFixed(6)};70;x`,
    ).join('\n')}\n`,
  );

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe().catch(() => null);
    if (value) return value;
    await sleep(100);
  }
  throw new Error(`still waiting for ${what} after 30 s`);
}

const refused = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });

interface ServerProcess {
  child: ChildProcess;
  base: string;
  cookie: string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe.skipIf(!hasDatabase)('faults: database stopped, server killed or terminated mid-import', () => {
  const dir = mkdtempSync(resolve(tmpdir(), 'atlas-faults-'));
  const pgDir = resolve(dir, 'pg');
  let url = '';
  let owner: pg.Client;
  let server: ServerProcess | null = null;

  let clusterDown = false;
  const cluster = (command: 'start' | 'stop') => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/db.ts', command], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_PG_DIR: pgDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    clusterDown = command === 'stop';
    return out;
  };
  const connectOwner = async () => {
    owner = new pg.Client({ connectionString: url });
    owner.on('error', () => {});
    await owner.connect();
  };
  const count = async (where = 'NOT deleted') =>
    (await owner.query(`SELECT count(*)::int AS n FROM atlas.lights WHERE ${where}`)).rows[0].n as number;

  async function startServer(): Promise<ServerProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `${url}?application_name=${APP}`,
        SESSION_SECRET: SECRET,
        NODE_ENV: 'production',
        PORT: '0',
        ATLAS_PRINT_ADDRESS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    const base = await new Promise<string>((done, fail) => {
      let out = '';
      child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('\n')) done(out.trim());
      });
      exited.then(() => fail(new Error(`server exited: ${err}`)));
    });
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'admin@pays.fr', password: PASSWORD }),
    });
    expect(res.status).toBe(204);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    return { child, base, cookie, stderr: () => err, exited };
  }

  const importLights = (s: ServerProcess, body: Uint8Array, mode = 'replace') =>
    fetch(`${s.base}/api/imports?kind=lights&mode=${mode}`, {
      method: 'POST',
      headers: { origin: s.base, cookie: s.cookie, 'content-type': 'application/octet-stream' },
      body: body as unknown as BodyInit,
    });

  /** Holds the audit log so that an import stops just before its summary line, rows written but uncommitted. */
  async function holdImports(): Promise<pg.Client> {
    const holder = new pg.Client({ connectionString: url });
    holder.on('error', () => {});
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE atlas.audit_log IN EXCLUSIVE MODE');
    return holder;
  }
  const importIsWaiting = () =>
    until('the import to wait with its rows written', async () => {
      const { rows } = await owner.query(
        `SELECT a.pid FROM pg_stat_activity a
         WHERE a.application_name = $1 AND a.wait_event_type = 'Lock'
           AND EXISTS (SELECT FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                       WHERE l.pid = a.pid AND c.relname = 'lights' AND l.mode = 'RowExclusiveLock' AND l.granted)`,
        [APP],
      );
      return rows[0]?.pid as number | undefined;
    });

  beforeAll(async () => {
    chmodSync(dir, 0o755); // the cluster runs as `postgres` when the tests run as root
    url = /DATABASE_URL=(\S+)/.exec(cluster('start'))![1]!;
    await connectOwner();
    await migrate(owner);
    await seedTerritory(owner, loadTerritory());
    await addUser(owner, { email: 'admin@pays.fr', role: 'admin', password: PASSWORD });
    server = await startServer();
  });
  // A failed test must not leave the cluster down for the next ones (their failures would only echo it).
  afterEach(async () => {
    if (!clusterDown) return;
    cluster('start');
    await connectOwner();
  });
  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      process.kill(server.child.pid!, 'SIGKILL');
      await server.exited;
    }
    await owner?.end().catch(() => {});
    try {
      cluster('stop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL stopped during an import: 503 in French, no partial rows, reconnects by itself after restart', async () => {
    const s = server!;
    const holder = await holdImports();
    const pending = importLights(s, lightsCsv('A', 2000));
    await importIsWaiting();
    // Frozen while PostgreSQL stops: a fast shutdown ends every backend at once, the lock holder's too, so
    // the import's backend may get its lock and finish its last statement before its own end; a running
    // server could then COMMIT in that window (seen once on a loaded CI machine: 200). Stopped, it cannot;
    // on SIGCONT it reads the last result and the FATAL message together, between two statements (that
    // crashed the server once, on CI: see pool.server.test.ts).
    process.kill(s.child.pid!, 'SIGSTOP');
    try {
      cluster('stop');
    } finally {
      process.kill(s.child.pid!, 'SIGCONT');
    }
    const res = await pending.catch((error: Error) => {
      // The server must answer, not drop the connection: say whether it died, and what it printed.
      const state = s.child.exitCode ?? s.child.signalCode ?? 'still running';
      throw new Error(`no answer to the import (${error.message}); server: ${state}; stderr: ${s.stderr()}`);
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toBe(
      'La base de données est indisponible : réessayez dans un instant.',
    );
    const health = await fetch(`${s.base}/api/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ ok: false, database: 'unavailable' });
    const read = await fetch(`${s.base}/api/lights`, { headers: { cookie: s.cookie } });
    expect(read.status).toBe(503);
    await holder.end().catch(() => {});

    cluster('start');
    await connectOwner();
    expect(await count('true')).toBe(0);
    // The same server process, never restarted: its pool opens new connections on its own.
    const back = await until('the server to reconnect', async () => {
      const h = await fetch(`${s.base}/api/health`);
      return h.status === 200 && ((await h.json()) as Record<string, unknown>);
    });
    expect(Object.keys(back).sort()).toEqual(['database', 'migrations', 'ok', 'postgis']);
    const again = await importLights(s, lightsCsv('A', 2000));
    expect(again.status).toBe(200);
    expect(await count()).toBe(2000);
  });

  it('server SIGKILLed mid-import: the transaction dies with it, nothing partial', async () => {
    const s = server!;
    const holder = await holdImports();
    const pending = importLights(s, lightsCsv('B', 1500)).catch((error: Error) => error);
    const pid = await importIsWaiting();
    process.kill(s.child.pid!, 'SIGKILL');
    expect((await s.exited).signal).toBe('SIGKILL');
    expect(await pending).toBeInstanceOf(Error);
    await holder.query('ROLLBACK');
    await holder.end();
    // PostgreSQL notices the dead client once the lock is free, and rolls its transaction back.
    await until('the orphaned backend to end', async () => {
      const { rows } = await owner.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      return rows.length === 0;
    });
    expect(await count()).toBe(2000);
    expect(await count("id LIKE 'B-%'")).toBe(0);
    expect(await count('deleted')).toBe(0); // the replace's deletions were rolled back too
    const log = readFileSync(resolve(dir, 'pg.log'), 'utf8');
    expect(log).toMatch(/unexpected EOF on client connection with an open transaction/);
  });

  it('SIGTERM: stops accepting, finishes the request in flight, closes the pool, exits 0', async () => {
    const s = await startServer();
    server = s;
    const holder = await holdImports();
    const pending = importLights(s, lightsCsv('C', 500), 'add');
    await importIsWaiting();
    process.kill(s.child.pid!, 'SIGTERM');
    // A fresh TCP connection (fetch would reuse a kept-alive one, which Fastify answers 503 while closing).
    const { port } = new URL(s.base);
    await until('new connections to be refused', () => refused(Number(port)));
    expect(s.child.exitCode).toBeNull(); // still draining
    await holder.query('COMMIT');
    await holder.end();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 500, applied: { inserted: 500 } });
    expect(await s.exited).toEqual({ code: 0, signal: null });
    // « Serveur arrêté. » is printed once pool.end() has resolved, i.e. every connection closed cleanly.
    expect(s.stderr()).toMatch(/SIGTERM reçu[\s\S]*Serveur arrêté\./);
    expect(await count()).toBe(2500);
    await until('the server’s connections to be gone', async () => {
      const { rows } = await owner.query(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [APP],
      );
      return rows[0].n === 0;
    });
  });
});
