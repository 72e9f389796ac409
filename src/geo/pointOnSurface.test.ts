import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../lib/random.ts';
import { pointOnSurface } from './pointOnSurface.ts';

const strictlyInside = (point: [number, number] | null, polygon: Polygon) =>
  point !== null && booleanPointInPolygon(point, polygon, { ignoreBoundary: true });

describe('pointOnSurface', () => {
  it('returns an interior point of a C-shaped polygon whose centroid lies outside it', () => {
    const c: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 2],
          [2, 2],
          [2, 8],
          [10, 8],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    expect(booleanPointInPolygon([5, 5], c)).toBe(false);
    expect(strictlyInside(pointOnSurface(c), c)).toBe(true);
  });

  it('avoids the hole of a ring-shaped polygon', () => {
    const ring: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [1, 1],
          [9, 1],
          [9, 9],
          [1, 9],
          [1, 1],
        ],
      ],
    };
    expect(strictlyInside(pointOnSurface(ring), ring)).toBe(true);
  });

  it('uses the largest part of a multipolygon', () => {
    const point = pointOnSurface({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
        [
          [
            [100, 100],
            [110, 100],
            [110, 110],
            [100, 110],
            [100, 100],
          ],
        ],
      ],
    });
    expect(point).toEqual([105, 105]);
  });

  it('returns null for empty or flat input and ignores non-finite positions', () => {
    expect(pointOnSurface({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(pointOnSurface({ type: 'MultiPolygon', coordinates: [] })).toBeNull();
    expect(
      pointOnSurface({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toBeNull();
    const withNaN: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [Number.NaN, 2],
          [4, 4],
          [0, 4],
        ],
      ],
    };
    expect(pointOnSurface(withNaN)).toEqual([2, 2]);
  });

  it('lands strictly inside 500 seeded random star-shaped polygons', () => {
    const random = createRandom(99);
    for (let n = 0; n < 500; n++) {
      const vertices = 3 + random.int(0, 30);
      const ring: Position[] = [];
      for (let i = 0; i < vertices; i++) {
        const angle = (2 * Math.PI * i) / vertices;
        const radius = 0.2 + random.next();
        ring.push([1.6 + radius * Math.cos(angle), 50.7 + radius * Math.sin(angle)]);
      }
      ring.push(ring[0]!);
      const polygon: Polygon = { type: 'Polygon', coordinates: [ring] };
      expect(strictlyInside(pointOnSurface(polygon), polygon), JSON.stringify(ring)).toBe(true);
    }
  });
});
