/**
 * Cell-level conventions of French spreadsheet exports: missing markers and header names. Numbers and dates
 * are read by `io/formats/number.ts` and `io/formats/date.ts`.
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
  // Next suffix to try per base name: each duplicate resumes where the previous one stopped, so n copies
  // of one name cost O(n) in total instead of O(n²).
  const next = new Map<string, number>();
  return header.map((raw, i) => {
    const base = raw.trim() || `colonne_${i + 1}`;
    let name = base;
    if (seen.has(name)) {
      let n = next.get(base) ?? 2;
      while (seen.has(`${base}_${n}`)) n++;
      name = `${base}_${n}`;
      next.set(base, n + 1);
    }
    seen.add(name);
    return name;
  });
}
