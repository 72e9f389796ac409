import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/random.ts';
import type { CrsCode } from '../types.ts';
import { CRS_RANGES, detectCrs, FRANCE_BBOX, isInFrance, looksLike, type Range } from './detect.ts';
import { fromWgs84 } from './project.ts';

/** Seeded lon/lat points over the Pays Boulonnais, projected into `crs`, optionally swapped. */
function sample(crs: CrsCode, swapped: boolean, count = 300, seed = 1): { xs: number[]; ys: number[] } {
  const random = createRandom(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < count; i++) {
    const [x, y] = fromWgs84(crs, 1.56 + random.next() * 0.42, 50.58 + random.next() * 0.33);
    xs.push(swapped ? y : x);
    ys.push(swapped ? x : y);
  }
  return { xs, ys };
}

describe('detectCrs', () => {
  it.each([
    ['EPSG:4326', false],
    ['EPSG:4326', true],
    ['EPSG:2154', false],
    ['EPSG:2154', true],
    ['EPSG:3950', false],
    ['EPSG:3950', true],
  ] as const)('detects %s (swapped: %s) on Pays Boulonnais data', (crs, swapped) => {
    const { xs, ys } = sample(crs, swapped);
    const result = detectCrs(xs, ys);
    expect(result.crs).toBe(crs);
    expect(result.swapped).toBe(swapped);
    expect(result.reason).toMatch(/détecté/);
    if (swapped) expect(result.reason).toMatch(/invers/);
  });

  it('detects swapped latitude/longitude as in X≈50.7, Y≈1.6', () => {
    const result = detectCrs([50.7264, 50.67, 50.88], [1.6147, 1.83, 1.66]);
    expect(result).toMatchObject({ crs: 'EPSG:4326', swapped: true });
    expect(result.reason).toMatch(/latitude et longitude inversées/);
  });

  it('covers the whole of metropolitan France and Corsica in every CRS', () => {
    const extremes: [number, number][] = [
      [-5.14, 48.46], // Ouessant
      [2.55, 51.09], // Dunkerque
      [8.23, 48.97], // Lauterbourg
      [9.16, 41.39], // Bonifacio
      [-1.78, 43.36], // Hendaye
      [3.17, 42.33], // Cerbère
    ];
    for (const crs of ['EPSG:4326', 'EPSG:2154', 'EPSG:3950', 'EPSG:27572'] as const) {
      for (const [lon, lat] of extremes) {
        const [x, y] = fromWgs84(crs, lon, lat);
        expect(looksLike(crs, x, y), `${crs} ${lon},${lat}`).toBe(true);
        const straight = detectCrs([x], [y]);
        const swapped = detectCrs([y], [x]);
        if (crs === 'EPSG:3950' && straight.crs === null) {
          // CC50 far south of its zone (Cerbère) reads as well as CC49: asked, never guessed.
          expect(lat).toBeLessThan(43);
          expect(straight.candidates).toContainEqual({ crs, swapped: false });
          continue;
        }
        expect(straight).toMatchObject({ crs, swapped: false });
        expect(swapped).toMatchObject({ crs, swapped: true });
      }
    }
  });

  it('ignores NaN and missing values', () => {
    const { xs, ys } = sample('EPSG:2154', false, 20);
    const withGaps = [Number.NaN, ...xs, Number.NaN, Number.POSITIVE_INFINITY];
    const ysWithGaps = [7_000_000, ...ys, Number.NaN, 6_900_000];
    expect(detectCrs(withGaps, ysWithGaps)).toMatchObject({ crs: 'EPSG:2154', swapped: false });
    expect(detectCrs(Float64Array.from(withGaps), Float64Array.from(ysWithGaps)).crs).toBe('EPSG:2154');
  });

  it('tolerates a minority of wrong rows (they become row errors later)', () => {
    const { xs, ys } = sample('EPSG:3950', false, 90);
    xs.push(...Array(10).fill(0));
    ys.push(...Array(10).fill(0));
    expect(detectCrs(xs, ys).crs).toBe('EPSG:3950');
  });

  it('returns null with a French reason for empty input', () => {
    for (const result of [detectCrs([], []), detectCrs([Number.NaN], [Number.NaN])]) {
      expect(result.crs).toBeNull();
      expect(result.swapped).toBe(false);
      expect(result.reason).toMatch(/Aucune coordonnée/);
    }
  });

  it('detects Lambert II étendu, and returns null when no CRS fits', () => {
    expect(detectCrs([600_000, 610_000, 620_000], [2_620_000, 2_630_000, 2_640_000]).crs).toBe('EPSG:27572');
    const result = detectCrs([-600_000, -610_000, -620_000], [20_000_000, 20_000_000, 20_000_000]);
    expect(result.crs).toBeNull();
    expect(result.reason).toMatch(/non reconnu.*manuellement/);
  });

  it('returns null when half the rows are WGS84 and half Lambert-93', () => {
    const wgs = sample('EPSG:4326', false, 50);
    const l93 = sample('EPSG:2154', false, 50, 2);
    const result = detectCrs([...wgs.xs, ...l93.xs], [...wgs.ys, ...l93.ys]);
    expect(result.crs).toBeNull();
    expect(result.reason).toMatch(/plus de la moitié/);
  });

  it('samples across a large sorted input, not just its head', () => {
    const n = 100_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    // The first 30 % are garbage, the rest Lambert-93: a head-only sample would fail.
    for (let i = 0; i < n; i++) {
      xs[i] = i < 0.3 * n ? -1 : 600_000 + (i % 1000);
      ys[i] = i < 0.3 * n ? -1 : 7_070_000;
    }
    expect(detectCrs(xs, ys).crs).toBe('EPSG:2154');
  });
});

