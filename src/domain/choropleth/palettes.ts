/**
 * Colour-blind-safe palettes for 3–7 classes.
 *
 * Sources (hex values entered by hand from the published tables):
 * - ColorBrewer 2.0, Cynthia A. Brewer, Pennsylvania State University, https://colorbrewer2.org
 *   (Apache 2.0 licence): YlGnBu, Blues, Purples, Greens (sequential), RdBu, PuOr (diverging). All are
 *   marked "colorblind safe" there.
 * - Viridis, Stéfan van der Walt & Nathaniel Smith for matplotlib (CC0), sampled at n evenly spaced points.
 *
 * Sequential palettes run light → dark, so the darkest colour is the highest value (for Viridis, which
 * runs dark → light, the order is reversed to follow that convention).
 */

export type SequentialPaletteId = 'YlGnBu' | 'Blues' | 'Purples' | 'Greens' | 'Viridis';
export type DivergingPaletteId = 'RdBu' | 'PuOr';
export type PaletteId = SequentialPaletteId | DivergingPaletteId;

export interface PaletteInfo {
  id: PaletteId;
  kind: 'sequential' | 'diverging';
  label: string;
  source: string;
}

/** Missing data: neutral mid-light grey, absent from every palette. */
export const NO_DATA_COLOR = '#d9d9d9';
/**
 * Too few cases: a darker grey, distinct from "no data" and from every palette colour; the map layer
 * may add diagonal hatching (`SMALL_SAMPLE_PATTERN`) on top of it.
 */
export const SMALL_SAMPLE_COLOR = '#969696';
export const SMALL_SAMPLE_PATTERN = 'diagonal-hatch';

type Table = Record<number, readonly string[]>;

const BREWER = 'ColorBrewer 2.0 (C. Brewer, Penn State), colorbrewer2.org';
const VIRIDIS = 'Viridis (van der Walt & Smith, matplotlib)';

const SEQUENTIAL: Record<SequentialPaletteId, Table> = {
  YlGnBu: {
    3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
    4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
    5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
    6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
    7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  },
  Blues: {
    3: ['#deebf7', '#9ecae1', '#3182bd'],
    4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
    5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
    6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
    7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
  },
  Purples: {
    3: ['#efedf5', '#bcbddc', '#756bb1'],
    4: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#6a51a3'],
    5: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
    6: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#756bb1', '#54278f'],
    7: ['#f2f0f7', '#dadaeb', '#bcbddc', '#9e9ac8', '#807dba', '#6a51a3', '#4a1486'],
  },
  Greens: {
    3: ['#e5f5e0', '#a1d99b', '#31a354'],
    4: ['#edf8e9', '#bae4b3', '#74c476', '#238b45'],
    5: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
    6: ['#edf8e9', '#c7e9c0', '#a1d99b', '#74c476', '#31a354', '#006d2c'],
    7: ['#edf8e9', '#c7e9c0', '#a1d99b', '#74c476', '#41ab5d', '#238b45', '#005a32'],
  },
  // Published dark → light; reversed below so that dark means "more", like the ColorBrewer ramps.
  Viridis: {
    3: ['#440154', '#21918c', '#fde725'],
    4: ['#440154', '#31688e', '#35b779', '#fde725'],
    5: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
    6: ['#440154', '#414487', '#2a788e', '#22a884', '#7ad151', '#fde725'],
    7: ['#440154', '#443983', '#31688e', '#21918c', '#35b779', '#8fd744', '#fde725'],
  },
};

/**
 * Odd-sized diverging palettes (low side, neutral centre, high side). ColorBrewer's even-sized palettes
 * are exactly these without the centre, and up to 11 are kept so one side can have up to 5 shades when
 * the classes are not symmetric around the midpoint.
 */
