import type { Geometry, GeometryCollection, MultiPolygon, Point, Polygon } from 'geojson';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/random.ts';
import type { CrsCode } from '../types.ts';
import { registerProj4Defs } from './defs.ts';
import { fromWgs84, reprojectGeometry, reprojectInPlace, swapGeometryAxes, toWgs84 } from './project.ts';

registerProj4Defs(proj4);

const PROJECTED = ['EPSG:2154', 'EPSG:3950'] as const;
const METRE_TOLERANCE = 1e-3;
const DEGREE_TOLERANCE = 1e-8;

/** Places across France and in the Pays Boulonnais (lon, lat). */
const PLACES: readonly [string, number, number][] = [
  ['Boulogne-sur-Mer, beffroi', 1.6147, 50.7264],
  ['Desvres', 1.8331, 50.6689],
  ['Samer', 1.7459, 50.6378],
  ['Wissant', 1.6627, 50.8855],
  ['Cap Gris-Nez', 1.5841, 50.8718],
  ['Le Portel', 1.5731, 50.7073],
  ['Dunkerque', 2.3768, 51.0344],
  ['Paris, Notre-Dame', 2.3499, 48.853],
  ['Brest', -4.4861, 48.3904],
  ['Ouessant', -5.1, 48.46],
  ['Strasbourg', 7.7521, 48.5734],
  ['Nice', 7.262, 43.7102],
  ['Perpignan', 2.8948, 42.6887],
  ['Bayonne', -1.4748, 43.4929],
  ['Bonifacio', 9.159, 41.3874],
  ['Bastia', 9.4503, 42.6977],
  ['Lambert-93 origin', 3, 46.5],
  ['CC50 origin', 3, 50],
];

function proj4Forward(crs: CrsCode, lon: number, lat: number): number[] {
  return proj4('EPSG:4326', crs, [lon, lat]);
}

