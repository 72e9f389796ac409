import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { pointOnSurface } from '../../geo/pointOnSurface.ts';
import { brownfieldFromRecord } from './mapping.ts';
import { type FricheRecord, sitePatch, siteRecordBody, sitesFromRecords } from './serverRecords.ts';

const L: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.6, 50.72],
      [1.616, 50.72],
      [1.616, 50.724],
      [1.604, 50.724],
      [1.604, 50.736],
      [1.6, 50.736],
      [1.6, 50.72],
    ],
  ],
};

// As the server stores an imported Lambert-93 CSV row: every column as text, geometry cells included.
const imported = (id: string, extra: Record<string, unknown> = {}): FricheRecord => ({
  id,
  insee: '62160',
  geometry: L,
  properties: {
    site_id: id,
    site_nom: 'Ancienne filature',
    site_type: 'friche industrielle',
    site_statut: 'friche potentielle',
    comm_insee: '62160',
    geompoint: 'POINT (605000 7070000)',
    geomsurf: null,
    proprietaire_note: 'à recontacter',
    ...extra,
  },
});

describe('friche sites ↔ server records', () => {
  it('reads records with the inventory rule: perimeter from the geometry, point on its surface, team row', () => {
    const { sites, unreadable } = sitesFromRecords([
      imported('S-1'),
      imported('S-2', { site_nom: null, site_id: null }),
      {
        id: 'S-3',
        insee: null,
        geometry: { type: 'Point', coordinates: [2.35, 48.85] },
        properties: { site_id: 'S-3', site_nom: 'Paris' },
      },
    ]);
    expect(sites.map((s) => s.id)).toEqual(['S-1', 'S-3']);
    const [s1, s3] = sites as [(typeof sites)[0], (typeof sites)[0]];
    expect(s1).toMatchObject({
      name: 'Ancienne filature',
      status: 'friche potentielle',
      territoryInsee: '62160',
      surface: L,
      row: 0,
      raw: expect.objectContaining({ proprietaire_note: 'à recontacter' }),
    });
    // The Lambert-93 cell of the file is not read as WGS84: the record's geometry decides.
    expect(s1.point.coordinates).toEqual(pointOnSurface(L));
    expect(s1.record.geompoint).toMatch(/^POINT \(1\.6/);
    expect(s3).toMatchObject({ surface: null, territoryInsee: null, point: { coordinates: [2.35, 48.85] } });
    expect(unreadable).toEqual([{ id: 'S-2', reason: expect.stringContaining('site_id') }]);
  });

  it('writes a new site and an edit as cells + geometry, and the record read back is the edited site', () => {
    const point = { type: 'Point' as const, coordinates: pointOnSurface(L)! };
    const drawn = brownfieldFromRecord(
      { site_id: '62160_S001', site_nom: 'Garage', site_statut: 'friche potentielle', comm_insee: '62160' },
      point,
      L,
      { territoryInsee: '62160' },
    );
    const body = siteRecordBody(drawn);
    expect(body.geometry).toEqual(L);
    expect(body.properties).toEqual({
      site_id: '62160_S001',
      site_nom: 'Garage',
      site_statut: 'friche potentielle',
      comm_insee: '62160',
    });
    const stored: FricheRecord = {
      id: body.id,
      insee: '62160',
      geometry: body.geometry,
      properties: body.properties,
    };
    const [read] = sitesFromRecords([stored]).sites;
    expect(read).toMatchObject({ id: drawn.id, name: 'Garage', point, surface: L });

    // Status changed, name cleared in the form (the form keeps the site's cells as read in `raw`).
    const { site_nom: _cleared, ...kept } = drawn.record;
    const edited = {
      ...brownfieldFromRecord({ ...kept, site_statut: 'friche reconvertie' }, point, L, {
        territoryInsee: '62160',
      }),
      raw: { ...drawn.raw, note_interne: 'à revoir' },
    };
    expect(sitePatch(drawn, edited)).toEqual({
      properties: { site_statut: 'friche reconvertie', site_nom: null, note_interne: 'à revoir' },
    });
    expect(sitePatch(drawn, drawn)).toBeNull();
    const moved = { ...drawn, surface: null };
    expect(sitePatch(drawn, moved)).toEqual({ geometry: point });

    const after = { ...stored, properties: { ...stored.properties, site_statut: 'friche reconvertie' } };
    expect(sitesFromRecords([after]).sites[0]!.status).toBe('friche reconvertie');
  });
});
