/**
 * RGPD by design: advisers' exports often carry the household's name, phone, e-mail or street address.
 * None of it is needed to steer the contract, so such columns are detected and dropped unless the user
 * explicitly keeps them, and households are identified by an opaque id.
 */
import { hmacSha256Hex } from '../../lib/hmacSha256.ts';
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
 * A name after a civility or « famille » (« M. Caron », « Mme DURAND », « famille Lefebvre »): case matters
 * (« M. le maire » is not a person's name), so it is tested on the text with accents removed, not lowercased.
 */
const PERSON_NAME =
  /(?:\b[Mm]\.|\b[Mm]r\.?|\b[Mm]mes?\.?|\b[Mm]lle\.?|\b[Mm]onsieur|\b[Mm]adame|\b[Mm]ademoiselle|\b[Ff]amille)\s+[A-Z][A-Za-z'-]+/;

/**
 * Free-text notes are where personal data slips in: returns the kinds found (French), empty when clean.
 * Used by the form to refuse a note with a phone number, an e-mail or a street address.
 */
export function personalDataInText(text: string, options: { postalAddressAllowed?: boolean } = {}): string[] {
  const folded = foldText(text);
  const found: string[] = [];
  if (EMAIL.test(folded)) found.push('une adresse e-mail');
  if (PHONE.test(folded)) found.push('un numéro de téléphone');
  if (!options.postalAddressAllowed && (STREET.test(folded) || POSTCODE_TOWN.test(folded)))
    found.push('une adresse postale');
  if (PERSON_NAME.test(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')))
    found.push('un nom de personne');
  return found;
}

/** « a, b ou c » */
function orList(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} ou ${items[items.length - 1]}`;
}

/**
 * Opaque household id from values identifying it (normalised first, so `DUPONT` and `Dupont ` agree): an
 * HMAC-SHA-256 under the pseudonym key, which lives in the browser (src/storage/pseudonymKey.ts) and is never
 * written to the workspace or the project file. Without the key, nobody holding an exported file can test a
 * guessed name or address against the ids (docs/security.md). The values themselves are never stored.
 */
export function opaqueHouseholdId(values: readonly string[], keyHex = ''): string {
  const normalised = values.map((v) => foldText(v).replace(/\s+/g, ' ').trim());
  return `M-${hmacSha256Hex(keyHex, normalised.join('\u0000')).slice(0, 12)}`;
}

const KIND_ORDER = [
  'une adresse e-mail',
  'un numéro de téléphone',
  'une adresse postale',
  'un nom de personne',
];

export interface FreeTextScan {
  /**
   * Whether a value may be kept (false: personal, counted for the report). `postalAddressAllowed`: the
   * column is a place's address (a street light's), where only e-mails and phone numbers are personal.
   */
  keep(column: string, value: string, options?: { postalAddressAllowed?: boolean }): boolean;
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
  const counts = new Map<string, { n: number; kinds: Set<string> }>();
  return {
    keep(column, value, options) {
      const found = personalDataInText(value, options);
      if (found.length === 0) return true;
      const entry = counts.get(column) ?? { n: 0, kinds: new Set<string>() };
      entry.n++;
      for (const kind of found) entry.kinds.add(kind);
      counts.set(column, entry);
      return false;
    },
    report: () =>
      [...counts].map(
        ([column, { n, kinds }]) =>
          `Colonne « ${column} » : ${n} ${n >= 2 ? 'valeurs retirées car elles contenaient' : 'valeur retirée car elle contenait'} ${orList(KIND_ORDER.filter((k) => kinds.has(k)))} (RGPD).`,
      ),
    dropped: () => [...counts.values()].reduce((s, e) => s + e.n, 0),
  };
}
