/**
 * One function, `buildChoropleth`, produces the legend AND the MapLibre paint expression of a choropleth,
 * so the map and its legend cannot disagree.
 *
 * Why a `match` on the feature id rather than a `step` on a value property: the class of every feature is
 * decided once, here, by `classIndex`, and the expression merely looks that decision up. A `step`
 * expression would re-classify inside MapLibre with its own comparison rule (`step` is closed on the
 * left, our classes on the right), its own float handling, and it cannot express "too few cases"; the
 * legend counts and the drawn colours could then drift apart. With `match`, the only way a feature gets
 * a class colour is to be listed under that class, and the legend counts are the lengths of those lists.
 */
import {
  type ClassificationMethod,
  type ClassificationOptions,
  classIndex,
  classifyNumbers,
} from './classify.ts';
import { classLabels, exactDecimals, printedBreaks } from './labels.ts';
import {
  type DivergingPaletteId,
  divergingColors,
  NO_DATA_COLOR,
  type PaletteId,
  paletteInfo,
  type SequentialPaletteId,
  SMALL_SAMPLE_COLOR,
  SMALL_SAMPLE_PATTERN,
  sequentialColors,
} from './palettes.ts';

/** MapLibre `["get", property]` (typed locally: src/domain must not import maplibre-gl). */
export type GetExpression = ['get', string];
/** `["match", ["get", id], [ids…], color, [ids…], color, …, fallbackColor]`. */
export type MatchColorExpression = ['match', GetExpression, ...(string[] | string)[]];
/** A fill-color value: a constant colour when nothing is classified, otherwise a match expression. */
export type FillColorExpression = string | MatchColorExpression;

export interface IndicatorRef {
  id: string;
  /** Unit printed in legend labels ("%", "kWh", "" for a plain count). */
  unit: string;
}

export interface PaletteChoice {
  id: PaletteId;
  /** Swap the ramp ends (e.g. when a lower value is better). */
  reverse?: boolean;
  /** Diverging palettes only: the value at the neutral centre; default = median of the classified values. */
  midpoint?: number;
}

export interface ChoroplethInput {
  indicator: IndicatorRef;
  /** One entry per feature id (INSEE code, or EPCI SIREN); null/NaN = no data. */
  values: ReadonlyMap<string, number | null>;
  method: ClassificationMethod;
  classes: number;
  palette: PaletteId | PaletteChoice;
  /** Features whose value rests on too few cases: drawn apart and left out of the classification. */
  smallSample?: ReadonlySet<string>;
  manualBreaks?: readonly number[];
  /** Every feature drawn on the map; those missing from `values` count as "no data". Default: keys of `values`. */
  universe?: Iterable<string>;
  /** Feature property holding the id in the map source. Default `insee`. */
  idProperty?: string;
  /** Legend text for the small-sample entry (why these features are apart). */
  smallSampleLabel?: string;
  /** Legend text for features without a value when "no data" has a precise meaning (e.g. "Aucune friche notée"). */
  noDataLabel?: string;
  /** Whole counts (points, sessions, sites): labels list the integers of each class (labels.ts). */
  integer?: boolean;
}

export interface LegendClass {
  min: number;
  max: number;
  color: string;
  count: number;
  /** French label, e.g. "12 – 25 %". */
  label: string;
}

export interface LegendEntry {
  count: number;
  color: string;
  label: string;
}

export type ClassAssignment =
  | { kind: 'class'; index: number; color: string }
  | { kind: 'noData'; color: string }
  | { kind: 'smallSample'; color: string };

export interface Choropleth {
  indicator: string;
  method: ClassificationMethod;
  requestedClasses: number;
  breaks: number[];
  classes: LegendClass[];
  noData: LegendEntry;
  smallSample: LegendEntry & { pattern: string };
  /** MapLibre `fill-color` value; features absent from every list fall back to the no-data colour. */
  paint: FillColorExpression;
  idProperty: string;
  /** Decimals used in the labels (the same for every class, so bounds line up). */
  decimals: number;
  warnings: string[];
  classOf(id: string): ClassAssignment;
}

export const NO_DATA_LABEL = 'Pas de donnée';
export const SMALL_SAMPLE_LABEL = 'Effectif trop faible pour être représentatif';

