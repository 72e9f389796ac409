/**
 * RGPD by design: advisers' exports often carry the household's name, phone, e-mail or street address.
 * None of it is needed to steer the contract, so such columns are detected and dropped unless the user
 * explicitly keeps them, and households are identified by an opaque id.
 */
import { foldText, wordsOf } from './text.ts';

/** Words that make a column personal on their own. */
const PERSONAL_WORDS = new Set([
  'nom',
  'noms',
  'prenom',
  'prenoms',
  'name',
  'firstname',
  'lastname',
  'surname',
  'patronyme',
  'civilite',
  'telephone',
  'tel',
  'tels',
  'phone',
  'mobile',
  'portable',
  'gsm',
  'email',
  'mail',
  'courriel',
  'adresse',
  'address',
  'rue',
  'voie',
  'lieudit',
  'naissance',
  'birth',
  'birthdate',
]);

/** Word pairs personal only together (`lieu-dit`); `e-mail`, `numéro de voie` are caught by one word. */
const PERSONAL_PAIRS = [['lieu', 'dit']];

/**
 * Words showing the column describes the commune, the adviser's organisation or an id rather than the
 * household: `nom_commune`, `commune name`, `adresse du point conseil` stay.
 */
const NOT_PERSONAL_WORDS = new Set([
  'commune',
  'communes',
  'ville',
  'localite',
  'town',
  'city',
  'municipality',
  'insee',
  'epci',
  'departement',
  'region',
  'structure',
  'espace',
  'organisme',
  'pays',
]);

export function isPersonalColumn(header: string): boolean {
  const words = wordsOf(header);
  if (words.some((w) => NOT_PERSONAL_WORDS.has(w))) return false;
  if (words.some((w) => PERSONAL_WORDS.has(w))) return true;
  const joined = ` ${words.join(' ')} `;
  return PERSONAL_PAIRS.some(([a, b]) => joined.includes(` ${a} ${b} `));
}

export function detectPersonalColumns(fields: readonly string[]): string[] {
  return fields.filter(isPersonalColumn);
}

export interface PersonalColumnsDecision {
  /** Columns that may be read. */
  fields: string[];
  personal: string[];
  kept: boolean;
  /** French message for the import report; null when the file has no personal column. */
  warning: string | null;
}

/** Drops personal columns by default; `keepPersonalColumns` keeps them (with a warning all the same). */
export function decidePersonalColumns(
  fields: readonly string[],
  options: { keepPersonalColumns?: boolean } = {},
): PersonalColumnsDecision {
  const personal = detectPersonalColumns(fields);
  const kept = options.keepPersonalColumns === true;
  if (personal.length === 0) return { fields: [...fields], personal, kept, warning: null };
  const list = personal.map((f) => `« ${f} »`).join(', ');
  const plural = personal.length > 1;
  const warning = kept
    ? `Données personnelles conservées à votre demande (${plural ? 'colonnes' : 'colonne'} ${list}) : ` +
      'veillez à leur base légale et à leur durée de conservation (RGPD).'
    : `${plural ? `${personal.length} colonnes de données personnelles ignorées` : 'Colonne de données personnelles ignorée'} ` +
      `(${list}) : elles ne sont ni importées ni conservées (RGPD). ` +
      'Pour les garder, cochez explicitement « Conserver les données personnelles ».';
  return {
    fields: kept ? [...fields] : fields.filter((f) => !personal.includes(f)),
    personal,
    kept,
    warning,
  };
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
/**
 * French numbers: 0X XX XX XX XX with spaces, dots or dashes, 10 digits in a row, or +33 / 0033 (with an
 * optional « (0) ») followed by the 9 digits.
 */
const PHONE = /(?:(?:\+|00)33\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/;
const STREET_WORDS =
  'rue|avenue|av|bd|boulevard|chemin|impasse|allee|place|route|rte|quai|chaussee|cours|square|residence|lotissement|hameau|sentier|passage|ruelle|voie|cite';
/** « 12 rue … », « 12 bis, avenue … ». */
const STREET = new RegExp(`\\b\\d{1,4}\\s*(?:bis|ter)?,?\\s+(?:${STREET_WORDS})\\b`, 'i');
/** A postcode followed by a town name: « 62200 Boulogne-sur-Mer ». */
const POSTCODE_TOWN = /\b\d{5}\s+[a-z][a-z' -]{2,}/i;

/**
 * Free-text notes are where personal data slips in: returns the kinds found (French), empty when clean.
 * Used by the form to refuse a note with a phone number, an e-mail or a street address.
 */
export function personalDataInText(text: string): string[] {
  const folded = foldText(text);
  const found: string[] = [];
  if (EMAIL.test(folded)) found.push('une adresse e-mail');
  if (PHONE.test(folded)) found.push('un numéro de téléphone');
  if (STREET.test(folded) || POSTCODE_TOWN.test(folded)) found.push('une adresse postale');
  return found;
}

/**
 * 64-bit FNV-1a, pure and synchronous (it runs in the browser, the worker and the CLI alike). Not a
 * secret-keyed hash: combine with a salt when the input could be guessed.
 */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = 0xffffffffffffffffn;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * Opaque household id from values identifying it (normalised first, so `DUPONT` and `Dupont ` agree).
 * The values themselves are never stored; pass a salt held by the structure to make it unguessable.
 */
export function opaqueHouseholdId(values: readonly string[], salt = ''): string {
  const normalised = values.map((v) => foldText(v).replace(/\s+/g, ' ').trim());
  return `M-${fnv1a64(`${salt}\u0000${normalised.join('\u0000')}`).slice(0, 12)}`;
}

export interface FreeTextScan {
  /** Values kept (personal ones removed), by column. */
  keep(column: string, value: string): boolean;
  /** French report lines, one per column where values were dropped; empty when nothing was found. */
  report(): string[];
  /** Values dropped, all columns. */
  dropped(): number;
}

/**
 * Free-text columns kept by an import (unmapped `commentaire`, notes…) are scanned value by value: a value
 * holding an e-mail, a phone number or a postal address is dropped, and counted for the import report, so
 * it never reaches IndexedDB or the project file.
 */
export function freeTextScan(): FreeTextScan {
  const counts = new Map<string, number>();
  return {
    keep(column, value) {
      if (personalDataInText(value).length === 0) return true;
      counts.set(column, (counts.get(column) ?? 0) + 1);
      return false;
    },
    report: () =>
      [...counts].map(
        ([column, n]) =>
          `Colonne « ${column} » : ${n} ${n >= 2 ? 'valeurs retirées car elles contenaient' : 'valeur retirée car elle contenait'} une adresse e-mail, un numéro de téléphone ou une adresse postale (RGPD).`,
      ),
    dropped: () => [...counts.values()].reduce((s, n) => s + n, 0),
  };
}
