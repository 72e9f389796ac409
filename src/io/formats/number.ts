/**
 * The one reader of numbers typed in French spreadsheets and forms (every import, form, CLI command and the
 * CSV engine's byte-level fast path `parseNumberBytes` end here, so a cell has one value everywhere).
 *
 * Rules, in order:
 * 1. Missing (`''`, `NA`, `N/A`, `#N/A`, `NULL`, any case) → null.
 * 2. Unicode minus U+2212 is a minus; a leading `+`/`-` is the sign.
 * 3. A currency symbol or code before or after the number is dropped: `€`, `EUR`, `euro(s)`. Other units are
 *    dropped only when the caller names them (`{ units: /…/ }`): `12 km` is not a number unless asked for.
 * 4. Thousands separators: ordinary space, no-break space U+00A0, narrow no-break space U+202F, thin space
 *    U+2009, apostrophe `'`/`’` (Swiss), and `.` or `,` when unambiguous. Grouped digits must come in threes
 *    (`1 234 567`, not `1 2`), one kind of separator per number.
 * 5. Decimal separator: when both `,` and `.` appear the last one is decimal (`1.234,5`, `1,234.5`); a single
 *    `,` or a single `.` is decimal (`1,234` is 1.234, as a French user means it); the same mark repeated
 *    only groups thousands (`1.234.567`).
 * 6. An exponent may follow the mantissa: `1,5E+06`, `2e-3`.
 * Anything else (two numbers, letters, `Infinity`, hex) → null, never NaN.
 */
import { isMissingValue } from '../csv/values.ts';

const CURRENCY_BEFORE = /^(?:€|eur)\s*/i;
const CURRENCY_AFTER = /\s*(?:€|eur|euros?)$/i;
const GROUP_MARKS = /[ \u00a0\u202f\u2009'’]/;
// Sign, integer part with optional grouping (captured for validation), decimal part, exponent.
const SHAPE = /^([+-]?)([\d \u00a0\u202f\u2009'’.,]*)(?:[eE]([+-]?\d+))?$/;

export interface NumberOptions {
  /** Unit suffixes this column may carry (`/\s*(kwh|w)$/i`); dropped before reading the number. */
  units?: RegExp;
}

/** True when `groups` are `d{1,3}` then any number of `ddd`. */
function validGroups(groups: string[]): boolean {
  if (groups.length === 0 || !/^\d{1,3}$/.test(groups[0]!)) return false;
  for (let i = 1; i < groups.length; i++) if (!/^\d{3}$/.test(groups[i]!)) return false;
  return true;
}

/** Mantissa text → `digits[.digits]` for `Number`, or null when grouping or separators are inconsistent. */
function normaliseMantissa(m: string): string | null {
  const spaceMark = GROUP_MARKS.exec(m)?.[0];
  let body = m;
  if (spaceMark !== undefined) {
    // One grouping mark per number; what follows a decimal separator is never grouped.
    const split = /[.,]/.exec(body);
    const intPart = split ? body.slice(0, split.index) : body;
    const rest = split ? body.slice(split.index) : '';
    if (GROUP_MARKS.test(rest.replace(/[.,]/g, ''))) return null;
    const groups = intPart.split(spaceMark);
    if (groups.some((g) => GROUP_MARKS.test(g) || /[.,]/.test(g)) || !validGroups(groups)) return null;
    body = groups.join('') + rest;
  }
  const comma = body.lastIndexOf(',');
  const dot = body.lastIndexOf('.');
  let intPart = body;
  let fraction = '';
  let grouping: string | null = null;
  if (comma >= 0 && dot >= 0) {
    const decimal = comma > dot ? ',' : '.';
    grouping = decimal === ',' ? '.' : ',';
    const at = Math.max(comma, dot);
    intPart = body.slice(0, at);
    fraction = body.slice(at + 1);
    if (intPart.includes(decimal) || spaceMark !== undefined) return null;
  } else if (comma >= 0 || dot >= 0) {
    const mark = comma >= 0 ? ',' : '.';
    const first = body.indexOf(mark);
    if (first === body.lastIndexOf(mark)) {
      intPart = body.slice(0, first);
      fraction = body.slice(first + 1);
    } else {
      if (spaceMark !== undefined) return null;
      grouping = mark;
    }
  }
  if (grouping !== null) {
    const groups = intPart.split(grouping);
    if (!validGroups(groups)) return null;
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || !/^\d*$/.test(fraction) || intPart.length + fraction.length === 0)
    return null;
  return fraction ? `${intPart || '0'}.${fraction}` : intPart;
}

/** A French spreadsheet number (rules above), or null when missing or not a number. */
export function parseNumberFr(text: string | null | undefined, options: NumberOptions = {}): number | null {
  if (isMissingValue(text)) return null;
  let s = (text as string).trim().replace(/\u2212/g, '-');
  if (options.units) s = s.replace(options.units, '');
  s = s.replace(CURRENCY_AFTER, '');
  const signed = /^([+-]?)\s*([\s\S]*)$/.exec(s)!;
  s = signed[1]! + signed[2]!.replace(CURRENCY_BEFORE, '');
  const shape = SHAPE.exec(s);
  if (!shape) return null;
  const mantissa = normaliseMantissa(shape[2]!);
  if (mantissa === null) return null;
  const value = Number(`${shape[1]}${mantissa}${shape[3] === undefined ? '' : `e${shape[3]}`}`);
  return Number.isFinite(value) ? value : null;
}
