import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeIndicator, indicatorById, territoryValue } from './registry.ts';
import { lights, testData } from './testData.ts';
import { TET_LIGHTS_REFERENCES } from './tetLights.ts';

const data = testData({
  lights: {
    ...testData().lights!,
    byCommune: new Map([
      ['62001', lights({ points: 100, currentKwhPerYear: 20_000 })],
      ['62002', lights({ points: 0, currentKwhPerYear: 0 })],
      ['62003', lights({ points: 300, currentKwhPerYear: 45_000 })],
    ]),
  },
});

describe('Territoires en Transitions lighting indicators', () => {
  it('are in the dashboard registry', () => {
    expect(indicatorById('lightsKwhPerPoint')).toBeDefined();
    expect(indicatorById('lightsKwhPerInhabitant')).toBeDefined();
  });

  it('kWh per light point per commune; EPCI and territory as ratios of sums', () => {
    const def = indicatorById('lightsKwhPerPoint')!;
    const values = computeIndicator(def, data);
    expect(values.get('62001')?.value).toBe(200);
    expect(values.get('62002')?.value).toBeNull();
    expect(values.get('62003')?.value).toBe(150);
    // EPCI A = (20,000 + 0) / (100 + 0), not the mean of 200 and nothing.
    expect(computeIndicator(def, data, 'epci').get('A')?.value).toBe(200);
    expect(territoryValue(def, data).value).toBeCloseTo(65_000 / 400, 9);
  });

  it('kWh per inhabitant per commune (population municipale)', () => {
    const def = indicatorById('lightsKwhPerInhabitant')!;
    const values = computeIndicator(def, data);
    expect(values.get('62001')?.value).toBe(2.5);
    expect(values.get('62003')?.value).toBe(4.5);
    expect(territoryValue(def, data).value).toBeCloseTo(65_000 / 20_000, 9);
  });

  it('quote the target and limit values with their TeT identifiers', () => {
    expect(indicatorById('lightsKwhPerPoint')!.formula).toMatch(/cae_20\.b.*cible 160.*limite 220/);
    expect(indicatorById('lightsKwhPerInhabitant')!.formula).toMatch(/cae_20 .*cible 60.*limite 90/);
  });

  it('match the TeT catalogue of ../shared', () => {
    // ../shared is there for every developer and for CI (its README).
    const csv = readFileSync(
      new URL('../../../../shared/reference/tet-indicateur-definitions.csv', import.meta.url),
      'utf8',
    );
    for (const ref of Object.values(TET_LIGHTS_REFERENCES)) {
      // Records hold multi-line quoted descriptions: the target and limit follow within the record.
      const start = csv.search(new RegExp(`(^|\\n)${ref.id.replace('.', '\\.')},`));
      expect(start, ref.id).toBeGreaterThanOrEqual(0);
      const record = csv.slice(start + 1, start + 3000);
      const next = record.search(/\r?\n[a-z][a-z_]*_\d[^,\n]*,/);
      expect(record.slice(0, next > 0 ? next : undefined), ref.id).toContain(`,${ref.target},${ref.limit},`);
    }
  });

  it('have no value where the inventory is not loaded', () => {
    const none = testData({ lights: null });
    expect(computeIndicator(indicatorById('lightsKwhPerPoint')!, none).get('62001')?.value).toBeNull();
  });
});
