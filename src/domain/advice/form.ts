/**
 * Recording a session and updating its follow-up: the form schema (French labels, options) the UI renders,
 * field-by-field validation with French messages, and pure constructors/updaters.
 */
import { type CommuneRef, createCommuneResolver } from './communes.ts';
import { formatFrenchDate, readAdviceDate } from './dates.ts';
import { opaqueHouseholdId, personalDataInText } from './privacy.ts';
import { readAdviceNumber } from './text.ts';
import {
  ADVICE_CHANNELS,
  ADVICE_TOPICS,
  type AdviceChannel,
  type AdviceSession,
  type AdviceTopic,
  CHANNEL_LABELS,
  DWELLING_TYPE_LABELS,
  DWELLING_TYPES,
  type DwellingType,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_STATUSES,
  type FollowUpStatus,
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_STATUSES,
  type HouseholdStatus,
  optionsOf,
  type SelectOption,
  TOPIC_LABELS,
  WORKS_TYPE_LABELS,
  WORKS_TYPES,
  type WorksType,
} from './types.ts';

/** What the form holds: strings as inputs give them (numbers may already be numbers). */
export interface AdviceFormInput {
  date: string;
  insee: string;
  channel: string;
  householdStatus: string;
  dwellingType: string;
  topics: readonly string[];
  householdId?: string;
  status?: string;
  worksTypes?: readonly string[];
  amountEur?: string | number | null;
  estimatedGainKwh?: string | number | null;
}

export type AdviceFormField = keyof AdviceFormInput;

/** A validated input, ready for `createSession`. */
export interface AdviceSessionDraft {
  date: string;
  insee: string;
  channel: AdviceChannel;
  householdStatus: HouseholdStatus;
  dwellingType: DwellingType;
  topics: AdviceTopic[];
  householdId?: string;
  status: FollowUpStatus;
  worksTypes: WorksType[];
  amountEur?: number;
  estimatedGainKwh?: number;
}

export type FieldMessages<F extends string> = Partial<Record<F, string>>;

export type Validation<T, F extends string> =
  | { ok: true; value: T; errors: FieldMessages<F>; warnings: FieldMessages<F> }
  | { ok: false; errors: FieldMessages<F>; warnings: FieldMessages<F> };

export interface FormFieldSchema<F extends string = AdviceFormField> {
  name: F;
  label: string;
  kind: 'date' | 'commune' | 'select' | 'checkboxes' | 'text' | 'number' | 'textarea';
  required: boolean;
  options?: SelectOption[];
  hint?: string;
  unit?: string;
}

/** Fields in keyboard order. The commune field takes its options from the territory at runtime. */
export const ADVICE_FORM_FIELDS: readonly FormFieldSchema[] = [
  { name: 'date', label: 'Date du conseil', kind: 'date', required: true },
  {
    name: 'insee',
    label: 'Commune du logement',
    kind: 'commune',
    required: true,
    hint: 'Commune du Pays Boulonnais (nom ou code INSEE)',
  },
  {
    name: 'channel',
    label: 'Canal',
    kind: 'select',
    required: true,
    options: optionsOf(ADVICE_CHANNELS, CHANNEL_LABELS),
  },
  {
    name: 'householdStatus',
    label: "Statut d'occupation",
    kind: 'select',
    required: true,
    options: optionsOf(HOUSEHOLD_STATUSES, HOUSEHOLD_STATUS_LABELS),
  },
  {
    name: 'dwellingType',
    label: 'Type de logement',
    kind: 'select',
    required: true,
    options: optionsOf(DWELLING_TYPES, DWELLING_TYPE_LABELS),
  },
  {
    name: 'topics',
    label: 'Thématiques abordées',
    kind: 'checkboxes',
    required: true,
    options: optionsOf(ADVICE_TOPICS, TOPIC_LABELS),
  },
  {
    name: 'householdId',
    label: 'Identifiant du ménage (facultatif)',
    kind: 'text',
    required: false,
    hint: 'Référence de dossier anonyme — jamais de nom, téléphone ni adresse',
  },
  {
    name: 'status',
    label: 'Suivi',
    kind: 'select',
    required: false,
    options: optionsOf(FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS),
  },
  {
    name: 'worksTypes',
    label: 'Types de travaux',
    kind: 'checkboxes',
    required: false,
    options: optionsOf(WORKS_TYPES, WORKS_TYPE_LABELS),
  },
  { name: 'amountEur', label: 'Montant des travaux', kind: 'number', required: false, unit: '€' },
  {
    name: 'estimatedGainKwh',
    label: 'Gain énergétique estimé',
    kind: 'number',
    required: false,
    unit: 'kWh/an',
  },
];

export function emptyAdviceForm(today: string): AdviceFormInput {
  return {
    date: today,
    insee: '',
    channel: '',
    householdStatus: '',
    dwellingType: '',
    topics: [],
    householdId: '',
    status: 'toRemind',
    worksTypes: [],
    amountEur: '',
    estimatedGainKwh: '',
  };
}

export interface FormContext {
  /** The user's local day (ISO): no session in the future. */
  today: string;
  communes: readonly CommuneRef[];
  /** When given, an earlier date is accepted with a warning (it does not count toward the target). */
  contractStart?: string;
}

const MAX_AMOUNT_EUR = 1_000_000;
const MAX_GAIN_KWH = 1_000_000;
const HOUSEHOLD_ID = /^[A-Za-z0-9._-]{1,40}$/;

