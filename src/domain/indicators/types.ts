/**
 * Inputs of the dashboard indicators. Each module summarises its own records per commune with its own
 * functions (lights: computeProgress, advice: communeIndicators/deliverySummary, friches: scoring and
 * shortlist); `adapters.ts` turns those results into these small shapes, so the indicators do not
 * depend on how each module stores its records.
 */
import type { AggregationRule, IndicatorValue } from '../choropleth/aggregate.ts';
import type { PeriodScope } from '../period.ts';
import type { CommuneProps, ContractConfig } from '../territory/types.ts';

export type { IndicatorValue } from '../choropleth/aggregate.ts';

export interface CommuneLightsSummary {
  /** Points in the inventory (every status, undated: the inventory is today's). */
  points: number;
  /** Points with status "rénové" whose works date is in the period scope (IndicatorData.scope), any class. */
  renovated: number;
  /** Facteur 4 / facteur 2 renovations in the period scope. */
  factor4: number;
  factor2: number;
  /** Energy saved by the renovations in the period scope. */
  kwhSavedPerYear: number;
  /** Facteur 4 + facteur 2 points renovated inside the contract period: what counts toward the target. */
  contractCounted: number;
  /**
   * What the inventory's points consume today, kWh/yr (consumed power, gear losses included: final energy, as
   * the Territoires en Transitions indicators cae_20 and cae_20.b count it). Absent = unknown, no value.
   */
  currentKwhPerYear?: number;
}

export interface LightsInput {
  byCommune: ReadonlyMap<string, CommuneLightsSummary>;
  /** Territory gauges as the lighting module computes them (inside the contract period). */
  contract: { factor4: number; factor2: number; countedTotal: number };
  /** Territory totals in the period scope, from the lighting module's own totals (territory points only). */
  headline: { renovated: number; factor4: number; factor2: number; kwhSavedPerYear: number };
  /** Renovation date of every facteur 4 / facteur 2 point counted (for the monthly curve). */
  contractDates: readonly string[];
}

export interface CommuneAdviceSummary {
  /** Sessions in the period scope. */
  sessions: number;
  /** Mature sessions of the conversion scope (old enough to know whether works followed). */
  mature: number;
  /** Mature sessions with works engaged or done. */
  withWorks: number;
  /** Fewer than 5 mature sessions: the rate is drawn apart. */
  smallSample: boolean;
  /** Sessions inside the contract period up to the data date. */
  contractSessions: number;
}

export interface AdviceInput {
  byCommune: ReadonlyMap<string, CommuneAdviceSummary>;
  /** Sessions in the period scope (contract period: up to the data date). */
  delivered: number;
  /** Sessions inside the contract period up to the data date (composite and trajectory, whatever the scope). */
  contractDelivered: number;
  conversion: { numerator: number; denominator: number; rate: number | null; smallSample: boolean };
  /** Scope of the conversion rate: `all` with `conversionFallback` when the contract has no mature session. */
  conversionScope: PeriodScope;
  conversionFallback: boolean;
  contractDates: readonly string[];
}

export interface BrownfieldSummary {
  id: string;
  name: string;
  /** Territory commune holding the site; null outside the territory. */
  insee: string | null;
  /** Reconversion-stakes score, 0..1 (null when no criterion is known or the site is excluded). */
  score: number | null;
  /** Retained (pinned) by the planner and in the territory: a validated choice, not the automatic proposal. */
  shortlisted: boolean;
}

export interface BrownfieldsInput {
  sites: readonly BrownfieldSummary[];
  /** Size of the automatic proposal (best scores) when nothing is pinned yet: shown, never counted. */
  proposed: number;
  /** French: retained sites resting on too little data or unstable in the ranking (the friches review's words). */
  alerts?: readonly string[];
}

export type CommuneRef = Pick<CommuneProps, 'insee' | 'name' | 'epciSiren' | 'population'>;

export interface IndicatorData {
  communes: readonly CommuneRef[];
  contract: ContractConfig;
  /** Date of the data (ISO), used for maturity and the expected trajectory. */
  asOf: string;
  /** The period rule every scoped figure follows (domain/period.ts). */
  scope: PeriodScope;
  /** null = the dataset is not loaded: its indicators have no data anywhere (not zero). */
  lights: LightsInput | null;
  advice: AdviceInput | null;
  brownfields: BrownfieldsInput | null;
}

export type Dataset = 'lights' | 'advice' | 'brownfields';

export type IndicatorKind = 'count' | 'rate' | 'density' | 'score';

export interface IndicatorDefinition {
  id: string;
  /** French. */
  label: string;
  /** Printed after values ("%", "kWh/an", "" for a plain count). */
  unit: string;
  /** Which way is progress: drives palette orientation. */
  direction: 'up' | 'down';
  kind: IndicatorKind;
  /** French: where the figures come from. */
  source: string;
  /** French: how the value is computed, shown next to the map (may quote the configured targets). */
  formula: string | ((contract: ContractConfig) => string);
  requires: readonly Dataset[];
  /**
   * How the period rule applies: `scoped` follows IndicatorData.scope, `contract` is always the contract
   * period (progress toward its targets), `undated` has no date (a state of today, e.g. friches).
   */
  period: 'scoped' | 'contract' | 'undated';
  /** Legend text for communes without a value (e.g. "Aucune friche recensée"). */
  noDataLabel?: string;
  /** Legend text for small samples, when the indicator has any. */
  smallSampleLabel?: string;
  /** How commune values combine into EPCI values. */
  aggregation: AggregationRule;
  /** One entry per territory commune. */
  compute(data: IndicatorData): Map<string, IndicatorValue>;
}
