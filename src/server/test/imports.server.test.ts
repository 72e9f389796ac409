import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeImport } from '../../cli/commands/import.ts';
import { generatedPath, loadTerritory } from '../../cli/territoryData.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { dropIndexesForBulk, REBUILD_FROM_ROWS } from '../bulkIndexes.ts';
import { type Api, hasDatabase, lightBody, useTeam } from './harness.ts';

const CAB = '246200729';
const csv = (lines: string[]) =>
  new TextEncoder().encode(`identifiant;longitude;latitude;puissance_w;statut\n${lines.join('\n')}\n`);

async function readEvents(api: Api, base: string, count: number, signal: AbortSignal): Promise<unknown[]> {
  const res = await fetch(`${base}/api/events`, { headers: { cookie: api.cookie }, signal });
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const events: unknown[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block);
      if (/^event: change$/m.test(block) && data) events.push(JSON.parse(data[1]!));
      end = buffer.indexOf('\n\n');
    }
  }
  await reader.cancel();
  return events;
}

describe.skipIf(!hasDatabase)('imports, live events and tiles (real PostgreSQL)', () => {
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } },
  ]);
  const admin = team.api('admin@pays.fr');
  const editor = team.api('editeur@cab.fr');
  const count = async () =>
    Number((await team.db.pool.query('SELECT count(*) FROM atlas.lights WHERE NOT deleted')).rows[0].count);

  it('imports the 25,000-point sample with the same report as `atlas import`, in one transaction', async () => {
    const bytes = readFileSync(generatedPath('sample-lights.csv'));
    const res = await admin(
      'POST',
      '/api/imports?kind=lights&mode=replace&name=sample-lights.csv',
      new Uint8Array(bytes),
    );
    expect(res.status).toBe(200);
    const engine = summarizeImport(
      await importFile(new Uint8Array(bytes), {
        kind: 'lights',
        fileName: 'sample-lights.csv',
        communes: buildCommuneIndex(loadTerritory().communes),
      }),
    ).summary;
    const { mode, applied, ...report } = res.json as Record<string, unknown>;
    expect(report).toEqual(engine);
    expect(mode).toBe('replace');
    expect(applied).toEqual({
      mode: 'replace',
      inserted: engine.accepted,
      updated: 0,
      deleted: 0,
      skipped: 0,
      droppedColumns: [],
    });
    expect(await count()).toBe(engine.accepted);
    // Source columns are kept as properties; the geometry is WGS84.
    const one = await team.db.pool.query(
      "SELECT properties->>'statut' AS statut, ST_SRID(geom) AS srid FROM atlas.lights WHERE id = 'EP-62022-0001'",
    );
    expect(one.rows).toEqual([{ statut: 'à rénover', srid: 4326 }]);
    const audit = await team.db.pool.query(
      "SELECT count(*)::int AS n FROM atlas.audit_log WHERE action = 'import'",
    );
    expect(audit.rows[0].n).toBe(1);
  });

  it('applies the modes add, merge and replace by id', async () => {
    const before = await count();
    const add = await admin(
      'POST',
      '/api/imports?kind=lights&mode=add',
      csv(['EP-62022-0001;1.7;50.7;99;rénové', 'NEW-1;1.6145;50.7264;70;rénové']),
    );
    expect(add.json).toMatchObject({ accepted: 2, applied: { inserted: 1, updated: 0, skipped: 1 } });
    const kept = await team.db.pool.query(
      "SELECT properties->>'puissance_w' AS p, version FROM atlas.lights WHERE id = 'EP-62022-0001'",
    );
    expect(kept.rows[0]).toEqual({ p: '150', version: 1 });
    const merge = await admin(
      'POST',
      '/api/imports?kind=lights&mode=merge',
      csv(['EP-62022-0001;1.8;50.7;99;rénové']),
    );
    expect(merge.json).toMatchObject({ applied: { inserted: 0, updated: 1 } });
    const merged = await team.db.pool.query(
      "SELECT properties->>'puissance_w' AS p, properties->>'adresse' AS a, version FROM atlas.lights WHERE id = 'EP-62022-0001'",
    );
    expect(merged.rows[0]).toEqual({ p: '99', a: '35 rue Principale', version: 2 });
    expect(await count()).toBe(before + 1);
    const replace = await admin(
      'POST',
      '/api/imports?kind=lights&mode=replace',
      csv(['NEW-1;1.6145;50.7264;70;rénové', 'NEW-2;1.6145;50.7264;70;rénové']),
    );
    expect(replace.json).toMatchObject({ applied: { inserted: 1, updated: 1, deleted: before } });
    expect(await count()).toBe(2);
  });

  it('refuses the whole file (nothing stored) when rows fall outside the editor’s scope or the file is unreadable', async () => {
    const before = await count();
    const outside = await editor(
      'POST',
      '/api/imports?kind=lights&mode=add',
      csv(['CAB-1;1.6145;50.7264;70;x', 'DESVRES-1;1.8353;50.6686;70;x']),
    );
    expect(outside.status).toBe(403);
    expect(outside.json).toMatchObject({
      error: expect.stringMatching(/1 ligne hors de votre périmètre/),
      rows: 2,
    });
    expect(await count()).toBe(before);
    const unreadable = await admin(
      'POST',
      '/api/imports?kind=lights&mode=add',
      new TextEncoder().encode('rien à voir\n'),
    );
    expect(unreadable.status).toBe(422);
    expect(unreadable.json).toMatchObject({ rows: 0, errors: [{ row: 0 }] });
    expect((await admin('POST', '/api/imports?kind=lights&mode=everything', csv([]))).status).toBe(422);
    const viewerless = await editor('POST', '/api/imports?kind=advice&mode=add', csv([]));
    expect(viewerless.status).toBe(403);
  });

  it('streams changes as Server-Sent Events, filtered by the subscriber’s scope', async () => {
    const controller = new AbortController();
    const editorEvents = readEvents(editor, team.server.base, 1, controller.signal);
    const adminEvents = readEvents(admin, team.server.base, 2, controller.signal);
    await new Promise((r) => setTimeout(r, 300)); // both streams subscribed
    await admin('POST', '/api/lights', lightBody('SSE-DESVRES', 1.8353, 50.6686));
    await admin('POST', '/api/lights', lightBody('SSE-CAB', 1.6145, 50.7264));
    expect(await adminEvents).toEqual([
      { module: 'lights', id: 'SSE-DESVRES', version: 1, deleted: false, insee: '62268' },
      { module: 'lights', id: 'SSE-CAB', version: 1, deleted: false, insee: '62160' },
    ]);
    // The editor of the CA du Boulonnais never sees the Desvres point: its first event is the Boulogne one.
    expect(await editorEvents).toEqual([
      { module: 'lights', id: 'SSE-CAB', version: 1, deleted: false, insee: '62160' },
    ]);
    controller.abort();
  });

  it('serves vector tiles of the lights layer, clustered at low zoom, and refuses bad tile numbers', async () => {
    await admin(
      'POST',
      '/api/imports?kind=lights&mode=replace',
      new Uint8Array(readFileSync(generatedPath('sample-lights.csv'))),
    );
    const tile = async (path: string) => {
      const res = await fetch(`${team.server.base}${path}`, { headers: { cookie: admin.cookie } });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        bytes: new Uint8Array(await res.arrayBuffer()),
      };
    };
    // Boulogne-sur-Mer (1.61, 50.72): z 9 → x 258, y 172; z 14 → x 8265, y 5504.
    const low = await tile('/api/tiles/lights/9/258/172.mvt');
    expect(low.status).toBe(200);
    expect(low.type).toBe('application/vnd.mapbox-vector-tile');
    expect(Buffer.from(low.bytes).includes('lights')).toBe(true);
    expect(Buffer.from(low.bytes).includes('count')).toBe(true);
    const high = await tile('/api/tiles/lights/14/8265/5504.mvt');
    expect(high.status).toBe(200);
    expect(Buffer.from(high.bytes).includes('statut')).toBe(true);
    const empty = await tile('/api/tiles/lights/14/0/0.mvt');
    expect(empty.bytes.length).toBe(0);
    expect((await tile('/api/tiles/lights/3/9/0.mvt')).status).toBe(422);
    expect((await tile('/api/tiles/lights/3/1/1.png')).status).toBe(422);
  });
  it('serves tiles from its cache per scope until the layer changes', async () => {
    const tile = async (api: Api, path: string) => {
      const res = await fetch(`${team.server.base}${path}`, { headers: { cookie: api.cookie } });
      return Buffer.from(await res.arrayBuffer());
    };
    // The whole territory at zoom 9: the admin's tile holds Desvres, the CA du Boulonnais editor's does not.
    const low = '/api/tiles/lights/9/258/172.mvt';
    const adminLow = await tile(admin, low);
    expect(await tile(editor, low)).not.toEqual(adminLow);
    expect(await tile(admin, low)).toEqual(adminLow);
    const high = '/api/tiles/lights/14/8265/5504.mvt';
    expect((await tile(admin, high)).includes('CACHE-1')).toBe(false);
    await admin('POST', '/api/lights', lightBody('CACHE-1', 1.6145, 50.7264));
    // The change reaches the cache through PostgreSQL's notification, just after the commit.
    await expect
      .poll(async () => (await tile(admin, high)).includes('CACHE-1'), { timeout: 10_000 })
      .toBe(true);
    expect((await tile(editor, high)).includes('CACHE-1')).toBe(true);
  });

  it('rebuilds the indexes of a whole-layer import in its transaction, and gives them back when it fails', async () => {
    const indexes = async () =>
      (
        await team.db.pool.query(
          `SELECT c.relname, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'atlas.lights'::regclass ORDER BY 1`,
        )
      ).rows;
    // Only this test's rows: the rebuild depends on the table holding no more rows than the import writes.
    await team.db.pool.query('TRUNCATE atlas.lights');
    const before = await indexes();
    expect(before.map((i) => i.relname)).toEqual([
      'lights_geom',
      'lights_insee',
      'lights_pkey',
      'lights_txid',
    ]);
    // Points of Boulogne-sur-Mer (CA du Boulonnais), enough of them for the rebuild.
    const rows = REBUILD_FROM_ROWS + 10;
    const line = (id: string, i: number) =>
      `${id};${(1.61 + (i % 100) * 0.0001).toFixed(4)};${(50.724 + Math.floor(i / 100) * 0.00001).toFixed(5)};70;x`;
    const ids = Array.from({ length: rows }, (_, i) => line(`BULK-${i}`, i));
    const loaded = await admin('POST', '/api/imports?kind=lights&mode=replace', csv(ids));
    expect(loaded.status).toBe(200);
    expect(loaded.json).toMatchObject({ accepted: rows, applied: { inserted: rows, updated: 0 } });
    expect(await indexes()).toEqual(before);
    expect(await count()).toBe(rows);
    const inBox = await admin('GET', '/api/lights?bbox=1.60995,50.72395,1.61005,50.72405&limit=100');
    expect((inBox.json as { features: unknown[] }).features).toHaveLength(6);
    // An editor's file with one id taken outside its scope: the INSERT fails after the indexes were dropped.
    await admin('POST', '/api/lights', lightBody('BULK-DESVRES', 1.8353, 50.6686));
    const refused = await editor(
      'POST',
      '/api/imports?kind=lights&mode=merge',
      csv([...ids, line('BULK-DESVRES', 0)]),
    );
    expect(refused.status).toBe(409);
    expect(await indexes()).toEqual(before);
    expect(await count()).toBe(rows + 1);
    const untouched = await team.db.pool.query(
      "SELECT max(version)::int AS v FROM atlas.lights WHERE id LIKE 'BULK-%' AND id <> 'BULK-DESVRES'",
    );
    expect(untouched.rows[0].v).toBe(1);
    // What that import did before failing: inside the transaction only the primary key is left.
    const client = await team.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL ROLE atlas_app');
      expect(await dropIndexesForBulk(client, 'lights', rows + 1)).not.toBeNull();
      expect(
        (await client.query("SELECT indexname FROM pg_indexes WHERE tablename = 'lights'")).rows,
      ).toEqual([{ indexname: 'lights_pkey' }]);
      expect(await dropIndexesForBulk(client, 'lights', REBUILD_FROM_ROWS - 1)).toBeNull();
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    expect(await indexes()).toEqual(before);
  });
});
