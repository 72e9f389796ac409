import { describe, expect, it } from 'vitest';
import { hasDatabase, useTeam } from './harness.ts';

const CAB = '246200729'; // CA du Boulonnais: Boulogne-sur-Mer 62160
const DESVRES_SAMER = '200018083'; // CC de Desvres-Samer: Desvres 62268

/** A small perimeter in Boulogne-sur-Mer (WGS84), closed ring. */
const square = (lon: number, lat: number, d = 0.001) => {
  // Rounded as the server's 7 decimals, so a perimeter read back equals the one sent.
  const r = (x: number) => Math.round(x * 1e7) / 1e7;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [r(lon + d), lat],
        [r(lon + d), r(lat + d)],
        [lon, r(lat + d)],
        [lon, lat],
      ],
    ],
  };
};

// A drawn site as the app sends it: the CNIG cells it validated, the perimeter as geometry.
const siteBody = {
  id: '62160_S001',
  geometry: square(1.6145, 50.7264),
  properties: { site_id: '62160_S001', site_nom: 'Ancienne filature', site_statut: 'friche potentielle' },
};

type Items = { cursor: string; features?: Record<string, unknown>[]; items?: Record<string, unknown>[] };

describe.skipIf(!hasDatabase)(
  'friche sites and PCAET values shared through the API (real PostgreSQL)',
  () => {
    const team = useTeam([
      { email: 'admin@pays.fr', role: 'admin' },
      { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } },
      { email: 'editeur@desvres.fr', role: 'editor', scope: { epci: [DESVRES_SAMER] } },
      { email: 'lecteur@pays.fr', role: 'viewer' },
    ]);
    const admin = team.api('admin@pays.fr');
    const editor = team.api('editeur@cab.fr');
    const otherEditor = team.api('editeur@desvres.fr');
    const viewer = team.api('lecteur@pays.fr');

    it('keeps a drawn perimeter, its point and commune; edits with If-Match show in the history and the change feed', async () => {
      const created = await editor('POST', '/api/friches', siteBody);
      expect(created.status).toBe(201);
      const record = created.json as Record<string, unknown> & { geometry: { type: string } };
      expect(record).toMatchObject({
        id: '62160_S001',
        insee: '62160',
        version: 1,
        updatedBy: 'editeur@cab.fr',
      });
      // The perimeter comes back as drawn; the representative point is stored beside it (QGIS views, tiles).
      expect(record.geometry).toEqual(siteBody.geometry);
      const { rows } = await team.db.pool.query(
        "SELECT ST_Within(geom, surface) AS inside FROM atlas.friches WHERE id = '62160_S001'",
      );
      expect(rows[0].inside).toBe(true);

      const first = (await viewer('GET', '/api/friches')).json as Items;
      expect(first.features!.map((f) => f.id)).toEqual(['62160_S001']);

      const stale = await editor(
        'PATCH',
        '/api/friches/62160_S001',
        { properties: { site_statut: 'friche sans projet' } },
        { 'if-match': '"1"' },
      );
      expect(stale.status).toBe(200);
      expect(stale.headers.get('etag')).toBe('"2"');
      // Someone who still had version 1 gets 409 with the current record, nothing overwritten.
      const conflict = await admin(
        'PATCH',
        '/api/friches/62160_S001',
        { properties: { site_statut: 'friche reconvertie' } },
        { 'if-match': '"1"' },
      );
      expect(conflict.status).toBe(409);
      expect((conflict.json as { current: { version: number; properties: object } }).current).toMatchObject({
        version: 2,
        properties: { site_statut: 'friche sans projet' },
      });

      const since = (await viewer('GET', `/api/friches?since=${first.cursor}`)).json as Items;
      expect(since.features!.map((f) => [f.id, f.version, f.deleted])).toEqual([['62160_S001', 2, false]]);

      const history = await viewer('GET', '/api/history/friches/62160_S001');
      expect(history.status).toBe(200);
      const items = (history.json as { items: Record<string, unknown>[] }).items;
      expect(items.map((i) => [i.action, i.version, i.by])).toEqual([
        ['update', 2, 'editeur@cab.fr'],
        ['insert', 1, 'editeur@cab.fr'],
      ]);
      expect(items[0]!.changes).toEqual([
        { field: 'site_statut', before: 'friche potentielle', after: 'friche sans projet' },
      ]);
    });

    it('refuses writes outside the role or the scope, and a move out of the editor’s EPCI', async () => {
      const patch = { properties: { site_statut: 'friche reconvertie' } };
      expect((await viewer('PATCH', '/api/friches/62160_S001', patch, { 'if-match': '"2"' })).status).toBe(
        403,
      );
      expect((await viewer('POST', '/api/friches', { ...siteBody, id: 'v-1' })).status).toBe(403);
      // Another EPCI's editor does not see the site at all: it is outside its scope (403, not a silent 404).
      expect((await otherEditor('GET', '/api/friches')).json).toMatchObject({ features: [] });
      expect(
        (await otherEditor('PATCH', '/api/friches/62160_S001', patch, { 'if-match': '"2"' })).status,
      ).toBe(403);
      expect((await otherEditor('GET', '/api/history/friches/62160_S001')).status).toBe(404);
      // Moving the perimeter to Desvres would take the site out of the editor's scope: the database refuses.
      const moved = await editor(
        'PATCH',
        '/api/friches/62160_S001',
        { geometry: square(1.8353, 50.6686) },
        { 'if-match': '"2"' },
      );
      expect(moved.status).toBe(403);
      const kept = (await admin('GET', '/api/friches')).json as Items;
      expect(kept.features![0]).toMatchObject({ insee: '62160', version: 2 });
      // The same editor may move it within Boulogne: a new perimeter, a new point, the history says so.
      const within = await editor(
        'PATCH',
        '/api/friches/62160_S001',
        { geometry: square(1.6155, 50.7264) },
        { 'if-match': '"2"' },
      );
      expect(within.status).toBe(200);
      const history = (await admin('GET', '/api/history/friches/62160_S001')).json as {
        items: { changes: { field: string }[] }[];
      };
      expect(history.items[0]!.changes.map((c) => c.field).sort()).toEqual(['position', 'surface']);
    });

    it('shares PCAET values: the Pays writes them with If-Match, everyone reads them and their history', async () => {
      const value = {
        id: 'ges-2025-cab',
        properties: { indicatorId: 'ges', date: '2025-12-31', value: 812.5, type: 'value' },
      };
      expect((await editor('POST', '/api/pcaet', value)).status).toBe(403);
      const created = await admin('POST', '/api/pcaet', value);
      expect(created.status).toBe(201);
      const first = (await viewer('GET', '/api/pcaet')).json as Items;
      expect(first.items!.map((i) => [i.id, (i.properties as { value: number }).value])).toEqual([
        ['ges-2025-cab', 812.5],
      ]);
      // The merged record must still be a value: a text value is refused with the field's reason.
      const bad = await admin(
        'PATCH',
        '/api/pcaet/ges-2025-cab',
        { properties: { value: 'beaucoup' } },
        {
          'if-match': '"1"',
        },
      );
      expect(bad.status).toBe(422);
      expect(bad.json).toMatchObject({ fields: { properties: 'Propriété value obligatoire (nombre).' } });
      const ok = await admin(
        'PATCH',
        '/api/pcaet/ges-2025-cab',
        { properties: { value: 790 } },
        {
          'if-match': '"1"',
        },
      );
      expect(ok.status).toBe(200);
      expect(
        (
          await editor(
            'PATCH',
            '/api/pcaet/ges-2025-cab',
            { properties: { value: 1 } },
            {
              'if-match': '"2"',
            },
          )
        ).status,
      ).toBe(403);
      const since = (await viewer('GET', `/api/pcaet?since=${first.cursor}`)).json as Items;
      expect(since.items!.map((i) => [i.id, i.version])).toEqual([['ges-2025-cab', 2]]);
      const history = (await viewer('GET', '/api/history/pcaet/ges-2025-cab')).json as {
        items: { by: string; changes: unknown[] }[];
      };
      expect(history.items[0]).toMatchObject({
        by: 'admin@pays.fr',
        changes: [{ field: 'value', before: 812.5, after: 790 }],
      });
    });
  },
);
