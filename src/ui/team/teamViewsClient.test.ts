import { describe, expect, it } from 'vitest';
import { describeEntry, fetchHistory, formatWhen } from './teamViewsClient.ts';

describe('team history text', () => {
  it('says who changed what and when, in Paris time', () => {
    expect(formatWhen('2026-12-03T11:04:00.000Z')).toBe('03/12/2026 à 12:04');
    expect(
      describeEntry({
        at: '2026-12-03T11:04:00.000Z',
        by: 'editrice@desvres-samer.fr',
        action: 'update',
        version: 2,
        changes: [
          { field: 'statut', before: 'à rénover', after: 'rénové' },
          { field: 'puissance_apres_w', before: null, after: 30 },
          { field: 'position', before: null, after: null },
        ],
      }),
    ).toBe(
      'modifié par editrice@desvres-samer.fr le 03/12/2026 à 12:04 : statut à rénover → rénové, puissance apres w — → 30, position modifiée',
    );
    expect(
      describeEntry({ at: '2026-07-01T08:00:00Z', by: null, action: 'insert', version: 1, changes: [] }),
    ).toBe('créé par le serveur (import ou script) le 01/07/2026 à 10:00');
  });

  it('turns answers into outcomes with the server’s reason', async () => {
    const answer = (status: number, body: unknown) => async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    expect(await fetchHistory('lights', 'A', answer(200, { items: [] }))).toEqual({ ok: true, items: [] });
    expect(await fetchHistory('lights', 'A', answer(403, { error: 'Refusé.' }))).toEqual({
      ok: false,
      message: 'Refusé.',
    });
    expect((await fetchHistory('lights', 'A', answer(404, { error: 'x' }))).ok).toBe(false);
    const offline = await fetchHistory('lights', 'A', async () => {
      throw new TypeError('network');
    });
    expect(offline).toEqual({ ok: false, message: 'Serveur injoignable : historique non disponible.' });
  });
});