function pickCode<T extends string>(value: string, codes: readonly T[]): T | null {
  return (codes as readonly string[]).includes(value) ? (value as T) : null;
}

function optionalNumber(
  value: string | number | null | undefined,
  max: number,
  what: string,
): { value?: number; error?: string } {
  if (value === null || value === undefined || value === '') return {};
  const n = typeof value === 'number' ? value : readAdviceNumber(value);
  if (n === null || !Number.isFinite(n)) return { error: `${what} : saisissez un nombre.` };
  if (n < 0) return { error: `${what} : la valeur ne peut pas être négative.` };
  if (n > max) return { error: `${what} : valeur trop grande (au plus ${max.toLocaleString('fr-FR')}).` };
  return { value: n };
}

/** Checks a session input; every message is French and attached to its field. */
export function validateSession(
  input: AdviceFormInput,
  context: FormContext,
): Validation<AdviceSessionDraft, AdviceFormField> {
  const errors: FieldMessages<AdviceFormField> = {};
  const warnings: FieldMessages<AdviceFormField> = {};

  const date = readAdviceDate(input.date);
  if (!input.date?.trim()) errors.date = 'La date du conseil est obligatoire.';
  else if (!date) errors.date = 'Date invalide : utilisez le format jj/mm/aaaa.';
  else if (date > context.today) errors.date = 'La date du conseil ne peut pas être dans le futur.';
  else if (context.contractStart && date < context.contractStart)
    warnings.date = `Date antérieure au début du contrat (${formatFrenchDate(context.contractStart)}) : ce conseil ne comptera pas dans l'objectif.`;

  let insee = '';
  if (!input.insee?.trim()) errors.insee = 'La commune est obligatoire.';
  else {
    const match = createCommuneResolver(context.communes).resolve(input.insee, input.insee);
    if (match.ok) insee = match.insee;
    else errors.insee = 'Choisissez une commune du Pays Boulonnais.';
  }

  const channel = pickCode(input.channel ?? '', ADVICE_CHANNELS);
  if (!channel) errors.channel = input.channel ? 'Canal inconnu.' : 'Choisissez le canal du conseil.';
  const householdStatus = pickCode(input.householdStatus ?? '', HOUSEHOLD_STATUSES);
  if (!householdStatus)
    errors.householdStatus = input.householdStatus
      ? "Statut d'occupation inconnu."
      : "Choisissez le statut d'occupation.";
  const dwellingType = pickCode(input.dwellingType ?? '', DWELLING_TYPES);
  if (!dwellingType)
    errors.dwellingType = input.dwellingType
      ? 'Type de logement inconnu.'
      : 'Choisissez le type de logement.';

  const topics = [...new Set(input.topics ?? [])];
  const knownTopics = topics.map((t) => pickCode(t, ADVICE_TOPICS));
  if (topics.length === 0) errors.topics = 'Cochez au moins une thématique.';
  else if (knownTopics.includes(null)) errors.topics = 'Thématique inconnue.';

  const householdId = input.householdId?.trim() || undefined;
  if (householdId && (!HOUSEHOLD_ID.test(householdId) || personalDataInText(householdId).length > 0))
    errors.householdId =
      'Identifiant du ménage : lettres, chiffres, « . », « - » ou « _ » uniquement (ni nom, ni téléphone, ni e-mail).';

  const status = input.status ? pickCode(input.status, FOLLOW_UP_STATUSES) : 'toRemind';
  if (!status) errors.status = 'Statut de suivi inconnu.';

  const works = [...new Set(input.worksTypes ?? [])];
  const knownWorks = works.map((w) => pickCode(w, WORKS_TYPES));
  if (knownWorks.includes(null)) errors.worksTypes = 'Type de travaux inconnu.';

  const amount = optionalNumber(input.amountEur, MAX_AMOUNT_EUR, 'Montant des travaux');
  if (amount.error) errors.amountEur = amount.error;
  const gain = optionalNumber(input.estimatedGainKwh, MAX_GAIN_KWH, 'Gain énergétique estimé');
  if (gain.error) errors.estimatedGainKwh = gain.error;

  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    errors,
    warnings,
    value: {
      date: date!,
      insee,
      channel: channel!,
      householdStatus: householdStatus!,
      dwellingType: dwellingType!,
      topics: knownTopics as AdviceTopic[],
      ...(householdId ? { householdId } : {}),
      status: status!,
      worksTypes: knownWorks as WorksType[],
      ...(amount.value !== undefined ? { amountEur: amount.value } : {}),
      ...(gain.value !== undefined ? { estimatedGainKwh: gain.value } : {}),
    },
  };
}

/** Without a household reference, the household gets an opaque id derived from the session id. */
export function createSession(draft: AdviceSessionDraft, id: string): AdviceSession {
  return {
    id,
    date: draft.date,
    insee: draft.insee,
    channel: draft.channel,
    householdStatus: draft.householdStatus,
    dwellingType: draft.dwellingType,
    topics: [...draft.topics],
    followUp: {
      status: draft.status,
      contacts: [],
      worksTypes: [...draft.worksTypes],
      ...(draft.amountEur !== undefined ? { amountEur: draft.amountEur } : {}),
      ...(draft.estimatedGainKwh !== undefined ? { estimatedGainKwh: draft.estimatedGainKwh } : {}),
    },
    householdId: draft.householdId ?? opaqueHouseholdId([id]),
  };
}

export {
  FOLLOW_UP_FORM_FIELDS,
  type FollowUpInput,
  setWorksDetails,
  updateFollowUp,
  validateFollowUp,
} from './followUp.ts';
