import { describe, expect, it } from 'vitest';
import { type Api, hasDatabase, useTeam } from './harness.ts';

const CAB = '246200729'; // CA du Boulonnais: Boulogne-sur-Mer 62160
const BOULOGNE: [number, number] = [1.6, 50.72];
const DESVRES: [number, number] = [1.8353, 50.6686];

/** A light point as the app sends it (inventory columns, as its CSV export writes them). */
const light = (
  id: string,
  at: [number, number],
  status = 'à rénover',
  extra: Record<string, unknown> = {},
) => ({
  id,
  geometry: { type: 'Point', coordinates: at },
  properties: { statut: status, technologie: 'Sodium haute pression', puissance_w: 150, ...extra },
});

type Preview = {
  plan: string;
  modules: Record<
    string,
    {
      counts: Record<string, number>;
      records: {
        id: string;
        outcome: string;
        reason?: string;
        changes?: { field: string; mine: unknown }[];
      }[];
    }
  >;
};

const outcomes = (p: Preview, module = 'lights') =>
  Object.fromEntries(p.modules[module]!.records.map((r) => [r.id, r.outcome]));

describe.skipIf(!hasDatabase)('POST /api/transfer (local workspace → team, real PostgreSQL)', () => {
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } },
    { email: 'lecteur@pays.fr', role: 'viewer' },
  ]);
  const admin = team.api('admin@pays.fr');
  const editor = team.api('editeur@cab.fr');
  const viewer = team.api('lecteur@pays.fr');
  const row = async (id: string) =>
    (
      await team.db.pool.query('SELECT version, insee, properties, deleted FROM atlas.lights WHERE id = $1', [
        id,
      ])
    ).rows[0];
  const preview = async (api: Api, modules: Record<string, unknown[]>) => {
    const res = await api('POST', '/api/transfer/preview', { modules });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    return res.json as Preview;
  };

  it('previews added / updated / conflicting / unchanged / refused, then applies the plan in one transaction', async () => {
    for (const id of ['T-same', 'T-mine', 'T-both', 'T-theirs'])
      expect((await admin('POST', '/api/lights', light(id, BOULOGNE))).status).toBe(201);
    const records = [
      light('T-same', BOULOGNE, 'à rénover'),
      // Copied at version 1, changed locally, unchanged on the server since: an update.
      { ...light('T-mine', BOULOGNE, 'rénové', { date_renovation: '12/03/2026' }), baseVersion: 1 },
      // No common version: the same id holds other data on the server, a person decides.
      light('T-both', BOULOGNE, 'programmé'),
      light('T-theirs', BOULOGNE, 'programmé'),
      light('T-new', DESVRES),
      { id: 'T-bad', properties: { statut: 'à rénover' } },
      light('T-new', DESVRES),
    ];
    const p = await preview(admin, { lights: records });
    expect(p.modules.lights!.counts).toEqual({ added: 1, updated: 1, conflict: 2, unchanged: 1, refused: 2 });
    expect(outcomes(p)).toMatchObject({ 'T-mine': 'updated', 'T-both': 'conflict', 'T-new': 'added' });
    const bad = p.modules.lights!.records.filter((r) => r.outcome === 'refused').map((r) => r.reason);
    expect(bad).toEqual([expect.stringMatching(/^geometry/), 'Identifiant en double dans l’envoi.']);
    const mine = p.modules.lights!.records.find((r) => r.id === 'T-mine')!;
    // As the app reads the point: a renovated point without its own « technologie après » keeps its lamp's.
    expect(mine.changes!.map((c) => c.field).sort()).toEqual([
      'date_renovation',
      'statut',
      'technologie_apres',
    ]);
    // Nothing is written by a preview.
    expect(await row('T-new')).toBeUndefined();

    const res = await admin('POST', '/api/transfer/apply', {
      modules: { lights: records },
      plan: p.plan,
      keepMine: { lights: ['T-both'] },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect((res.json as { applied: unknown }).applied).toEqual({
      lights: { added: 1, updated: 1, conflictMine: 1, conflictTheirs: 1, unchanged: 1, refused: 2 },
    });
    expect(await row('T-new')).toMatchObject({ version: 1, insee: '62268', deleted: false });
    expect(await row('T-mine')).toMatchObject({ version: 2 });
    expect((await row('T-mine')).properties).toMatchObject({
      statut: 'rénové',
      date_renovation: '12/03/2026',
    });
    expect((await row('T-both')).properties.statut).toBe('programmé');
    expect(await row('T-theirs')).toMatchObject({ version: 1, properties: { statut: 'à rénover' } });
    expect(await row('T-same')).toMatchObject({ version: 1 });
    // Sending the same workspace again changes nothing (what was applied now reads as unchanged).
    const again = await preview(admin, { lights: records.slice(0, 3) });
    expect(again.modules.lights!.counts).toMatchObject({ unchanged: 3, added: 0, updated: 0, conflict: 0 });
  });

  it('refuses to apply a plan the team changed since the preview (409 with the new preview), writing nothing', async () => {
    expect((await admin('POST', '/api/lights', light('S-1', BOULOGNE))).status).toBe(201);
    const records = [{ ...light('S-1', BOULOGNE, 'rénové'), baseVersion: 1 }, light('S-new', BOULOGNE)];
    const p = await preview(admin, { lights: records });
    expect(outcomes(p)).toEqual({ 'S-1': 'updated', 'S-new': 'added' });
    const patched = await admin(
      'PATCH',
      '/api/lights/S-1',
      { properties: { statut: 'programmé' } },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    const res = await admin('POST', '/api/transfer/apply', { modules: { lights: records }, plan: p.plan });
    expect(res.status).toBe(409);
    expect(outcomes((res.json as { preview: Preview }).preview)).toEqual({
      'S-1': 'conflict',
      'S-new': 'added',
    });
    expect(await row('S-new')).toBeUndefined();
    expect(await row('S-1')).toMatchObject({ version: 2, properties: { statut: 'programmé' } });
    expect((await admin('POST', '/api/transfer/apply', { modules: { lights: records } })).status).toBe(428);
  });

  it('respects role and scope: refused records listed with their reason, the others applied', async () => {
    expect((await admin('POST', '/api/lights', light('E-far', DESVRES))).status).toBe(201);
    const records = [
      light('E-in', BOULOGNE),
      light('E-out', DESVRES),
      light('E-far', BOULOGNE),
      light('E-sea', [1.4, 50.8]),
    ];
    const p = await preview(editor, { lights: records, pcaet: [{ id: 'v1', properties: {} }] });
    expect(outcomes(p)).toEqual({
      'E-in': 'added',
      'E-out': 'refused',
      'E-far': 'refused',
      'E-sea': 'refused',
    });
    const reasons = Object.fromEntries(p.modules.lights!.records.map((r) => [r.id, r.reason]));
    expect(reasons['E-out']).toBe('Hors de votre périmètre (commune 62268).');
    expect(reasons['E-far']).toBe(
      'Identifiant déjà utilisé dans l’espace d’équipe, hors de votre périmètre.',
    );
    expect(reasons['E-sea']).toBe('Hors du territoire, donc hors de votre périmètre.');
    expect(p.modules.pcaet!.records[0]!.reason).toBe(
      'Votre rôle (editor) ne permet pas de modifier les indicateurs PCAET.',
    );
    const res = await editor('POST', '/api/transfer/apply', {
      modules: { lights: records, pcaet: [{ id: 'v1', properties: {} }] },
      plan: p.plan,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await row('E-in')).toMatchObject({ insee: '62160', version: 1 });
    expect(await row('E-out')).toBeUndefined();
    expect(await row('E-far')).toMatchObject({ insee: '62268' });

    const seen = await preview(viewer, { lights: [light('V-1', BOULOGNE)] });
    expect(seen.modules.lights!.records).toEqual([
      {
        id: 'V-1',
        outcome: 'refused',
        version: null,
        reason: 'Votre rôle (viewer) ne permet pas de modifier les points lumineux.',
      },
    ]);
  });

  it('is all or nothing: a record the database refuses at apply time rolls every module back', async () => {
    const value = { indicatorId: 'conso', date: '2026-01-01', value: 12, type: 'value' };
    const values = [{ id: 'P-1', insee: '62160', properties: value }];
    // PostgreSQL's jsonb cannot hold a NUL character: the PCAET INSERT fails after the lights were written.
    const records = [light('A-ok', BOULOGNE)];
    const bad = [...values, { id: 'P-nul', insee: '62160', properties: { ...value, note: 'a\u0000b' } }];
    const p = await preview(admin, { lights: records, pcaet: bad });
    expect(p.modules.pcaet!.counts.added).toBe(2);
    const res = await admin('POST', '/api/transfer/apply', {
      modules: { pcaet: bad, lights: records },
      plan: p.plan,
    });
    expect(res.status).toBe(422);
    expect(await row('A-ok')).toBeUndefined();
    const pcaet = await team.db.pool.query("SELECT 1 FROM atlas.pcaet WHERE id = 'P-1'");
    expect(pcaet.rowCount).toBe(0);
    // Without the bad record the generic module (PCAET values) goes in, and compares by value afterwards.
    const ok = await preview(admin, { pcaet: values });
    expect(
      (await admin('POST', '/api/transfer/apply', { modules: { pcaet: values }, plan: ok.plan })).status,
    ).toBe(200);
    const changed = [{ ...values[0]!, properties: { ...values[0]!.properties, value: 13 } }];
    expect((await preview(admin, { pcaet: values })).modules.pcaet!.counts.unchanged).toBe(1);
    expect(outcomes(await preview(admin, { pcaet: changed }), 'pcaet')).toEqual({ 'P-1': 'conflict' });
  });
});
