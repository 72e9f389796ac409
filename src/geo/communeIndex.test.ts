import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex } from './communeIndex.ts';
import { naiveLocate } from './naiveLocate.ts';

type Communes = FeatureCollection<Polygon | MultiPolygon, { insee: string }>;

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

function commune(
  insee: string,
  geometry: Polygon | MultiPolygon,
): Feature<Polygon | MultiPolygon, { insee: string }> {
  return { type: 'Feature', properties: { insee }, geometry };
}

/**
 * A: 10×10 square with a hole, B: the enclave filling that hole, C: two parts (east square, north-west
 * strip), D: a triangle on top of C's east square, sharing its side y = 10.
 */
const A = commune('00001', {
  type: 'Polygon',
  coordinates: [rect(0, 0, 10, 10), rect(3, 3, 7, 7).reverse()],
});
const B = commune('00002', { type: 'Polygon', coordinates: [rect(3, 3, 7, 7)] });
const C = commune('00003', {
  type: 'MultiPolygon',
  coordinates: [[rect(10, 0, 20, 10)], [rect(0, 10, 5, 15)]],
});
const D = commune('00004', {
  type: 'Polygon',
  coordinates: [
    [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 10],
    ],
  ],
});
const TOY: Communes = { type: 'FeatureCollection', features: [A, B, C, D] };

const KNOWN: readonly [string, number, number, number][] = [
  ['inside A', 1, 1, 0],
  ['in the hole of A, i.e. in enclave B', 5, 5, 1],
  ['in C, east part', 15, 5, 2],
  ['in C, north-west part', 2, 12, 2],
  ['in triangle D', 19, 11, 3],
  ['above the hypotenuse of D', 11, 17, -1],
  ['east of everything', 25, 5, -1],
  ['between C north-west part and D', 7, 12, -1],
  ['shared side A|C → first in file order (A)', 10, 5, 0],
  ['hole boundary A|B → A', 3, 5, 0],
  ['shared side C|D → C', 15, 10, 2],
  ['corner shared by A, C and D → A', 10, 10, 0],
  ['outer corner of A', 0, 0, 0],
];

describe('buildCommuneIndex on hand-made communes', () => {
  for (const gridSize of [1, 3, 7, 64, 256]) {
    it.each(KNOWN)(`grid ${gridSize}: %s`, (_label, lon, lat, expected) => {
      const index = buildCommuneIndex(TOY, { gridSize });
      expect(index.locate(lon, lat)).toBe(expected);
      expect(naiveLocate(TOY, lon, lat)).toBe(expected);
    });
  }

  it('exposes INSEE codes in feature order', () => {
    expect(buildCommuneIndex(TOY).codes).toEqual(['00001', '00002', '00003', '00004']);
  });

  it('gives boundary points to whichever commune comes first', () => {
    const reversed: Communes = { type: 'FeatureCollection', features: [D, C, B, A] };
    const index = buildCommuneIndex(reversed);
    expect(index.codes[index.locate(10, 5)]).toBe('00003');
    expect(index.codes[index.locate(3, 5)]).toBe('00002');
    expect(index.codes[index.locate(15, 10)]).toBe('00004');
  });

  it('answers -1 for NaN, infinities and an empty collection', () => {
    const index = buildCommuneIndex(TOY);
    expect(index.locate(Number.NaN, 5)).toBe(-1);
    expect(index.locate(5, Number.NaN)).toBe(-1);
    expect(index.locate(Number.POSITIVE_INFINITY, 5)).toBe(-1);
    const empty = buildCommuneIndex({ type: 'FeatureCollection', features: [] });
    expect(empty.locate(5, 5)).toBe(-1);
    expect(empty.codes).toEqual([]);
  });

  it('does not care about ring orientation or unclosed rings', () => {
    const clockwiseOpen = commune('00009', {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0, 4],
          [4, 4],
          [4, 0],
        ],
      ],
    });
    const index = buildCommuneIndex(
      { type: 'FeatureCollection', features: [clockwiseOpen] },
      { gridSize: 4 },
    );
    expect(index.locate(2, 2)).toBe(0);
    expect(index.locate(3.9, 0.1)).toBe(0);
    expect(index.locate(4.1, 2)).toBe(-1);
  });

  it('matches the naive answer on overlapping (invalid) outlines too', () => {
    const big = commune('10000', { type: 'Polygon', coordinates: [rect(0, 0, 100, 100)] });
    const small = commune('20000', { type: 'Polygon', coordinates: [rect(40, 40, 41, 41)] });
    for (const features of [
      [big, small],
      [small, big],
    ]) {
      const collection: Communes = { type: 'FeatureCollection', features };
      const index = buildCommuneIndex(collection, { gridSize: 16 });
      for (const [x, y] of [
        [40.5, 40.5],
        [10, 10],
        [41, 40.2],
      ] as const) {
        expect(index.locate(x, y)).toBe(naiveLocate(collection, x, y));
      }
    }
  });
});

