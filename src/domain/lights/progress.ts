import type { ContractConfig } from '../territory/types.ts';
import type { LightsContext } from './context.ts';
import {
  assessRenovation,
  currentEnergyKwh,
  eurosPerYear,
  type LightingSettings,
  tonnesCo2PerYear,
} from './energy.ts';
import type { FactorClass, LightPoint, LightStatus } from './types.ts';

/** Counts for any group of points (territory, commune, EPCI). Raw: every renovated point, whatever its date. */
export interface GroupCounts {
  points: number;
  toRenovate: number;
  scheduled: number;
  renovated: number;
  factor4: number;
  factor2: number;
  belowTarget: number;
  notClassifiable: number;
  decommissioned: number;
  /** What the group's points consume today, kWh/yr. */
  currentKwhPerYear: number;
  /** Energy saved by renovated points, kWh/yr (unknown savings count 0). */
  kwhSavedPerYear: number;
  /** Facteur 4 / facteur 2 renovations dated inside the contract period (what counts toward its targets). */
  contractFactor4: number;
  contractFactor2: number;
}

export interface Gauge {
  target: number;
  /** Points counted toward this target (never more than the target). */
  counted: number;
  remaining: number;
  /** counted / target, 0..1. */
  share: number;
}

export interface ContractProgress {
  period: { start: string; end: string };
  /** Renovated points dated inside the contract period, by class (uncapped). */
  factor4: number;
  factor2: number;
  belowTarget: number;
  gauges: { factor4: Gauge; factor2: Gauge; total: Gauge };
  /** Facteur 4 points beyond the facteur 4 target: they count toward the facteur 2 gauge and the total. */
  factor4BeyondTarget: number;
  /** Facteur 2 points beyond the facteur 2 target: they count toward the total only. */
  factor2BeyondTarget: number;
  /** « Objectifs atteints »: the three gauges are full (see `contractGauges`). */
  targetsMet: boolean;
  /** Renovated points not counted because their date is before/after the contract, or missing. */
  outsidePeriod: number;
  undated: number;
  kwhSavedPerYear: number;
  eurSavedPerYear: number;
  tCo2SavedPerYear: number;
}

export interface MonthProgress {
  /** yyyy-mm */
  month: string;
  /** Cumulative counts at the end of the month (contract period only). */
  factor4: number;
  factor2: number;
  belowTarget: number;
  /** Cumulative gauges (capped as in ContractProgress). */
  countedFactor4: number;
  countedFactor2: number;
  countedTotal: number;
  kwhSavedPerYear: number;
}

export interface LightsProgress {
  /** The territory's points only: points outside the territory are in `outsideTerritory`, nowhere else. */
  totals: GroupCounts;
  /** Kept points lying outside the territory (flagged, drawn greyed), counted toward nothing. */
  outsideTerritory: number;
  savings: { kwhPerYear: number; eurPerYear: number; tCo2PerYear: number };
  contract: ContractProgress;
  byCommune: Record<string, GroupCounts>;
  byEpci: Record<string, GroupCounts>;
  byMonth: MonthProgress[];
}

export const emptyCounts = (): GroupCounts => ({
  points: 0,
  toRenovate: 0,
  scheduled: 0,
  renovated: 0,
  factor4: 0,
  factor2: 0,
  belowTarget: 0,
  notClassifiable: 0,
  decommissioned: 0,
  currentKwhPerYear: 0,
  kwhSavedPerYear: 0,
  contractFactor4: 0,
  contractFactor2: 0,
});

export function gauge(target: number, achieved: number): Gauge {
  const counted = Math.min(Math.max(0, achieved), Math.max(0, target));
  return {
    target,
    counted,
    remaining: Math.max(0, target - counted),
    share: target > 0 ? counted / target : 1,
  };
}

/**
 * The contract's one counting rule (issue 14), for F4 and F2 points dated inside the contract period:
 *   counted F4    = min(target F4, F4)
 *   counted F2    = min(target F2, F2 + max(0, F4 − target F4))
 *   counted total = min(target total, F4 + F2)
 * The facteur 2 target is a floor on performance ("energy at least ÷ 2"): a facteur 4 point beyond its own
 * target is also a facteur 2 renovation, so it may stand in for one. A point is counted once per gauge and
 * the total never adds the same point twice. Below-target, unclassifiable and removed points count toward
 * nothing.
 */
export function contractGauges(f4: number, f2: number, targets: ContractConfig['targets']) {
  const surplusF4 = Math.max(0, f4 - Math.max(0, targets.lightsFactor4));
  return {
    factor4: gauge(targets.lightsFactor4, f4),
    factor2: gauge(targets.lightsFactor2, f2 + surplusF4),
    total: gauge(targets.lightsRenovated, f4 + f2),
  };
}

/** « Objectifs atteints »: every gauge full. */
export function gaugesMet(gauges: ReturnType<typeof contractGauges>): boolean {
  return gauges.factor4.remaining === 0 && gauges.factor2.remaining === 0 && gauges.total.remaining === 0;
}

