import { describe, expect, it } from 'vitest';
import type { CrsCode } from '../types.ts';
import { detectCrs, type Range } from './detect.ts';
import { fromWgs84, toWgs84 } from './project.ts';

/** The Pays Boulonnais' bbox, roughly what the commune index reports. */
const TERRITORY: Range = [1.55, 50.45, 2.1, 50.95];

/** 20 points on a 5 × 4 grid of 0.02° around (lon, lat), projected into `crs`. */
function pointsAround(crs: CrsCode, lon: number, lat: number): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < 20; i++) {
    const [x, y] = fromWgs84(crs, lon + (i % 5) * 0.02, lat + Math.floor(i / 5) * 0.02);
    xs.push(x);
    ys.push(y);
  }
  return { xs, ys };
}

const codes = (d: ReturnType<typeof detectCrs>) => d.candidates.map((c) => `${c.crs}${c.swapped ? '↔' : ''}`);

describe('NTF Lambert zones: CRS candidates of points from each zone', () => {
  it.each([
    // Zones I–III share their false origin (600 000, 200 000): the same numbers are plausible in each.
    ['zone I (Lille)', 'EPSG:27561', 3.06, 50.63, ['EPSG:27561', 'EPSG:27562', 'EPSG:27563']],
    ['zone II (Paris)', 'EPSG:27562', 2.35, 48.85, ['EPSG:27562', 'EPSG:27563', 'EPSG:27571']],
    ['zone III (Marseille)', 'EPSG:27563', 5.37, 43.3, ['EPSG:27561', 'EPSG:27562', 'EPSG:27563']],
    [
      'zone III (Toulouse)',
      'EPSG:27563',
      1.44,
      43.6,
      ['EPSG:27561', 'EPSG:27562', 'EPSG:27563', 'EPSG:27564'],
    ],
    [
      'zone IV (Ajaccio)',
      'EPSG:27564',
      8.74,
      41.92,
      ['EPSG:27561', 'EPSG:27562', 'EPSG:27563', 'EPSG:27564'],
    ],
  ] as const)('%s: asks among the plausible zones, never guesses', (_label, crs, lon, lat, expected) => {
    const { xs, ys } = pointsAround(crs, lon, lat);
    const detection = detectCrs(xs, ys);
    expect(detection.crs).toBeNull();
    expect(codes(detection)).toEqual(expected);
    expect(detection.reason).toMatch(/ambigu.*Choisissez/);
    // Outside the territory, knowing the territory does not help: still asked.
    expect(detectCrs(xs, ys, TERRITORY).crs).toBeNull();
  });

  it.each([
    ['EPSG:27571', 3.06, 50.63],
    ['EPSG:27572', 2.35, 48.85],
    ['EPSG:27572', 5.37, 43.3],
    ['EPSG:27572', 8.74, 41.92],
    ['EPSG:27573', 1.44, 43.6],
    ['EPSG:27574', 8.74, 41.92],
  ] as const)('carto zone %s at %f, %f: the false northings make it unique', (crs, lon, lat) => {
    const { xs, ys } = pointsAround(crs, lon, lat);
    expect(detectCrs(xs, ys)).toMatchObject({ crs, swapped: false, candidates: [] });
  });

  it('zone I points on the territory: the territory decides, and the candidates are reported', () => {
    const { xs, ys } = pointsAround('EPSG:27561', 1.65, 50.7);
    const detection = detectCrs(xs, ys, TERRITORY);
    expect(detection.crs).toBe('EPSG:27561');
    expect(codes(detection)).toEqual(['EPSG:27561', 'EPSG:27562', 'EPSG:27563']);
    expect(detection.reason).toMatch(/sur le territoire/);
  });
});

describe('CC zones', () => {
  it('CC49 coordinates of Boulogne are not taken for CC50 (which would put them at 42.7° N)', () => {
    const { xs, ys } = pointsAround('EPSG:3949', 1.61, 50.72);
    const [, wrongLat] = toWgs84('EPSG:3950', xs[0]!, ys[0]!);
    expect(wrongLat).toBeCloseTo(42.7, 0);
    const withTerritory = detectCrs(xs, ys, TERRITORY);
    expect(withTerritory.crs).toBe('EPSG:3949');
    expect(codes(withTerritory)).toEqual(['EPSG:3950', 'EPSG:3949']);
    const without = detectCrs(xs, ys);
    expect(without.crs).toBeNull();
    expect(without.reason).toMatch(/CC49.*CC50|CC50.*CC49/);
  });

  it.each([42, 43, 44, 45, 46, 47, 48, 49, 50])('CC%i round-trips at its own latitude', (zone) => {
    const crs = `EPSG:39${zone}` as CrsCode;
    const [x, y] = fromWgs84(crs, 3, zone);
    expect(x).toBeCloseTo(1_700_000, 3);
    expect(y).toBeCloseTo((zone - 41) * 1_000_000 + 200_000, 3);
    const [lon, lat] = toWgs84(crs, x + 1234.5, y - 5678.9);
    const [bx, by] = fromWgs84(crs, lon, lat);
    expect(bx).toBeCloseTo(x + 1234.5, 4);
    expect(by).toBeCloseTo(y - 5678.9, 4);
  });
});

describe('NTF → RGF93 accuracy', () => {
  /*
   * Reference: PROJ 9 with IGN's grid (ntf_r93.gsb, the official transformation), computed once with
   * `echo "lon lat" | gdaltransform -s_srs EPSG:4171 -t_srs EPSG:27572`. We use IGN's three-parameter
   * translation instead; these are the distances between the two.
   */
  const reference: [number, number, number, number][] = [
    [1.6147, 50.7264, 548917.459657867, 2637172.44127695], // Boulogne-sur-Mer
    [1.83, 50.67, 564113.587205122, 2630765.02930169], // Desvres
    [1.66, 50.88, 552271.065984447, 2654271.33874637], // Wimereux / Cap Gris-Nez
    [2.3522, 48.8566, 601150.93137359, 2428695.58502487], // Paris
    [5.3698, 43.2965, 846498.784484033, 1815214.08958948], // Marseille
  ];
  const metres = (lon1: number, lat1: number, lon2: number, lat2: number) => {
    const dx = (lon2 - lon1) * 111_320 * Math.cos((lat1 * Math.PI) / 180);
    const dy = (lat2 - lat1) * 110_574;
    return Math.hypot(dx, dy);
  };

  it('stays within 3 m of the grid (≈ 2.3 m on the Pays Boulonnais)', () => {
    const errors = reference.map(([lon, lat, x, y]) => {
      const [l, p] = toWgs84('EPSG:27572', x, y);
      return metres(lon, lat, l, p);
    });
    for (const e of errors) expect(e).toBeLessThan(3);
    expect(errors[0]).toBeGreaterThan(1.5); // the shift is real: the grid is not silently used
  });
});
