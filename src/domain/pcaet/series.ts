/**
 * Time series of a PCAET indicator against its target path, and latest values per commune for maps.
 *
 * Target path: the measured baseline (first measured value, if it precedes every target), then the
 * dated "objectif" values entered for the place, then the indicator's final target where it applies to the
 * place (progress.ts: the territory, or every place per inhabitant), unless a dated
 * objectif of the place is at or after its date, which then prevails); the expected value
 * at any date between two points is their linear interpolation (by days). Before the first point or
 * after the last there is no expectation — extrapolating a target would invent one.
 */
import { territorialTargetApplies } from './progress.ts';
import type { PcaetIndicator, PcaetValue, PcaetValueType } from './types.ts';

export interface TargetPoint {
  date: string;
  value: number;
  /** Where the point comes from. */
  origin: 'baseline' | 'target' | 'finalTarget';
}

export interface SeriesPoint {
  date: string;
  /** Measured value on that date, if any. */
  value: number | null;
  estimate: number | null;
  /** Target path interpolated at that date (null outside the path). */
  target: number | null;
  /** (value, or estimate when no value) − target: positive = above the path. */
  gap: number | null;
  /** Direction-aware: at or better than the path. */
  onTrack: boolean | null;
}

export interface IndicatorSeries {
  indicatorId: string;
  place: string | null;
  path: TargetPoint[];
  points: SeriesPoint[];
  /** Most recent measured value, else most recent estimate. */
  latest: { date: string; value: number; type: 'value' | 'estimate' } | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

function forPlace(indicator: PcaetIndicator, values: readonly PcaetValue[], place: string | null) {
  return values.filter((v) => v.indicatorId === indicator.id && (v.place ?? null) === place);
}

export function targetPath(
  indicator: PcaetIndicator,
  values: readonly PcaetValue[],
  place: string | null,
): TargetPoint[] {
  const own = forPlace(indicator, values, place);
  const targets = own.filter((v) => v.type === 'target').sort(byDate);
  const points = new Map<string, TargetPoint>();
  for (const t of targets) points.set(t.date, { date: t.date, value: t.value, origin: 'target' });
  // The final target closes the path unless a dated target of the place already reaches that date.
  // It is the territory's: a commune or EPCI gets it only per inhabitant (progress.ts), else its own.
  const lastOwn = targets.at(-1);
  if (territorialTargetApplies(indicator, place) && (!lastOwn || lastOwn.date < indicator.target.date)) {
    points.set(indicator.target.date, {
      date: indicator.target.date,
      value: indicator.target.value,
      origin: 'finalTarget',
    });
  }
  const sorted = [...points.values()].sort(byDate);
  const firstMeasured = own.filter((v) => v.type === 'value').sort(byDate)[0];
  if (firstMeasured && sorted[0] && firstMeasured.date < sorted[0].date) {
    sorted.unshift({ date: firstMeasured.date, value: firstMeasured.value, origin: 'baseline' });
  }
  return sorted;
}

/** Linear interpolation by days; null before the first point or after the last. */
export function interpolate(path: readonly TargetPoint[], date: string): number | null {
  if (path.length === 0) return null;
  const first = path[0]!;
  const last = path[path.length - 1]!;
  if (date < first.date || date > last.date) return null;
  for (let i = 0; i < path.length; i++) {
    const p = path[i]!;
    if (p.date === date) return p.value;
    const next = path[i + 1];
    if (next && date > p.date && date < next.date) {
      const t = (dayNumber(date) - dayNumber(p.date)) / (dayNumber(next.date) - dayNumber(p.date));
      return p.value + t * (next.value - p.value);
    }
  }
  return null;
}

function isOnTrack(indicator: PcaetIndicator, observed: number, expected: number): boolean {
  return indicator.direction === 'up' ? observed >= expected : observed <= expected;
}

/** The series of one place (null = territory) with its target path and gaps. */
export function seriesAgainstTarget(
  indicator: PcaetIndicator,
  values: readonly PcaetValue[],
  place: string | null = null,
): IndicatorSeries {
  const own = forPlace(indicator, values, place);
  const path = targetPath(indicator, values, place);
  const dates = [...new Set([...own.map((v) => v.date), ...path.map((p) => p.date)])].sort();
  const pick = (date: string, type: PcaetValueType) =>
    own.find((v) => v.date === date && v.type === type)?.value ?? null;
  const points = dates.map((date): SeriesPoint => {
    const value = pick(date, 'value');
    const estimate = pick(date, 'estimate');
    const target = interpolate(path, date);
    const observed = value ?? estimate;
    const gap = observed !== null && target !== null ? observed - target : null;
    return {
      date,
      value,
      estimate,
      target,
      gap,
      onTrack: gap === null ? null : isOnTrack(indicator, observed!, target!),
    };
  });
  return { indicatorId: indicator.id, place, path, points, latest: latest(own) };
}

function latest(
  own: readonly PcaetValue[],
  asOf?: string,
  includeEstimates = true,
): IndicatorSeries['latest'] {
  const eligible = own.filter((v) => (!asOf || v.date <= asOf) && v.type !== 'target');
  const measured = eligible
    .filter((v) => v.type === 'value')
    .sort(byDate)
    .at(-1);
  if (measured) return { date: measured.date, value: measured.value, type: 'value' };
  if (!includeEstimates) return null;
  const estimate = eligible
    .filter((v) => v.type === 'estimate')
    .sort(byDate)
    .at(-1);
  return estimate ? { date: estimate.date, value: estimate.value, type: 'estimate' } : null;
}

/**
 * Latest value of a commune-level indicator for every commune (null when none), ready for
 * `buildChoropleth`. Estimates are used only when asked, and only where no measured value exists.
 */
export function latestByCommune(
  indicator: PcaetIndicator,
  values: readonly PcaetValue[],
  communes: readonly string[],
  options: { asOf?: string; includeEstimates?: boolean } = {},
): Map<string, { value: number | null; date: string | null; type: 'value' | 'estimate' | null }> {
  const byPlace = new Map<string, PcaetValue[]>();
  for (const v of values) {
    if (v.indicatorId !== indicator.id || !v.place) continue;
    const list = byPlace.get(v.place);
    if (list) list.push(v);
    else byPlace.set(v.place, [v]);
  }
  return new Map(
    communes.map((insee) => {
      const l = latest(byPlace.get(insee) ?? [], options.asOf, options.includeEstimates ?? false);
      return [
        insee,
        l ? { value: l.value, date: l.date, type: l.type } : { value: null, date: null, type: null },
      ];
    }),
  );
}