const monthsBetween = (start: string, end: string): string[] => {
  const months: string[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  const endKey = end.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= endKey) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
};

function groupOf(groups: Record<string, GroupCounts>, key: string): GroupCounts {
  let g = groups[key];
  if (!g) {
    g = emptyCounts();
    groups[key] = g;
  }
  return g;
}

function accumulate(
  g: GroupCounts,
  status: LightStatus,
  cls: FactorClass | null,
  current: number,
  saved: number,
): void {
  g.points++;
  g[status]++;
  g.currentKwhPerYear += current;
  if (cls) {
    g[cls]++;
    g.kwhSavedPerYear += saved;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The contract rule is the one period rule (domain/period.ts), shared with every indicator. */
export { isInContractPeriod } from '../period.ts';

export function computeProgress(
  points: readonly LightPoint[],
  settings: LightingSettings,
  contract: ContractConfig,
  context: Pick<LightsContext, 'epciOf'>,
): LightsProgress {
  const totals = emptyCounts();
  // No prototype: a hostile INSEE value such as "__proto__" must stay an ordinary key.
  const byCommune = Object.create(null) as Record<string, GroupCounts>;
  const byEpci = Object.create(null) as Record<string, GroupCounts>;
  const months = monthsBetween(contract.start, contract.end);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const perMonth = months.map(() => ({ f4: 0, f2: 0, below: 0, kwh: 0 }));
  let f4 = 0;
  let f2 = 0;
  let below = 0;
  let outsidePeriod = 0;
  let undated = 0;
  let contractKwh = 0;
  let outsideTerritory = 0;

  for (const p of points) {
    if (p.outsideTerritory) {
      outsideTerritory++;
      continue;
    }
    const commune = groupOf(byCommune, p.insee);
    const siren = context.epciOf.get(p.insee);
    const epci = siren ? groupOf(byEpci, siren) : undefined;
    const current = currentEnergyKwh(p, settings);
    const assessment = p.status === 'renovated' ? assessRenovation(p, settings) : null;
    // A renovated point without any renovation data cannot be classified either.
    const cls = assessment ? (assessment.factorClass ?? 'notClassifiable') : null;
    const saved = assessment?.savedKwh ?? 0;
    accumulate(totals, p.status, cls, current, saved);
    accumulate(commune, p.status, cls, current, saved);
    if (epci) accumulate(epci, p.status, cls, current, saved);
    if (!cls) continue;
    const date = p.renovation?.date;
    if (!date || !ISO_DATE.test(date)) {
      undated++;
      continue;
    }
    if (date < contract.start || date > contract.end) {
      outsidePeriod++;
      continue;
    }
    contractKwh += saved;
    const month = perMonth[monthIndex.get(date.slice(0, 7)) ?? -1];
    if (month) month.kwh += saved;
    if (cls === 'factor4') {
      f4++;
      if (month) month.f4++;
      totals.contractFactor4++;
      commune.contractFactor4++;
      if (epci) epci.contractFactor4++;
    } else if (cls === 'factor2') {
      f2++;
      if (month) month.f2++;
      totals.contractFactor2++;
      commune.contractFactor2++;
      if (epci) epci.contractFactor2++;
    } else if (cls === 'belowTarget') {
      below++;
      if (month) month.below++;
    }
  }

  const targets = contract.targets;
  const byMonth: MonthProgress[] = [];
  const run = { f4: 0, f2: 0, below: 0, kwh: 0 };
  months.forEach((month, i) => {
    const m = perMonth[i]!;
    run.f4 += m.f4;
    run.f2 += m.f2;
    run.below += m.below;
    run.kwh += m.kwh;
    const g = contractGauges(run.f4, run.f2, targets);
    byMonth.push({
      month,
      factor4: run.f4,
      factor2: run.f2,
      belowTarget: run.below,
      countedFactor4: g.factor4.counted,
      countedFactor2: g.factor2.counted,
      countedTotal: g.total.counted,
      kwhSavedPerYear: run.kwh,
    });
  });

  const gauges = contractGauges(f4, f2, targets);
  return {
    totals,
    outsideTerritory,
    savings: {
      kwhPerYear: totals.kwhSavedPerYear,
      eurPerYear: eurosPerYear(totals.kwhSavedPerYear, settings),
      tCo2PerYear: tonnesCo2PerYear(totals.kwhSavedPerYear, settings),
    },
    contract: {
      period: { start: contract.start, end: contract.end },
      factor4: f4,
      factor2: f2,
      belowTarget: below,
      gauges,
      factor4BeyondTarget: Math.max(0, f4 - targets.lightsFactor4),
      factor2BeyondTarget: Math.max(0, f2 - targets.lightsFactor2),
      targetsMet: gaugesMet(gauges),
      outsidePeriod,
      undated,
      kwhSavedPerYear: contractKwh,
      eurSavedPerYear: eurosPerYear(contractKwh, settings),
      tCo2SavedPerYear: tonnesCo2PerYear(contractKwh, settings),
    },
    byCommune,
    byEpci,
    byMonth,
  };
}
