import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommuneCentreCollection, CommuneCollection } from '../../../src/domain/territory/types.ts';
import { buildCommuneIndex } from '../../../src/geo/communeIndex.ts';
import { GENERATED_DIR } from '../../lib/paths.ts';
import { canonical, fastCountsByCommune } from './fast.ts';
import { BENCH_HEADER, generateLightsCsv } from './generate.ts';
import { naiveCountsByCommune } from './naive.ts';
import { communeBoxes, sensibleCountsByCommune } from './sensible.ts';

const read = <T>(name: string) => JSON.parse(readFileSync(resolve(GENERATED_DIR, name), 'utf8')) as T;

describe('import benchmark: fast pipeline vs naive reference', () => {
  const communes = read<CommuneCollection>('communes.geojson');
  const centres = read<CommuneCentreCollection>('centres.geojson');

  it('generates ~64-byte Lambert-93 rows deterministically', () => {
    const a = generateLightsCsv(communes, centres, 500, 7);
    const b = generateLightsCsv(communes, centres, 500, 7);
    expect(a).toEqual(b);
    const text = new TextDecoder().decode(a);
    expect(text.startsWith(`${BENCH_HEADER}\n`)).toBe(true);
    expect(text.split('\n')[1]).toMatch(/^EP-62\d{3}-\d{7};62\d{3};\d{6},\d\d;70\d{5},\d\d;\d+;/);
    expect(a.length / 500).toBeGreaterThan(55);
    expect(a.length / 500).toBeLessThan(75);
  });

  it('gives the same per-commune counts as both references (naive, sensible libraries) on 2,000 rows', async () => {
    const bytes = generateLightsCsv(communes, centres, 2000, 42);
    const fast = await fastCountsByCommune(bytes, buildCommuneIndex(communes));
    const naive = naiveCountsByCommune(bytes, communes).counts;
    const sensible = sensibleCountsByCommune(bytes, communes, communeBoxes(communes));
    expect(fast.rows).toBe(2000);
    expect(sensible.rows).toBe(2000);
    expect(Object.values(naive).reduce((a, b) => a + b, 0)).toBeGreaterThan(1990);
    expect(canonical(fast.counts)).toBe(canonical(naive));
    expect(canonical(sensible.counts)).toBe(canonical(naive));
    for (const side of [fast, sensible]) {
      expect(side.stages.parseMs).toBeGreaterThan(0);
      expect(side.stages.joinMs).toBeGreaterThan(0);
    }
  });
});