describe('locateMany', () => {
  it('fills an Int32Array with the same answers as locate', () => {
    const index = buildCommuneIndex(TOY);
    const lon = Float64Array.from(KNOWN.map((k) => k[1]));
    const lat = Float64Array.from(KNOWN.map((k) => k[2]));
    expect([...index.locateMany(lon, lat)]).toEqual(KNOWN.map((k) => k[3]));
    const out = new Int32Array(KNOWN.length + 2).fill(99);
    const result = index.locateMany(lon, lat, out);
    expect(result).toBe(out);
    expect([...out.subarray(KNOWN.length)]).toEqual([99, 99]);
  });

  it('refuses an output array that is too short', () => {
    const index = buildCommuneIndex(TOY);
    expect(() => index.locateMany(new Float64Array(3), new Float64Array(3), new Int32Array(2))).toThrow(
      RangeError,
    );
  });
});

describe('locatePolygon', () => {
  const index = buildCommuneIndex(TOY, { gridSize: 8 });
  const poly = (...rings: Position[][]): Polygon => ({ type: 'Polygon', coordinates: rings });

  it('places a polygon inside A in A only', () => {
    expect(index.locatePolygon(poly(rect(0.5, 0.5, 2, 2)))).toMatchObject({ index: 0, crossed: [0] });
  });

  it('lists both communes for a polygon straddling A and C', () => {
    const result = index.locatePolygon(poly(rect(8, 4, 14, 6)));
    expect(result.index).toBe(2);
    expect(result.point).toEqual([11, 5]);
    expect(result.crossed).toEqual([0, 2]);
  });

  it('does not count a commune the polygon only touches', () => {
    expect(index.locatePolygon(poly(rect(10, 2, 12, 4))).crossed).toEqual([2]);
  });

  it('finds the enclave inside a polygon covering it', () => {
    const result = index.locatePolygon(poly(rect(2, 2, 8, 8)));
    expect(result.index).toBe(1);
    expect(result.crossed).toEqual([0, 1]);
  });

  it('lists every commune under a polygon covering all of them (commune vertices inside it)', () => {
    expect(index.locatePolygon(poly(rect(-1, -1, 30, 30))).crossed).toEqual([0, 1, 2, 3]);
  });

  it('respects the holes of the query polygon', () => {
    // A frame around enclave B whose hole contains B entirely: only A is met.
    const result = index.locatePolygon(poly(rect(1, 1, 9, 9), rect(2.5, 2.5, 7.5, 7.5)));
    expect(result.crossed).toEqual([0]);
    expect(result.index).toBe(0);
  });

  it('takes the representative point from the largest part of a multipolygon', () => {
    const multi: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [[rect(0.5, 0.5, 1, 1)], [rect(16, 11, 19, 12)]],
    };
    const result = index.locatePolygon(multi);
    expect(result.index).toBe(3);
    expect(result.crossed).toEqual([0, 3]);
  });

  it('returns -1 and no commune outside the territory', () => {
    expect(index.locatePolygon(poly(rect(40, 40, 41, 41)))).toEqual({
      index: -1,
      crossed: [],
      point: [40.5, 40.5],
    });
  });

  it('copes with degenerate input without throwing', () => {
    expect(index.locatePolygon(poly([]))).toEqual({ index: -1, crossed: [], point: null });
    const flat = index.locatePolygon(
      poly([
        [1, 1],
        [2, 2],
        [3, 3],
        [1, 1],
      ]),
    );
    expect(flat.point).toBeNull();
    expect(flat.index).toBe(-1);
  });
});
