import { booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../lib/random.ts';
import { pointsInPolygon } from './pointsInPolygon.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

const cols = (points: [number, number][]) => ({
  lon: Float64Array.from(points.map((p) => p[0])),
  lat: Float64Array.from(points.map((p) => p[1])),
});

describe('pointsInPolygon', () => {
  it('returns the indices of inside points, boundary included, in ascending order', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 10, 10)] };
    const { lon, lat } = cols([
      [5, 5], // inside
      [15, 5], // outside (beyond the bbox)
      [10, 5], // on an edge
      [0, 0], // on a vertex
      [-0.001, 5], // just outside
      [9.999, 9.999], // just inside
    ]);
    expect([...pointsInPolygon(lon, lat, polygon)]).toEqual([0, 2, 3, 5]);
  });

  it('excludes holes and handles multipolygon parts', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 10, 10), square(3, 3, 7, 7).reverse()], [square(20, 0, 30, 10)]],
    };
    const { lon, lat } = cols([
      [1, 1], // in the first part
      [5, 5], // in the hole
      [25, 5], // in the second part
      [15, 5], // between the parts, inside the overall bbox
    ]);
    expect([...pointsInPolygon(lon, lat, multi)]).toEqual([0, 2]);
  });

  it('works on a concave (L-shaped) drawn zone, where the bbox prefilter alone would be wrong', () => {
    const l: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 3],
          [3, 3],
          [3, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    const { lon, lat } = cols([
      [1, 9],
      [9, 1],
      [8, 8],
    ]);
    expect([...pointsInPolygon(lon, lat, l)]).toEqual([0, 1]);
  });

  it('never matches non-finite coordinates and accepts an unclosed ring', () => {
    const open: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
        ],
      ],
    };
    const lon = Float64Array.from([Number.NaN, 5, Number.POSITIVE_INFINITY]);
    const lat = Float64Array.from([5, Number.NaN, 5]);
    expect([...pointsInPolygon(lon, lat, open)]).toEqual([]);
    expect([...pointsInPolygon(Float64Array.of(5), Float64Array.of(5), open)]).toEqual([0]);
  });

  it('returns nothing for a degenerate polygon and empty input', () => {
    const degenerate: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
        ],
      ],
    };
    expect(pointsInPolygon(Float64Array.of(0.5), Float64Array.of(0.5), degenerate)).toHaveLength(0);
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] };
    expect(pointsInPolygon(new Float64Array(0), new Float64Array(0), polygon)).toHaveLength(0);
  });

  it('rejects columns of different lengths', () => {
    const polygon: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] };
    expect(() => pointsInPolygon(new Float64Array(2), new Float64Array(3), polygon)).toThrow(RangeError);
  });

  it('agrees with turf.booleanPointInPolygon on 5,000 seeded points and a star-shaped zone', () => {
    const random = createRandom(7);
    const ring: Position[] = [];
    for (let k = 0; k < 14; k++) {
      const angle = (k / 14) * 2 * Math.PI;
      const r = k % 2 === 0 ? 0.1 : 0.04;
      ring.push([1.7 + r * Math.cos(angle), 50.7 + r * Math.sin(angle)]);
    }
    ring.push(ring[0]!);
    const star: Polygon = { type: 'Polygon', coordinates: [ring] };
    const n = 5000;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = 1.55 + random.next() * 0.3;
      lat[i] = 50.55 + random.next() * 0.3;
    }
    const expected: number[] = [];
    for (let i = 0; i < n; i++) if (booleanPointInPolygon([lon[i]!, lat[i]!], star)) expected.push(i);
    const got = [...pointsInPolygon(lon, lat, star)];
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.length).toBeLessThan(n - 100);
    expect(got).toEqual(expected);
  });
});