describe('fromWgs84 / toWgs84 against proj4', () => {
  for (const crs of PROJECTED) {
    it.each(PLACES)(`${crs} forward and inverse agree with proj4 at %s`, (_name, lon, lat) => {
      const expected = proj4Forward(crs, lon, lat);
      const [x, y] = fromWgs84(crs, lon, lat);
      expect(Math.abs(x - expected[0]!)).toBeLessThanOrEqual(METRE_TOLERANCE);
      expect(Math.abs(y - expected[1]!)).toBeLessThanOrEqual(METRE_TOLERANCE);

      const back = proj4(crs, 'EPSG:4326', expected);
      const [lon2, lat2] = toWgs84(crs, expected[0]!, expected[1]!);
      expect(Math.abs(lon2 - back[0]!)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
      expect(Math.abs(lat2 - back[1]!)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
      expect(Math.abs(lon2 - lon)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
      expect(Math.abs(lat2 - lat)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
    });

    it(`${crs}: 2,000 seeded random points over France agree with proj4`, () => {
      const random = createRandom(crs === 'EPSG:2154' ? 2154 : 3950);
      let worstMetres = 0;
      let worstDegrees = 0;
      for (let i = 0; i < 2000; i++) {
        const lon = -5.5 + random.next() * 15.5;
        const lat = 41 + random.next() * 10.5;
        const expected = proj4Forward(crs, lon, lat);
        const [x, y] = fromWgs84(crs, lon, lat);
        worstMetres = Math.max(worstMetres, Math.abs(x - expected[0]!), Math.abs(y - expected[1]!));
        const back = proj4(crs, 'EPSG:4326', expected);
        const [lon2, lat2] = toWgs84(crs, expected[0]!, expected[1]!);
        worstDegrees = Math.max(worstDegrees, Math.abs(lon2 - back[0]!), Math.abs(lat2 - back[1]!));
      }
      expect(worstMetres).toBeLessThanOrEqual(METRE_TOLERANCE);
      expect(worstDegrees).toBeLessThanOrEqual(DEGREE_TOLERANCE);
    });
  }
});

describe('published values (independent of proj4)', () => {
  it('maps the Lambert-93 natural origin 3°E 46.5°N to X=700000, Y=6600000', () => {
    const [x, y] = fromWgs84('EPSG:2154', 3, 46.5);
    expect(x).toBeCloseTo(700000, 6);
    expect(y).toBeCloseTo(6600000, 6);
    const [lon, lat] = toWgs84('EPSG:2154', 700000, 6600000);
    expect(lon).toBeCloseTo(3, 10);
    expect(lat).toBeCloseTo(46.5, 10);
  });

  it('maps the CC50 natural origin 3°E 50°N to X=1700000, Y=9200000', () => {
    const [x, y] = fromWgs84('EPSG:3950', 3, 50);
    expect(x).toBeCloseTo(1700000, 6);
    expect(y).toBeCloseTo(9200000, 6);
    const [lon, lat] = toWgs84('EPSG:3950', 1700000, 9200000);
    expect(lon).toBeCloseTo(3, 10);
    expect(lat).toBeCloseTo(50, 10);
  });

  it('keeps the central meridian 3°E on the false easting at every latitude', () => {
    for (const lat of [41.5, 45, 48.2, 51]) {
      expect(fromWgs84('EPSG:2154', 3, lat)[0]).toBeCloseTo(700000, 6);
      expect(fromWgs84('EPSG:3950', 3, lat)[0]).toBeCloseTo(1700000, 6);
    }
  });

  // A secant conic is true to scale on its two standard parallels: a small step along the parallel must
  // measure the same on the map as on the GRS80 ellipsoid (N·cos φ·Δλ).
  it.each([
    ['EPSG:2154', 44],
    ['EPSG:2154', 49],
    ['EPSG:3950', 49.25],
    ['EPSG:3950', 50.75],
  ] as const)('has scale factor 1 on the standard parallel (%s, %f°)', (crs, lat) => {
    const a = 6378137;
    const f = 1 / 298.257222101;
    const e2 = 2 * f - f * f;
    const phi = (lat * Math.PI) / 180;
    const dLonDeg = 1e-4;
    const groundMetres =
      ((a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2)) * Math.cos(phi) * dLonDeg * Math.PI) / 180;
    const [x1, y1] = fromWgs84(crs, 3 - dLonDeg / 2, lat);
    const [x2, y2] = fromWgs84(crs, 3 + dLonDeg / 2, lat);
    const mapMetres = Math.hypot(x2 - x1, y2 - y1);
    expect(Math.abs(mapMetres / groundMetres - 1)).toBeLessThan(1e-9);
  });
});

describe('reprojectInPlace', () => {
  it('turns projected columns into the same lon/lat as toWgs84, point by point', () => {
    const random = createRandom(7);
    for (const crs of PROJECTED) {
      const n = 500;
      const xs = new Float64Array(n);
      const ys = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const [x, y] = fromWgs84(crs, 1.55 + random.next() * 0.45, 50.57 + random.next() * 0.35);
        xs[i] = x;
        ys[i] = y;
      }
      const originalX = Float64Array.from(xs);
      const originalY = Float64Array.from(ys);
      reprojectInPlace(crs, xs, ys);
      for (let i = 0; i < n; i++) {
        const expected = proj4(crs, 'EPSG:4326', [originalX[i]!, originalY[i]!]);
        expect(Math.abs(xs[i]! - expected[0]!)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
        expect(Math.abs(ys[i]! - expected[1]!)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
      }
    }
  });

  it('leaves WGS84 columns untouched', () => {
    const xs = Float64Array.of(1.6, 2.3);
    const ys = Float64Array.of(50.7, 48.8);
    reprojectInPlace('EPSG:4326', xs, ys);
    expect([...xs, ...ys]).toEqual([1.6, 2.3, 50.7, 48.8]);
  });

  it('propagates NaN for missing values without throwing or disturbing neighbours', () => {
    const [x, y] = fromWgs84('EPSG:2154', 1.6147, 50.7264);
    const xs = Float64Array.of(Number.NaN, x, 0);
    const ys = Float64Array.of(7000000, y, Number.NaN);
    reprojectInPlace('EPSG:2154', xs, ys);
    expect(Number.isNaN(xs[0]!) || Number.isNaN(ys[0]!)).toBe(true);
    expect(xs[1]).toBeCloseTo(1.6147, 9);
    expect(ys[1]).toBeCloseTo(50.7264, 9);
    expect(Number.isNaN(ys[2]!)).toBe(true);
  });

  it('rejects columns of different lengths', () => {
    expect(() => reprojectInPlace('EPSG:2154', new Float64Array(2), new Float64Array(3))).toThrow(RangeError);
  });
});

describe('reprojectGeometry', () => {
  const l93 = (lon: number, lat: number) => fromWgs84('EPSG:2154', lon, lat);

  function expectPositionsClose(actual: unknown, expected: unknown) {
    if (typeof expected === 'number') {
      expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(DEGREE_TOLERANCE);
      return;
    }
    const exp = expected as unknown[];
    const act = actual as unknown[];
    expect(act).toHaveLength(exp.length);
    exp.forEach((item, i) => {
      expectPositionsClose(act[i], item);
    });
  }

  it('reprojects a polygon with a hole and keeps the input intact', () => {
    const outer = [
      [1.6, 50.7],
      [1.7, 50.7],
      [1.7, 50.8],
      [1.6, 50.8],
      [1.6, 50.7],
    ];
    const hole = [
      [1.62, 50.72],
      [1.64, 50.72],
      [1.64, 50.74],
      [1.62, 50.72],
    ];
    const source: Polygon = {
      type: 'Polygon',
      coordinates: [outer.map(([lon, lat]) => l93(lon!, lat!)), hole.map(([lon, lat]) => l93(lon!, lat!))],
    };
    const frozen = structuredClone(source);
    const result = reprojectGeometry(source, 'EPSG:2154');
    expect(result.type).toBe('Polygon');
    expectPositionsClose((result as Polygon).coordinates, [outer, hole]);
    expect(source).toEqual(frozen);
  });

  it('handles multipolygons, altitude and geometry collections (CC50)', () => {
    const cc50 = (lon: number, lat: number, z?: number) => {
      const [x, y] = fromWgs84('EPSG:3950', lon, lat);
      return z === undefined ? [x, y] : [x, y, z];
    };
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [
        [[cc50(1.6, 50.7), cc50(1.61, 50.7), cc50(1.61, 50.71), cc50(1.6, 50.7)]],
        [[cc50(1.8, 50.6), cc50(1.81, 50.6), cc50(1.81, 50.61), cc50(1.8, 50.6)]],
      ],
    };
    const point: Point = { type: 'Point', coordinates: cc50(1.6147, 50.7264, 42) };
    const collection: GeometryCollection = { type: 'GeometryCollection', geometries: [multi, point] };
    const result = reprojectGeometry(collection, 'EPSG:3950') as GeometryCollection;
    expectPositionsClose((result.geometries[0] as MultiPolygon).coordinates, [
      [
        [
          [1.6, 50.7],
          [1.61, 50.7],
          [1.61, 50.71],
          [1.6, 50.7],
        ],
      ],
      [
        [
          [1.8, 50.6],
          [1.81, 50.6],
          [1.81, 50.61],
          [1.8, 50.6],
        ],
      ],
    ]);
    expectPositionsClose((result.geometries[1] as Point).coordinates, [1.6147, 50.7264, 42]);
  });

  it('returns a copy, not the same object, for WGS84 input', () => {
    const line: Geometry = {
      type: 'LineString',
      coordinates: [
        [1.6, 50.7],
        [1.7, 50.8],
      ],
    };
    const result = reprojectGeometry(line, 'EPSG:4326');
    expect(result).toEqual(line);
    expect(result).not.toBe(line);
    (result as typeof line).coordinates[0]![0] = 0;
    expect(line.coordinates[0]![0]).toBe(1.6);
  });
});

describe('swapGeometryAxes', () => {
  it('exchanges the first two ordinates everywhere and keeps the third', () => {
    const geometry: Geometry = {
      type: 'MultiLineString',
      coordinates: [
        [
          [50.7, 1.6, 12],
          [50.8, 1.7],
        ],
      ],
    };
    expect(swapGeometryAxes(geometry)).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [1.6, 50.7, 12],
          [1.7, 50.8],
        ],
      ],
    });
    expect(geometry.coordinates[0]![0]).toEqual([50.7, 1.6, 12]);
  });
});
