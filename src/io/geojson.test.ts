import { describe, expect, it } from 'vitest';
import { readGeoJson } from './geojson.ts';

describe('readGeoJson', () => {
  it('reads a FeatureCollection with a legacy EPSG:2154 crs member and turns properties into columns', () => {
    const doc = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2154' } },
      features: [
        {
          type: 'Feature',
          properties: { id: 'A', puissance: 150, led: true },
          geometry: { type: 'Point', coordinates: [601234, 7067890] },
        },
        { type: 'Feature', properties: { id: 'B', nom: ' NA ', extra: { a: 1 } }, geometry: null },
      ],
    };
    const result = readGeoJson(JSON.stringify(doc));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const t = result.table;
    expect(t.declaredCrs).toBe('EPSG:2154');
    expect(t.count).toBe(2);
    expect(t.fields).toEqual(['id', 'puissance', 'led', 'nom', 'extra']);
    expect(t.attributes.puissance!.get(0)).toBe('150');
    expect(t.attributes.led!.get(0)).toBe('true');
    expect(t.attributes.nom!.get(1)).toBeNull();
    expect(t.attributes.extra!.get(1)).toBe('{"a":1}');
    expect(t.problems.get(1)).toBe('géométrie absente');
    expect(t.geometries[0]).toEqual({ type: 'Point', coordinates: [601234, 7067890] });
  });

  it('reads a single Feature and a bare geometry', () => {
    const feature = readGeoJson(
      '{"type":"Feature","properties":null,"geometry":{"type":"Point","coordinates":[1.6,50.7]}}',
    );
    expect(feature.ok && feature.table.count).toBe(1);
    const bare = readGeoJson(
      '{"type":"Polygon","coordinates":[[[1.6,50.7],[1.7,50.7],[1.7,50.8],[1.6,50.7]]]}',
    );
    expect(bare.ok && bare.table.geometries[0]?.type).toBe('Polygon');
  });

  it('names invalid geometries instead of throwing', () => {
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['a', 2] } },
        {
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
        { type: 'Feature', geometry: { type: 'Circle', coordinates: [0, 0] } },
        42,
      ],
    };
    const result = readGeoJson(JSON.stringify(doc));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([...result.table.problems.values()]).toEqual([
      'géométrie invalide (Point : position non numérique)',
      'géométrie invalide (Polygon : anneau invalide (moins de 4 positions))',
      'type de géométrie inconnu : « Circle »',
      'élément qui n’est pas une « Feature » GeoJSON',
    ]);
  });

  it('reports an unknown declared CRS and unreadable JSON in French', () => {
    const odd = readGeoJson(
      '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27575"}},"features":[]}',
    );
    expect(odd.ok && odd.table.unknownCrs).toBe('EPSG:27575');
    const broken = readGeoJson('{"type": "FeatureCollection", "features": [');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.reason).toMatch(/^Fichier GeoJSON illisible/);
    expect(readGeoJson('{"hello":1}').ok).toBe(false);
  });
});
