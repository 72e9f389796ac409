/**
 * Standalone ↔ team, against the real server and PostgreSQL (DATABASE_URL): « Projet → Espace d'équipe » from a
 * standalone page (the preview server, no team server there) opens the typed server's sign-in page; on a team
 * server's page, working locally, then in the team, then locally again gives back the local workspace exactly
 * as it was — the team's records are never written into the local IndexedDB database, only into the user's
 * own team cache.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppState } from '../../src/state/store.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { DESVRES, PASSWORD, renovate, startTeamServer, type TeamServer } from './teamServer.ts';

const SKIP = !process.env.DATABASE_URL;
if (SKIP && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (SKIP)
  process.stderr.write('\n⚠ teamWorkspace.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');
const EDITOR = 'editrice@desvres-samer.fr';

type Win = {
  __atlasStore: { getState(): AppState };
  __atlasPersistence: { getState(): { unsaved: boolean; saving: boolean; lastSavedAt: string | null } };
  __atlasDigest: () => Promise<Record<string, string>>;
};

let browser: Browser;
let server: TeamServer;
let teamIds: string[] = [];

/** SHA-256 of every record of an IndexedDB database (null when the database does not exist). */
const dbHash = (page: Page, name: string) =>
  page.evaluate(async (dbName) => {
    if (!(await indexedDB.databases()).some((d) => d.name === dbName)) return null;
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open(dbName);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const dump: unknown[] = [];
    for (const store of [...db.objectStoreNames].sort()) {
      const tx = db.transaction(store);
      const [keys, values] = await Promise.all(
        [tx.objectStore(store).getAllKeys(), tx.objectStore(store).getAll()].map(
          (r) => new Promise<unknown[]>((ok) => (r.onsuccess = () => ok(r.result as unknown[]))),
        ),
      );
      dump.push(store, keys, values);
    }
    db.close();
    const text = JSON.stringify(dump, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v));
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  }, name);

/** Waits until the page's workspace is stored (nothing unsaved, a save done). */
const saved = (page: Page) =>
  expect
    .poll(
      () =>
        page.evaluate(() => {
          const s = (window as unknown as Win).__atlasPersistence.getState();
          return !s.unsaved && !s.saving && s.lastSavedAt !== null;
        }),
      { timeout: 60_000 },
    )
    .toBe(true);

const points = (page: Page) =>
  page.evaluate(() => (window as unknown as Win).__atlasStore.getState().lightPoints.length);

/** Fills the sign-in page and waits for the identity and the first full read of the shared data. */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByTestId('team-identity').waitFor({ timeout: 60_000 });
  await expect
    .poll(() => page.getByTestId('team-sync').textContent(), { timeout: 60_000 })
    .toContain('à jour');
}

const powerOf = (page: Page, id: string) =>
  page.evaluate(
    (pid) =>
      (window as unknown as Win).__atlasStore.getState().lightPoints.find((p) => p.id === pid)?.renovation
        ?.powerAfterW ?? null,
    id,
  );

async function openEntry(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Projet', exact: true }).click();
  await page.getByRole('button', { name: 'Espace d’équipe…' }).click();
  await page.getByRole('dialog', { name: 'Espace d’équipe' }).waitFor();
}

describe.skipIf(SKIP)('standalone and team workspaces (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTeamServer(
      browser,
      'workspace',
      [
        { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
        { email: EDITOR, role: 'editor', password: PASSWORD, epci: [DESVRES] },
      ],
      30,
    );
    teamIds = server.points[DESVRES]!;
  });

  afterAll(async () => {
    await server?.stop();
    await browser?.close();
  });

  it('opens a team server typed in « Projet → Espace d’équipe » from a standalone page', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${inject('baseUrl')}#/eclairage`);
    await expect.poll(() => points(page), { timeout: 60_000 }).toBeGreaterThan(1000);
    await openEntry(page);
    const dialog = page.getByRole('dialog', { name: 'Espace d’équipe' });
    expect(await dialog.getByTestId('team-entry-here').count()).toBe(0);
    const address = dialog.getByLabel('Adresse du serveur d’équipe');
    await address.fill('ftp://exemple.fr');
    await dialog.getByRole('button', { name: 'Ouvrir l’espace d’équipe' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('Adresse en http:// ou https:// attendue.');
    await address.fill(server.base.replace('http://', ''));
    await screenshot(page, 'team-entry-standalone');
    await address.press('Enter');
    await page.getByTestId('team-signin').waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).origin).toBe(server.base);
    await signInAs(page, EDITOR);
    expect(await points(page)).toBe(teamIds.length);
    await context.close();
  });

  it('keeps the local workspace untouched while working in the team, and gives it back', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(`${server.base}/#/eclairage`);
    await page.getByTestId('team-signin').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Travailler en local (sans l’équipe)' }).click();
    // Standalone on the server's page: the sample inventory, edited and stored locally.
    await expect.poll(() => points(page), { timeout: 60_000 }).toBeGreaterThan(1000);
    expect(await page.getByTestId('team-signin').count()).toBe(0);
    const local = await page.evaluate(
      () => (window as unknown as Win).__atlasStore.getState().lightPoints[0]!.id,
    );
    await renovate(page, [local], '2026-05-05', '12');
    await expect.poll(() => powerOf(page, local)).toBe(12);
    await saved(page);
    const localCount = await points(page);
    const localDigest = await page.evaluate(() => (window as unknown as Win).__atlasDigest());
    const localDb = await dbHash(page, 'atlas-cotri');
    expect(localDb).not.toBeNull();

    // Into the team of this server: its points only, an edit sent and cached in the user's own database.
    await openEntry(page);
    await page.getByRole('button', { name: 'Rejoindre l’équipe de ce serveur' }).click();
    await page.getByTestId('team-signin').waitFor({ timeout: 60_000 });
    await signInAs(page, EDITOR);
    expect(
      (
        await page.evaluate(() =>
          (window as unknown as Win).__atlasStore.getState().lightPoints.map((p) => p.id),
        )
      ).sort(),
    ).toEqual([...teamIds].sort());
    await renovate(page, [teamIds[0]!], '2026-05-05', '33');
    await expect
      .poll(
        async () =>
          (await server.pool.query('SELECT version FROM atlas.lights WHERE id = $1', [teamIds[0]])).rows[0]
            .version,
        { timeout: 30_000 },
      )
      .toBe(2);
    await saved(page);
    expect(await dbHash(page, `atlas-cotri-equipe-espace:${EDITOR}`)).not.toBeNull();
    expect(await dbHash(page, 'atlas-cotri')).toBe(localDb);

    // Back to local work: the workspace as it was left, without a single team record.
    await openEntry(page);
    await screenshot(page, 'team-entry-leave');
    await page.getByRole('button', { name: 'Travailler en local', exact: true }).click();
    await expect.poll(() => points(page), { timeout: 60_000 }).toBe(localCount);
    expect(await page.getByTestId('team-identity').count()).toBe(0);
    expect(await powerOf(page, local)).toBe(12);
    expect(await powerOf(page, teamIds[0]!)).not.toBe(33);
    expect(await page.evaluate(() => (window as unknown as Win).__atlasDigest())).toEqual(localDigest);
    expect(await dbHash(page, 'atlas-cotri')).toBe(localDb);
    await context.close();
  });
});
