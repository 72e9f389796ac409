/**
 * Commune → EPCI (or any grouping) aggregation of indicator values.
 *
 * Rates are re-computed as a ratio of sums, never averaged: an EPCI's conversion rate is
 * Σ conversions ÷ Σ mature sessions over its communes. Averaging commune rates would give a village with
 * 2 sessions the same say as a town with 300 (Simpson's paradox); the ratio of sums is the rate the EPCI
 * would compute from its own file. Counts are summed; scores (a "best" value) take the maximum.
 */

export interface IndicatorValue {
  /** null = no data for this commune. */
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** The value rests on too few cases to be shown as reliable. */
  smallSample?: boolean;
  /** Named components for composite indicators (each a ratio). */
  parts?: Record<string, { numerator: number; denominator: number }>;
}

export type AggregationRule =
  | { kind: 'sum' }
  /** value = scale × Σ numerator ÷ Σ denominator; small sample when Σ denominator < minDenominator. */
  | { kind: 'ratio'; scale: number; minDenominator?: number }
  | { kind: 'max' }
  | { kind: 'custom'; combine: (values: readonly IndicatorValue[]) => IndicatorValue };

export const AGGREGATION_LABELS: Record<AggregationRule['kind'], string> = {
  sum: 'somme des communes',
  ratio: 'rapport des sommes (numérateurs et dénominateurs additionnés), jamais une moyenne de taux',
  max: 'maximum des communes',
  custom: 'recalculé à partir des composantes additionnées',
};

/** Applies a rule to the values of one group. Values without data are skipped; an all-empty group has no data. */
export function combineValues(values: readonly IndicatorValue[], rule: AggregationRule): IndicatorValue {
  if (rule.kind === 'custom') return rule.combine(values);
  if (rule.kind === 'ratio') {
    let numerator = 0;
    let denominator = 0;
    let any = false;
    for (const v of values) {
      if (v.numerator === undefined || v.denominator === undefined) continue;
      if (!Number.isFinite(v.numerator) || !Number.isFinite(v.denominator)) continue;
      numerator += v.numerator;
      denominator += v.denominator;
      any = true;
    }
    if (!any) return { value: null };
    const result: IndicatorValue = {
      value: denominator > 0 ? (rule.scale * numerator) / denominator : null,
      numerator,
      denominator,
    };
    if (rule.minDenominator !== undefined) result.smallSample = denominator < rule.minDenominator;
    return result;
  }
  const present = values.map((v) => v.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { value: null };
  if (rule.kind === 'max') return { value: Math.max(...present) };
  return { value: present.reduce((sum, v) => sum + v, 0) };
}

/**
 * Groups commune values by `groupOf` (e.g. INSEE → EPCI SIREN) and aggregates each group.
 * Communes without a group are ignored; listed `groups` with no commune value come out as "no data".
 */
export function aggregateValues(
  values: ReadonlyMap<string, IndicatorValue>,
  groupOf: ReadonlyMap<string, string>,
  rule: AggregationRule,
  groups: Iterable<string> = new Set(groupOf.values()),
): Map<string, IndicatorValue> {
  const members = new Map<string, IndicatorValue[]>();
  for (const group of groups) members.set(group, []);
  for (const [id, value] of values) {
    const group = groupOf.get(id);
    if (group === undefined) continue;
    const list = members.get(group);
    if (list) list.push(value);
    else members.set(group, [value]);
  }
  const out = new Map<string, IndicatorValue>();
  for (const [group, list] of members) out.set(group, combineValues(list, rule));
  return out;
}

/** Plain numbers and small-sample set, the shape `buildChoropleth` takes. */
export function toChoroplethValues(values: ReadonlyMap<string, IndicatorValue>): {
  values: Map<string, number | null>;
  smallSample: Set<string>;
} {
  const plain = new Map<string, number | null>();
  const smallSample = new Set<string>();
  for (const [id, v] of values) {
    plain.set(id, v.value);
    if (v.smallSample) smallSample.add(id);
  }
  return { values: plain, smallSample };
}
