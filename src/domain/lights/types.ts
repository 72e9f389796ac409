/** Lamp technologies found in French street-lighting inventories (the arrêté du 27 décembre 2018 vocabulary). */
import type { RecordOrigin } from '../origin.ts';
export const TECHNOLOGIES = [
  'sodiumHighPressure',
  'mercury',
  'metalHalide',
  'compactFluorescent',
  'led',
  'sodiumLowPressure',
  'fluorescentTube',
  'halogen',
  'other',
] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

export const TECHNOLOGY_LABELS: Readonly<Record<Technology, string>> = {
  sodiumHighPressure: 'Sodium haute pression',
  mercury: 'Ballon fluorescent (mercure)',
  metalHalide: 'Iodures métalliques',
  compactFluorescent: 'Fluocompacte',
  led: 'LED',
  sodiumLowPressure: 'Sodium basse pression',
  fluorescentTube: 'Tube fluorescent',
  halogen: 'Halogène / incandescence',
  other: 'Autre / inconnu',
};

export const STATUSES = ['toRenovate', 'scheduled', 'renovated'] as const;
export type LightStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<LightStatus, string>> = {
  toRenovate: 'à rénover',
  scheduled: 'programmé',
  renovated: 'rénové',
};

/**
 * How a lamp is operated during the night, in hours PER NIGHT (the unit lighting managers use:
 * "abaissement à 50 % de 23 h à 5 h" = 6 h at level 0.5). The annual energy formula (energy.ts) is:
 *   effective hours = burningHours − 365 × switchOffHours − 365 × dimmingHours × (1 − level)
 *   annual energy   = power × effective hours
 * `level` is the share of nominal power drawn while dimmed (0.5 = "abaissement de 50 %").
 */
export type DimmingRegime =
  | { kind: 'none' }
  | { kind: 'dimming'; hours: number; level: number }
  | { kind: 'nightSwitchOff'; hours: number }
  | { kind: 'dimmingAndSwitchOff'; dimmingHours: number; level: number; switchOffHours: number };

export const NO_DIMMING: DimmingRegime = Object.freeze({ kind: 'none' });

export interface Renovation {
  technologyAfter: Technology;
  /**
   * Nominal power after works. `null` = not recorded (the point cannot be classified); `0` = the point was
   * removed (dépose), see energy.ts for how both are handled.
   */
  powerAfterW: number | null;
  regime: DimmingRegime;
  colourTemperatureK?: number;
  /** Consumed power of the new lamp (lamp + gear) from the file's column; absent = nominal × (1 + losses). */
  consumedPowerAfterW?: number;
  /** ISO date (yyyy-mm-dd) of the works; for a `scheduled` point carrying planned data it may be absent. */
  date?: string;
}

export interface LightPoint {
  /** Set on sample records kept under a file's import (src/domain/origin.ts); absent otherwise. */
  origin?: RecordOrigin;
  /** Unique within an inventory; batch edits and undo address points by id. */
  id: string;
  /** Commune of the territory containing the point; '' for a point outside the territory. */
  insee: string;
  /**
   * Kept and flagged rather than rejected (nothing is lost): the row lies outside every commune of the
   * territory. Drawn greyed, listed, counted toward no gauge.
   */
  outsideTerritory?: true;
  /** The identifier was generated (no identifier column in the file), see `generatedId`. */
  generatedId?: true;
  /** WGS84. */
  lon: number;
  lat: number;
  address?: string;
  technologyBefore: Technology;
  /** Nominal lamp power before renovation, > 0. */
  powerBeforeW: number;
  /** Night operation before renovation (many communes already switch off); absent = all night. */
  regimeBefore?: DimmingRegime;
  status: LightStatus;
  /** Present for `renovated` points, and optionally for `scheduled` ones (planned works). */
  renovation?: Renovation;
  /** ISO date of the planned works for a `scheduled` point. */
  scheduledDate?: string;
  /** Optional arrêté du 27 décembre 2018 fields, kept when the inventory has them. */
  fluxLm?: number;
  /** Upward light ratio (proportion de flux émis au-dessus de l'horizontale), in %. */
  ulrPercent?: number;
  installYear?: number;
  /** Colour temperature of the lamp in place when the point carries no works (works carry their own). */
  colourTemperatureK?: number;
  /** Consumed power (lamp + gear) of the lamp before works, from the file's column; see losses.ts. */
  consumedPowerW?: number;
  /**
   * Impossible values found in the file (a 728 K colour temperature, a negative consumed power…), kept as
   * written so they can be shown and corrected, never used in a computation.
   */
  ignoredValues?: Partial<Record<IgnorableField, string>>;
}

/** Optional descriptive fields whose impossible values are flagged on the point instead of rejecting it. */
export type IgnorableField =
  | 'colourTemperatureK'
  | 'ulrPercent'
  | 'fluxLm'
  | 'installYear'
  | 'consumedPowerW'
  | 'consumedPowerAfterW';

export const IGNORABLE_FIELD_LABELS: Readonly<Record<IgnorableField, string>> = {
  colourTemperatureK: 'Température de couleur',
  ulrPercent: 'ULR',
  fluxLm: 'Flux lumineux',
  installYear: 'Année de pose',
  consumedPowerW: 'Puissance consommée',
  consumedPowerAfterW: 'Puissance consommée après travaux',
};

/** Renovation classes; `decommissioned` and `notClassifiable` are explicit, never silently folded. */
export type FactorClass = 'factor4' | 'factor2' | 'belowTarget' | 'notClassifiable' | 'decommissioned';

export const FACTOR_CLASS_LABELS: Readonly<Record<FactorClass, string>> = {
  factor4: 'Facteur 4 (énergie ÷ 4 ou plus)',
  factor2: 'Facteur 2 (énergie ÷ 2 à 4)',
  belowTarget: 'Sous l’objectif (énergie ÷ moins de 2)',
  notClassifiable: 'Non classable (puissance après travaux inconnue)',
  decommissioned: 'Point déposé (supprimé)',
};

export function isTechnology(value: unknown): value is Technology {
  return typeof value === 'string' && (TECHNOLOGIES as readonly string[]).includes(value);
}

export function isStatus(value: unknown): value is LightStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}
