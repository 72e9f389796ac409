/**
 * Exact legend labels. Classes are right-closed (first [b0, b1], then (b1, b2], …: classify.ts), so:
 * - each bound is printed with the fewest decimals (0–6) that change no value's class (printedBreaks):
 *   « 2,5 » stays « 2,5 », a quantile bound 1,904762 prints « 1,9 » if the next value is 1,95 — the
 *   reader can tell every value's class from its label;
 * - a class above the first says « plus de a à b », so a value equal to the shared bound is never printed
 *   inside two labels;
 * - a class whose bounds are equal prints as one value (« 0 ‰ »).
 * The same labels feed the map legend, the PNG / print sheets and the CLI (`label` per class).
 */
import { formatNumber, THIN_SPACE } from './format.ts';

const MAX_DECIMALS = 6;

const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

/**
 * Bounds as printed, each with the fewest decimals (0–6) it needs: an inner bound becomes the shortest number
 * in [largest value of the classes below, smallest value above), so no value changes class and a quantile
 * bound 1,904762 prints « 1,9 » when the next value is 1,95 (one bound needing 6 decimals no longer forces 6
 * on every label). The first bound is rounded down and the last up, with the inner bounds' decimals, so every
 * value stays inside. When nothing shorter fits, the bound is kept (6 decimals) and the classes are assigned
 * with the printed bounds: the label is then the rule.
 */
export function printedBreaks(breaks: readonly number[], values: readonly number[]): number[] {
  const n = breaks.length;
  if (n < 2) return [...breaks];
  // One class of one value: printed as that value (« 7,2001 »), rounding it could leave it outside.
  if (n === 2 && breaks[0] === breaks[1]) return roundedFallback(breaks);
  const sorted = [...values].sort((a, b) => a - b);
  const printed: number[] = new Array(n);
  let innerDecimals = 0;
  for (let i = 1; i < n - 1; i++) {
    const b = breaks[i]!;
    const previous = i > 1 ? printed[i - 1]! : Number.NEGATIVE_INFINITY;
    if (b === breaks[i - 1] && i > 1) {
      printed[i] = printed[i - 1]!; // a repeated bound stays repeated
      continue;
    }
    const below = sorted.filter((v) => v <= b);
    const above = sorted.find((v) => v > b);
    const floorValue = below.length > 0 ? below[below.length - 1]! : b;
    let chosen = round(b, MAX_DECIMALS);
    for (let d = 0; d <= MAX_DECIMALS; d++) {
      const f = 10 ** d;
      // The bound itself rounded first (equal intervals stay near their place), else the gap's lowest.
      const fits = (c: number) => c >= floorValue && (above === undefined || c < above) && c > previous;
      const candidate = [round(b, d), Math.ceil(floorValue * f - 1e-9) / f].find(fits);
      if (candidate === undefined) continue;
      chosen = candidate;
      break;
    }
    printed[i] = chosen;
    innerDecimals = Math.max(innerDecimals, decimalsOf(chosen));
  }
  const edge = (x: number, up: boolean, limit: (c: number) => boolean): number => {
    for (let d = innerDecimals; d <= MAX_DECIMALS; d++) {
      const f = 10 ** d;
      const c = up ? Math.ceil(x * f - 1e-9) / f : Math.floor(x * f + 1e-9) / f;
      if (limit(c)) return c;
    }
    return x;
  };
  const lowest = sorted[0] ?? breaks[0]!;
  const highest = sorted[sorted.length - 1] ?? breaks[n - 1]!;
  printed[0] = edge(Math.min(breaks[0]!, lowest), false, (c) => n === 2 || c <= printed[1]!);
  printed[n - 1] = edge(Math.max(breaks[n - 1]!, highest), true, (c) => n === 2 || c >= printed[n - 2]!);
  // Equal bounds only where the classification had them (a one-value first class prints « 0 ‰ »).
  for (let i = 1; i < n; i++) if (printed[i]! < printed[i - 1]!) return roundedFallback(breaks);
  return printed;
}

function roundedFallback(breaks: readonly number[]): number[] {
  return breaks.map((b) => round(b, MAX_DECIMALS));
}

/** Decimals needed to print `x` exactly (up to 6): 2,5 → 1, 3 → 0. */
function decimalsOf(x: number): number {
  for (let d = 0; d < MAX_DECIMALS; d++) if (round(x, d) === x) return d;
  return MAX_DECIMALS;
}

/** Decimals used by the labels: enough for the most precise printed bound. */
export function exactDecimals(breaks: readonly number[]): number {
  return Math.max(0, ...breaks.filter(Number.isFinite).map(decimalsOf));
}

/**
 * French labels of the classes `breaks` defines; each bound printed with the decimals it needs.
 * `integer` (whole counts: points, sessions, sites): a class lists the integers it can hold, in the same
 * « a à b » wording — « (1, 10] » is « 2 à 10 friches », « (0, 1] » is « 1 friche » (French singular below 2).
 * Same classes and members; a class holding no integer keeps the bounds' label.
 */
export function classLabels(breaks: readonly number[], unit: string, integer = false): string[] {
  const withUnit = (text: string, unitText = unit) => (unitText ? `${text}${THIN_SPACE}${unitText}` : text);
  const print = (x: number) => formatNumber(x, decimalsOf(x));
  return breaks.slice(0, -1).map((min, i) => {
    const max = breaks[i + 1]!;
    if (integer) {
      const first = Math.ceil(min - 1e-9);
      const low = i === 0 ? first : Number.isInteger(min) ? min + 1 : first;
      const high = Math.floor(max + 1e-9);
      if (low === high) return withUnit(print(low), Math.abs(low) < 2 ? singularUnit(unit) : unit);
      if (low < high) return withUnit(`${print(low)} à ${print(high)}`);
    }
    const low = print(min);
    const high = print(max);
    if (low === high) return i === 0 ? withUnit(low) : withUnit(`plus de ${low}`);
    return i === 0 ? withUnit(`${low} à ${high}`) : withUnit(`plus de ${low} à ${high}`);
  });
}

/** « friches » → « friche », « points lumineux » stays (units are written in the plural; only a final -s goes). */
function singularUnit(unit: string): string {
  return /^[a-zéèê]+s$/i.test(unit) ? unit.slice(0, -1) : unit;
}
