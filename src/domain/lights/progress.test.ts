import { describe, expect, it } from 'vitest';
import { TEST_CONTRACT } from '../../../test/fixtures/contract.ts';
import { makePoint, many, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { DEFAULT_LIGHTING_SETTINGS, withSetting } from './energy.ts';
import { NO_LOSSES } from './losses.ts';

// Nominal powers: the energy formula is pinned with them, gear losses in losses.test.ts.
const S = { ...DEFAULT_LIGHTING_SETTINGS, lossFactors: NO_LOSSES };

import { computeProgress, contractGauges, gaugesMet, isInContractPeriod } from './progress.ts';

const contract = TEST_CONTRACT;
const context = {
  epciOf: new Map([
    ['62160', '246200729'],
    ['62274', '200018083'],
  ]),
};

describe('contract gauges', () => {
  it('counts F4 and F2 under their targets, both in the total', () => {
    const g = contractGauges(1000, 300, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([1000, 300, 1300]);
    expect(g.factor4.remaining).toBe(500);
    expect(g.total.share).toBeCloseTo(0.65, 12);
  });

  it('1,800 F4 + 200 F2: surplus F4 fills the F2 gauge, F2 counted 500, targets met', () => {
    const g = contractGauges(1800, 200, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([1500, 500, 2000]);
    expect(gaugesMet(g)).toBe(true);
  });

  it('1,600 F4 + 300 F2: F2 counted 300 + 100 surplus = 400, total 1,900, targets not met', () => {
    const g = contractGauges(1600, 300, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([1500, 400, 1900]);
    expect(g.factor2.remaining).toBe(100);
    expect(gaugesMet(g)).toBe(false);
  });

  it('a F4 point is counted once in the total even when it also fills the F2 gauge', () => {
    // 1,700 F4 + 200 F2: F2 gauge 200 + 200 = 400, total 1,700 + 200 = 1,900 (not 2,100)
    const g = contractGauges(1700, 200, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([1500, 400, 1900]);
  });

  it('F2 beyond 500 also fills the total only', () => {
    // 900 F4 + 800 F2: F4 900, F2 capped at 500, total 1,700
    const g = contractGauges(900, 800, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([900, 500, 1700]);
  });

  it('total is capped at 2,000', () => {
    const g = contractGauges(2100, 600, contract.targets);
    expect([g.factor4.counted, g.factor2.counted, g.total.counted]).toEqual([1500, 500, 2000]);
    expect(g.total.remaining).toBe(0);
    expect(g.total.share).toBe(1);
  });
});

describe('computeProgress', () => {
  it('counts statuses, classes and savings per commune and EPCI', () => {
    const points = [
      makePoint('a'),
      makePoint('b', { status: 'scheduled', insee: '62274' }),
      renovated('c', 20, '2025-02-10'), // 100 W → 20 W: 410 − 82 = 328 kWh saved, factor 5
      renovated('d', 40, '2025-02-20', { insee: '62274' }), // 410 − 164 = 246 kWh, factor 2.5
      renovated('e', 80, '2025-03-01'), // 410 − 328 = 82 kWh, factor 1.25
      renovated('f', null, '2025-03-01'), // not classifiable, savings unknown → 0
      renovated('g', 0, '2025-03-01'), // removed: 410 kWh saved, not counted toward targets
      makePoint('h', { insee: '99999' }), // commune unknown to the territory: no EPCI
    ];
    const p = computeProgress(points, S, contract, context);
    expect(p.totals).toMatchObject({
      points: 8,
      toRenovate: 2,
      scheduled: 1,
      renovated: 5,
      factor4: 1,
      factor2: 1,
      belowTarget: 1,
      notClassifiable: 1,
      decommissioned: 1,
    });
    expect(p.totals.kwhSavedPerYear).toBeCloseTo(328 + 246 + 82 + 410, 9);
    expect(p.savings.eurPerYear).toBeCloseTo(1066 * 0.2, 9);
    expect(p.savings.tCo2PerYear).toBeCloseTo((1066 * 0.052) / 1000, 12);
    // current consumption: a 615 + b 615 + c 82 + d 164 + e 328 + f 410 (unknown after → old lamp) + g 0 + h 615
    expect(p.totals.currentKwhPerYear).toBeCloseTo(615 * 3 + 82 + 164 + 328 + 410, 9);
    expect(p.byCommune['62160']).toMatchObject({ points: 5, renovated: 4, factor4: 1, factor2: 0 });
    expect(p.byCommune['62274']).toMatchObject({ points: 2, renovated: 1, factor2: 1, scheduled: 1 });
    expect(p.byCommune['99999']).toMatchObject({ points: 1 });
    expect(p.byEpci['246200729']).toMatchObject({ points: 5, factor4: 1 });
    expect(p.byEpci['200018083']).toMatchObject({ points: 2, factor2: 1 });
    expect(Object.keys(p.byEpci)).toHaveLength(2);
    expect(p.contract).toMatchObject({ factor4: 1, factor2: 1, belowTarget: 1, targetsMet: false });
    expect(p.byCommune['62160']).toMatchObject({ contractFactor4: 1, contractFactor2: 0 });
    expect(p.byEpci['200018083']).toMatchObject({ contractFactor4: 0, contractFactor2: 1 });
    expect(p.totals).toMatchObject({ contractFactor4: 1, contractFactor2: 1 });
    expect(p.contract.gauges.total.counted).toBe(2);
  });

  it('counts only renovations dated inside the contract period toward targets', () => {
    const points = [
      renovated('old', 20, '2024-12-31'),
      renovated('first', 20, '2025-01-01'),
      renovated('last', 20, '2027-12-31'),
      renovated('late', 20, '2028-01-01'),
      renovated('undated', 20, ''),
      renovated('bad', 20, '31/01/2025'),
    ];
    const p = computeProgress(points, S, contract, context);
    expect(p.totals.factor4).toBe(6);
    expect(p.contract.factor4).toBe(2);
    expect(p.contract.outsidePeriod).toBe(2);
    expect(p.contract.undated).toBe(2);
    expect(p.contract.kwhSavedPerYear).toBeCloseTo(2 * 328, 9);
    expect(p.byCommune['62160']!.contractFactor4).toBe(2);
    expect(p.totals.kwhSavedPerYear).toBeCloseTo(6 * 328, 9);
  });

  it('1,600 F4 + 450 F2: gauges 1,500 / 500 / 2,000, targets met thanks to surplus F4', () => {
    const points = [...many(1600, 'f4', '2025-06-15'), ...many(450, 'f2', '2026-02-01')];
    const c = computeProgress(points, S, contract, context).contract;
    expect(c.gauges.factor4.counted).toBe(1500);
    expect(c.gauges.factor2.counted).toBe(500);
    expect(c.gauges.total.counted).toBe(2000);
    expect(c.factor4BeyondTarget).toBe(100);
    expect(c.targetsMet).toBe(true);
  });

  it('1,400 F4 + 700 F2: total full but F4 target missed', () => {
    const points = [...many(1400, 'f4', '2025-06-15'), ...many(700, 'f2', '2026-02-01')];
    const c = computeProgress(points, S, contract, context).contract;
    expect([c.gauges.factor4.counted, c.gauges.factor2.counted, c.gauges.total.counted]).toEqual([
      1400, 500, 2000,
    ]);
    expect(c.factor2BeyondTarget).toBe(200);
    expect(c.targetsMet).toBe(false);
  });

  it('1,800 F4 + 200 F2 points: targets met, shown by targetsMet', () => {
    const points = [...many(1800, 'f4', '2025-06-15'), ...many(200, 'f2', '2026-02-01')];
    const c = computeProgress(points, S, contract, context).contract;
    expect([c.gauges.factor4.counted, c.gauges.factor2.counted, c.gauges.total.counted]).toEqual([
      1500, 500, 2000,
    ]);
    expect(c.targetsMet).toBe(true);
  });

  it('below-target renovations never fill a gauge', () => {
    const c = computeProgress(many(3000, 'below', '2025-06-15'), S, contract, context).contract;
    expect(c.belowTarget).toBe(3000);
    expect(c.gauges.total.counted).toBe(0);
  });

  it('builds a cumulative monthly series over the whole contract', () => {
    const points = [
      renovated('a', 20, '2025-01-15'),
      renovated('b', 40, '2025-03-02'),
      renovated('c', 20, '2025-03-31'),
      renovated('d', 80, '2026-07-01'),
    ];
    const months = computeProgress(points, S, contract, context).byMonth;
    expect(months).toHaveLength(36);
    expect(months[0]).toMatchObject({ month: '2025-01', factor4: 1, factor2: 0, countedTotal: 1 });
    expect(months[1]).toMatchObject({ month: '2025-02', factor4: 1, countedTotal: 1 });
    expect(months[2]).toMatchObject({ month: '2025-03', factor4: 2, factor2: 1, countedTotal: 3 });
    expect(months[2]!.kwhSavedPerYear).toBeCloseTo(328 * 2 + 246, 9);
    expect(months[18]).toMatchObject({ month: '2026-07', belowTarget: 1, countedTotal: 3 });
    expect(months[35]).toMatchObject({ month: '2027-12', factor4: 2, factor2: 1, belowTarget: 1 });
  });

  it('caps cumulative monthly gauges like the overall ones', () => {
    const small = {
      ...contract,
      targets: { ...contract.targets, lightsFactor4: 2, lightsFactor2: 1, lightsRenovated: 3 },
    };
    const points = [...many(3, 'f4', '2025-01-10'), ...many(2, 'f2', '2025-02-10')];
    const months = computeProgress(points, S, small, context).byMonth;
    expect(months[0]).toMatchObject({ factor4: 3, countedFactor4: 2, countedTotal: 3 });
    expect(months[1]).toMatchObject({ factor2: 2, countedFactor2: 1, countedTotal: 3 });
  });

  it('uses the burning hours of the settings for savings', () => {
    const p = computeProgress(
      [renovated('a', 20, '2025-01-15')],
      withSetting(S, 'burningHoursPerYear', 4000),
      contract,
      context,
    );
    expect(p.totals.kwhSavedPerYear).toBeCloseTo(320, 9);
  });
});

describe('isInContractPeriod', () => {
  it('includes both bounds and rejects missing or malformed dates', () => {
    expect(isInContractPeriod('2025-01-01', contract)).toBe(true);
    expect(isInContractPeriod('2027-12-31', contract)).toBe(true);
    expect(isInContractPeriod('2024-12-31', contract)).toBe(false);
    expect(isInContractPeriod('2028-01-01', contract)).toBe(false);
    expect(isInContractPeriod(undefined, contract)).toBe(false);
    expect(isInContractPeriod('01/03/2025', contract)).toBe(false);
  });
});
