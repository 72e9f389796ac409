/**
 * Reads the values advisers type in their exports (French labels, abbreviations, our own codes) into codes.
 * Each reader returns `undefined` for a blank cell and `null` for a value it does not recognise, so the
 * importer can tell "not provided" from "wrong".
 */
import { foldText } from './text.ts';
import {
  ADVICE_CHANNELS,
  ADVICE_TOPICS,
  type AdviceChannel,
  type AdviceTopic,
  DWELLING_TYPES,
  type DwellingType,
  FOLLOW_UP_STATUSES,
  type FollowUpStatus,
  HOUSEHOLD_STATUSES,
  type HouseholdStatus,
  WORKS_TYPES,
  type WorksType,
} from './types.ts';

/** Lowercase, no accents, words separated by single spaces. */
function phrase(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

type Synonyms<T extends string> = Record<T, readonly string[]>;

/** Written for a blank value (our own exports included): read back as "not provided", not as an error. */
const NOT_PROVIDED = new Set(['non renseigne', 'nr', 'inconnu', 'ne sait pas', 'nsp', 'na', 'n a', '']);

function reader<T extends string>(codes: readonly T[], synonyms: Synonyms<T>) {
  const table = new Map<string, T>();
  for (const code of codes) {
    table.set(phrase(code), code);
    table.set(code.toLowerCase(), code);
    for (const s of synonyms[code]) table.set(phrase(s), code);
  }
  return (cell: string | null | undefined): T | null | undefined => {
    if (cell === null || cell === undefined || NOT_PROVIDED.has(phrase(cell))) return undefined;
    return table.get(phrase(cell)) ?? table.get(cell.trim().toLowerCase()) ?? null;
  };
}

export const readChannel = reader<AdviceChannel>(ADVICE_CHANNELS, {
  permanence: ['permanence', 'perm', 'rdv', 'rendez vous', 'accueil', 'bureau', 'physique', 'guichet'],
  phone: [
    'téléphone',
    'telephone',
    'tél',
    'tel',
    'téléphonique',
    'appel',
    'phone',
    'visio',
    'visioconférence',
  ],
  homeVisit: ['visite à domicile', 'visite domicile', 'visite', 'domicile', 'vad', 'home visit'],
  event: [
    'événement',
    'evenement',
    'évènement',
    'salon',
    'animation',
    'atelier',
    'balade thermique',
    'forum',
  ],
});

export const readHouseholdStatus = reader<HouseholdStatus>(HOUSEHOLD_STATUSES, {
  ownerOccupier: ['propriétaire occupant', 'proprietaire occupant', 'PO', 'propriétaire', 'occupant'],
  landlord: ['propriétaire bailleur', 'proprietaire bailleur', 'PB', 'bailleur'],
  tenant: ['locataire', 'loc'],
  coOwnership: ['copropriété', 'copropriete', 'copro', 'syndic', 'syndicat de copropriétaires'],
});

export const readDwellingType = reader<DwellingType>(DWELLING_TYPES, {
  house: ['maison', 'maison individuelle', 'individuel', 'pavillon'],
  apartment: ['appartement', 'appart', 'collectif', 'logement collectif'],
  other: ['autre', 'immeuble', 'local', 'mixte'],
});

export const readFollowUpStatus = reader<FollowUpStatus>(FOLLOW_UP_STATUSES, {
  toRemind: ['à relancer', 'a relancer', 'relance', 'en attente', 'en cours', 'à suivre', 'nouveau'],
  worksPlanned: ['travaux envisagés', 'envisagés', 'envisage', 'projet', 'devis', 'devis en cours'],
  worksStarted: ['travaux engagés', 'engagés', 'engage', 'en travaux', 'travaux en cours', 'démarrés'],
  worksDone: ['travaux réalisés', 'réalisés', 'realise', 'terminés', 'travaux terminés', 'fait'],
  abandoned: ['abandon', 'abandonné', 'abandonne', 'sans suite', 'refus'],
  noAnswer: ['sans réponse', 'pas de réponse', 'injoignable', 'nrp', 'ne répond pas'],
});

const COMMON_THEMES = {
  insulation: [
    'isolation',
    'isolation combles',
    'isolation murs',
    'combles',
    'murs',
    'iti',
    'ite',
    'toiture',
  ],
  heating: ['chauffage', 'chaudière', 'pompe à chaleur', 'pac', 'poêle', 'poele'],
  windows: ['menuiseries', 'menuiserie', 'fenêtres', 'fenetres', 'vitrage', 'double vitrage'],
  ventilation: ['ventilation', 'vmc'],
  renewables: [
    'énergies renouvelables',
    'energies renouvelables',
    'enr',
    'solaire',
    'photovoltaïque',
    'bois',
  ],
  hotWater: ['eau chaude sanitaire', 'eau chaude', 'ecs', 'chauffe eau'],
  globalRenovation: ['rénovation globale', 'renovation globale', 'rénovation d ampleur', 'bbc'],
  other: ['autre', 'autres', 'divers'],
} as const;

export const readTopic = reader<AdviceTopic>(ADVICE_TOPICS, {
  ...COMMON_THEMES,
  financialAid: [
    'aides financières',
    'aides',
    'aide',
    'financement',
    'maprimerenov',
    'ma prime renov',
    'cee',
    'eco ptz',
  ],
  energyAudit: ['audit énergétique', 'audit', 'dpe', 'diagnostic'],
});

export const readWorksType = reader<WorksType>(WORKS_TYPES, COMMON_THEMES);
