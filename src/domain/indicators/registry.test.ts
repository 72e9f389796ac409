import { describe, expect, it } from 'vitest';
import { compositeFormula, compositeValue } from './composite.ts';
import {
  computeIndicator,
  formulaOf,
  INDICATOR_IDS,
  INDICATORS,
  indicatorById,
  unknownIndicatorMessage,
} from './registry.ts';
import { TEST_CONTRACT, testData } from './testData.ts';

const value = (id: string, insee: string, data = testData()) =>
  computeIndicator(indicatorById(id)!, data).get(insee);

describe('indicator registry', () => {
  it('has unique ids, French labels, sources and formulas, and one entry per commune', () => {
    expect(new Set(INDICATOR_IDS).size).toBe(INDICATORS.length);
    const data = testData();
    for (const indicator of INDICATORS) {
      expect(indicator.label).toMatch(/[a-zé]/);
      expect(indicator.source.length).toBeGreaterThan(10);
      expect(formulaOf(indicator, TEST_CONTRACT).length).toBeGreaterThan(10);
      expect([...indicator.compute(data).keys()]).toEqual(['62001', '62002', '62003']);
    }
  });

  it('lists the valid ids when an id is unknown', () => {
    expect(indicatorById('nope')).toBeUndefined();
    const message = unknownIndicatorMessage('nope');
    expect(message).toMatch(/^Indicateur inconnu : « nope »/);
    for (const id of INDICATOR_IDS) expect(message).toContain(id);
  });

  it('gives no data (not zero) everywhere when a dataset is not loaded', () => {
    const data = testData({ lights: null, advice: null, brownfields: null });
    for (const id of ['lightsRenovated', 'adviceSessions', 'brownfieldsCount', 'adviceConversionRate']) {
      expect(value(id, '62001', data)?.value).toBeNull();
    }
  });
});

describe('territorial indicators', () => {
  it('lighting: counts, renovated share of the inventory, kWh saved', () => {
    expect(value('lightsRenovated', '62001')?.value).toBe(40);
    expect(value('lightsFactor4', '62003')?.value).toBe(20);
    expect(value('lightsFactor2', '62001')?.value).toBe(8);
    expect(value('lightsKwhSaved', '62003')?.value).toBe(9000);
    expect(value('lightsRenovatedShare', '62001')).toEqual({ value: 40, numerator: 40, denominator: 100 });
    // No point inventoried: no rate, not 0 %.
    expect(value('lightsRenovatedShare', '62002')?.value).toBeNull();
  });

  it('advice: sessions per 1,000 inhabitants and conversion rate with small samples', () => {
    expect(value('adviceSessionsPer1000', '62001')?.value).toBeCloseTo(5, 12);
    expect(value('adviceConversionRate', '62001')).toEqual({
      value: 90,
      numerator: 18,
      denominator: 20,
      smallSample: false,
    });
    expect(value('adviceConversionRate', '62002')).toMatchObject({ value: 100, smallSample: true });
    expect(value('adviceConversionRate', '62003')).toMatchObject({ value: null, smallSample: true });
  });

  it('brownfields: count per commune, best score on 100, sites outside the territory ignored', () => {
    expect(value('brownfieldsCount', '62001')?.value).toBe(2);
    expect(value('brownfieldsCount', '62002')?.value).toBe(0);
    expect(value('brownfieldsBestScore', '62001')?.value).toBe(72);
    expect(value('brownfieldsBestScore', '62003')?.value).toBeNull();
  });

  it('aggregates to EPCI with each indicator rule (ratio of sums for rates)', () => {
    const data = testData();
    const epci = (id: string) => computeIndicator(indicatorById(id)!, data, 'epci');
    expect(epci('lightsRenovated').get('A')?.value).toBe(40);
    expect(epci('adviceSessionsPer1000').get('A')?.value).toBeCloseTo((43 * 1000) / 10000, 12);
    // EPCI A: (18 + 2) / (20 + 2) = 90.9 %, not the mean of 90 % and 100 %.
    expect(epci('adviceConversionRate').get('A')).toMatchObject({
      numerator: 20,
      denominator: 22,
      smallSample: false,
    });
    expect(epci('adviceConversionRate').get('A')?.value).toBeCloseTo(2000 / 22, 10);
    expect(epci('adviceConversionRate').get('B')).toMatchObject({ value: null, smallSample: true });
    expect(epci('brownfieldsBestScore').get('A')?.value).toBe(72);
  });
});

describe('composite "avancement COTRI"', () => {
  it('averages shares capped at 100 % and omits parts without a target', () => {
    expect(
      compositeValue({ a: { numerator: 3, denominator: 2 }, b: { numerator: 0, denominator: 4 } }),
    ).toBeCloseTo(50, 12);
    expect(compositeValue({ a: { numerator: 1, denominator: 4 }, b: { numerator: 5, denominator: 0 } })).toBe(
      25,
    );
    expect(compositeValue({})).toBeNull();
  });

  it('shares the targets out by population (advice) and inventory (lighting) in each commune', () => {
    const v = value('cotriProgress', '62001')!;
    // Advice target 2,000 × 8,000 / 20,000 = 800 → 40 / 800; lighting 2,000 × 100 / 400 = 500 → 38 / 500;
    // brownfields: 2 of 5 shortlisted in the territory.
    expect(v.parts?.advice).toEqual({ numerator: 40, denominator: 800 });
    expect(v.parts?.lights).toEqual({ numerator: 38, denominator: 500 });
    expect(v.parts?.brownfields).toEqual({ numerator: 2, denominator: 5 });
    expect(v.value).toBeCloseTo((100 * (40 / 800 + 38 / 500 + 2 / 5)) / 3, 10);
    // No lamp inventoried in 62002: the lighting part has no target there and is left out.
    expect(value('cotriProgress', '62002')?.value).toBeCloseTo((100 * (3 / 200 + 2 / 5)) / 2, 10);
  });

  it('recombines parts for EPCI instead of averaging commune percentages', () => {
    const a = computeIndicator(indicatorById('cotriProgress')!, testData(), 'epci').get('A')!;
    expect(a.parts?.advice).toEqual({ numerator: 43, denominator: 1000 });
    expect(a.parts?.lights).toEqual({ numerator: 38, denominator: 500 });
    expect(a.parts?.brownfields).toEqual({ numerator: 2, denominator: 5 });
  });

  it('states its formula in French with the configured targets', () => {
    const formula = compositeFormula(TEST_CONTRACT);
    expect(formula).toMatch(/plafonnée à 100 %/);
    expect(formula).toContain('2\u202F000');
    expect(formula).toContain('÷ 5');
  });
});
