/**
 * Energy-advice sessions (France Rénov' / Espace Info Énergie) and their follow-up.
 * Privacy by design: a session never holds a name, phone number or street address; the household is an
 * opaque id. Codes are English, every value has a French label for the interface.
 */
import type { RecordOrigin } from '../origin.ts';

export const ADVICE_CHANNELS = ['permanence', 'phone', 'homeVisit', 'event'] as const;
export type AdviceChannel = (typeof ADVICE_CHANNELS)[number];

export const HOUSEHOLD_STATUSES = ['ownerOccupier', 'landlord', 'tenant', 'coOwnership'] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];

export const DWELLING_TYPES = ['house', 'apartment', 'other'] as const;
export type DwellingType = (typeof DWELLING_TYPES)[number];

/**
 * Imported files often leave a cell blank: the session still counts toward the 2,000, so the value is
 * recorded as 'unknown' (« non renseigné ») rather than rejecting the row. The form never offers it.
 */
export type NotProvided = 'unknown';

export const ADVICE_TOPICS = [
  'insulation',
  'heating',
  'windows',
  'ventilation',
  'renewables',
  'financialAid',
  'hotWater',
  'energyAudit',
  'globalRenovation',
  'other',
] as const;
export type AdviceTopic = (typeof ADVICE_TOPICS)[number];

export const WORKS_TYPES = [
  'insulation',
  'heating',
  'windows',
  'ventilation',
  'renewables',
  'hotWater',
  'globalRenovation',
  'other',
] as const;
export type WorksType = (typeof WORKS_TYPES)[number];

export const FOLLOW_UP_STATUSES = [
  'toRemind',
  'worksPlanned',
  'worksStarted',
  'worksDone',
  'abandoned',
  'noAnswer',
] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Works engaged or done: what the contract counts as a conversion. */
export const CONVERTED_STATUSES: readonly FollowUpStatus[] = ['worksStarted', 'worksDone'];
/** No more reminders once the household has finished its works or given up. */
export const TERMINAL_STATUSES: readonly FollowUpStatus[] = ['worksDone', 'abandoned'];
/** Mature sessions whose outcome is still not known: reported as the "unknown share". */
export const UNKNOWN_STATUSES: readonly FollowUpStatus[] = ['toRemind', 'noAnswer'];

export interface FollowUpContact {
  /** ISO date yyyy-mm-dd. */
  date: string;
  note?: string;
  statusAfter: FollowUpStatus;
}

export interface FollowUp {
  status: FollowUpStatus;
  /** Chronological. */
  contacts: FollowUpContact[];
  worksTypes: WorksType[];
  amountEur?: number;
  estimatedGainKwh?: number;
}

export interface AdviceSession {
  /** Set on sample records kept under a file's import (src/domain/origin.ts); absent otherwise. */
  origin?: RecordOrigin;
  id: string;
  /** ISO date yyyy-mm-dd. */
  date: string;
  /** INSEE code of the dwelling's commune. */
  insee: string;
  channel: AdviceChannel | NotProvided;
  householdStatus: HouseholdStatus | NotProvided;
  dwellingType: DwellingType | NotProvided;
  topics: AdviceTopic[];
  followUp: FollowUp;
  /** Opaque: never a name, never derived from one in clear. */
  householdId: string;
  /** Spreadsheet row of the imported file this session came from. */
  sourceRow?: number;
  /** Other source columns, kept so nothing is lost (personal columns only when explicitly kept). */
  extra?: Record<string, string>;
}

export const NOT_PROVIDED_LABEL = 'non renseigné';

export const CHANNEL_LABELS: Record<AdviceChannel | NotProvided, string> = {
  permanence: 'permanence',
  phone: 'téléphone',
  homeVisit: 'visite à domicile',
  event: 'événement',
  unknown: NOT_PROVIDED_LABEL,
};

export const HOUSEHOLD_STATUS_LABELS: Record<HouseholdStatus | NotProvided, string> = {
  ownerOccupier: 'propriétaire occupant',
  landlord: 'propriétaire bailleur',
  tenant: 'locataire',
  coOwnership: 'copropriété',
  unknown: NOT_PROVIDED_LABEL,
};

export const DWELLING_TYPE_LABELS: Record<DwellingType | NotProvided, string> = {
  house: 'maison',
  apartment: 'appartement',
  other: 'autre',
  unknown: NOT_PROVIDED_LABEL,
};

export const TOPIC_LABELS: Record<AdviceTopic, string> = {
  insulation: 'isolation',
  heating: 'chauffage',
  windows: 'menuiseries',
  ventilation: 'ventilation',
  renewables: 'énergies renouvelables',
  financialAid: 'aides financières',
  hotWater: 'eau chaude sanitaire',
  energyAudit: 'audit énergétique',
  globalRenovation: 'rénovation globale',
  other: 'autre',
};

export const WORKS_TYPE_LABELS: Record<WorksType, string> = {
  insulation: 'isolation',
  heating: 'chauffage',
  windows: 'menuiseries',
  ventilation: 'ventilation',
  renewables: 'énergies renouvelables',
  hotWater: 'eau chaude sanitaire',
  globalRenovation: 'rénovation globale',
  other: 'autre',
};

export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = {
  toRemind: 'à relancer',
  worksPlanned: 'travaux envisagés',
  worksStarted: 'travaux engagés',
  worksDone: 'travaux réalisés',
  abandoned: 'abandon',
  noAnswer: 'sans réponse',
};

export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
}

/** Options of a select in the order of `values` (the form never lists 'unknown'). */
export function optionsOf<T extends string>(
  values: readonly T[],
  labels: Record<T, string>,
): SelectOption<T>[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

export const isConverted = (status: FollowUpStatus): boolean => CONVERTED_STATUSES.includes(status);
export const isTerminal = (status: FollowUpStatus): boolean => TERMINAL_STATUSES.includes(status);
export const isOutcomeUnknown = (status: FollowUpStatus): boolean => UNKNOWN_STATUSES.includes(status);
