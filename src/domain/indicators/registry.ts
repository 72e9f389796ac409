/**
 * The dashboard's indicator registry: one list, used by the choropleth selector, the CLI and the
 * commune table. Adding an indicator = adding a definition here.
 */
import { aggregateValues } from '../choropleth/aggregate.ts';
import type { ContractConfig } from '../territory/types.ts';
import { cotriProgress } from './composite.ts';
import {
  adviceConversionRate,
  adviceSessions,
  adviceSessionsPer1000,
  brownfieldsBestScore,
  brownfieldsCount,
  lightsFactor2,
  lightsFactor4,
  lightsKwhSaved,
  lightsRenovated,
  lightsRenovatedShare,
} from './territorial.ts';
import type { IndicatorData, IndicatorDefinition, IndicatorValue } from './types.ts';

export const INDICATORS: readonly IndicatorDefinition[] = [
  cotriProgress,
  lightsRenovated,
  lightsRenovatedShare,
  lightsFactor4,
  lightsFactor2,
  lightsKwhSaved,
  adviceSessions,
  adviceSessionsPer1000,
  adviceConversionRate,
  brownfieldsCount,
  brownfieldsBestScore,
];

export const INDICATOR_IDS: readonly string[] = INDICATORS.map((i) => i.id);

export function indicatorById(id: string): IndicatorDefinition | undefined {
  return INDICATORS.find((i) => i.id === id);
}

/** "Indicateurs disponibles : …" (French). */
export function indicatorListMessage(): string {
  return `Indicateurs disponibles : ${INDICATOR_IDS.join(', ')}.`;
}

/** French message for an unknown id, listing the valid ones. */
export function unknownIndicatorMessage(id: string): string {
  return `Indicateur inconnu : « ${id} ». ${indicatorListMessage()}`;
}

export function formulaOf(indicator: IndicatorDefinition, contract: ContractConfig): string {
  return typeof indicator.formula === 'function' ? indicator.formula(contract) : indicator.formula;
}

export type Level = 'commune' | 'epci';

/**
 * Values of an indicator per commune (keyed by INSEE) or per EPCI (keyed by SIREN), the EPCI values
 * being aggregated from the communes with the indicator's own rule.
 */
export function computeIndicator(
  indicator: IndicatorDefinition,
  data: IndicatorData,
  level: Level = 'commune',
): Map<string, IndicatorValue> {
  const communeValues = indicator.compute(data);
  if (level === 'commune') return communeValues;
  const epciOf = new Map(data.communes.map((c) => [c.insee, c.epciSiren]));
  return aggregateValues(communeValues, epciOf, indicator.aggregation);
}
