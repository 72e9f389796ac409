import { describe, expect, it } from 'vitest';
import { IMPORT_OFFLINE, postTeamImport } from './teamImport.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const OPTIONS = { kind: 'lights', mode: 'add', name: 'inventaire.csv', crs: 'auto' } as const;
const BYTES = new TextEncoder().encode('identifiant;X;Y\n');
const summary = {
  rows: 3,
  accepted: 2,
  rejected: 1,
  outsideTerritory: 0,
  errors: [{ row: 3, reason: 'coordonnées manquantes (X, Y)' }],
};

describe('team import client', () => {
  it('posts the raw file with kind, mode and name, and reads the applied counts and rejected rows', async () => {
    let sent: { url: string; init: RequestInit } | null = null;
    const fetchFn = (async (url: string, init?: RequestInit) => {
      sent = { url, init: init ?? {} };
      return json({
        ...summary,
        mode: 'add',
        applied: { mode: 'add', inserted: 2, updated: 0, deleted: 0, skipped: 0, droppedColumns: [] },
      });
    }) as typeof fetch;
    const out = await postTeamImport(BYTES, OPTIONS, fetchFn);
    expect(sent!.url).toBe('/api/imports?kind=lights&mode=add&name=inventaire.csv');
    expect(sent!.init.method).toBe('POST');
    expect((sent!.init.headers as Record<string, string>)['content-type']).toBe('application/octet-stream');
    expect(out).toEqual({
      kind: 'ok',
      report: summary,
      applied: { inserted: 2, updated: 0, deleted: 0, skipped: 0, droppedColumns: [] },
    });
  });

  it('keeps the server’s reason and report of a refusal (rows outside the scope)', async () => {
    const fetchFn = (async () =>
      json(
        { ...summary, error: '2 lignes hors de votre périmètre : rien n’a été importé.' },
        403,
      )) as typeof fetch;
    const out = await postTeamImport(BYTES, { ...OPTIONS, crs: 'EPSG:2154' }, fetchFn);
    expect(out).toEqual({
      kind: 'refused',
      status: 403,
      message: '2 lignes hors de votre périmètre : rien n’a été importé.',
      report: summary,
    });
  });

  it('says the file is not queued when the server is unreachable or unavailable (503)', async () => {
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await postTeamImport(BYTES, OPTIONS, down)).toEqual({ kind: 'offline', message: IMPORT_OFFLINE });
    const unavailable = (async () =>
      json({ error: 'La base de données est indisponible.' }, 503)) as typeof fetch;
    expect(await postTeamImport(BYTES, OPTIONS, unavailable)).toEqual({
      kind: 'offline',
      message: IMPORT_OFFLINE,
    });
    expect(IMPORT_OFFLINE).toMatch(/rien n’a été importé.*réessayez/);
    const expired = (async () => json({ error: 'Connexion requise.' }, 401)) as typeof fetch;
    expect((await postTeamImport(BYTES, OPTIONS, expired)).kind).toBe('expired');
  });
});