const DIVERGING: Record<DivergingPaletteId, Table> = {
  RdBu: {
    3: ['#ef8a62', '#f7f7f7', '#67a9cf'],
    5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
    7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'],
    9: ['#b2182b', '#d6604d', '#f4a582', '#fddbc7', '#f7f7f7', '#d1e5f0', '#92c5de', '#4393c3', '#2166ac'],
    11: [
      '#67001f',
      '#b2182b',
      '#d6604d',
      '#f4a582',
      '#fddbc7',
      '#f7f7f7',
      '#d1e5f0',
      '#92c5de',
      '#4393c3',
      '#2166ac',
      '#053061',
    ],
  },
  PuOr: {
    3: ['#f1a340', '#f7f7f7', '#998ec3'],
    5: ['#e66101', '#fdb863', '#f7f7f7', '#b2abd2', '#5e3c99'],
    7: ['#b35806', '#f1a340', '#fee0b6', '#f7f7f7', '#d8daeb', '#998ec3', '#542788'],
    9: ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788'],
    11: [
      '#7f3b08',
      '#b35806',
      '#e08214',
      '#fdb863',
      '#fee0b6',
      '#f7f7f7',
      '#d8daeb',
      '#b2abd2',
      '#8073ac',
      '#542788',
      '#2d004b',
    ],
  },
};

export const PALETTES: readonly PaletteInfo[] = [
  { id: 'YlGnBu', kind: 'sequential', label: 'Jaune – vert – bleu', source: BREWER },
  { id: 'Blues', kind: 'sequential', label: 'Bleus', source: BREWER },
  { id: 'Purples', kind: 'sequential', label: 'Violets', source: BREWER },
  { id: 'Greens', kind: 'sequential', label: 'Verts', source: BREWER },
  { id: 'Viridis', kind: 'sequential', label: 'Viridis', source: VIRIDIS },
  { id: 'RdBu', kind: 'diverging', label: 'Rouge – bleu (divergente)', source: BREWER },
  { id: 'PuOr', kind: 'diverging', label: 'Orange – violet (divergente)', source: BREWER },
];

export function paletteInfo(id: string): PaletteInfo | undefined {
  return PALETTES.find((p) => p.id === id);
}

export class PaletteError extends Error {
  override name = 'PaletteError';
}

/**
 * `n` sequential colours, light → dark. Fewer than 3 classes (merged by ties) take colours from the
 * 3-class palette so that a single class is not drawn with the palette's faintest colour.
 */
export function sequentialColors(id: SequentialPaletteId, n: number, reverse = false): string[] {
  if (n <= 0) return [];
  if (n > 7) throw new PaletteError(`La palette ${id} compte au plus 7 couleurs (${n} demandées).`);
  const table = SEQUENTIAL[id];
  let colors: string[];
  if (n >= 3) colors = [...table[n]!];
  else {
    const three = table[3]!;
    colors = n === 1 ? [three[1]!] : [three[0]!, three[2]!];
  }
  if (id === 'Viridis') colors.reverse();
  return reverse ? colors.reverse() : colors;
}

export interface ClassBounds {
  min: number;
  max: number;
}

/**
 * Diverging colours for classes centred on `midpoint`: classes wholly below take the low side, classes
 * wholly above the high side, a class straddling the midpoint (or reduced to it) takes the neutral
 * centre. Shades grow darker away from the midpoint on each side, with as many steps as the larger side
 * needs, so equal distances in class rank read as equal contrasts on both sides.
 */
export function divergingColors(
  id: DivergingPaletteId,
  classes: readonly ClassBounds[],
  midpoint: number,
  reverse = false,
): string[] {
  const side = classes.map(({ min, max }) => {
    if (min === max && max === midpoint) return 0;
    if (max <= midpoint) return -1;
    if (min >= midpoint) return 1;
    return 0;
  });
  const below = side.filter((s) => s < 0).length;
  const above = side.filter((s) => s > 0).length;
  const steps = Math.max(below, above, 1);
  const size = 2 * steps + 1;
  const palette = DIVERGING[id][size];
  if (!palette) {
    throw new PaletteError(
      `Palette divergente : ${steps} classes du même côté du point milieu (${midpoint}), au plus 5 possibles. Déplacez le point milieu ou choisissez une palette séquentielle.`,
    );
  }
  const ordered = reverse ? [...palette].reverse() : palette;
  const centre = steps;
  // Below: the class nearest the midpoint (last below) gets the lightest shade.
  return side.map((s, i) => {
    if (s === 0) return ordered[centre]!;
    if (s < 0) return ordered[centre - (below - i)]!;
    const rank = i - (classes.length - above);
    return ordered[centre + 1 + rank]!;
  });
}
