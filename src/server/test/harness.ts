import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
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

export interface TeamUser {
  email: string;
  role: Role;
  scope?: Parameters<typeof createUser>[3];
  /** False: the account exists but nobody signs in with it before the tests (default true). */
  signIn?: boolean;
}

/** A database, a server on it and signed-in users, set up before a describe's tests and torn down after. */
export interface Team {
  readonly db: TestDatabase;
  readonly server: TestServer;
  /** The signed-in client of one of the team's users, usable at collection time (bound when called). */
  api(email: string): Api;
  /** The user's id in atlas.users (a string, as the API reports it). */
  userId(email: string): string;
}

/**
 * Registers beforeAll/afterAll in the calling describe: a fresh database from the template, a server
 * (options as for startServer), the users created in order and signed in. The file's own beforeAll hooks,
 * registered after this call, run after it; its afterAll hooks run before the teardown (vitest stacks them).
 */
export function useTeam(users: TeamUser[], options: Partial<ServerOptions> = {}): Team {
  let db: TestDatabase | undefined;
  let server: TestServer | undefined;
  const signedIn = new Map<string, Api>();
  const ids = new Map<string, string>();
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what}: useTeam's beforeAll has not run`);
    return value;
  };
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startServer(db, options);
    for (const user of users) {
      await createUser(db, user.email, user.role, user.scope);
      const { rows } = await db.pool.query('SELECT id FROM atlas.users WHERE email = $1', [user.email]);
      ids.set(user.email, String(rows[0].id));
      if (user.signIn !== false) signedIn.set(user.email, await login(server, user.email));
    }
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });
  return {
    get db() {
      return ready(db, 'db');
    },
    get server() {
      return ready(server, 'server');
    },
    api(email) {
      const call = ((...args: Parameters<Api>) => ready(signedIn.get(email), email)(...args)) as Api;
      Object.defineProperty(call, 'cookie', { get: () => ready(signedIn.get(email), email).cookie });
      return call;
    },
    userId: (email) => ready(ids.get(email), email),
  };
}
