/**
 * One CSV row per session, with French headers and labels as advisers' exports have them, and no personal
 * data. Used by the sample generator and for exports; the import mapping reads it back unchanged.
 * Write it with `toCsv` (formula neutralisation, BOM).
 */
import { formatFrenchDate } from './dates.ts';
import {
  type AdviceSession,
  CHANNEL_LABELS,
  DWELLING_TYPE_LABELS,
  FOLLOW_UP_STATUS_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  TOPIC_LABELS,
  WORKS_TYPE_LABELS,
} from './types.ts';

export const ADVICE_CSV_HEADER = [
  'id_conseil',
  'date_conseil',
  'code_insee',
  'commune',
  'canal',
  'statut_occupation',
  'type_logement',
  'thematiques',
  'id_menage',
  'statut_suivi',
  'date_relance',
  'historique_relances',
  'types_travaux',
  'montant_travaux',
  'gain_estime_kwh',
];

export type AdviceCsvCell = string | number | null;

export function adviceCsvRows(
  sessions: readonly AdviceSession[],
  communeName: (insee: string) => string | undefined = () => undefined,
): AdviceCsvCell[][] {
  return sessions.map((s) => {
    const { followUp } = s;
    const last = followUp.contacts[followUp.contacts.length - 1];
    return [
      s.id,
      formatFrenchDate(s.date),
      s.insee,
      communeName(s.insee) ?? null,
      CHANNEL_LABELS[s.channel],
      HOUSEHOLD_STATUS_LABELS[s.householdStatus],
      DWELLING_TYPE_LABELS[s.dwellingType],
      s.topics.map((t) => TOPIC_LABELS[t]).join(' | '),
      s.householdId,
      FOLLOW_UP_STATUS_LABELS[followUp.status],
      last ? formatFrenchDate(last.date) : null,
      followUp.contacts
        .map((c) => `${formatFrenchDate(c.date)} ${FOLLOW_UP_STATUS_LABELS[c.statusAfter]}`)
        .join(' | '),
      followUp.worksTypes.map((w) => WORKS_TYPE_LABELS[w]).join(' | '),
      followUp.amountEur ?? null,
      followUp.estimatedGainKwh ?? null,
    ];
  });
}
