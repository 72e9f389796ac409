/**
 * Finds the territory commune a row means when it has no coordinates: from an INSEE code, a name typed by
 * hand (`St Martin Boulogne`, `BOULOGNE SUR MER`, `Portel (Le)`, `Hesdin l Abbe`) and/or a postcode. One
 * implementation for the import engine (CLI, worker, server) and the modules' own mappings (advice).
 *
 * Postcodes and INSEE codes are both five digits and overlap in the Pas-de-Calais: 62230 is Outreau's
 * postcode and Colembert's INSEE code, 62179 is the postcode of Wissant (and three more) and Brunembert's
 * INSEE code. So a code is never trusted against a name that says otherwise, and a column mapped as INSEE
 * codes whose values are mostly postcodes of the territory is refused as a whole.
 */

export interface CommuneRef {
  insee: string;
  name: string;
  /** La Poste codes (`codesPostaux` of @etalab/decoupage-administratif); absent in older territory data. */
  postcodes?: readonly string[];
}

/** Accent- and case-insensitive text (œ → oe), as people type it in spreadsheets. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** Canonical comparison key: no accents, case, punctuation; Saint/Sainte → st/ste; leading article kept. */
export function communeNameKey(name: string): string {
  let text = foldText(name).trim();
  // Postcodes typed with the name, and « CEDEX » addresses.
  text = text.replace(/\s+cedex(\s+\d+)?$/, '').replace(/^\d{5}\s+|\s+\d{5}$/g, '');
  // `Portel (Le)`, `Capelle-lès-Boulogne (La)` → article first, as the COG writes it today.
  const article = /^(.*?)\s*\((le|la|les|l')\)$/.exec(text);
  if (article) text = `${article[2]} ${article[1]}`;
  return text
    .replace(/\bs\/\s*/g, 'sur ')
    .replace(/\bsainte\b/g, 'ste')
    .replace(/\bsaint\b/g, 'st')
    .replace(/[^a-z0-9]+/g, '');
}

/** `62160.0` (Excel) → `62160`; a 4-digit code lost its leading zero (`1004` → `01004`). */
export function normaliseInsee(cell: string): string {
  const text = cell.trim().replace(/\.0+$/, '').toUpperCase();
  return /^\d{4}$/.test(text) ? `0${text}` : text;
}

/** `62200.0`, `62 200`, `6220` (lost zero: `01000` typed `1000`) → five digits, or null. */
export function normalisePostcode(cell: string): string | null {
  const text = cell.trim().replace(/\.0+$/, '').replace(/\s+/g, '');
  if (/^\d{5}$/.test(text)) return text;
  if (/^\d{4}$/.test(text)) return `0${text}`;
  return null;
}

const INSEE_FORMAT = /^(\d{5}|2[AB]\d{3})$/;

export type CommuneMatch =
  | {
      ok: true;
      insee: string;
      via: 'insee' | 'name' | 'postcode';
      /** Accepted with something to check (a postcode that is not the commune's). */
      note?: string;
    }
  | {
      ok: false;
      reason: string;
      /** A well-formed code of a commune outside the territory: kept and flagged by the engine. */
      outside?: boolean;
    };

export interface CommuneResolver {
  has(insee: string): boolean;
  nameOf(insee: string): string | undefined;
  /** Whether postcodes are known (territory data built with them). */
  readonly hasPostcodes: boolean;
  resolve(inseeCell: string | null, nameCell: string | null, postcodeCell?: string | null): CommuneMatch;
  /** Up to `max` territory names closest to what was typed (prefix first, then edit distance). */
  closest(name: string, max?: number): string[];
  /**
   * A French explanation when the values of a column mapped as INSEE codes are postcodes of the territory
   * (more distinct values that are only postcodes than values that are only INSEE codes), else null.
   */
  postcodeColumnProblem(values: Iterable<string | null>, column: string): string | null;
}

const quote = (text: string) => `« ${text.length > 60 ? `${text.slice(0, 60)}…` : text} »`;

/** Levenshtein distance, bounded: keys are short (< 40 characters). */
function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** « de Wissant », « d’Outreau », « d’Équihen-Plage ». */
const of = (text: string) => (/^[aeiouyéèêâîôû]/i.test(text) ? `d’${text}` : `de ${text}`);

const listNames = (names: readonly string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names.at(-1)}`;

export function createCommuneResolver(communes: readonly CommuneRef[]): CommuneResolver {
  const byInsee = new Map(communes.map((c) => [c.insee, c]));
  const byName = new Map<string, CommuneRef[]>();
  const byPostcode = new Map<string, CommuneRef[]>();
  for (const c of communes) {
    const key = communeNameKey(c.name);
    byName.set(key, [...(byName.get(key) ?? []), c]);
    for (const p of c.postcodes ?? []) byPostcode.set(p, [...(byPostcode.get(p) ?? []), c]);
  }
  const keys = communes.map((c) => ({ key: communeNameKey(c.name), name: c.name }));

  const closest = (name: string, max = 3): string[] => {
    const key = communeNameKey(name);
    if (!key) return [];
    const scored = keys
      .map((k) => ({
        name: k.name,
        score: k.key.startsWith(key) || key.startsWith(k.key) ? 0 : distance(key, k.key),
      }))
      .filter((s) => s.score <= Math.max(2, Math.floor(key.length / 3)))
      .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name, 'fr'));
    return scored.slice(0, max).map((s) => s.name);
  };

  const unknownName = (name: string, among: readonly CommuneRef[] | null): CommuneMatch => {
    const suggestions = closest(name);
    // A postcode narrows the suggestions to its communes when it has several.
    const hinted = among && among.length > 1 ? among.map((c) => c.name) : [];
    const shown = [...new Set([...suggestions, ...hinted])].slice(0, 5);
    return {
      ok: false,
      reason: `commune ${quote(name)} inconnue dans le territoire${shown.length > 0 ? ` (${shown.length > 1 ? 'communes proches' : 'commune proche'} : ${shown.join(', ')})` : ''}`,
    };
  };

  /** The commune a name designates, the postcode breaking a tie between homonyms. */
  const fromName = (name: string, postcode: string | null): CommuneMatch => {
    const matches = byName.get(communeNameKey(name)) ?? [];
    const ofPostcode = postcode ? (byPostcode.get(postcode) ?? []) : null;
    if (matches.length === 0) return unknownName(name, ofPostcode);
    let chosen = matches;
    if (matches.length > 1 && ofPostcode) chosen = matches.filter((c) => ofPostcode.includes(c));
    if (chosen.length !== 1) {
      return {
        ok: false,
        reason: `commune ${quote(name)} ambiguë (${matches.map((c) => c.insee).join(', ')}) : indiquez le code INSEE ou le code postal`,
      };
    }
    const commune = chosen[0]!;
    const known = commune.postcodes ?? [];
    if (postcode && known.length > 0 && !known.includes(postcode)) {
      return {
        ok: true,
        insee: commune.insee,
        via: 'name',
        note: `code postal ${postcode} différent de celui ${of(commune.name)} (${known.join(', ')}) : commune retenue d’après son nom`,
      };
    }
    return { ok: true, insee: commune.insee, via: 'name' };
  };

  const fromPostcode = (postcode: string): CommuneMatch => {
    const matches = byPostcode.get(postcode) ?? [];
    if (matches.length === 1) return { ok: true, insee: matches[0]!.insee, via: 'postcode' };
    if (matches.length > 1) {
      return {
        ok: false,
        reason: `code postal ${postcode} commun à ${matches.length} communes (${listNames(matches.map((c) => c.name))}) : indiquez le nom de la commune`,
      };
    }
    return { ok: false, reason: `code postal ${postcode} hors du territoire`, outside: true };
  };

  /** « 62230 est le code postal d’Outreau (code INSEE 62643) » when a code is a territory postcode. */
  const postcodeHint = (code: string): string => {
    const communesOf = byPostcode.get(code);
    if (!communesOf) return '';
    return ` ; ${code} est le code postal ${of(listNames(communesOf.map((c) => `${c.name} (code INSEE ${c.insee})`)))}`;
  };

  return {
    has: (insee) => byInsee.has(insee),
    nameOf: (insee) => byInsee.get(insee)?.name,
    hasPostcodes: byPostcode.size > 0,
    closest,
    resolve(inseeCell, nameCell, postcodeCell = null) {
      const code = inseeCell?.trim() ? normaliseInsee(inseeCell) : '';
      const name = nameCell?.trim() ?? '';
      const rawPostcode = postcodeCell?.trim() ?? '';
      const postcode = rawPostcode ? normalisePostcode(rawPostcode) : null;
      if (rawPostcode && !postcode && !code && !name)
        return { ok: false, reason: `code postal ${quote(rawPostcode)} invalide (5 chiffres attendus)` };
      if (code) {
        const commune = byInsee.get(code);
        if (commune && name) {
          // Both given: they must designate the same commune, otherwise the row is flagged, not placed.
          const named = fromName(name, postcode);
          if (named.ok && named.insee !== code) {
            return {
              ok: false,
              reason: `code INSEE ${code} (${commune.name}) et commune ${quote(name)} (${named.insee}) ne concordent pas${postcodeHint(code)}`,
            };
          }
        }
        if (commune) return { ok: true, insee: code, via: 'insee' };
        if (name) {
          // Not a territory code: the name decides, when the code does not contradict it.
          const named = fromName(name, postcode);
          if (named.ok) {
            const same = byPostcode.get(code)?.some((c) => c.insee === named.insee) ?? byPostcode.size === 0;
            if (same || !INSEE_FORMAT.test(code)) return named;
            return {
              ok: false,
              reason: `code INSEE ${code} hors du territoire et commune ${quote(name)} (${named.insee}) ne concordent pas`,
            };
          }
          if (!INSEE_FORMAT.test(code)) return named;
        }
        if (!INSEE_FORMAT.test(code))
          return {
            ok: false,
            reason: `code INSEE ${quote(inseeCell!.trim())} invalide (5 caractères attendus)`,
          };
        const hint = postcodeHint(code) || (/^62\d{2}0$/.test(code) ? ' (est-ce un code postal ?)' : '');
        return { ok: false, reason: `commune ${code} hors du territoire${hint}`, outside: true };
      }
      if (name) return fromName(name, postcode);
      if (postcode) return fromPostcode(postcode);
      return { ok: false, reason: 'commune non renseignée (ni code INSEE ni nom)' };
    },
    postcodeColumnProblem(values, column) {
      if (byPostcode.size === 0) return null;
      const seen = new Set<string>();
      let postcodeOnly = 0;
      let inseeOnly = 0;
      let example: string | null = null;
      for (const value of values) {
        if (value === null) continue;
        const code = normaliseInsee(value);
        if (seen.has(code)) continue;
        seen.add(code);
        if (seen.size > 10_000) break;
        const isInsee = byInsee.has(code);
        const isPostcode = byPostcode.has(code);
        if (isPostcode && !isInsee) {
          postcodeOnly++;
          example ??= code;
        } else if (isInsee && !isPostcode) inseeOnly++;
      }
      if (postcodeOnly === 0 || postcodeOnly <= inseeOnly) return null;
      const communesOf = byPostcode.get(example!)!;
      const both = [...seen].filter((c) => byInsee.has(c) && byPostcode.has(c)).slice(0, 2);
      const ambiguous = both
        .map(
          (c) =>
            ` ${c} est à la fois le code postal ${of(listNames(byPostcode.get(c)!.map((x) => x.name)))} et le code INSEE ${of(byInsee.get(c)!.name)}.`,
        )
        .join('');
      return (
        `La colonne ${quote(column)}, choisie comme code INSEE, contient des codes postaux : ${example} est le code postal ${of(listNames(communesOf.map((c) => `${c.name} (code INSEE ${c.insee})`)))}.${ambiguous} ` +
        'Des lignes seraient rattachées à une autre commune : associez cette colonne au code postal (et la colonne du nom de commune, s’il y en a une), puis relancez l’import.'
      );
    },
  };
}
