/**
 * Column names found in advisers' exports (France Rénov' tools, home-made spreadsheets), compared as
 * `keyOf` keys (no accents, case, punctuation). The first alias that matches wins; the UI lets the user
 * override the detected mapping.
 */
import { keyOf } from './text.ts';

export const ADVICE_COLUMN_FIELDS = [
  'id',
  'date',
  'insee',
  'communeName',
  'channel',
  'householdStatus',
  'dwellingType',
  'topics',
  'status',
  'lastContactDate',
  'contactHistory',
  'worksTypes',
  'amountEur',
  'estimatedGainKwh',
  'householdId',
] as const;
export type AdviceColumnField = (typeof ADVICE_COLUMN_FIELDS)[number];

export type AdviceColumnMapping = Partial<Record<AdviceColumnField, string>>;

export const ADVICE_COLUMN_LABELS: Record<AdviceColumnField, string> = {
  id: 'Identifiant du conseil',
  date: 'Date du conseil',
  insee: 'Code INSEE de la commune',
  communeName: 'Nom de la commune',
  channel: 'Canal',
  householdStatus: "Statut d'occupation",
  dwellingType: 'Type de logement',
  topics: 'Thématiques',
  status: 'Statut du suivi',
  lastContactDate: 'Date de la dernière relance',
  contactHistory: 'Historique des relances',
  worksTypes: 'Types de travaux',
  amountEur: 'Montant des travaux (€)',
  estimatedGainKwh: 'Gain énergétique estimé (kWh/an)',
  householdId: 'Identifiant du ménage',
};

export const ADVICE_COLUMN_ALIASES: Record<AdviceColumnField, readonly string[]> = {
  id: [
    'id_conseil',
    'identifiant_conseil',
    'num_dossier',
    'numero_dossier',
    'id_dossier',
    'id',
    'identifiant',
    'numero_conseil',
    'n_conseil',
    'reference',
    'ref',
  ],
  date: [
    'date_conseil',
    'date_du_conseil',
    'date',
    'date_rdv',
    'date_entretien',
    'date_contact_initial',
    'date_premier_contact',
  ],
  insee: [
    'code_insee',
    'insee',
    'code_commune',
    'insee_commune',
    'code_insee_commune',
    'cog',
    'codgeo',
    'depcom',
  ],
  communeName: ['commune', 'nom_commune', 'libelle_commune', 'ville', 'localite', 'commune_logement'],
  channel: ['canal', 'canal_contact', 'mode_contact', 'type_contact', 'modalite', 'mode', 'type_conseil'],
  householdStatus: [
    'statut_occupation',
    'statut_d_occupation',
    'statut_occupant',
    'statut_menage',
    'occupation',
    'statut_demandeur',
  ],
  dwellingType: ['type_logement', 'type_de_logement', 'logement', 'typologie', 'typologie_logement'],
  topics: ['thematiques', 'thematique', 'themes', 'theme', 'sujets', 'sujet', 'thematiques_abordees'],
  status: ['statut_suivi', 'suivi', 'etat_suivi', 'statut_du_suivi', 'resultat', 'issue', 'statut'],
  lastContactDate: [
    'date_relance',
    'date_derniere_relance',
    'derniere_relance',
    'date_dernier_contact',
    'date_suivi',
  ],
  contactHistory: ['historique_relances', 'historique_suivi', 'relances', 'historique'],
  worksTypes: ['types_travaux', 'type_travaux', 'travaux', 'nature_travaux', 'travaux_realises'],
  amountEur: [
    'montant_travaux',
    'montant_des_travaux',
    'montant',
    'montant_ttc',
    'cout_travaux',
    'montant_eur',
  ],
  estimatedGainKwh: [
    'gain_estime_kwh',
    'gain_kwh',
    'gain_energetique',
    'gain_estime',
    'economie_kwh',
    'economies_kwh',
    'gain_energetique_kwh',
  ],
  householdId: [
    'id_menage',
    'menage',
    'identifiant_menage',
    'id_foyer',
    'foyer',
    'household_id',
    'code_menage',
  ],
};

/**
 * Maps each field to a source column. Exact alias matches are tried field by field in alias order, so
 * `statut_suivi` goes to the status and a bare `statut` only when nothing better exists; a column is
 * used once. `overrides` (the user's choice) win.
 */
export function detectAdviceColumns(
  fields: readonly string[],
  overrides: AdviceColumnMapping = {},
): AdviceColumnMapping {
  const byKey = new Map<string, string>();
  for (const f of fields) if (!byKey.has(keyOf(f))) byKey.set(keyOf(f), f);
  const used = new Set(Object.values(overrides).filter((v): v is string => !!v));
  const mapping: AdviceColumnMapping = {};
  for (const field of ADVICE_COLUMN_FIELDS) {
    const chosen = overrides[field];
    if (chosen && fields.includes(chosen)) {
      mapping[field] = chosen;
      continue;
    }
    for (const alias of ADVICE_COLUMN_ALIASES[field]) {
      const source = byKey.get(alias);
      if (source && !used.has(source)) {
        mapping[field] = source;
        used.add(source);
        break;
      }
    }
  }
  return mapping;
}
