/**
 * Exact legend labels. Classes are right-closed (first [b0, b1], then (b1, b2], …: classify.ts), so:
 * - a bound is printed with the fewest decimals (0–6) for which rounding every bound changes no value's
 *   class and keeps the bounds distinct: « 2,5 » stays « 2,5 », a Jenks bound 2,6148 prints « 2,61 » if a
 *   value 2,6120 sits in the next class… — the reader can tell every value's class from its label;
 * - a class above the first says « plus de a à b », so a value equal to the shared bound is never printed
 *   inside two labels;
 * - a class whose bounds are equal prints as one value (« 0 ‰ »).
 * The same labels feed the map legend, the PNG / print sheets and the CLI (`label` per class).
 */
import { classIndex } from './classify.ts';
import { formatNumber, THIN_SPACE } from './format.ts';

const MAX_DECIMALS = 6;

const round = (x: number, decimals: number) => Number(x.toFixed(decimals));

/**
 * Bounds as printed: the fewest decimals (0–6) for which rounding them keeps them distinct and moves no
 * value to another class; the first bound is rounded down and the last up, so every value stays inside.
 * When no precision passes (a computed bound such as 0,00569999… one float step below a value 0,0057),
 * the 6-decimal bounds are used and the classes are assigned with them: the label is then the rule.
 */
export function printedBreaks(breaks: readonly number[], values: readonly number[]): number[] {
  const distinct = new Set(breaks).size;
  let fallback: number[] = [...breaks];
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const f = 10 ** d;
    const rounded = breaks.map((b, i) =>
      i === 0
        ? Math.floor(b * f + 1e-9) / f
        : i === breaks.length - 1
          ? Math.ceil(b * f - 1e-9) / f
          : round(b, d),
    );
    if (new Set(rounded).size !== distinct || rounded.some((b, i) => i > 0 && b < rounded[i - 1]!)) continue;
    fallback = rounded;
    if (values.every((v) => classIndex(rounded, v) === classIndex(breaks, v))) return rounded;
  }
  return fallback;
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

/** French labels of the classes `breaks` defines; each bound printed with the decimals it needs. */
export function classLabels(breaks: readonly number[], unit: string): string[] {
  const withUnit = (text: string) => (unit ? `${text}${THIN_SPACE}${unit}` : text);
  const print = (x: number) => formatNumber(x, decimalsOf(x));
  return breaks.slice(0, -1).map((min, i) => {
    const max = breaks[i + 1]!;
    const low = print(min);
    const high = print(max);
    if (low === high) return i === 0 ? withUnit(low) : withUnit(`plus de ${low}`);
    return i === 0 ? withUnit(`${low} à ${high}`) : withUnit(`plus de ${low} à ${high}`);
  });
}
