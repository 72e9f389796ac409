/** Accent- and case-insensitive comparison of what people type in spreadsheets. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase();
}

/** `Date du conseil` → `date_du_conseil`; `N° de voie` → `n_de_voie`. */
export function keyOf(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Words of a header, also splitting camelCase (`firstName` → first, name). */
export function wordsOf(text: string): string[] {
  return foldText(text.replace(/([a-z])([A-Z])/g, '$1 $2'))
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Splits a multi-valued cell: `isolation | chauffage`, `isolation, chauffage`, `isolation;chauffage`. */
export function splitList(cell: string | null | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[|,;/+\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Parses amounts as French spreadsheets write them: `12 500,50 €`, `12500.5`, `12.500,50`.
 * Returns null when the text is not a number (never NaN).
 */
export function parseFrenchNumber(cell: string | null | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  let text = cell.replace(/[\s\u00a0\u202f€]|eur(os?)?|kwh(\/an)?/gi, '');
  if (text === '') return null;
  const lastComma = text.lastIndexOf(',');
  const lastDot = text.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // The later separator is the decimal one; the other groups thousands.
    text = lastComma > lastDot ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '');
  } else if (lastComma >= 0) {
    // A single comma is the French decimal separator; several can only group thousands.
    text = /^-?\d{1,3}(,\d{3}){2,}$/.test(text) ? text.replace(/,/g, '') : text.replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    text = text.replace(/\./g, '');
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
