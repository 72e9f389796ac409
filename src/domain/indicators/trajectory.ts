/**
 * Contract progress for the dashboard: the three targets with their progress bars, and the monthly
 * cumulative curves against the linear trajectory from the contract start (0) to its end (the target),
 * with the dates of TerritoryMeta.contract.
 *
 * The linear trajectory is counted in days (a target reached "on time" at the end of the last day), so a
 * contract that does not start on the 1st of a month is handled; each month's planned value is the one
 * expected at the end of its last day.
 */
import { daysBetween, lastDayOfMonth, monthOf, monthRange } from '../advice/dates.ts';
import { conversionScopeNote } from '../advice/scope.ts';
import { type PeriodScope, periodLabel } from '../period.ts';
import type { ContractConfig } from '../territory/types.ts';
import { compositeFormula, compositeValue, territoryParts } from './composite.ts';
import type { IndicatorData } from './types.ts';

export interface TrajectoryRow {
  /** `yyyy-mm`. */
  month: string;
  /** Cumulative count since the contract start at the end of the month; null for months after the data date. */
  cumulative: number | null;
  /** What the linear trajectory expects at the end of the month. */
  planned: number;
}

/** Share of the contract period elapsed at the end of `date` (0 before the start, 1 after the end). */
export function elapsedShare(contract: Pick<ContractConfig, 'start' | 'end'>, date: string): number {
  const total = daysBetween(contract.start, contract.end) + 1;
  const elapsed = daysBetween(contract.start, date) + 1;
  return Math.min(1, Math.max(0, elapsed / total));
}

/**
 * Every month of the contract with the cumulative count of `dates` (events inside the contract period
 * and not after `asOf`) and the linear trajectory toward `target`.
 */
export function monthlyTrajectory(
  contract: Pick<ContractConfig, 'start' | 'end'>,
  target: number,
  dates: readonly string[],
  asOf: string,
): TrajectoryRow[] {
  const perMonth = new Map<string, number>();
  for (const date of dates) {
    if (date < contract.start || date > contract.end || date > asOf) continue;
    perMonth.set(monthOf(date), (perMonth.get(monthOf(date)) ?? 0) + 1);
  }
  let cumulative = 0;
  const lastMonth = monthOf(asOf);
  return monthRange(contract.start, contract.end).map((month) => {
    const planned = target * elapsedShare(contract, lastDayOfMonth(month));
    if (month > lastMonth) return { month, cumulative: null, planned };
    cumulative += perMonth.get(month) ?? 0;
    return { month, cumulative, planned };
  });
}

export type ProgressStatus = 'reached' | 'ahead' | 'onTrack' | 'behind';

export const PROGRESS_STATUS_LABELS: Record<ProgressStatus, string> = {
  reached: 'Objectif atteint',
  ahead: 'En avance sur la trajectoire',
  onTrack: 'Conforme à la trajectoire',
  behind: 'En retard sur la trajectoire',
};

export interface TargetProgress {
  id: 'advice' | 'lights' | 'brownfields';
  label: string;
  unit: string;
  achieved: number;
  target: number;
  /** achieved ÷ target, capped at 1 (the bar's fill). */
  share: number;
  /** What the linear trajectory expects on the data date. */
  expected: number;
  /** achieved − expected (negative: behind). */
  gap: number;
  status: ProgressStatus;
  /** Monthly curve; null when the target has no dated events (brownfields). */
  trajectory: TrajectoryRow[] | null;
}

export interface ContractDashboard {
  asOf: string;
  /** Period rule of the achieved figures (the trajectories are always the contract's). */
  scope: PeriodScope;
  period: { start: string; end: string };
  /** Share of the contract period elapsed on the data date. */
  elapsed: number;
  targets: TargetProgress[];
  conversion: {
    rate: number | null;
    /** Where the rate comes from (period rule, or its fallback to every session). */
    scopeNote: string;
    target: number;
    numerator: number;
    denominator: number;
    smallSample: boolean;
  };
  lightsDetail: { factor4: number; factor4Target: number; factor2: number; factor2Target: number };
  brownfieldsProposed: number;
  /** French: retained brownfields resting on too little data or unstable (see BrownfieldsInput.alerts). */
  brownfieldsAlerts: readonly string[];
  composite: { value: number | null; formula: string };
}

/** Within ±2 % of the target of the trajectory counts as "on track" (one month of a 3-year contract ≈ 2.8 %). */
const ON_TRACK_TOLERANCE = 0.02;

function status(achieved: number, expected: number, target: number): ProgressStatus {
  if (achieved >= target) return 'reached';
  const gap = achieved - expected;
  if (Math.abs(gap) <= ON_TRACK_TOLERANCE * target) return 'onTrack';
  return gap > 0 ? 'ahead' : 'behind';
}

function targetProgress(
  id: TargetProgress['id'],
  label: string,
  unit: string,
  achieved: number,
  target: number,
  data: IndicatorData,
  dates: readonly string[] | null,
): TargetProgress {
  const expected = target * elapsedShare(data.contract, data.asOf);
  return {
    id,
    label,
    unit,
    achieved,
    target,
    share: target > 0 ? Math.min(1, achieved / target) : 1,
    expected,
    gap: achieved - expected,
    status: status(achieved, expected, target),
    trajectory: dates ? monthlyTrajectory(data.contract, target, dates, data.asOf) : null,
  };
}

export function contractDashboard(data: IndicatorData): ContractDashboard {
  const t = data.contract.targets;
  const parts = territoryParts(data);
  const shortlisted = data.brownfields?.sites.filter((s) => s.shortlisted).length ?? 0;
  // Headlines are the territory aggregates of the breakdown indicators (registry.territoryValue), so the
  // « Répartition par EPCI » and the commune table always add up to them.
  const lightsF4 = data.lights?.headline.factor4 ?? 0;
  const lightsF2 = data.lights?.headline.factor2 ?? 0;
  return {
    asOf: data.asOf,
    scope: data.scope,
    period: { start: data.contract.start, end: data.contract.end },
    elapsed: elapsedShare(data.contract, data.asOf),
    targets: [
      targetProgress(
        'advice',
        'Conseils énergie',
        'conseils',
        data.advice?.delivered ?? 0,
        t.adviceSessions,
        data,
        data.advice?.contractDates ?? [],
      ),
      targetProgress(
        'lights',
        'Points lumineux rénovés (facteur 4 ou 2)',
        'points',
        lightsF4 + lightsF2,
        t.lightsRenovated,
        data,
        data.lights?.contractDates ?? [],
      ),
      // Sites are retained by a decision that carries no date in the inventory: no monthly curve.
      targetProgress(
        'brownfields',
        'Friches retenues',
        'friches',
        shortlisted,
        t.brownfieldsShortlisted,
        data,
        null,
      ),
    ],
    conversion: {
      rate: data.advice?.conversion.rate ?? null,
      scopeNote: data.advice ? conversionScopeNote(data.advice) : periodLabel(data.scope),
      target: t.adviceConversionRate,
      numerator: data.advice?.conversion.numerator ?? 0,
      denominator: data.advice?.conversion.denominator ?? 0,
      smallSample: data.advice?.conversion.smallSample ?? true,
    },
    lightsDetail: {
      factor4: lightsF4,
      factor4Target: t.lightsFactor4,
      factor2: lightsF2,
      factor2Target: t.lightsFactor2,
    },
    brownfieldsProposed: data.brownfields?.proposed ?? 0,
    brownfieldsAlerts: data.brownfields?.alerts ?? [],
    composite: { value: compositeValue(parts), formula: compositeFormula(data.contract) },
  };
}
