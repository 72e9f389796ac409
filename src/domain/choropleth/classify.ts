/**
 * Discretisation of one value per commune (or EPCI) into 3–7 classes.
 *
 * Conventions shared by every method, so that a legend can be read without knowing the method:
 * - `breaks` are the class bounds in ascending order: `breaks[0]` is the lower bound of the first class,
 *   `breaks[i + 1]` the upper bound of class `i`; there are `classes + 1` of them.
 * - Classes are closed on the right: class 0 is `[b0, b1]`, class i > 0 is `(b_i, b_{i+1}]`. A value equal
 *   to a break therefore belongs to the lower class, which is how Jenks' breaks (the largest value of
 *   each class) are defined.
 * - Equal values always fall in the same class; when there are fewer distinct values than classes,
 *   classes are merged instead of producing empty duplicates (the result may have fewer classes).
 * - Only equal intervals and manual breaks may leave a class empty: their bounds do not follow the data,
 *   and hiding an empty class would misrepresent the scale.
 */

import { agree } from '../../lib/plural.ts';
import { plural } from './format.ts';

export type ClassificationMethod = 'quantile' | 'jenks' | 'equalInterval' | 'manual';

export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = [
  'quantile',
  'jenks',
  'equalInterval',
  'manual',
];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 7;

export const METHOD_LABELS: Record<ClassificationMethod, string> = {
  quantile: 'Quantiles (effectifs égaux)',
  jenks: 'Seuils naturels (Jenks)',
  equalInterval: 'Amplitudes égales',
  manual: 'Seuils manuels',
};

export interface ClassificationOptions {
  method: ClassificationMethod;
  /** Requested number of classes (3–7). Ignored for `manual`, where it follows `manualBreaks`. */
  classes: number;
  /** For `manual`: every bound, ascending, `classes + 1` numbers (e.g. `[0, 25, 50, 75, 100]`). */
  manualBreaks?: readonly number[];
}

export interface Classification {
  method: ClassificationMethod;
  requestedClasses: number;
  breaks: number[];
  /** Number of values in each class (length = breaks.length - 1). */
  counts: number[];
  /** French notes for the user (merged classes, manual bounds extended…). */
  warnings: string[];
}

export class ClassificationError extends Error {
  override name = 'ClassificationError';
}

/** French messages for invalid options; empty when the options can be used. */
export function validateClassificationOptions(options: ClassificationOptions): string[] {
  const errors: string[] = [];
  if (!CLASSIFICATION_METHODS.includes(options.method)) {
    errors.push(
      `Méthode de discrétisation inconnue : « ${String(options.method)} ». Méthodes possibles : quantile, jenks, equalInterval, manual.`,
    );
    return errors;
  }
  if (options.method === 'manual') {
    const bounds = options.manualBreaks ?? [];
    if (bounds.length < MIN_CLASSES + 1 || bounds.length > MAX_CLASSES + 1) {
      errors.push(
        `Seuils manuels : indiquez de ${MIN_CLASSES + 1} à ${MAX_CLASSES + 1} bornes (pour ${MIN_CLASSES} à ${MAX_CLASSES} classes), ${agree(bounds.length, `${bounds.length} reçue`, `${bounds.length} reçues`)}.`,
      );
    }
    if (bounds.some((b) => !Number.isFinite(b)))
      errors.push('Seuils manuels : chaque borne doit être un nombre.');
    else if (bounds.some((b, i) => i > 0 && b <= bounds[i - 1]!)) {
      errors.push('Seuils manuels : les bornes doivent être strictement croissantes.');
    }
    return errors;
  }
  if (!Number.isInteger(options.classes) || options.classes < MIN_CLASSES || options.classes > MAX_CLASSES) {
    errors.push(
      `Nombre de classes invalide (${String(options.classes)}) : choisissez un entier de ${MIN_CLASSES} à ${MAX_CLASSES}.`,
    );
  }
  return errors;
}

