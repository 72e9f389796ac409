/**
 * A team server of its own for one browser test file: a fresh database on the PostgreSQL of DATABASE_URL
 * (migrated, territory seeded, the given users), the real Fastify app serving the production build, and
 * signed-in browser pages. Used by the live, history and transfer tests (teamSync.e2e.ts predates it).
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadTerritory } from '../../src/cli/territoryData.ts';
import { buildServer } from '../../src/server/app.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createPool } from '../../src/server/db/pool.ts';
import { seedTerritory } from '../../src/server/db/territory.ts';
import { serverPlugins } from '../../src/server/plugins.ts';
import { addUser, type NewUser } from '../../src/server/users.ts';
import type { AppState } from '../../src/state/store.ts';

export const PASSWORD = 'un mot de passe solide';
export const DESVRES = '200018083';
export const BOULONNAIS = '246200729';
const SAMPLE = resolve(import.meta.dirname, '../../public/data/generated/sample-lights.csv');

export type Win = { __atlasStore: { getState(): AppState } };

const at = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

export interface TeamServer {
  base: string;
  pool: pg.Pool;
  /** Light point ids imported per EPCI SIREN. */
  points: Record<string, string[]>;
  stop(): Promise<void>;
  /** Starts the server again on the same port (after `stop`), as after a restart. */
  restart(): Promise<void>;
  /** Stops the server only (the database and pages stay). */
  halt(): Promise<void>;
  signedIn(email: string, hash?: string): Promise<Page>;
  /** A cookie of a session of this user, for API calls made by the test itself. */
  cookie(email: string): Promise<string>;
}

/**
 * `perEpci` sample points of each of the two EPCI go in through the server's import (as the Pays would load its
 * inventory), by the first user (who must be an admin).
 */
export async function startTeamServer(
  browser: Browser,
  name: string,
  users: NewUser[],
  perEpci = 40,
): Promise<TeamServer> {
  const root = process.env.DATABASE_URL!;
  const db = `atlas_e2e_${name}_${process.pid}`;
  const admin = new pg.Client({ connectionString: root });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${db}`);
  await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const url = at(root, db);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await migrate(client);
  await seedTerritory(client, loadTerritory());
  for (const u of users) await addUser(client, u);
  const { rows } = await client.query<{ insee: string; epci: string }>(
    'SELECT insee, epci_siren AS epci FROM atlas.communes WHERE epci_siren = ANY($1)',
    [[DESVRES, BOULONNAIS]],
  );
  await client.end();
  const epciOf = new Map(rows.map((r) => [r.insee, r.epci]));
  const [header, ...lines] = readFileSync(SAMPLE, 'utf8').split(/\r?\n/);
  const inseeAt = header!.split(';').indexOf('code_insee');
  const kept: Record<string, string[]> = { [DESVRES]: [], [BOULONNAIS]: [] };
  for (const line of lines) {
    const epci = epciOf.get(line.split(';')[inseeAt] ?? '');
    if (epci && kept[epci]!.length < perEpci) kept[epci]!.push(line);
  }
  const pool = createPool(url, 10);
  let app: FastifyInstance | null = null;
  let closePlugins: () => Promise<void> = async () => undefined;
  let port = 0;
  let base = '';
  const contexts: BrowserContext[] = [];
  const listen = async (listenPort: number) => {
    const plugins = await serverPlugins(pool, url);
    closePlugins = plugins.close;
    app = await buildServer({
      pool,
      sessionSecret: 'e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      login: { baseDelayMs: 1, maxDelayMs: 5 },
      plugins: plugins.register,
      staticDir: resolve(import.meta.dirname, '../../dist'),
    });
    await app.listen({ port: listenPort, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  };
  const halt = async () => {
    if (!app) return;
    const a = app;
    app = null;
    // Kept-alive browser connections (and the event streams) would hold close() until they time out.
    a.server.closeAllConnections();
    await closePlugins();
    await a.close();
  };
  const cookie = async (email: string) => {
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(204);
    return login.headers.get('set-cookie')!.split(';')[0]!;
  };
  await listen(0);
  const imported = await fetch(`${base}/api/imports?kind=lights&mode=replace&name=extrait.csv`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      origin: base,
      cookie: await cookie(users[0]!.email),
    },
    body: [header, ...kept[DESVRES]!, ...kept[BOULONNAIS]!].join('\n'),
  });
  expect(imported.status).toBe(200);
  const ids = (list: string[]) => list.map((l) => l.split(';')[0]!);
  return {
    get base() {
      return base;
    },
    pool,
    points: { [DESVRES]: ids(kept[DESVRES]!), [BOULONNAIS]: ids(kept[BOULONNAIS]!) },
    halt,
    restart: () => listen(port),
    cookie,
    async signedIn(email, hash = '#/eclairage') {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${base}/${hash}`);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByTestId('team-identity').waitFor({ timeout: 60_000 });
      await expect
        .poll(() => page.getByTestId('team-sync').textContent(), { timeout: 60_000 })
        .toContain('à jour');
      return page;
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await halt().catch(() => undefined);
      await pool.end();
      const c = new pg.Client({ connectionString: root });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Selects points through the store (the map selection is tested elsewhere), then the batch form. */
export async function renovate(page: Page, ids: string[], date: string, powerW: string): Promise<void> {
  await page.evaluate(
    (sel) => (window as unknown as Win).__atlasStore.getState().setLightsSelection(sel),
    ids,
  );
  const form = page.getByRole('form', { name: 'Modifier la sélection' });
  await form.getByRole('radio', { name: 'rénové', exact: true }).check();
  await form.getByLabel('Date des travaux').fill(date);
  await form.getByRole('combobox', { name: 'Technologie après travaux' }).selectOption('led');
  await form.getByLabel(/^Puissance après travaux/).fill(powerW);
  await form.getByRole('button', { name: /^Appliquer à/ }).click();
}
