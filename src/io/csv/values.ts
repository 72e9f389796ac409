/**
 * Cell-level conventions of French spreadsheet exports: missing markers, decimal commas, thousands
 * separators written as (narrow) no-break spaces, dd/mm/yyyy dates.
 */

const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null']);

/** True for an empty cell or a conventional "no value" marker (`NA`, `N/A`, `n/a`, `#N/A`, `NULL`). */
export function isMissingValue(text: string | null | undefined): boolean {
  return text === null || text === undefined || MISSING.has(text.trim().toLowerCase());
}

/** Trimmed text, or null for a missing value. */
export function cleanCell(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return MISSING.has(trimmed.toLowerCase()) ? null : trimmed;
}

// Spaces used as thousands separators: ordinary, no-break (Excel), narrow no-break and thin (LibreOffice).
const GROUP_SPACES = /[\s\u00a0\u202f\u2009]/g;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses `1,5`, `1 234,5`, `1.5`, `1.234,5`, `1,234.5`, `-0,25`, `1,5E+06`; null when missing or not a number.
 * A single comma or a single dot is the decimal separator (`1,234` is 1.234, as a French user means it);
 * when both appear, the last one is the decimal separator and the other groups thousands.
 */
export function parseNumberFr(text: string | null | undefined): number | null {
  if (isMissingValue(text)) return null;
  let s = (text as string).replace(GROUP_SPACES, '').replace(/\u2212/g, '-');
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    if (comma > dot) s = s.replace(/\./g, '').replace(',', '.');
    else s = s.replace(/,/g, '');
  } else if (comma >= 0) {
    if (s.indexOf(',') !== comma) s = s.replace(/,/g, '');
    else s = s.replace(',', '.');
  } else if (dot >= 0 && s.indexOf('.') !== dot) {
    s = s.replace(/\./g, '');
  }
  if (!PLAIN_NUMBER.test(s)) return null;
  const value = Number(s);
  return Number.isFinite(value) ? value : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const FR_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$/;
const ISO_DATE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASHED_ISO = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/**
 * `dd/mm/yyyy` (also `-` or `.`, 2-digit years pivot at 70, optional time) and ISO `yyyy-mm-dd[Thh:mm…]`
 * → `yyyy-mm-dd`; null when missing or not a real calendar date (31/02 is rejected).
 */
export function parseDateFr(text: string | null | undefined): string | null {
  if (isMissingValue(text)) return null;
  const s = (text as string).trim();
  const iso = ISO_DATE.exec(s) ?? SLASHED_ISO.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const fr = FR_DATE.exec(s);
  if (fr) {
    let year = Number(fr[3]);
    if (fr[3]!.length === 2) year += year < 70 ? 2000 : 1900;
    return isoDate(year, Number(fr[2]), Number(fr[1]));
  }
  return null;
}

/**
 * Header name folded for matching: lower case, accents removed, every run of non-alphanumerics → `_`.
 * `Longitude (WGS84)` → `longitude_wgs84`, `Code INSEE` → `code_insee`.
 */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Header cells as field names: trimmed, blanks named `colonne_N`, duplicates suffixed `_2`, `_3`…
 * so every field can be addressed by name.
 */
export function uniqueFieldNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.trim() || `colonne_${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return name;
  });
}
