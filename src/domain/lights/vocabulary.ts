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
  // « LED50/830 », « 48 LEDS », « Diodes électroluminescentes ».
  { technology: 'led', tokens: ['led', 'leds', 'del'], words: ['diode', 'electroluminescent'] },
  {
    technology: 'mercury',
    tokens: ['bf', 'bfl', 'hpl', 'hql', 'mbf', 'hg', 'mercury'],
    words: ['mercure', 'ballon'],
  },
  // Ceramic burners (CDM-T, CDO-TT), Cosmopolis (COSMO, CPO) and quartz burners (HQI) are metal halide lamps.
  {
    technology: 'metalHalide',
    tokens: [
      'im',
      'hqi',
      'cdm',
      'cdmt',
      'cdmtd',
      'cdmtc',
      'cdo',
      'cdott',
      'cdoet',
      'cdmr',
      'mh',
      'cpo',
      'hci',
      'metalhalide',
    ],
    words: ['iodure', 'halogenure', 'metal', 'cosmo'],
  },
  {
    technology: 'sodiumLowPressure',
    tokens: ['sbp', 'lps', 'sox', 'sodiumlowpressure'],
    words: ['basse_pression'],
  },
  // « SHP substituée » (a sodium lamp in a mercury ballast) is high-pressure sodium; « LAMP SOHP 150W » too.
  {
    technology: 'sodiumHighPressure',
    tokens: ['shp', 'sohp', 'nahp', 'hps', 'son', 'sont', 'sap', 'sodiumhighpressure'],
    words: ['sodium', 'na_hp', 'haute_pression'],
  },
  {
    technology: 'compactFluorescent',
    tokens: ['fc', 'lfc', 'cfl', 'tc', 'pl', 'plc', 'pll', 'compactfluorescent'],
    words: ['fluocompact', 'fluo_compact', 'fluorescente_compacte', 'basse_consommation'],
  },
  {
    technology: 'fluorescentTube',
    tokens: ['tl', 'tf', 'tld', 'tldxtra', 't5', 't8', 'fluorescenttube'],
    words: ['tube', 'fluorescent', 'neon'],
  },
  { technology: 'halogen', tokens: ['halogen', 'ha'], words: ['halogene', 'incandescen', 'iodine'] },
  {
    technology: 'other',
    tokens: ['autre', 'autres', 'inconnu', 'inconnue', 'nc', 'nr', 'other', 'aucune'],
    words: ['non_renseign'],
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
  // « SHP-100W-T » → shp, 100w, t; « LED50/830 » → led50, 830: a token may carry the power or a colour code.
  const raw = folded.split('_');
  const tokens = new Set([...raw, ...raw.map((t) => t.replace(/\d+[a-z]?$/, ''))]);
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

const POWER_IN_LABEL = /(?:^|[^0-9a-z])(\d{1,4}(?:[.,]\d+)?)\s*w(?:att)?s?(?![a-z])/i;

/**
 * A lamp power written inside a label (« SHP-100W-T » → 100, « LAMP SOHP 150W » → 150, « LED-34w » → 34), or
 * null. Used when the power column is empty or 0 (which inventories write for « unknown »).
 */
export function powerInLabel(text: string): number | null {
  const m = POWER_IN_LABEL.exec(text);
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  return value > 0 && value <= 5000 ? value : null;
}
