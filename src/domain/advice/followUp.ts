/** Updating a session's follow-up after a call: validation (French messages) and pure updaters. */
import { formatFrenchDate, readAdviceDate } from './dates.ts';
import type { FieldMessages, FormFieldSchema, Validation } from './form.ts';
import { personalDataInText } from './privacy.ts';
import { readAdviceNumber } from './text.ts';
import {
  type AdviceSession,
  FOLLOW_UP_STATUS_LABELS,
  FOLLOW_UP_STATUSES,
  type FollowUpContact,
  type FollowUpStatus,
  optionsOf,
  WORKS_TYPES,
  type WorksType,
} from './types.ts';

export interface FollowUpInput {
  status: string;
  date: string;
  note?: string;
}

export type FollowUpField = keyof FollowUpInput;

export const FOLLOW_UP_FORM_FIELDS: readonly FormFieldSchema<FollowUpField>[] = [
  {
    name: 'status',
    label: 'Nouveau statut',
    kind: 'select',
    required: true,
    options: optionsOf(FOLLOW_UP_STATUSES, FOLLOW_UP_STATUS_LABELS),
  },
  { name: 'date', label: 'Date de la relance', kind: 'date', required: true },
  {
    name: 'note',
    label: 'Note (facultative)',
    kind: 'textarea',
    required: false,
    hint: 'Pas de données personnelles : ni nom, ni téléphone, ni adresse',
  },
];

export const MAX_NOTE_LENGTH = 500;

export function validateFollowUp(
  session: Pick<AdviceSession, 'date'>,
  input: FollowUpInput,
  today: string,
): Validation<{ status: FollowUpStatus; date: string; note?: string }, FollowUpField> {
  const errors: FieldMessages<FollowUpField> = {};
  const status = (FOLLOW_UP_STATUSES as readonly string[]).includes(input.status)
    ? (input.status as FollowUpStatus)
    : null;
  if (!status) errors.status = input.status ? 'Statut de suivi inconnu.' : 'Choisissez le nouveau statut.';
  const date = readAdviceDate(input.date);
  if (!input.date?.trim()) errors.date = 'La date de la relance est obligatoire.';
  else if (!date) errors.date = 'Date invalide : utilisez le format jj/mm/aaaa.';
  else if (date > today) errors.date = 'La date de la relance ne peut pas être dans le futur.';
  else if (date < session.date)
    errors.date = `La relance ne peut pas précéder le conseil (${formatFrenchDate(session.date)}).`;
  const note = input.note?.trim() || undefined;
  if (note && note.length > MAX_NOTE_LENGTH)
    errors.note = `Note trop longue (${note.length} caractères, ${MAX_NOTE_LENGTH} au plus).`;
  else if (note) {
    const found = personalDataInText(note);
    if (found.length > 0)
      errors.note = `La note semble contenir ${found.join(' et ')} : retirez toute donnée personnelle (RGPD).`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, warnings: {} };
  return {
    ok: true,
    errors,
    warnings: {},
    value: { status: status!, date: date!, ...(note ? { note } : {}) },
  };
}

/**
 * Records a contact (pure: returns a new session). Contacts stay chronological; a contact back-dated
 * before later ones is inserted in place, and the current status is always the latest contact's.
 */
export function updateFollowUp(
  session: AdviceSession,
  status: FollowUpStatus,
  date: string,
  note?: string,
): AdviceSession {
  const contact: FollowUpContact = { date, statusAfter: status, ...(note ? { note } : {}) };
  const contacts = [...session.followUp.contacts];
  let at = contacts.length;
  while (at > 0 && contacts[at - 1]!.date > date) at--;
  contacts.splice(at, 0, contact);
  return {
    ...session,
    followUp: { ...session.followUp, contacts, status: contacts[contacts.length - 1]!.statusAfter },
  };
}

export interface WorksDetailsInput {
  worksTypes?: readonly string[];
  amountEur?: string | number | null;
  estimatedGainKwh?: string | number | null;
}

/** Sets the works details when known; blank amounts remove the value. Unknown work types are ignored. */
export function setWorksDetails(session: AdviceSession, input: WorksDetailsInput): AdviceSession {
  const followUp = { ...session.followUp };
  if (input.worksTypes)
    followUp.worksTypes = [...new Set(input.worksTypes)].filter((w): w is WorksType =>
      (WORKS_TYPES as readonly string[]).includes(w),
    );
  const num = (v: string | number | null | undefined) =>
    typeof v === 'number' ? (Number.isFinite(v) && v >= 0 ? v : null) : readAdviceNumber(v);
  if (input.amountEur !== undefined) {
    const v = num(input.amountEur);
    if (v === null) delete followUp.amountEur;
    else followUp.amountEur = v;
  }
  if (input.estimatedGainKwh !== undefined) {
    const v = num(input.estimatedGainKwh);
    if (v === null) delete followUp.estimatedGainKwh;
    else followUp.estimatedGainKwh = v;
  }
  return { ...session, followUp };
}
