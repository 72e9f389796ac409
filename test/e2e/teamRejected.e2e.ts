/**
 * A refused edit against the real server and PostgreSQL (DATABASE_URL): an editor of one EPCI cannot edit a
 * point of another, in the UI and through the API. The editor's edits, made offline, come back 403 once the
 * administrator has moved the editor to another EPCI: they are shown with the server's reason, kept across a
 * reload (never silently discarded), then one is sent again once allowed and the other dropped.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import {
  BOULONNAIS,
  DESVRES,
  PASSWORD,
  renovate,
  startTeamServer,
  type TeamServer,
  type Win,
} from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_)
  process.stderr.write('\n⚠ teamRejected.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

const EDITOR = 'editrice@desvres-samer.fr';
const OUTSIDE = 'Cet enregistrement est hors de votre périmètre.';

let browser: Browser;
let team: TeamServer;

const record = async (id: string) =>
  (await team.pool.query('SELECT version, properties FROM atlas.lights WHERE id = $1', [id])).rows[0] as {
    version: number;
    properties: Record<string, unknown>;
  };

const syncText = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="team-sync"]')?.textContent ?? '');

/** Moves the editor to one EPCI (as `atlas user add` would): the server reads the scope at every request. */
async function scopeOf(epci: string): Promise<void> {
  await team.pool.query(
    `UPDATE atlas.memberships SET epci_siren = $1
     WHERE user_id = (SELECT id FROM atlas.users WHERE email = $2)`,
    [epci, EDITOR],
  );
}

describe.skipIf(!URL_)('team mode: refused edits (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(
      browser,
      'rejected',
      [
        { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
        { email: EDITOR, role: 'editor', password: PASSWORD, epci: [DESVRES] },
      ],
      10,
    );
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('shows a 403 with its reason and keeps the edit until it is sent again or dropped', async () => {
    const page = await team.signedIn(EDITOR);
    const desvres = team.points[DESVRES]!;
    const other = team.points[BOULONNAIS]![0]!;
    // UI: only the editor's EPCI is there to edit. API: another EPCI's point is refused, even with its version.
    const ids = await page.evaluate(() =>
      (window as unknown as Win).__atlasStore.getState().lightPoints.map((p) => p.id),
    );
    expect(ids.sort()).toEqual([...desvres].sort());
    const direct = await page.evaluate(async (id) => {
      const r = await fetch(`/api/lights/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ properties: { statut: 'rénové' } }),
      });
      return { status: r.status, body: await r.json() };
    }, other);
    expect(direct).toEqual({ status: 403, body: { error: OUTSIDE } });
    expect((await record(other)).version).toBe(1);

    // Two edits made offline; meanwhile the administrator gives the editor the other EPCI.
    const [kept, dropped] = [desvres[0]!, desvres[1]!];
    await page.context().setOffline(true);
    await renovate(page, [kept], '2026-07-01', '31');
    await renovate(page, [dropped], '2026-07-02', '32');
    await expect.poll(() => syncText(page)).toContain('en attente d’envoi (2)');
    await scopeOf(BOULONNAIS);
    await page.context().setOffline(false);
    await expect.poll(() => syncText(page), { timeout: 30_000 }).toContain('2 à régler');
    expect(await syncText(page)).not.toContain('en attente d’envoi');
    expect((await record(kept)).version).toBe(1);
    expect((await record(dropped)).version).toBe(1);

    // Kept in the outbox: still there after a reload, with the server's reason.
    await page.reload();
    await expect.poll(() => syncText(page), { timeout: 60_000 }).toContain('2 à régler');
    await page.getByRole('button', { name: '2 à régler' }).click();
    const refusals = page.getByTestId('team-rejected');
    await expect.poll(() => refusals.count()).toBe(2);
    for (const text of await refusals.allTextContents()) expect(text).toContain(OUTSIDE);
    const card = (id: string) => page.getByRole('article', { name: `Refus sur ${id}` });
    expect(
      await card(kept)
        .getByLabel(/^Puissance après travaux/)
        .inputValue(),
    ).toBe('31');
    await screenshot(page, 'team-rejected-view');

    // Allowed again: one is sent as it was, the other dropped; nothing else reaches the database.
    await scopeOf(DESVRES);
    await card(kept).getByRole('button', { name: 'Corriger et renvoyer' }).click();
    await expect.poll(async () => (await record(kept)).version, { timeout: 30_000 }).toBe(2);
    expect((await record(kept)).properties).toMatchObject({ statut: 'rénové', puissance_apres_w: 31 });
    await card(dropped).getByRole('button', { name: 'Abandonner cette modification' }).click();
    await expect.poll(() => refusals.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => syncText(page)).not.toContain('à régler');
    expect((await record(dropped)).version).toBe(1);
    await page.reload();
    await expect.poll(() => syncText(page), { timeout: 60_000 }).toContain('à jour');
    expect(await syncText(page)).not.toContain('à régler');
  });
});
