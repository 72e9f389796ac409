import { describe, expect, it } from 'vitest';
import { patchRecord, readRecords, writeRecord } from './syncClient.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const record = (id: string, version = 1) => ({
  type: 'Feature',
  id,
  insee: '62160',
  version,
  updatedAt: '2026-12-03T08:00:00Z',
  updatedBy: null,
  properties: {},
  geometry: { type: 'Point', coordinates: [1.6, 50.7] },
});

describe('sync client', () => {
  it('follows the server’s pages and keeps the first page’s cursor', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => {
      urls.push(url);
      return url.includes('after=')
        ? json({ cursor: '99', next: null, features: [record('B')] })
        : json({ cursor: '42', next: 'A', features: [record('A')] });
    }) as typeof fetch;
    const out = await readRecords('lights', '7', fetchFn);
    expect(out).toMatchObject({ ok: true, page: { cursor: '42' } });
    expect(out.ok && out.page.records.map((r) => r.id)).toEqual(['A', 'B']);
    expect(urls[0]).toContain('since=7');
    expect(urls[1]).toContain('after=A');
  });

  it('tells offline, expired and forbidden apart on reads', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await readRecords('lights', null, down)).toMatchObject({ ok: false, kind: 'offline' });
    expect(await readRecords('advice', null, async () => json({ error: 'non' }, 403))).toMatchObject({
      ok: false,
      kind: 'forbidden',
      message: 'non',
    });
    expect(await readRecords('lights', null, async () => json({}, 401))).toMatchObject({ kind: 'expired' });
    expect(await readRecords('lights', null, async () => json({ error: 'db' }, 503))).toMatchObject({
      kind: 'offline',
    });
  });

  it('sends If-Match and maps 200, 409, 403, 422, 503 and no network onto outcomes', async () => {
    let headers: Headers | null = null;
    const ok = await patchRecord('lights', 'EP 1', 3, { properties: { statut: 'rénové' } }, (async (
      url: string,
      init: RequestInit,
    ) => {
      headers = new Headers(init.headers);
      expect(url).toBe('/api/lights/EP%201');
      return json(record('EP 1', 4));
    }) as typeof fetch);
    expect(headers!.get('if-match')).toBe('"3"');
    expect(ok).toMatchObject({ kind: 'ok', record: { version: 4 } });
    expect(
      await patchRecord('lights', 'A', 1, {}, async () =>
        json({ error: 'modifié', current: record('A', 2) }, 409),
      ),
    ).toMatchObject({ kind: 'conflict', current: { version: 2 }, message: 'modifié' });
    expect(
      await patchRecord('lights', 'A', 1, {}, async () => json({ error: 'hors périmètre' }, 403)),
    ).toEqual({
      kind: 'rejected',
      status: 403,
      message: 'hors périmètre',
      fields: {},
    });
    expect(
      await patchRecord('lights', 'A', 1, {}, async () =>
        json({ error: 'Données invalides.', fields: { 'properties.x': 'Nombre invalide.' } }, 422),
      ),
    ).toMatchObject({ kind: 'rejected', status: 422, fields: { 'properties.x': 'Nombre invalide.' } });
    expect(await patchRecord('lights', 'A', 1, {}, async () => json({ error: 'db' }, 503))).toMatchObject({
      kind: 'offline',
    });
    expect(
      await patchRecord('lights', 'A', 1, {}, async () => {
        throw new TypeError('x');
      }),
    ).toMatchObject({ kind: 'offline' });
  });

  it('creates a record under the app’s id by POST (no If-Match) and deletes with the version', async () => {
    const calls: { url: string; method?: string; headers: Headers; body?: unknown }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({
        url,
        method: init.method,
        headers: new Headers(init.headers),
        body: init.body ? JSON.parse(String(init.body)) : undefined,
      });
      return init.method === 'DELETE' ? new Response(null, { status: 204 }) : json(record('S1', 1), 201);
    }) as typeof fetch;
    const patch = { insee: '62160', properties: { date: '2026-12-01' }, contact: { name: 'Mme X' } };
    expect(await writeRecord('advice', 'create', 'S1', 0, patch, fetchFn)).toMatchObject({
      kind: 'ok',
      record: { id: 'S1' },
    });
    expect(calls[0]).toMatchObject({ url: '/api/advice', method: 'POST', body: { id: 'S1', ...patch } });
    expect(calls[0]!.headers.get('if-match')).toBeNull();
    expect(await writeRecord('advice', 'delete', 'S1', 4, {}, fetchFn)).toEqual({ kind: 'ok', record: null });
    expect(calls[1]).toMatchObject({ url: '/api/advice/S1', method: 'DELETE', body: undefined });
    expect(calls[1]!.headers.get('if-match')).toBe('"4"');
  });
});
