import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, screenshot, waitForIdle } from './browser.ts';
import { confirmImport, importDialog, validateImport } from './importDialog.ts';

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
    // Only the side panel scrolls: the page itself never does (the top bar stays in view).
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBe(900);
    await waitForIdle(page);
    await screenshot(page, 'advice-indicators');
    // Further down the panel: the conversion card and the EPCI / commune tables.
    await page.getByTestId('advice-conversion-rate').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'advice-indicators-tables');
    await page.getByRole('tab', { name: 'Indicateurs' }).scrollIntoViewIfNeeded();

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

    // A session typed on top of the sample: the header no longer says sample alone, and offers to drop it.
    await expect.poll(() => panel.locator('header [data-testid="mixed-badge"]').count()).toBe(1);
    expect(await panel.locator('header [data-testid="sample-badge"]').count()).toBe(0);
    expect(await panel.locator('header').textContent()).toContain('Exemple + vos données');
    expect(await page.getByTestId('advice-legend').getByTestId('mixed-badge').count()).toBe(1);

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
    await waitForIdle(page);
    await screenshot(page, 'advice-map-conversion');

    // Reloading loses nothing: the recorded session, its follow-up and the map choice come back.
    await page.waitForTimeout(1500); // autosave runs 800 ms after the last change
    expect(errors).toEqual([]);
    await page.reload();
    await page.waitForFunction(() => Boolean(window.__atlas?.map.getLayer('communes-fill')));
    // The reload aborts the old page's map-worker requests (reported as « échec réseau »): only errors of
    // the reloaded page count from here on.
    errors.length = 0;
    await expect.poll(() => count(page, 'advice-delivered'), { timeout: 15_000 }).toBe(before.delivered + 1);
    expect(await figures(page)).toEqual({
      delivered: before.delivered + 1,
      withWorks: before.withWorks + 1,
      mature: before.mature + 1,
    });
    // Still mixed after the reload: derived from the saved sessions, not from a flag kept aside.
    expect(await panel.locator('header [data-testid="mixed-badge"]').count()).toBe(1);
    await waitForIdle(page);
    await screenshot(page, 'advice-mixed-badge');
    expect(await page.locator('#advice-map-indicator').inputValue()).toBe('conversionRate');
    await page.getByRole('tab', { name: /^Suivi/ }).click();
    await page.locator('#advice-search').fill(id!);
    expect(await found.count()).toBe(1);
    expect(await found.first().getByTestId('advice-session-status').textContent()).toBe('travaux réalisés');

    // « Retirer les données d'exemple »: only the typed session remains, labelled as the user's own entry.
    await panel.locator('header').getByRole('button', { name: 'Retirer les données d’exemple' }).click();
    await page.getByRole('tab', { name: 'Indicateurs' }).click();
    await expect.poll(() => count(page, 'advice-delivered')).toBe(1);
    expect(await figures(page)).toEqual({ delivered: 1, withWorks: 1, mature: 1 });
    expect(await panel.locator('header').textContent()).toContain('Saisie manuelle');
    expect(await panel.locator('header').textContent()).not.toMatch(/exemple/i);
    await expect.poll(() => page.getByTestId('advice-legend').textContent()).not.toMatch(/exemple/i);
    expect(await page.getByTestId('advice-legend').getByTestId('mixed-badge').count()).toBe(0);
    await page.getByRole('tab', { name: /^Suivi/ }).click();
    await page.locator('#advice-search').fill('');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.first().getAttribute('data-session-id')).toBe(id);
    await waitForIdle(page);
    await screenshot(page, 'advice-sample-dropped');
    expect(errors).toEqual([]);
  }, 300_000); // long on the shared 2-core CI machine: two full page loads and a dozen UI steps

  it('imports an adviser export without its personal columns, reports rejected rows, exports a safe CSV', async () => {
    const { page, errors } = await openApp(browser, '#/conseils');
    const panel = page.getByTestId('advice-panel');
    await expect.poll(() => panel.locator('header [data-testid="sample-badge"]').count()).toBe(1);

    const fixture = resolve(import.meta.dirname, '../fixtures/advice/conseils-conseiller.csv');
    await page.getByTestId('advice-file-input').setInputFiles(fixture);
    // The shared import dialog: confirm the mapping, then validate its report.
    await confirmImport(page);
    await validateImport(page);
    const report = page.getByTestId('advice-import-report');
    await expect.poll(() => report.count(), { timeout: 15_000 }).toBe(1);
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('9 lignes lues, 6 conseils retenus, 3 lignes rejetées.');
    expect(text).toContain('Ligne 8 : commune 59350 hors du territoire');
    expect(text).toContain('Ligne 9 : date du conseil « 31/02/2026 » illisible');
    expect(text).toContain('Ligne 10 : canal « pigeon voyageur » non reconnu');
    expect(await page.getByTestId('advice-rgpd-warning').textContent()).toContain('« nom », « telephone »');

    // The file replaces the sample: its name is the source, its six sessions the figures.
    expect(await panel.locator('header [data-testid="sample-badge"]').count()).toBe(0);
    expect(await panel.locator('header').textContent()).toContain('Fichier : conseils-conseiller.csv');
    await expect.poll(() => count(page, 'advice-delivered')).toBe(6);
    expect(await page.locator('body').textContent()).not.toMatch(/DUPONT|MARTIN|06 12 34/);
    await waitForIdle(page);
    await screenshot(page, 'advice-import-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^conseils-energie-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id_conseil;date_conseil;code_insee;commune;canal;statut_occupation;type_logement;thematiques;id_menage;statut_suivi;date_relance;historique_relances;types_travaux;montant_travaux;gain_estime_kwh',
    );
    expect(lines).toHaveLength(7);
    // Rows without an id get ids unique to their import (prefix + row), so a file imported twice in « Ajouter » never mixes rows.
    expect(lines[1]).toMatch(/^import-[0-9a-z]+-2;15\/01\/2025;62160;Boulogne-sur-Mer;permanence;/);
    expect(csv).not.toMatch(/DUPONT|MARTIN|06 12 34/);
    expect(errors).toEqual([]);
  });

  it('« Ajouter » over the sample: the sample sessions stay « exemple », the file’s are yours; dropping the sample keeps the file', async () => {
    const { page, errors } = await openApp(browser, '#/conseils');
    const panel = page.getByTestId('advice-panel');
    const header = panel.locator('header');
    await expect.poll(() => header.locator('[data-testid="sample-badge"]').count()).toBe(1);
    await expect.poll(() => count(page, 'advice-delivered'), { timeout: 30_000 }).toBeGreaterThan(0);
    const sampleDelivered = await count(page, 'advice-delivered');

    const fixture = resolve(import.meta.dirname, '../fixtures/advice/conseils-conseiller.csv');
    await page.getByTestId('advice-file-input').setInputFiles(fixture);
    await confirmImport(page);
    const modes = importDialog(page).getByTestId('import-modes');
    await modes.waitFor({ timeout: 120_000 });
    await modes.getByRole('radio', { name: /Ajouter/ }).check();
    await expect
      .poll(() => importDialog(page).getByTestId('import-plan-added').getAttribute('data-count'))
      .toBe('6');
    await validateImport(page);

    // The six sessions of the file join the sample: « Exemple + vos données », never « Fichier : … » alone.
    await expect.poll(() => count(page, 'advice-delivered')).toBe(sampleDelivered + 6);
    await expect.poll(() => header.locator('[data-testid="mixed-badge"]').count()).toBe(1);
    expect(await header.locator('[data-testid="mixed-badge"]').getAttribute('title')).toContain(
      '6 enregistrements',
    );
    expect(await header.textContent()).not.toContain('Fichier : conseils-conseiller.csv');
    expect(await page.getByTestId('advice-legend').getByTestId('mixed-badge').count()).toBe(1);
    await waitForIdle(page);
    await screenshot(page, 'advice-added-over-sample');

    // Dropping the sample keeps exactly the file's sessions, labelled with the file.
    await header.getByRole('button', { name: 'Retirer les données d’exemple' }).click();
    await expect.poll(() => count(page, 'advice-delivered')).toBe(6);
    expect(await header.textContent()).toContain('Fichier : conseils-conseiller.csv');
    expect(await header.textContent()).not.toMatch(/exemple/i);
    await waitForIdle(page);
    await screenshot(page, 'advice-added-sample-dropped');
    expect(errors).toEqual([]);
  }, 300_000);
});
