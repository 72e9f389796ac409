/**
 * Property test of the period rule (issue #16, item 1): over random workspaces and both period scopes,
 * every headline is the sum (or ratio of sums) of its breakdown, at commune and at EPCI level, and the
 * headlines computed by the modules' own summaries (contractDashboard) agree with those aggregates.
 */
import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { createRandom, type Random } from '../../lib/random.ts';
import { makeSession } from '../advice/testSessions.ts';
import { FOLLOW_UP_STATUSES } from '../advice/types.ts';
import { aggregateValues, type IndicatorValue } from '../choropleth/aggregate.ts';
import { DEFAULT_LIGHTING_SETTINGS } from '../lights/energy.ts';
import type { LightPoint } from '../lights/types.ts';
import { PERIOD_SCOPES, type PeriodScope } from '../period.ts';
import { adviceInput, lightsInput } from './adapters.ts';
import { computeIndicator, INDICATORS, indicatorPeriodLabel, territoryValue } from './registry.ts';
import { TEST_CONTRACT } from './testData.ts';
import { contractDashboard } from './trajectory.ts';
import type { CommuneRef, IndicatorData } from './types.ts';

const AS_OF = '2026-09-15';
const date = (r: Random) =>
  `${r.int(2022, 2028)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

function randomWorkspace(seed: number, scope: PeriodScope): IndicatorData {
  const r = createRandom(seed);
  const epci = Array.from({ length: r.int(1, 4) }, (_, i) => `E${i}`);
  const communes: CommuneRef[] = Array.from({ length: r.int(1, 12) }, (_, i) => ({
    insee: String(62001 + i),
    name: `Commune ${i}`,
    epciSiren: r.pick(epci),
    population: r.next() < 0.1 ? 0 : r.int(50, 40000),
  }));
  // Some records sit outside the territory (kept by the modules, never counted by the dashboard).
  const insee = () => (r.next() < 0.05 ? '59350' : r.pick(communes).insee);
  const points: LightPoint[] = Array.from({ length: r.int(0, 150) }, (_, i) => {
    const roll = r.next();
    if (roll < 0.4)
      return makePoint(`p${i}`, { insee: insee(), status: r.pick(['toRenovate', 'scheduled']) });
    // 20 W → F4, 40 W → F2, 80 W → below target; null → not classifiable; sometimes undated.
    const power = r.pick([20, 40, 80, null] as const);
    const point = renovated(`p${i}`, power, r.next() < 0.1 ? '' : date(r), { insee: insee() });
    return point;
  });
  const sessions = Array.from({ length: r.int(0, 120) }, (_, i) =>
    makeSession(`s${i}`, date(r) > AS_OF ? AS_OF : date(r), r.pick(FOLLOW_UP_STATUSES), { insee: insee() }),
  );
  const loadLights = r.next() < 0.9;
  const loadAdvice = r.next() < 0.9;
  return {
    communes,
    contract: TEST_CONTRACT,
    asOf: AS_OF,
    scope,
    lights: loadLights
      ? lightsInput(points, DEFAULT_LIGHTING_SETTINGS, TEST_CONTRACT, communes, scope)
      : null,
    advice: loadAdvice ? adviceInput(sessions, TEST_CONTRACT, communes, AS_OF, scope) : null,
    brownfields: {
      sites: Array.from({ length: r.int(0, 6) }, (_, i) => ({
        id: `f${i}`,
        name: `Friche ${i}`,
        insee: r.next() < 0.2 ? null : r.pick(communes).insee,
        score: r.next() < 0.2 ? null : r.next(),
        shortlisted: r.next() < 0.5,
      })),
      proposed: 0,
    },
  };
}

/** Re-aggregates a level's values into one territory value with the indicator's rule. */
function overall(
  values: ReadonlyMap<string, IndicatorValue>,
  rule: (typeof INDICATORS)[number],
): IndicatorValue {
  const one = new Map([...values.keys()].map((k) => [k, 'T']));
  return aggregateValues(values, one, rule.aggregation).get('T') ?? { value: null };
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

const RUNS = 120;

describe('headline = aggregate of its breakdown (random workspaces)', () => {
  for (const scope of PERIOD_SCOPES) {
    it(`holds for every indicator at commune and EPCI level (${scope})`, () => {
      for (let seed = 1; seed <= RUNS; seed++) {
        const data = randomWorkspace(seed * 7919, scope);
        for (const indicator of INDICATORS) {
          const headline = territoryValue(indicator, data).value;
          const communes = overall(computeIndicator(indicator, data, 'commune'), indicator).value;
          const epci = overall(computeIndicator(indicator, data, 'epci'), indicator).value;
          if (!close(headline, communes) || !close(headline, epci))
            throw new Error(`seed ${seed} ${indicator.id}: ${headline} vs ${communes} / ${epci}`);
          expect(indicatorPeriodLabel(indicator, data)).not.toBe('');
        }
      }
    });

    it(`matches the modules' own headline figures (${scope})`, () => {
      for (let seed = 1; seed <= RUNS; seed++) {
        const data = randomWorkspace(seed * 104729, scope);
        const dashboard = contractDashboard(data);
        const value = (id: string) => territoryValue(INDICATORS.find((i) => i.id === id)!, data).value;
        const [advice, lights] = dashboard.targets;
        if (data.advice) {
          expect(advice!.achieved).toBe(value('adviceSessions'));
          const rate = value('adviceConversionRate');
          expect(
            close(dashboard.conversion.rate === null ? null : 100 * dashboard.conversion.rate, rate),
          ).toBe(true);
          expect(dashboard.conversion.numerator).toBe(
            [
              ...computeIndicator(
                INDICATORS.find((i) => i.id === 'adviceConversionRate')!,
                data,
                'epci',
              ).values(),
            ].reduce((s, v) => s + (v.numerator ?? 0), 0),
          );
        }
        if (data.lights) {
          expect(lights!.achieved).toBe(value('lightsCounted'));
          expect(dashboard.lightsDetail.factor4).toBe(value('lightsFactor4'));
          expect(dashboard.lightsDetail.factor2).toBe(value('lightsFactor2'));
          expect(data.lights.headline.renovated).toBe(value('lightsRenovated'));
          expect(close(data.lights.headline.kwhSavedPerYear, value('lightsKwhSaved'))).toBe(true);
        }
        expect(close(dashboard.composite.value, value('cotriProgress'))).toBe(true);
      }
    });
  }

  it('says « toutes dates » when the conversion rate falls back to every session', () => {
    const data = randomWorkspace(3, 'contract');
    const fallback = {
      ...data,
      advice: { ...data.advice!, conversionScope: 'all' as const, conversionFallback: true },
    };
    const rate = INDICATORS.find((i) => i.id === 'adviceConversionRate')!;
    expect(indicatorPeriodLabel(rate, fallback)).toMatch(/^toutes dates : aucun conseil/);
    expect(indicatorPeriodLabel(rate, { ...data, scope: 'all' })).toBe(
      data.advice ? indicatorPeriodLabel(rate, { ...data, scope: 'all' }) : 'toutes dates',
    );
  });
});
