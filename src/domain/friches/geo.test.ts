import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { createRandom } from '../../lib/random.ts';
import {
  areaInsideConvexM2,
  bboxOf,
  type ClipMultiPolygon,
  circlePolygon,
  coveredAreaM2,
  intersectionAreaM2,
  sampledCoveredAreaM2,
  toClip,
} from './geo.ts';

/** A concave "U" with a square hole in its left arm, around (1.6, 50.7). */
const U_WITH_HOLE: ClipMultiPolygon = [
  [
    [
      [1.59, 50.69],
      [1.61, 50.69],
      [1.61, 50.71],
      [1.605, 50.71],
      [1.605, 50.695],
      [1.595, 50.695],
      [1.595, 50.71],
      [1.59, 50.71],
      [1.59, 50.69],
    ],
    [
      [1.591, 50.7],
      [1.591, 50.702],
      [1.593, 50.702],
      [1.593, 50.7],
      [1.591, 50.7],
    ],
  ],
];

describe('areaInsideConvexM2 (disc against commune outlines)', () => {
  it('equals the general clipper on a concave polygon with a hole', () => {
    for (const [lon, lat, r] of [
      [1.6, 50.7, 800],
      [1.592, 50.701, 300],
      [1.6, 50.712, 1000],
      [1.7, 50.7, 500],
    ] as const) {
      const disc = circlePolygon([lon, lat], r);
      const expected = intersectionAreaM2(disc, U_WITH_HOLE);
      expect(Math.abs(areaInsideConvexM2(U_WITH_HOLE, disc[0]![0]!) - expected)).toBeLessThan(
        1e-6 * expected + 1e-6,
      );
    }
  });

  const COMMUNES = sharedPath('data/communes-62-pas-de-calais.geojson');
  it.skipIf(!hasShared(COMMUNES))(
    'equals the general clipper on real commune outlines (random discs, seeded)',
    () => {
      const communes = JSON.parse(readFileSync(COMMUNES, 'utf8')) as FeatureCollection<
        Polygon | MultiPolygon,
        { code: string }
      >;
      const boulogne = communes.features.filter((f) =>
        ['62160', '62643', '62667', '62758'].includes(f.properties.code),
      );
      expect(boulogne).toHaveLength(4);
      const random = createRandom(7);
      for (const commune of boulogne) {
        const clip = toClip(commune.geometry);
        const [minX, minY, maxX, maxY] = bboxOf(commune.geometry);
        for (let k = 0; k < 5; k++) {
          const centre = [minX + random.next() * (maxX - minX), minY + random.next() * (maxY - minY)];
          const disc = circlePolygon(centre, 1000);
          const expected = intersectionAreaM2(disc, clip);
          expect(Math.abs(areaInsideConvexM2(clip, disc[0]![0]!) - expected)).toBeLessThan(
            1e-3 * (expected + 1),
          );
        }
      }
    },
  );
});

describe('coveredAreaM2', () => {
  it('merges overlapping overlays instead of counting them twice', () => {
    const site = toClip({
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [0.001, 0],
          [0.001, 0.001],
          [0, 0.001],
          [0, 0],
        ],
      ],
    });
    const a = circlePolygon([0, 0], 5_000);
    const b = circlePolygon([0.0005, 0.0005], 5_000);
    expect(coveredAreaM2(site, [a, b, a])).toBeCloseTo(intersectionAreaM2(site, a), 6);
  });
});

describe('coveredAreaM2 robustness', () => {
  it('recovers when polygon-clipping fails on nearly collinear edges (site cut by 20 fictional flood strips)', () => {
    // Recorded from the benchmark's seeded sample: union of the pieces throws in polygon-clipping 0.15.
    const { subject, overlays } = JSON.parse(
      readFileSync(
        resolve(import.meta.dirname, '../../../test/fixtures/friches/clipping-degenerate.json'),
        'utf8',
      ),
    ) as { subject: ClipMultiPolygon; overlays: ClipMultiPolygon[] };
    const covered = coveredAreaM2(subject, overlays);
    const sampled = sampledCoveredAreaM2(subject, overlays);
    expect(covered).toBeGreaterThan(0);
    expect(Math.abs(covered - sampled) / sampled).toBeLessThan(0.03);
  });

  it('samples within 2 % of the exact overlap', () => {
    const site = circlePolygon([1.6, 50.7], 100);
    const zone = toClip({
      type: 'Polygon',
      coordinates: [
        [
          [1.59, 50.69],
          [1.6, 50.69],
          [1.6, 50.71],
          [1.59, 50.71],
          [1.59, 50.69],
        ],
      ],
    });
    const exact = intersectionAreaM2(site, zone);
    expect(Math.abs(sampledCoveredAreaM2(site, [zone]) - exact) / exact).toBeLessThan(0.02);
  });
});
