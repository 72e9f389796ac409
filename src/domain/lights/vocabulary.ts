import { normaliseHeader } from '../../io/csv/values.ts';
import type { LightStatus, Technology } from './types.ts';
import { STATUS_LABELS, TECHNOLOGY_LABELS } from './types.ts';

/**
 * Words of French inventory exports (SIG exports, syndicats d'énergie, maintenance contractors) for lamp
 * technologies. Matching is on folded tokens (`Sodium H.P. 100W` → sodium, h, p, 100w), first rule wins:
 * LED before sodium because "LED remplaçant SHP" is a LED.
 */
const TECHNOLOGY_RULES: readonly {
  technology: Technology;
  tokens: readonly string[];
  words: readonly string[];
}[] = [
  { technology: 'led', tokens: ['led', 'leds', 'del'], words: ['diode'] },
  {
    technology: 'mercury',
    tokens: ['bf', 'bfl', 'hpl', 'mbf', 'hg', 'mercury'],
    words: ['mercure', 'ballon'],
  },
  {
    technology: 'metalHalide',
    tokens: ['im', 'hqi', 'cdm', 'mh', 'cpo', 'hci', 'metalhalide'],
    words: ['iodure', 'halogenure', 'metal'],
  },
  // Low-pressure sodium is a known lamp but not one of the inventory classes: 'other', without a warning.
  { technology: 'other', tokens: ['sbp', 'lps', 'sox'], words: ['basse_pression'] },
  {
    technology: 'sodiumHighPressure',
    tokens: ['shp', 'nahp', 'hps', 'son', 'sont', 'sap', 'sodiumhighpressure'],
    words: ['sodium', 'na_hp', 'haute_pression'],
  },
  {
    technology: 'compactFluorescent',
    tokens: ['fc', 'lfc', 'cfl', 'tc', 'pl', 'compactfluorescent'],
    words: ['fluocompact', 'fluo_compact', 'fluorescente_compacte', 'basse_consommation'],
  },
  {
    technology: 'other',
    tokens: ['autre', 'autres', 'inconnu', 'inconnue', 'nc', 'nr', 'other', 'aucune'],
    words: ['halogene', 'incandescen', 'non_renseign'],
  },
];

const LABEL_TO_TECHNOLOGY = new Map(
  (Object.entries(TECHNOLOGY_LABELS) as [Technology, string][]).map(([t, label]) => [
    normaliseHeader(label),
    t,
  ]),
);

/** Technology named by a cell, or null when the text is not recognised (caller decides: 'other' + warning). */
export function parseTechnology(text: string): Technology | null {
  const folded = normaliseHeader(text);
  if (!folded) return null;
  const byLabel = LABEL_TO_TECHNOLOGY.get(folded);
  if (byLabel) return byLabel;
  const tokens = new Set(folded.split('_'));
  for (const rule of TECHNOLOGY_RULES) {
    if (rule.tokens.some((t) => tokens.has(t))) return rule.technology;
    if (rule.words.some((w) => folded.includes(w))) return rule.technology;
  }
  return null;
}

const STATUS_WORDS: readonly [LightStatus, readonly string[]][] = [
  [
    'toRenovate',
    [
      'a_renover',
      'arenover',
      'non_renove',
      'non_renovee',
      'a_faire',
      'existant',
      'ancien',
      'torenovate',
      'a_programmer',
    ],
  ],
  [
    'scheduled',
    [
      'programme',
      'programmee',
      'planifie',
      'planifiee',
      'prevu',
      'prevue',
      'en_cours',
      'commande',
      'scheduled',
    ],
  ],
  [
    'renovated',
    [
      'renove',
      'renovee',
      'fait',
      'faite',
      'realise',
      'realisee',
      'termine',
      'terminee',
      'remplace',
      'remplacee',
      'renovated',
      'oui',
    ],
  ],
];

const STATUS_LOOKUP = new Map<string, LightStatus>();
for (const [status, words] of STATUS_WORDS) for (const w of words) STATUS_LOOKUP.set(w, status);
for (const [status, label] of Object.entries(STATUS_LABELS) as [LightStatus, string][])
  STATUS_LOOKUP.set(normaliseHeader(label), status);

/** Status named by a cell, or null when not recognised. */
export function parseStatus(text: string): LightStatus | null {
  return STATUS_LOOKUP.get(normaliseHeader(text)) ?? null;
}
