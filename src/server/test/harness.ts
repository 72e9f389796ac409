import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { buildServer, type ServerOptions } from '../app.ts';
import { createPool } from '../db/pool.ts';
import { serverPlugins } from '../plugins.ts';
import { addUser, type Role } from '../users.ts';
import { databaseAt } from './globalSetup.ts';

export const templateDb = inject('templateDb');
/** False when DATABASE_URL is absent outside CI: the files skip (globalSetup printed why). */
export const hasDatabase = !!templateDb;
export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const PASSWORD = 'un mot de passe solide';

export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  drop(): Promise<void>;
}

/** A fresh database cloned from the migrated template (a few hundred ms). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL!;
  // The template's pid in the name lets globalSetup drop leftovers of a crashed test file.
  const dbName = `atlas_t_${templateDb!.slice('atlas_tpl_'.length)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${templateDb}`);
  await admin.end();
  const url = databaseAt(base, dbName);
  const pool = createPool(url, 20);
  return {
    url,
    pool,
    async drop() {
      await pool.end();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServer {
  base: string;
  close(): Promise<void>;
}

export async function startServer(
  db: TestDatabase,
  options: Partial<ServerOptions> = {},
): Promise<TestServer> {
  const plugins = await serverPlugins(db.pool, db.url);
  const app = await buildServer({
    pool: db.pool,
    sessionSecret: SECRET,
    login: { baseDelayMs: 1, maxDelayMs: 5 },
    plugins: plugins.register,
    ...options,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    async close() {
      await plugins.close();
      await app.close();
    },
  };
}

export async function createUser(
  db: TestDatabase,
  email: string,
  role: Role,
  scope: { epci?: string[]; communes?: string[]; structure?: string } = {},
): Promise<void> {
  const client = await db.pool.connect();
  try {
    await addUser(client, { email, role, password: PASSWORD, ...scope });
  } finally {
    client.release();
  }
}

/** A logged-in API client: sends the session cookie and a same-origin Origin header. */
export interface Api {
  (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{
    status: number;
    json: unknown;
    headers: Headers;
  }>;
  cookie: string;
}

export async function login(server: TestServer, email: string, password = PASSWORD): Promise<Api> {
  const res = await fetch(`${server.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.base },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 204) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return client(server, cookie);
}

export function client(server: TestServer, cookie: string): Api {
  const call = (async (method, path, body, headers = {}) => {
    const init: RequestInit = { method, headers: { origin: server.base, cookie, ...headers } };
    if (body !== undefined) {
      if (body instanceof Uint8Array) {
        init.body = body as unknown as BodyInit;
        (init.headers as Record<string, string>)['content-type'] = 'application/octet-stream';
      } else {
        init.body = typeof body === 'string' ? body : JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
    }
    const res = await fetch(`${server.base}${path}`, init);
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }) as Api;
  call.cookie = cookie;
  return call;
}

export const lightBody = (id: string, lon = 1.6, lat = 50.72, properties: Record<string, unknown> = {}) => ({
  id,
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { statut: 'à rénover', puissance_w: 150, ...properties },
});