/** Index of the class holding `value` under the right-closed convention; -1 when outside the bounds. */
export function classIndex(breaks: readonly number[], value: number): number {
  const classes = breaks.length - 1;
  if (classes < 1 || !(value >= breaks[0]!) || value > breaks[classes]!) return -1;
  // Smallest i with value <= breaks[i + 1]: binary search over upper bounds.
  let low = 0;
  let high = classes - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (value <= breaks[mid + 1]!) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Quantile breaks by the inverse of the empirical distribution function (Hyndman & Fan type 1, R's
 * `quantile(type = 1)`): break j is the smallest value v such that at least j/k of the values are ≤ v.
 * Breaks are data values, so every class holds at least one value; ties collapse classes.
 */
export function quantileBreaks(sorted: readonly number[], classes: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const raw = [sorted[0]!];
  for (let j = 1; j < classes; j++) raw.push(sorted[Math.max(0, Math.ceil((n * j) / classes) - 1)]!);
  raw.push(sorted[n - 1]!);
  return collapseBreaks(raw);
}

/** `classes` intervals of equal width between the minimum and the maximum. */
export function equalIntervalBreaks(sorted: readonly number[], classes: number): number[] {
  const n = sorted.length;
  if (n === 0) return [];
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (min === max) return [min, max];
  const breaks = [min];
  for (let i = 1; i < classes; i++) breaks.push(min + ((max - min) * i) / classes);
  // The last bound is the maximum itself, not min + k·width, which may round below it.
  breaks.push(max);
  return breaks;
}

/**
 * Fisher–Jenks natural breaks: the partition of the sorted values into `classes` contiguous groups that
 * minimises the sum of squared deviations from the class means (Fisher 1958, Jenks 1977), found exactly
 * by dynamic programming in O(k·d²) over the d distinct values.
 *
 * Working on distinct values weighted by their multiplicity guarantees ties never straddle a break.
 */
export function jenksBreaks(sorted: readonly number[], classes: number): number[] {
  if (sorted.length === 0) return [];
  const { values, weights } = distinctWeighted(sorted);
  const d = values.length;
  if (d <= classes) return collapseBreaks([values[0]!, ...values]);

  // Centring on the mean keeps the prefix sums of squares small (less cancellation in S2 - S1²/W).
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  const w = new Float64Array(d + 1);
  const s1 = new Float64Array(d + 1);
  const s2 = new Float64Array(d + 1);
  for (let i = 0; i < d; i++) {
    const x = values[i]! - mean;
    const weight = weights[i]!;
    w[i + 1] = w[i]! + weight;
    s1[i + 1] = s1[i]! + weight * x;
    s2[i + 1] = s2[i]! + weight * x * x;
  }
  /** Sum of squared deviations of distinct values a..b (0-based, inclusive). */
  const cost = (a: number, b: number) => {
    const sw = w[b + 1]! - w[a]!;
    const sx = s1[b + 1]! - s1[a]!;
    return Math.max(0, s2[b + 1]! - s2[a]! - (sx * sx) / sw);
  };

  // best[m][j]: minimal cost of splitting values 0..j into m + 1 classes; start[m][j]: first index of the last class.
  const best: Float64Array[] = [];
  const start: Int32Array[] = [];
  best.push(Float64Array.from({ length: d }, (_, j) => cost(0, j)));
  start.push(new Int32Array(d));
  for (let m = 1; m < classes; m++) {
    const row = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(d);
    const previous = best[m - 1]!;
    for (let j = m; j < d; j++) {
      for (let i = m; i <= j; i++) {
        const total = previous[i - 1]! + cost(i, j);
        // Strict comparison: among equal optima keep the earliest split, so results are deterministic.
        if (total < row[j]!) {
          row[j] = total;
          from[j] = i;
        }
      }
    }
    best.push(row);
    start.push(from);
  }

  const uppers: number[] = [];
  let end = d - 1;
  for (let m = classes - 1; m >= 0; m--) {
    uppers.unshift(values[end]!);
    end = start[m]![end]! - 1;
  }
  return [values[0]!, ...uppers];
}

/** Sum of squared deviations from class means for given breaks (the quantity Jenks minimises). */
export function withinClassSquares(sorted: readonly number[], breaks: readonly number[]): number {
  const groups = new Map<number, number[]>();
  for (const v of sorted) {
    const index = classIndex(breaks, v);
    const group = groups.get(index);
    if (group) group.push(v);
    else groups.set(index, [v]);
  }
  let total = 0;
  for (const group of groups.values()) {
    const mean = group.reduce((s, v) => s + v, 0) / group.length;
    total += group.reduce((s, v) => s + (v - mean) ** 2, 0);
  }
  return total;
}

/**
 * Classifies finite numbers (callers filter out missing values first). Throws `ClassificationError`
 * with a French message on invalid options; an empty input yields no breaks and no classes.
 */
export function classifyNumbers(values: readonly number[], options: ClassificationOptions): Classification {
  const errors = validateClassificationOptions(options);
  if (errors.length > 0) throw new ClassificationError(errors.join(' '));
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const requestedClasses =
    options.method === 'manual' ? (options.manualBreaks?.length ?? 1) - 1 : options.classes;
  const warnings: string[] = [];
  let breaks: number[];
  switch (options.method) {
    case 'quantile':
      breaks = quantileBreaks(sorted, requestedClasses);
      break;
    case 'jenks':
      breaks = jenksBreaks(sorted, requestedClasses);
      break;
    case 'equalInterval':
      breaks = equalIntervalBreaks(sorted, requestedClasses);
      break;
    case 'manual':
      breaks = manualBounds(sorted, options.manualBreaks ?? [], warnings);
      break;
  }
  const counts = new Array<number>(Math.max(0, breaks.length - 1)).fill(0);
  for (const v of sorted) {
    const index = classIndex(breaks, v);
    if (index >= 0) counts[index]!++;
  }
  if (sorted.length > 0 && counts.length < requestedClasses) {
    warnings.push(
      `${plural(counts.length, 'classe')} au lieu de ${requestedClasses} : les valeurs distinctes ne permettent pas davantage de classes non vides.`,
    );
  }
  return { method: options.method, requestedClasses, breaks, counts, warnings };
}

/** Manual bounds, widened to the data so that no commune is left unclassified (nothing is lost). */
function manualBounds(sorted: readonly number[], bounds: readonly number[], warnings: string[]): number[] {
  const breaks = [...bounds];
  if (sorted.length === 0) return breaks;
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min < breaks[0]!) {
    warnings.push(`Borne inférieure abaissée à ${min} pour inclure toutes les valeurs.`);
    breaks[0] = min;
  }
  if (max > breaks[breaks.length - 1]!) {
    warnings.push(`Borne supérieure relevée à ${max} pour inclure toutes les valeurs.`);
    breaks[breaks.length - 1] = max;
  }
  return breaks;
}

/**
 * Removes repeated bounds produced by ties. The first class may be degenerate (`[v, v]`, only the
 * minimum) because it is closed on the left; any later repeated bound would be an empty class.
 */
function collapseBreaks(raw: readonly number[]): number[] {
  if (raw.length < 2) return [...raw];
  const out = [raw[0]!, raw[1]!];
  for (let i = 2; i < raw.length; i++) if (raw[i]! > out[out.length - 1]!) out.push(raw[i]!);
  return out;
}

function distinctWeighted(sorted: readonly number[]): { values: number[]; weights: number[] } {
  const values: number[] = [];
  const weights: number[] = [];
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) weights[weights.length - 1]!++;
    else {
      values.push(v);
      weights.push(1);
    }
  }
  return { values, weights };
}
