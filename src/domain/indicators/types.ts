/**
 * Inputs of the dashboard indicators. Each module summarises its own records per commune with its own
 * functions (lights: computeProgress, advice: communeIndicators/deliverySummary, friches: scoring and
 * shortlist); `adapters.ts` turns those results into these small shapes, so the indicators do not
 * depend on how each module stores its records.
 */
import type { AggregationRule, IndicatorValue } from '../choropleth/aggregate.ts';
import type { CommuneProps, ContractConfig } from '../territory/types.ts';

export type { IndicatorValue } from '../choropleth/aggregate.ts';

export interface CommuneLightsSummary {
  /** Points in the inventory (every status). */
  points: number;
  /** Points with status "rénové", whatever their date or class. */
  renovated: number;
  factor4: number;
  factor2: number;
  kwhSavedPerYear: number;
  /** Facteur 4 + facteur 2 points renovated inside the contract period: what counts toward the target. */
  contractCounted: number;
}

export interface LightsInput {
  byCommune: ReadonlyMap<string, CommuneLightsSummary>;
  /** Territory gauges as the lighting module computes them (inside the contract period). */
  contract: { factor4: number; factor2: number; countedTotal: number };
  /** Renovation date of every facteur 4 / facteur 2 point counted (for the monthly curve). */
  contractDates: readonly string[];
}

export interface CommuneAdviceSummary {
  sessions: number;
  /** Mature sessions (old enough to know whether works followed). */
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
  /** Sessions inside the contract period up to the data date. */
  delivered: number;
  conversion: { numerator: number; denominator: number; rate: number | null; smallSample: boolean };
  contractDates: readonly string[];
}

export interface BrownfieldSummary {
  id: string;
  name: string;
  /** Territory commune holding the site; null outside the territory. */
  insee: string | null;
  /** Reconversion-stakes score, 0..1 (null when no criterion is known or the site is excluded). */
  score: number | null;
  /** Retained by the planner in the shortlist (a validated choice, not the automatic proposal). */
  shortlisted: boolean;
}

export interface BrownfieldsInput {
  sites: readonly BrownfieldSummary[];
  /** Size of the automatic proposal (best scores) when nothing is pinned yet: shown, never counted. */
  proposed: number;
}

export type CommuneRef = Pick<CommuneProps, 'insee' | 'name' | 'epciSiren' | 'population'>;

export interface IndicatorData {
  communes: readonly CommuneRef[];
  contract: ContractConfig;
  /** Date of the data (ISO), used for maturity and the expected trajectory. */
  asOf: string;
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
  /** Legend text for communes without a value (e.g. "Aucune friche recensée"). */
  noDataLabel?: string;
  /** Legend text for small samples, when the indicator has any. */
  smallSampleLabel?: string;
  /** How commune values combine into EPCI values. */
  aggregation: AggregationRule;
  /** One entry per territory commune. */
  compute(data: IndicatorData): Map<string, IndicatorValue>;
}
