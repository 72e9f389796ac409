/**
 * French number formatting for legends, tables and tooltips.
 *
 * Written by hand rather than with `Intl.NumberFormat('fr-FR')` because the separators ICU emits changed
 * between versions (U+00A0 vs U+202F): legends and CSV-like exports must be identical in Node, every
 * browser and the tests.
 */
import { agree } from '../../lib/plural.ts';

/** Espace fine insécable: French thousands separator and the space before %, ‰ and units. */
export const THIN_SPACE = '\u202F';
/** En dash with spaces, the French typographic range separator ("12 – 25 %"). */
export const RANGE_SEPARATOR = ' – ';

/** `1234567.891` → `"1 234 567,89"` (with `decimals` = 2). Non-finite → `"–"`. */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '–';
  const places = Math.max(0, Math.min(10, Math.floor(decimals)));
  const fixed = Math.abs(value).toFixed(places);
  const [integerPart = '0', fraction] = fixed.split('.');
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, THIN_SPACE);
  // "-0" never reads well: a value that rounds to zero is printed as zero.
  const negative = value < 0 && /[1-9]/.test(fixed);
  return `${negative ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** A value with its unit, separated by a thin space: `"12,5 %"`, `"1 234 kWh"`. Empty unit → number only. */
export function formatValue(value: number, unit = '', decimals = 0): string {
  const number = formatNumber(value, decimals);
  return unit ? `${number}${THIN_SPACE}${unit}` : number;
}

/** A ratio in [0, 1] shown as a percentage: `0.123` → `"12,3 %"`. */
export function formatPercent(ratio: number, decimals = 0): string {
  return formatValue(ratio * 100, '%', decimals);
}

/** `"12 – 25 %"`; a degenerate range (min = max once rounded) is shown as one value. */
export function formatRange(min: number, max: number, unit = '', decimals = 0): string {
  const low = formatNumber(min, decimals);
  const high = formatNumber(max, decimals);
  if (low === high) return formatValue(min, unit, decimals);
  return `${low}${RANGE_SEPARATOR}${unit ? `${high}${THIN_SPACE}${unit}` : high}`;
}

/**
 * Fewest decimals (0–4) that keep every distinct break distinct once printed, so adjacent legend
 * classes never show the same bound twice. Whole-number breaks always print with 0 decimals.
 */
export function legendDecimals(breaks: readonly number[]): number {
  const finite = breaks.filter(Number.isFinite);
  const distinct = new Set(finite).size;
  for (let decimals = 0; decimals < 4; decimals++) {
    if (new Set(finite.map((b) => b.toFixed(decimals))).size === distinct) return decimals;
  }
  return 4;
}

/** The one French count + noun (rule: `agree`, src/lib/plural.ts): `plural(1, 'commune')` → `"1 commune"`, `plural(3, 'commune')` → `"3 communes"`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  // A non-integer count keeps its decimals (« 1,5 heure », singular: French plural starts at 2).
  const decimals = Number.isInteger(count) ? 0 : Math.min(2, String(count).split('.')[1]?.length ?? 0);
  return `${formatNumber(count, decimals)} ${agree(count, singular, pluralForm)}`;
}
