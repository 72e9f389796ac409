/**
 * Team mode against the real server and PostgreSQL/PostGIS (DATABASE_URL, exported by `.ci/run`): the French
 * sign-in page, the identity in the header for two users in two browser contexts, and an expired session that
 * asks to sign in again without losing what was typed. Without DATABASE_URL the file is skipped with a message,
 * except in CI where it fails.
 */
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTerritory } from '../../src/cli/territoryData.ts';
import { buildServer } from '../../src/server/app.ts';
import { migrate } from '../../src/server/db/migrate.ts';
import { createPool } from '../../src/server/db/pool.ts';
import { seedTerritory } from '../../src/server/db/territory.ts';
import { serverPlugins } from '../../src/server/plugins.ts';
import { addUser } from '../../src/server/users.ts';
import { launchBrowser, screenshot } from './browser.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_) process.stderr.write('\n⚠ team.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const PASSWORD = 'un mot de passe solide';
const DB = `atlas_e2e_team_${process.pid}`;
const at = (base: string, name: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
};

let browser: Browser;
let base = '';
let pool: pg.Pool;
let stop: () => Promise<void> = async () => undefined;

async function signInPage(page: Page, email: string): Promise<void> {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe.skipIf(!URL_)('team mode in the app (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: URL_ });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    const url = at(URL_!, DB);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await migrate(client);
    await seedTerritory(client, loadTerritory());
    await addUser(client, {
      email: 'editrice@desvres-samer.fr',
      role: 'editor',
      password: PASSWORD,
      epci: ['200018083'],
    });
    await addUser(client, { email: 'elu@pays-boulonnais.fr', role: 'viewer', password: PASSWORD });
    await client.end();
    pool = createPool(url, 10);
    const plugins = await serverPlugins(pool, url);
    const app = await buildServer({
      pool,
      sessionSecret: 'e2e-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
      login: { baseDelayMs: 1, maxDelayMs: 5 },
      plugins: plugins.register,
      staticDir: resolve(import.meta.dirname, '../../dist'),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    stop = async () => {
      await browser.close();
      await plugins.close();
      await app.close();
      await pool.end();
      const c = new pg.Client({ connectionString: URL_ });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
      await c.end();
    };
  });
  afterAll(() => stop());

  it('signs two users in, shows who they are, and keeps typed input across an expired session', async () => {
    const editor = await (
      await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    const errors: string[] = [];
    editor.on('pageerror', (e) => errors.push(e.message));
    await editor.goto(`${base}/#/eclairage`);
    const signin = editor.getByTestId('team-signin');
    await signin.waitFor();
    expect(await signin.textContent()).toContain('espace d’équipe');
    await editor.getByLabel('Adresse e-mail').fill('editrice@desvres-samer.fr');
    await editor.getByLabel('Mot de passe').fill('mauvais mot de passe');
    await editor.getByRole('button', { name: 'Se connecter' }).click();
    await expect
      .poll(() => signin.getByRole('alert').textContent())
      .toBe('E-mail ou mot de passe incorrect.');
    await screenshot(editor, 'team-signin');
    await signInPage(editor, 'editrice@desvres-samer.fr');
    const identity = editor.getByTestId('team-identity');
    await expect
      .poll(() => identity.textContent())
      .toContain('editrice@desvres-samer.fr · éditeur · CC de Desvres-Samer');
    expect(await signin.count()).toBe(0);

    // A second user in another browser context sees their own identity.
    const viewer = await (
      await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' })
    ).newPage();
    await viewer.goto(base);
    await signInPage(viewer, 'elu@pays-boulonnais.fr');
    await expect
      .poll(() => viewer.getByTestId('team-identity').textContent())
      .toContain('elu@pays-boulonnais.fr · lecteur · tout le territoire');
    await screenshot(viewer, 'team-header-viewer');

    // Something typed in the app, then the session expires on the server.
    const field = editor.locator('aside input[type="text"]:visible').first();
    await field.waitFor();
    await field.fill('1 500');
    await pool.query(
      "DELETE FROM atlas.sessions WHERE user_id = (SELECT id FROM atlas.users WHERE email = 'editrice@desvres-samer.fr')",
    );
    await editor.evaluate(() => window.dispatchEvent(new Event('focus')));
    const dialog = editor.getByRole('dialog', { name: 'Session expirée' });
    await dialog.waitFor();
    await screenshot(editor, 'team-session-expired');
    await signInPage(editor, 'editrice@desvres-samer.fr');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await field.inputValue()).toBe('1 500');

    // Sign-out brings the sign-in page back.
    await viewer.getByRole('button', { name: 'Se déconnecter' }).click();
    await viewer.getByTestId('team-signin').waitFor();
    expect(errors).toEqual([]);
  });
});
