import { describe, expect, it } from 'vitest';
import { parseGeometryText } from './geometryText.ts';

describe('parseGeometryText', () => {
  it('reads WKT, GeoJSON geometry text and "lat, lon" pairs', () => {
    expect(parseGeometryText('POINT(1 2)')).toMatchObject({ ok: true, geometry: { coordinates: [1, 2] } });
    expect(parseGeometryText('{"type":"Point","coordinates":[1.6,50.7]}')).toMatchObject({
      ok: true,
      geometry: { type: 'Point', coordinates: [1.6, 50.7] },
    });
    expect(parseGeometryText('50.7264, 1.6139')).toMatchObject({
      ok: true,
      geometry: { coordinates: [1.6139, 50.7264] },
    });
    expect(parseGeometryText('[50.7264, 1.6139]')).toMatchObject({
      ok: true,
      geometry: { coordinates: [1.6139, 50.7264] },
    });
    expect(parseGeometryText('50,7264;1,6139')).toMatchObject({
      ok: true,
      geometry: { coordinates: [1.6139, 50.7264] },
    });
  });
  it('does not take a decimal-comma number for a pair, and explains failures', () => {
    expect(parseGeometryText('1,5').ok).toBe(false);
    expect(parseGeometryText('{"type":"Polygon","coordinates":[]}')).toEqual({
      ok: false,
      reason: 'géométrie invalide (Polygon : polygone sans anneau)',
    });
    expect(parseGeometryText('{bad')).toEqual({
      ok: false,
      reason: 'géométrie GeoJSON illisible (JSON invalide)',
    });
  });
});
