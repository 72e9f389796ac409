/**
 * User-defined climate-plan (PCAET) indicators, beyond the three contract targets.
 *
 * Modelled, kept simple, on ADEME's Territoires en Transitions: an indicator has dated values of three
 * kinds — measured results ("valeur"), targets ("objectif") and estimates ("estimation", e.g. a
 * provisional figure before the official inventory) — and a final target with its date.
 */

export type PcaetLevel = 'territory' | 'epci' | 'commune';
export type PcaetValueType = 'value' | 'target' | 'estimate';
export type PcaetDirection = 'up' | 'down';

export const PCAET_LEVELS: readonly PcaetLevel[] = ['territory', 'epci', 'commune'];
export const PCAET_VALUE_TYPES: readonly PcaetValueType[] = ['value', 'target', 'estimate'];

export const LEVEL_LABELS: Record<PcaetLevel, string> = {
  territory: 'Territoire',
  epci: 'EPCI',
  commune: 'Commune',
};

export const VALUE_TYPE_LABELS: Record<PcaetValueType, string> = {
  value: 'Valeur mesurée',
  target: 'Objectif',
  estimate: 'Estimation',
};

export const DIRECTION_LABELS: Record<PcaetDirection, string> = {
  up: 'À la hausse (plus, c’est mieux)',
  down: 'À la baisse (moins, c’est mieux)',
};

export interface PcaetIndicator {
  /** Stable identifier (derived from the name at creation, see `indicatorIdFromName`). */
  id: string;
  /** French name shown everywhere, e.g. "Émissions de GES du secteur résidentiel". */
  name: string;
  unit: string;
  direction: PcaetDirection;
  /**
   * Final target: the value to reach by the date (ISO yyyy-mm-dd) — the territory's (an absolute value is
   * never given to each commune; per inhabitant it applies to every place). A commune's or EPCI's own
   * target is an « objectif » value of that place.
   */
  target: { value: number; date: string };
  level: PcaetLevel;
  /**
   * `inhabitant`: values are shown per inhabitant (÷ the place's legal population); the target is then
   * written per inhabitant too. Absent: values as measured.
   */
  normalisation?: 'inhabitant';
  /** Reference year of the baseline (its measured value); absent: the first measured value. */
  baselineYear?: number;
  description?: string;
  source?: string;
}

export interface PcaetValue {
  indicatorId: string;
  /** ISO date; a year alone is stored as 1 January of that year (see `parseYearOrDate`). */
  date: string;
  type: PcaetValueType;
  value: number;
  /** INSEE code (commune level), SIREN (EPCI level), null (territory level). */
  place: string | null;
  /** Spreadsheet row, when imported. */
  sourceRow?: number;
}