/** Throws `ClassificationError` / `PaletteError` (French messages) on invalid options. */
export function buildChoropleth(input: ChoroplethInput): Choropleth {
  const idProperty = input.idProperty ?? 'insee';
  const smallSampleSet = input.smallSample ?? new Set<string>();
  const universe = new Set<string>(input.universe ?? input.values.keys());
  for (const id of input.values.keys()) universe.add(id);

  const classifiable: [string, number][] = [];
  const smallSampleIds: string[] = [];
  const noDataIds: string[] = [];
  for (const id of universe) {
    const value = input.values.get(id);
    if (value === null || value === undefined || !Number.isFinite(value)) noDataIds.push(id);
    else if (smallSampleSet.has(id)) smallSampleIds.push(id);
    else classifiable.push([id, value]);
  }

  const options: ClassificationOptions = { method: input.method, classes: input.classes };
  if (input.manualBreaks) options.manualBreaks = input.manualBreaks;
  const classification = classifyNumbers(
    classifiable.map(([, v]) => v),
    options,
  );
  // The bounds as the legend prints them are the bounds the classes use (labels.ts): a value's class can
  // always be read from its label. Manual bounds are the user's own and stay as typed.
  const breaks =
    input.method === 'manual'
      ? classification.breaks
      : printedBreaks(
          classification.breaks,
          classifiable.map(([, v]) => v),
        );
  const bounds = breaks.slice(0, -1).map((min, i) => ({ min, max: breaks[i + 1]! }));
  const colors = paletteColors(input.palette, bounds, classifiable);

  const members: string[][] = bounds.map(() => []);
  const assignment = new Map<string, ClassAssignment>();
  for (const [id, value] of classifiable) {
    const index = classIndex(breaks, value);
    members[index]!.push(id);
    assignment.set(id, { kind: 'class', index, color: colors[index]! });
  }
  for (const id of smallSampleIds) assignment.set(id, { kind: 'smallSample', color: SMALL_SAMPLE_COLOR });

  const decimals = exactDecimals(breaks);
  const labels = classLabels(
    breaks,
    input.indicator.unit,
    // Only when every value is whole: a label listing integers would leave a 3,5 out of its class.
    (input.integer ?? false) && classifiable.every(([, v]) => Number.isInteger(v)),
  );
  const classes = bounds.map(({ min, max }, i) => ({
    min,
    max,
    color: colors[i]!,
    count: members[i]!.length,
    label: labels[i]!,
  }));

  return {
    indicator: input.indicator.id,
    method: input.method,
    requestedClasses: classification.requestedClasses,
    breaks,
    classes,
    noData: {
      count: noDataIds.length,
      color: NO_DATA_COLOR,
      label: input.noDataLabel ?? NO_DATA_LABEL,
    },
    smallSample: {
      count: smallSampleIds.length,
      color: SMALL_SAMPLE_COLOR,
      label: input.smallSampleLabel ?? SMALL_SAMPLE_LABEL,
      pattern: SMALL_SAMPLE_PATTERN,
    },
    paint: matchExpression(idProperty, [
      ...members.map((ids, i) => ({ ids, color: colors[i]! })),
      { ids: smallSampleIds, color: SMALL_SAMPLE_COLOR },
    ]),
    idProperty,
    decimals,
    warnings: classification.warnings,
    classOf: (id) => assignment.get(id) ?? { kind: 'noData', color: NO_DATA_COLOR },
  };
}

function paletteColors(
  choice: PaletteId | PaletteChoice,
  bounds: { min: number; max: number }[],
  classifiable: [string, number][],
): string[] {
  const { id, reverse = false, midpoint } = typeof choice === 'string' ? { id: choice } : choice;
  const info = paletteInfo(id);
  if (!info) throw new Error(`Palette inconnue : « ${id} ».`);
  if (info.kind === 'sequential') return sequentialColors(id as SequentialPaletteId, bounds.length, reverse);
  return divergingColors(id as DivergingPaletteId, bounds, midpoint ?? median(classifiable), reverse);
}

function median(entries: [string, number][]): number {
  const sorted = entries.map(([, v]) => v).sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * MapLibre rejects a `match` with an empty label list or a label repeated across branches: empty groups
 * are skipped (ids are unique by construction), and with no group at all the constant fallback is used.
 */
function matchExpression(
  idProperty: string,
  groups: { ids: string[]; color: string }[],
): FillColorExpression {
  const branches: (string[] | string)[] = [];
  for (const { ids, color } of groups) {
    if (ids.length === 0) continue;
    branches.push([...ids].sort(), color);
  }
  if (branches.length === 0) return NO_DATA_COLOR;
  return ['match', ['get', idProperty], ...branches, NO_DATA_COLOR];
}
