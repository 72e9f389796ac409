import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const sampleMeta = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/data/generated/sample-advice.meta.json'), 'utf8'),
) as { count: number };

/** "1 234" (with the narrow no-break spaces of fr-FR) → 1234. */
async function count(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).first().textContent()) ?? '';
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  expect(digits, `${testId} = « ${text} »`).toMatch(/^\d+$/);
  return Number(digits);
}

async function figures(page: Page) {
  return {
    delivered: await count(page, 'advice-delivered'),
    withWorks: await count(page, 'advice-conversion-numerator'),
    mature: await count(page, 'advice-conversion-denominator'),
  };
}

/** A day about eight months ago: old enough to be mature (6 months) and already overdue for its +3-month call. */
function eightMonthsAgo(): { iso: string } {
  const d = new Date();
  d.setDate(15);
  d.setMonth(d.getMonth() - 8);
  const pad = (n: number) => String(n).padStart(2, '0');
  const [y, m, day] = [d.getFullYear(), pad(d.getMonth() + 1), pad(d.getDate())];
  return { iso: `${y}-${m}-${day}` };
}

describe('Conseils énergie', () => {
  it('records a session with the keyboard, follows it up to « travaux réalisés » and updates the indicators', async () => {
    const { page, errors } = await openApp(browser, '#/conseils');
    const panel = page.getByTestId('advice-panel');

    // The sample is loaded on first visit, labelled as such in the panel header and in the map legend.
    await expect.poll(() => panel.locator('header [data-testid="sample-badge"]').count()).toBe(1);
    await expect.poll(() => page.getByTestId('advice-legend').getByTestId('sample-badge').count()).toBe(1);
    await expect.poll(() => count(page, 'advice-delivered')).toBe(sampleMeta.count);
    const before = await figures(page);
    expect(before.mature).toBeGreaterThan(0);
    expect(before.withWorks).toBeLessThanOrEqual(before.mature);
    expect(await page.getByTestId('advice-chart').getAttribute('role')).toBe('img');

    // The communes are coloured by the choropleth, whose legend lists classes and « sans données ».
    const fill = await page.evaluate(() =>
      window.__atlas!.map.getPaintProperty('communes-fill', 'fill-color'),
    );
    expect(Array.isArray(fill) && fill[0]).toBe('match');
    const legend = await page.getByTestId('advice-legend-entry').allTextContents();
    expect(legend.length).toBeGreaterThanOrEqual(3);
    expect(legend.at(-1)).toMatch(/^Sans données/);
    await waitForIdle(page);
    await screenshot(page, 'advice-indicators');

    // Tabs by keyboard: the tablist has one tab stop, arrows move to « Nouveau conseil ».
    await page.getByRole('tab', { name: 'Indicateurs' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Nouveau conseil' }).getAttribute('aria-selected')).toBe(
      'true',
    );

    // Submitting an incomplete form: messages per field, tied to their inputs, focus on the first error.
    await page.locator('#advice-f-householdId').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#advice-f-insee').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#advice-f-insee-error').textContent()).toBe('La commune est obligatoire.');
    expect(await page.locator('#advice-f-insee').getAttribute('aria-describedby')).toContain(
      'advice-f-insee-error',
    );
    expect(await page.locator('#advice-f-topics-error').textContent()).toBe(
      'Cochez au moins une thématique.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('advice-f-insee');
    await screenshot(page, 'advice-form-errors');

    // Fill it with the keyboard only.
    const date = eightMonthsAgo();
    expect(date.iso >= '2025-01-01').toBe(true);
    // The native date input orders its segments by the browser's UI language (en-US here, not fr-FR) and
    // Tab walks through them: its value is set directly, every other field is typed (selects by type-ahead).
    await page.locator('#advice-f-date').fill(date.iso);
    await page.locator('#advice-f-insee').focus();
    await page.keyboard.type('Wimereux');
    await page.keyboard.press('Tab');
    await page.keyboard.type('visite');
    await page.keyboard.press('Tab');
    await page.keyboard.type('locataire');
    await page.keyboard.press('Tab');
    await page.keyboard.type('maison');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space'); // first topic: isolation
    expect(await page.locator('#advice-f-date').inputValue()).toBe(date.iso);
    expect(await page.locator('#advice-f-insee').inputValue()).toBe('62893');
    expect(await page.locator('#advice-f-channel').inputValue()).toBe('homeVisit');
    expect(await page.locator('#advice-f-householdStatus').inputValue()).toBe('tenant');
    expect(await page.locator('#advice-f-dwellingType').inputValue()).toBe('house');
    // Errors follow the corrections as they are made.
    await expect.poll(() => page.locator('#advice-f-insee').getAttribute('aria-invalid')).toBeNull();
    await page.locator('#advice-f-householdId').focus();
    await page.keyboard.type('DOSSIER-E2E-1');
    await screenshot(page, 'advice-form-filled');
    await page.keyboard.press('Enter');

    // The new session: shown in « Suivi », found by the search, due for its +3-month call (overdue).
    await expect
      .poll(() => page.getByRole('tab', { name: /^Suivi/ }).getAttribute('aria-selected'))
      .toBe('true');
    const created = (await page.getByTestId('advice-created').textContent()) ?? '';
    const id = /CE-\d{4}-[0-9a-f]{8}/.exec(created)?.[0];
    expect(id, created).toBeTruthy();
    expect(created).toContain('Wimereux');
    const found = page.getByTestId('advice-all-sessions').locator('[data-testid="advice-session-row"]');
    expect(await found.count()).toBe(1);
    expect(await found.first().getAttribute('data-session-id')).toBe(id);
    const queued = page.getByTestId('advice-queue-overdue').locator(`[data-session-id="${id}"]`);
    expect(await queued.count()).toBe(1);
    expect(await queued.getByTestId('advice-session-status').textContent()).toBe('à relancer');

    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    const added = await figures(page);
    expect(added).toEqual({
      delivered: before.delivered + 1,
      withWorks: before.withWorks,
      mature: before.mature + 1,
    });

    // One-click follow-up from the overdue queue: « travaux réalisés », dated today by default.
    await page.getByRole('tab', { name: /^Suivi/ }).click();
    await queued.getByLabel('Nouveau statut').selectOption({ label: 'travaux réalisés' });
    await queued.getByRole('button', { name: 'Enregistrer' }).click();
    await expect
      .poll(() => page.getByTestId('advice-followup-message').textContent())
      .toContain(`Conseil ${id} (Wimereux) : travaux réalisés`);
    // Works done end the schedule: out of the queue, still listed with its new status.
    expect(await queued.count()).toBe(0);
    expect(await found.first().getByTestId('advice-session-status').textContent()).toBe('travaux réalisés');
    await screenshot(page, 'advice-followup');

    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    expect(await figures(page)).toEqual({
      delivered: before.delivered + 1,
      withWorks: before.withWorks + 1,
      mature: before.mature + 1,
    });

    // Filtering on a commune from the map, then back to the whole territory.
    const point = await page.evaluate(() => {
      const map = window.__atlas!.map;
      const f = map.querySourceFeatures('commune-centres').find((x) => x.properties.insee === '62893');
      const [lon, lat] = (f!.geometry as GeoJSON.Point).coordinates as [number, number];
      const p = map.project([lon, lat]);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.getByTestId('advice-commune-filter').textContent()).toContain('Wimereux');
    const rows = page.getByTestId('advice-commune-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const communeSessions = await count(page, 'advice-commune-sessions');
    expect(await rows.first().locator('td').first().textContent()).toBe(String(communeSessions));
    await waitForIdle(page);
    await screenshot(page, 'advice-commune-filter');
    await page.getByRole('button', { name: '← Tout le territoire' }).click();
    expect(await page.getByTestId('advice-commune-filter').count()).toBe(0);
    expect(await rows.count()).toBe(74);

    // Conversion-rate map: communes with fewer than 5 mature sessions are set apart in the legend.
    await page.locator('#advice-map-indicator').selectOption('conversionRate');
    await expect
      .poll(() => page.getByTestId('advice-legend-entry').allTextContents())
      .toContainEqual(expect.stringMatching(/^Données insuffisantes/));
    expect(errors).toEqual([]);
  });
});