describe('CRS_RANGES', () => {
  const hypotheses: [string, Range][] = [];
  for (const [crs, [x0, y0, x1, y1]] of Object.entries(CRS_RANGES)) {
    hypotheses.push([crs, [x0, y0, x1, y1]]);
    hypotheses.push([`${crs} swapped`, [y0, x0, y1, x1]]);
  }
  const overlaps = (a: Range, b: Range) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

  it('keeps WGS84, Lambert-93, CC50 and Lambert II étendu disjoint (the common cases never need asking)', () => {
    const common = new Set(['EPSG:4326', 'EPSG:2154', 'EPSG:3950', 'EPSG:27572']);
    const chosen = hypotheses.filter(([name]) => common.has(name.split(' ')[0]!));
    for (let i = 0; i < chosen.length; i++) {
      for (let j = i + 1; j < chosen.length; j++) {
        const [nameA, a] = chosen[i]!;
        const [nameB, b] = chosen[j]!;
        expect(overlaps(a, b), `${nameA} vs ${nameB}`).toBe(false);
      }
    }
  });

  it('keeps the Lambert-93 and CC50 northing bands far apart', () => {
    expect(CRS_RANGES['EPSG:3950'][1] - CRS_RANGES['EPSG:2154'][3]).toBeGreaterThanOrEqual(500_000);
  });
});

describe('isInFrance / looksLike', () => {
  it.each([
    [1.6147, 50.7264],
    [2.3499, 48.853],
    [8.7369, 41.9192], // Ajaccio
    [-5.1, 48.46],
  ])('accepts %f, %f', (lon, lat) => {
    expect(isInFrance(lon, lat)).toBe(true);
  });

  it.each([
    [0, 0],
    [-74.006, 40.7128], // New York
    [-9.139, 38.7223], // Lisbon
    [13.405, 52.52], // Berlin
    [50.7264, 1.6147], // swapped Boulogne
    [Number.NaN, 50],
  ])('rejects %f, %f', (lon, lat) => {
    expect(isInFrance(lon, lat)).toBe(false);
  });

  it('uses FRANCE_BBOX for WGS84', () => {
    expect(looksLike('EPSG:4326', FRANCE_BBOX[0], FRANCE_BBOX[1])).toBe(true);
    expect(looksLike('EPSG:4326', FRANCE_BBOX[0] - 0.01, FRANCE_BBOX[1])).toBe(false);
  });

  it('tells Lambert-93 from CC50 per point', () => {
    const [x, y] = fromWgs84('EPSG:2154', 1.6147, 50.7264);
    expect(looksLike('EPSG:2154', x, y)).toBe(true);
    expect(looksLike('EPSG:3950', x, y)).toBe(false);
    const [cx, cy] = fromWgs84('EPSG:3950', 1.6147, 50.7264);
    expect(looksLike('EPSG:3950', cx, cy)).toBe(true);
    expect(looksLike('EPSG:2154', cx, cy)).toBe(false);
  });
});
