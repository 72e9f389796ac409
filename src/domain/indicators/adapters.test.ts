import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { communeIndicators } from '../advice/indicators.ts';
import { makeSession } from '../advice/testSessions.ts';
import { DEFAULT_LIGHTING_SETTINGS } from '../lights/energy.ts';
import { computeProgress } from '../lights/progress.ts';
import { adviceInput, lightsInput } from './adapters.ts';
import { TEST_CONTRACT } from './testData.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: '246200729', population: 40000 },
  { insee: '62274', name: 'Desvres', epciSiren: '200018083', population: 5000 },
];

/** n renovated points: F4 = 100 → 20 W, F2 = 100 → 40 W, below = 100 → 80 W (see the lighting fixtures). */
const many = (n: number, power: 20 | 40 | 80, date: string, prefix: string, insee = '62160') =>
  Array.from({ length: n }, (_, i) => renovated(`${prefix}-${i}`, power, date, { insee }));

describe('lighting adapter', () => {
  const points = [
    ...many(3, 20, '2025-03-01', 'a'),
    ...many(2, 40, '2026-01-10', 'b', '62274'),
    ...many(1, 80, '2025-05-01', 'c'),
    ...many(2, 20, '2024-06-01', 'old'), // before the contract: renovated, but not counted
    makePoint('x', { status: 'scheduled', insee: '62274' }),
    makePoint('y'),
  ];
  const input = lightsInput(points, DEFAULT_LIGHTING_SETTINGS, TEST_CONTRACT, communes);
  const progress = computeProgress(points, DEFAULT_LIGHTING_SETTINGS, TEST_CONTRACT, {
    epciOf: new Map(communes.map((c) => [c.insee, c.epciSiren])),
  });

  it('takes per-commune counts from the lighting module, renovations in the contract period by default', () => {
    expect(input.byCommune.get('62160')).toMatchObject({ points: 7, renovated: 4, factor4: 3, factor2: 0 });
    expect(input.byCommune.get('62274')).toMatchObject({ points: 3, renovated: 2, factor4: 0, factor2: 2 });
    expect(input.headline).toMatchObject({ renovated: 6, factor4: 3, factor2: 2 });
    const all = lightsInput(points, DEFAULT_LIGHTING_SETTINGS, TEST_CONTRACT, communes, 'all');
    expect(all.byCommune.get('62160')).toMatchObject({ points: 7, renovated: 6, factor4: 5, factor2: 0 });
    expect(all.headline).toMatchObject({ renovated: 8, factor4: 5, factor2: 2 });
    expect(all.byCommune.get('62160')!.kwhSavedPerYear).toBeCloseTo(
      progress.byCommune['62160']!.kwhSavedPerYear,
      9,
    );
  });

  it('never counts points outside the territory', () => {
    const outside = [...points, renovated('far', 20, '2025-03-01', { insee: '59350' })];
    const input2 = lightsInput(outside, DEFAULT_LIGHTING_SETTINGS, TEST_CONTRACT, communes);
    expect(input2.headline).toEqual(input.headline);
  });

  it('shares out exactly the points the contract gauges count', () => {
    expect(input.byCommune.get('62160')!.contractCounted).toBe(3);
    expect(input.byCommune.get('62274')!.contractCounted).toBe(2);
    const sum = [...input.byCommune.values()].reduce((s, c) => s + c.contractCounted, 0);
    expect(sum).toBe(progress.contract.factor4 + progress.contract.factor2);
    expect(input.contract.countedTotal).toBe(progress.contract.gauges.total.counted);
    expect(input.contractDates).toHaveLength(5);
  });
});

describe('advice adapter', () => {
  const sessions = [
    makeSession('1', '2025-02-01', 'worksDone'),
    makeSession('2', '2025-03-01', 'worksStarted'),
    makeSession('3', '2025-04-01', 'abandoned'),
    makeSession('4', '2026-06-01', 'toRemind'), // not mature on 2026-06-30
    makeSession('5', '2025-05-01', 'worksDone', { insee: '62274' }),
    makeSession('6', '2024-05-01', 'worksDone'), // before the contract
    makeSession('7', '2026-07-15', 'toRemind'), // after the data date
  ];
  const input = adviceInput(sessions, TEST_CONTRACT, communes, '2026-06-30');

  it('reuses the advice module per-commune figures', () => {
    const rows = communeIndicators(sessions, communes, {
      asOf: '2026-06-30',
      period: { contract: TEST_CONTRACT, scope: 'contract' },
    });
    const boulogne = rows.find((r) => r.insee === '62160')!;
    expect(input.byCommune.get('62160')).toMatchObject({
      sessions: boulogne.sessions,
      mature: boulogne.mature,
      withWorks: boulogne.withWorks,
      smallSample: boulogne.smallSample,
    });
  });

  it('counts delivered sessions inside the contract up to the data date', () => {
    expect(input.delivered).toBe(5);
    expect(input.byCommune.get('62160')!.contractSessions).toBe(4);
    expect(input.byCommune.get('62274')!.contractSessions).toBe(1);
    expect(input.contractDates).toHaveLength(5);
    expect(input.conversion).toMatchObject({ numerator: 3, denominator: 4 });
    expect(input.conversionScope).toBe('contract');
  });

  it('falls back to every session for the conversion rate when the contract has no mature session', () => {
    const old = [
      makeSession('o1', '2023-02-01', 'worksDone'),
      makeSession('o2', '2023-03-01', 'abandoned'),
      makeSession('n1', '2026-06-01', 'toRemind'),
    ];
    const fallback = adviceInput(old, TEST_CONTRACT, communes, '2026-06-30');
    expect(fallback.delivered).toBe(1);
    expect(fallback).toMatchObject({ conversionScope: 'all', conversionFallback: true });
    expect(fallback.conversion).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    const boulogne = fallback.byCommune.get('62160')!;
    expect(boulogne).toMatchObject({ sessions: 1, mature: 2, withWorks: 1 });
  });
});
