/**
 * Live updates in team mode against the real server and PostgreSQL (DATABASE_URL, exported by `.ci/run`): one
 * browser context per user. An editor's change reaches a viewer's dashboard — and the same dashboard in
 * presentation mode, as in a council meeting — within 2 s without reload, through the event stream (« en
 * direct »); when the stream is lost the indicator says so, and once it is back what changed meanwhile is
 * caught up from the cursor. Skipped without DATABASE_URL, except in CI.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser.ts';
import { DESVRES, PASSWORD, renovate, startTeamServer, type TeamServer, type Win } from './teamServer.ts';

const URL_ = process.env.DATABASE_URL;
if (!URL_ && process.env.CI === 'true') throw new Error('CI : DATABASE_URL absent, test équipe impossible.');
if (!URL_) process.stderr.write('\n⚠ teamLive.e2e.ts IGNORÉ : DATABASE_URL absent (npm run db:start).\n\n');

let browser: Browser;
let team: TeamServer;

const achieved = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="target-achieved-lights"]')?.textContent ?? '');
const live = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-testid="team-live"]')?.textContent ?? '');
/** The lights target of the presentation's summary view: « 12 / 2 000 ». */
const presented = (page: Page) =>
  page.evaluate(() => {
    for (const figure of document.querySelectorAll('.key-figure'))
      if (/lumineux/i.test(figure.querySelector('.key-label')?.textContent ?? ''))
        return figure.querySelector('.key-value')?.textContent ?? '';
    return '';
  });

/** Waits for the edit to be committed (polling the database), then returns the time it was seen. */
async function committed(ids: string[], statut: string): Promise<number> {
  await expect
    .poll(
      async () => {
        const { rows } = await team.pool.query(
          "SELECT count(*)::int AS n FROM atlas.lights WHERE id = ANY($1) AND properties->>'statut' = $2",
          [ids, statut],
        );
        return rows[0].n;
      },
      { timeout: 30_000, interval: 20 },
    )
    .toBe(ids.length);
  return Date.now();
}

/** Desvres points still « à rénover » (each one renovated here moves the dashboard's count by one). */
async function toRenovate(n: number): Promise<string[]> {
  const { rows } = await team.pool.query<{ id: string }>(
    "SELECT id FROM atlas.lights WHERE id = ANY($1) AND properties->>'statut' = 'à rénover' ORDER BY id LIMIT $2",
    [team.points[DESVRES], n],
  );
  expect(rows.length).toBe(n);
  return rows.map((r) => r.id);
}

describe.skipIf(!URL_)('team mode: live updates (real server and PostgreSQL)', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    team = await startTeamServer(browser, 'live', [
      { email: 'chef@pays-boulonnais.fr', role: 'admin', password: PASSWORD },
      { email: 'editrice@desvres-samer.fr', role: 'editor', password: PASSWORD, epci: [DESVRES] },
      { email: 'elu@pays-boulonnais.fr', role: 'viewer', password: PASSWORD },
    ]);
  });

  afterAll(async () => {
    await team?.stop();
    await browser?.close();
  });

  it('shows an editor’s change on a viewer’s dashboard within 2 s, in presentation mode too', async () => {
    const viewer = await team.signedIn('elu@pays-boulonnais.fr', '#/tableau-de-bord');
    const editor = await team.signedIn('editrice@desvres-samer.fr');
    await expect.poll(() => live(viewer), { timeout: 30_000 }).toBe('en direct');
    await expect.poll(() => live(editor), { timeout: 30_000 }).toBe('en direct');
    const before = Number((await achieved(viewer)).replace(/\D/g, ''));
    expect(Number.isFinite(before)).toBe(true);
    await screenshot(viewer, 'team-live-viewer-before');

    const first = await toRenovate(3);
    await renovate(editor, first, '2026-10-12', '30');
    const t0 = await committed(first, 'rénové');
    // Within 2 s of the commit (the periodic sync runs every 4 s: only the stream is that fast).
    await expect
      .poll(async () => Number((await achieved(viewer)).replace(/\D/g, '')), {
        timeout: 2000,
        interval: 25,
      })
      .toBe(before + 3);
    process.stderr.write(`live: dashboard updated ${Date.now() - t0} ms after the commit\n`);
    expect(await viewer.getByTestId('team-live').getAttribute('title')).toMatch(
      /^Dernière modification reçue à/,
    );

    // The council meeting: presentation mode, the next change shows up on the projected figures.
    await viewer.getByTestId('presentation-start').click();
    await viewer.waitForSelector('[data-testid="presentation"]');
    await expect.poll(() => presented(viewer), { timeout: 10_000 }).toMatch(new RegExp(`^${before + 3} /`));
    const next = await toRenovate(2);
    await renovate(editor, next, '2026-10-13', '30');
    const t1 = await committed(next, 'rénové');
    await expect
      .poll(() => presented(viewer), { timeout: 2000, interval: 25 })
      .toMatch(new RegExp(`^${before + 5} /`));
    process.stderr.write(`live: presentation updated ${Date.now() - t1} ms after the commit\n`);
    await screenshot(viewer, 'team-live-presentation');
    await viewer.getByTestId('presentation-exit').click();
  });

  it('says when the stream is lost, then catches up from its cursor once it is back', async () => {
    const viewer = await team.signedIn('elu@pays-boulonnais.fr', '#/tableau-de-bord');
    await expect.poll(() => live(viewer), { timeout: 30_000 }).toBe('en direct');
    const before = Number((await achieved(viewer)).replace(/\D/g, ''));
    await team.halt();
    await expect.poll(() => live(viewer), { timeout: 30_000 }).toMatch(/^direct interrompu/);
    await screenshot(viewer, 'team-live-lost');
    // Changes made while the viewer cannot hear of them (straight in the database, as a script would).
    const missed = await toRenovate(4);
    await team.pool.query(
      `UPDATE atlas.lights SET properties = properties || jsonb_build_object('statut', 'rénové',
         'date_renovation', '05/11/2026', 'technologie_apres', 'LED', 'puissance_apres_w', 28)
       WHERE id = ANY($1)`,
      [missed],
    );
    await team.restart();
    await expect.poll(() => live(viewer), { timeout: 60_000 }).toBe('en direct');
    await expect
      .poll(async () => Number((await achieved(viewer)).replace(/\D/g, '')), { timeout: 30_000 })
      .toBe(before + 4);
    const renovated = await viewer.evaluate(
      (ids) =>
        (window as unknown as Win).__atlasStore
          .getState()
          .lightPoints.filter((p) => ids.includes(p.id) && p.status === 'renovated').length,
      missed,
    );
    expect(renovated).toBe(4);
  });
});
