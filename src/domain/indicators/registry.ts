/**
 * The dashboard's indicator registry: one list, used by the choropleth selector, the CLI and the
 * commune table. Adding an indicator = adding a definition here.
 */

import { conversionScopeNote } from '../advice/scope.ts';
import { aggregateValues } from '../choropleth/aggregate.ts';
import { periodLabel } from '../period.ts';
import type { ContractConfig } from '../territory/types.ts';
import { cotriProgress } from './composite.ts';
import {
  adviceConversionRate,
  adviceSessions,
  adviceSessionsPer1000,
  brownfieldsBestScore,
  brownfieldsCount,
  lightsCounted,
  lightsFactor2,
  lightsFactor4,
  lightsKwhSaved,
  lightsRenovated,
  lightsRenovatedShare,
} from './territorial.ts';
import { lightsKwhPerInhabitant, lightsKwhPerPoint } from './tetLights.ts';
import type { IndicatorData, IndicatorDefinition, IndicatorValue } from './types.ts';

export const INDICATORS: readonly IndicatorDefinition[] = [
  cotriProgress,
  lightsRenovated,
  lightsRenovatedShare,
  lightsFactor4,
  lightsFactor2,
  lightsCounted,
  lightsKwhSaved,
  lightsKwhPerPoint,
  lightsKwhPerInhabitant,
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

/**
 * The scope phrase printed with every value of `indicator` (legend, table, export, CLI): the period rule,
 * or « toutes dates » with its reason when the conversion rate fell back to every session.
 */
export function indicatorPeriodLabel(indicator: IndicatorDefinition, data: IndicatorData): string {
  if (indicator.period === 'undated') return 'situation à ce jour';
  if (indicator.period === 'contract') return periodLabel('contract');
  if (indicator.id === 'adviceConversionRate' && data.advice)
    return conversionScopeNote({
      conversionScope: data.advice.conversionScope,
      conversionFallback: data.advice.conversionFallback,
    });
  return periodLabel(data.scope);
}

/**
 * The territory's value of an indicator, aggregated from its communes with the indicator's own rule
 * (sum, ratio of sums…): the headline figure, by construction the aggregate of its breakdown.
 */
export function territoryValue(indicator: IndicatorDefinition, data: IndicatorData): IndicatorValue {
  const all = new Map(data.communes.map((c) => [c.insee, TERRITORY_KEY]));
  return (
    aggregateValues(indicator.compute(data), all, indicator.aggregation).get(TERRITORY_KEY) ?? { value: null }
  );
}

const TERRITORY_KEY = 'territoire';

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
