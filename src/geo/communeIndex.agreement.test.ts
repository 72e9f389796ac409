import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../lib/random.ts';
import { buildCommuneIndex } from './communeIndex.ts';
import { naiveLocate } from './naiveLocate.ts';

const COMMUNES_FILE = resolve(import.meta.dirname, '../../public/data/generated/communes.geojson');

function loadCommunes(): FeatureCollection<Polygon | MultiPolygon, { insee: string }> {
  if (!existsSync(COMMUNES_FILE)) {
    throw new Error(`${COMMUNES_FILE} is missing: run \`npm run setup\` first`);
  }
  return JSON.parse(readFileSync(COMMUNES_FILE, 'utf8'));
}

describe('commune index agrees with turf.booleanPointInPolygon on the real territory', () => {
  const communes = loadCommunes();
  const index = buildCommuneIndex(communes);
  // Territory bbox plus a margin, so that outside points are exercised as well.
  const [minX, minY, maxX, maxY] = [1.53, 50.55, 2.01, 50.94];

  it('has the 74 communes of the Pays Boulonnais', () => {
    expect(index.codes).toHaveLength(74);
    expect(index.codes).toContain('62160');
  });

  it('gives the naive answer for 20,000 seeded random points', () => {
    const random = createRandom(20_000);
    const n = 20_000;
    const lon = new Float64Array(n);
    const lat = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = minX + random.next() * (maxX - minX);
      lat[i] = minY + random.next() * (maxY - minY);
    }
    const fast = index.locateMany(lon, lat);
    let mismatches = 0;
    const located = new Set<number>();
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const naive = naiveLocate(communes, lon[i]!, lat[i]!);
      if (fast[i] !== naive) mismatches++;
      if (naive >= 0) located.add(naive);
      else outside++;
    }
    expect(mismatches).toBe(0);
    // The sample must really exercise the index: most communes hit, and some points outside.
    expect(located.size).toBeGreaterThan(60);
    expect(outside).toBeGreaterThan(1000);
  });

  it('gives the naive answer on and right next to every commune boundary', () => {
    const random = createRandom(74);
    let checked = 0;
    let mismatches = 0;
    for (const feature of communes.features) {
      const polygons =
        feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const ring of polygons.flat()) {
        for (let i = 0; i + 1 < ring.length; i += 3) {
          const [x1, y1] = ring[i] as [number, number];
          const [x2, y2] = ring[i + 1] as [number, number];
          const t = random.next();
          for (const [x, y] of [
            [x1, y1],
            [x1 + t * (x2 - x1), y1 + t * (y2 - y1)],
            [
              x1 + t * (x2 - x1) + (random.next() - 0.5) * 1e-7,
              y1 + t * (y2 - y1) + (random.next() - 0.5) * 1e-7,
            ],
          ] as const) {
            checked++;
            if (index.locate(x, y) !== naiveLocate(communes, x, y)) mismatches++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(mismatches).toBe(0);
  });

  it('places the Boulogne-sur-Mer belfry in Boulogne-sur-Mer (62160)', () => {
    expect(index.codes[index.locate(1.6147, 50.7264)]).toBe('62160');
  });
});
