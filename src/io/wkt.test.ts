import { describe, expect, it } from 'vitest';
import { looksLikeWkt, parseWkt } from './wkt.ts';

describe('parseWkt', () => {
  it('reads points with or without a space before the parenthesis, any case', () => {
    expect(parseWkt('POINT (1.583622 50.72157)')).toEqual({
      ok: true,
      geometry: { type: 'Point', coordinates: [1.583622, 50.72157] },
      srid: null,
    });
    expect(parseWkt('point(49.2527 3.9815)')).toMatchObject({
      ok: true,
      geometry: { coordinates: [49.2527, 3.9815] },
    });
  });

  it('reads an EWKT SRID prefix and drops Z / M values', () => {
    expect(parseWkt('SRID=2154;POINT Z (601234.5 7067890.25 12)')).toEqual({
      ok: true,
      geometry: { type: 'Point', coordinates: [601234.5, 7067890.25] },
      srid: 2154,
    });
    expect(parseWkt('POINTZM(1 2 3 4)')).toMatchObject({ ok: true, geometry: { coordinates: [1, 2] } });
  });

  it('reads multipoints in both notations and linestrings', () => {
    const a = parseWkt('MULTIPOINT (1 2, 3 4)');
    const b = parseWkt('MULTIPOINT((1 2),(3 4))');
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      geometry: {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    });
    expect(parseWkt('LINESTRING(1 2,3 4, 5 6)')).toMatchObject({ geometry: { type: 'LineString' } });
  });

  it('reads polygons with holes and multipolygons, closing unclosed rings', () => {
    const polygon = parseWkt('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))');
    expect(polygon).toMatchObject({ ok: true, geometry: { type: 'Polygon' } });
    if (polygon.ok && polygon.geometry.type === 'Polygon')
      expect(polygon.geometry.coordinates).toHaveLength(2);
    const multi = parseWkt('MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5, 6 5, 6 6)))');
    expect(multi.ok).toBe(true);
    if (multi.ok && multi.geometry.type === 'MultiPolygon') {
      expect(multi.geometry.coordinates[1]![0]).toEqual([
        [5, 5],
        [6, 5],
        [6, 6],
        [5, 5],
      ]);
    }
  });

  it('reads numbers in exponent notation', () => {
    expect(parseWkt('POINT(6.012345e5 7.06789e6)')).toMatchObject({
      geometry: { coordinates: [601234.5, 7067890] },
    });
  });

  it.each([
    ['', /vide/],
    ['NA', /type de géométrie WKT inconnu/],
    ['CIRCLE(1 2)', /inconnu : « CIRCLE »/],
    ['POINT EMPTY', /vide/],
    ['POINT(1)', /coordonnée illisible/],
    ['POINT(1 2', /parenthèse fermante/],
    ['POINT 1 2', /parenthèse ouvrante/],
    ['POINT(1 2) extra', /texte en trop/],
    ['POLYGON((49.33 3.95, 49.38 3.89, 49.42 3.96, ...))', /coordonnée illisible/],
    ['POLYGON((0 0, 1 1, 0 0))', /moins de 3 sommets/],
    ['LINESTRING(1 2)', /moins de 2 sommets/],
    ['POINT(1e999 2)', /non finie/],
  ])('rejects %j with a French reason', (text, reason) => {
    const result = parseWkt(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('survives absurd nesting without throwing', () => {
    const deep = `GEOMETRYCOLLECTION${'(GEOMETRYCOLLECTION'.repeat(20000)}`;
    expect(parseWkt(deep).ok).toBe(false);
  });
});

describe('looksLikeWkt', () => {
  it('recognises WKT cells and nothing else', () => {
    expect(looksLikeWkt('POINT (1 2)')).toBe(true);
    expect(looksLikeWkt(' SRID=4326;MULTIPOLYGON(((')).toBe(true);
    expect(looksLikeWkt('62160')).toBe(false);
    expect(looksLikeWkt(null)).toBe(false);
  });
});
