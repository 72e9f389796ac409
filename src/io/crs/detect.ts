import { agree } from '../../lib/plural.ts';
import type { CrsCode } from '../types.ts';
import { CRS_CODES, CRS_LABELS } from './defs.ts';
import { fromWgs84, toWgs84 } from './project.ts';

/** [minX, minY, maxX, maxY]. */
export type Range = readonly [number, number, number, number];

/**
 * Metropolitan France and Corsica, a little generous (real extremes: Ouessant −5.14°, Lauterbourg 8.23°,
 * Cap Corse 9.56° E; Bonifacio 41.37°, Bray-Dunes 51.09° N) so that coastal and border points pass.
 */
export const FRANCE_BBOX: Range = [-5.8, 41.0, 10.0, 51.6];

/**
 * Metropolitan France drawn coarsely with 20–40 km to spare (lon, lat), and Corsica as a box. Detection asks
 * whether a reading of the values puts points on French soil, not merely in the France bbox: read in NTF
 * Lambert I, degrees (1.6, 50.7) land in the Atlantic at (−5.7° E, 47.7° N), inside the bbox.
 */
const MAINLAND: readonly (readonly [number, number])[] = [
  [2.2, 51.4],
  [2.9, 51.3],
  [4.2, 50.5],
  [4.8, 50.4],
  [5.0, 50.1],
  [5.9, 49.8],
  [6.6, 49.6],
  [8.3, 49.2],
  [8.5, 48.9],
  [7.9, 47.4],
  [7.2, 47.3],
  [6.3, 46.6],
  [6.2, 46.4],
  [7.2, 46.0],
  [7.2, 45.3],
  [7.2, 44.5],
  [7.8, 44.2],
  [7.8, 43.6],
  [6.8, 42.8],
  [5.0, 43.0],
  [4.2, 43.2],
  [3.3, 42.2],
  [1.5, 42.2],
  [0.0, 42.5],
  [-2.0, 43.2],
  [-1.7, 44.0],
  [-1.5, 45.4],
  [-2.6, 46.6],
  [-3.4, 47.2],
  [-4.5, 47.6],
  [-5.2, 48.0],
  [-5.5, 48.5],
  [-4.8, 48.9],
  [-3.5, 49.1],
  [-2.0, 48.8],
  [-2.2, 49.8],
  [-1.3, 49.9],
  [0.0, 49.7],
  [1.3, 50.3],
  [1.4, 51.0],
];
const CORSICA: Range = [8.3, 41.2, 9.8, 43.2];

/** Whether (lon, lat) is on or near French soil (coarse outline above); what detection counts. */
export function isOnFrenchSoil(lon: number, lat: number): boolean {
  if (!(lon >= FRANCE_BBOX[0] && lon <= FRANCE_BBOX[2] && lat >= FRANCE_BBOX[1] && lat <= FRANCE_BBOX[3]))
    return false;
  if (lon >= CORSICA[0] && lon <= CORSICA[2] && lat >= CORSICA[1] && lat <= CORSICA[3]) return true;
  let inside = false;
  for (let i = 0, j = MAINLAND.length - 1; i < MAINLAND.length; j = i++) {
    const [xi, yi] = MAINLAND[i]!;
    const [xj, yj] = MAINLAND[j]!;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A little more than the projected France bbox: coastal and border points, rounding of surveys. */
const RANGE_MARGIN = 20_000;

/**
 * Where each CRS puts real French data: the France bbox outline projected into it (on a lon/lat box, the
 * extremes of a conic projection lie on the outline), plus a margin. Only a pre-filter: the zones of one
 * family overlap (NTF Lambert I–IV share their false origin, CC zones are 1° apart), so detection then
 * reprojects the sample and keeps the systems that put the points in France.
 */
export const CRS_RANGES: Record<CrsCode, Range> = Object.fromEntries(
  CRS_CODES.map((crs) => [crs, crs === 'EPSG:4326' ? FRANCE_BBOX : projectedRange(crs)]),
) as Record<CrsCode, Range>;

function projectedRange(crs: CrsCode): Range {
  const [w, s, e, n] = FRANCE_BBOX;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const add = (lon: number, lat: number) => {
    const [x, y] = fromWgs84(crs, lon, lat);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (let t = 0; t <= 64; t++) {
    add(w + ((e - w) * t) / 64, s);
    add(w + ((e - w) * t) / 64, n);
    add(w, s + ((n - s) * t) / 64);
    add(e, s + ((n - s) * t) / 64);
  }
  return [x0 - RANGE_MARGIN, y0 - RANGE_MARGIN, x1 + RANGE_MARGIN, y1 + RANGE_MARGIN];
}

function within(range: Range, x: number, y: number): boolean {
  return x >= range[0] && x <= range[2] && y >= range[1] && y <= range[3];
}

/** Whether (x, y), in that axis order, falls where `crs` can put French data. False for NaN. */
export function looksLike(crs: CrsCode, x: number, y: number): boolean {
  return within(CRS_RANGES[crs], x, y);
}

/** Per-row check behind the "en dehors de la France" rejection. */
export function isInFrance(lon: number, lat: number): boolean {
  return within(FRANCE_BBOX, lon, lat);
}

export interface CrsHypothesis {
  crs: CrsCode;
  /** True when the first column holds northings/latitudes and the second eastings/longitudes. */
  swapped: boolean;
}

export interface CrsDetection {
  crs: CrsCode | null;
  swapped: boolean;
  /** French, shown to the user as is. */
  reason: string;
  /**
   * Every system that places most of the points in France, when there are several (empty otherwise). With a
   * `crs`, the territory decided between them; with `crs: null`, the user must choose among them.
   */
  candidates: CrsHypothesis[];
}

const HYPOTHESES: readonly CrsHypothesis[] = CRS_CODES.flatMap((crs) => [
  { crs, swapped: false },
  { crs, swapped: true },
]);

/** Enough to decide; evenly spread so that a sorted file is sampled across its whole extent. */
export const DETECTION_SAMPLE_SIZE = 2000;
/** Points reprojected per surviving hypothesis (NTF goes through proj4: keep it small). */
const REPROJECTED_SAMPLE = 400;
/** The territory preference tolerates points a little outside the communes' bbox (coast, survey noise). */
const AREA_MARGIN_DEG = 0.1;

const formatCount = (n: number) => n.toLocaleString('fr-FR');

function swappedText(crs: CrsCode): string {
  return crs === 'EPSG:4326'
    ? 'latitude et longitude inversées (la première colonne contient la latitude)'
    : 'axes X et Y inversés (la première colonne contient les Y)';
}

export const hypothesisLabel = ({ crs, swapped }: CrsHypothesis) =>
  `${CRS_LABELS[crs]}${swapped ? ' (axes inversés)' : ''}`;

/** Finite sampled points, evenly spread over the input. */
function samplePoints(xs: ArrayLike<number>, ys: ArrayLike<number>): { x: number[]; y: number[] } {
  const length = Math.min(xs.length, ys.length);
  const step = Math.max(1, Math.floor(length / DETECTION_SAMPLE_SIZE));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < length; i += step) {
    if (Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!)) {
      x.push(xs[i]!);
      y.push(ys[i]!);
    }
  }
  return { x, y };
}

interface Fit {
  hypothesis: CrsHypothesis;
  inFrance: number;
  inArea: number;
}

function fitOf(h: CrsHypothesis, x: number[], y: number[], area: Range | null): Fit {
  const step = Math.max(1, Math.floor(x.length / REPROJECTED_SAMPLE));
  let inFrance = 0;
  let inArea = 0;
  let tested = 0;
  for (let i = 0; i < x.length; i += step) {
    tested++;
    const [lon, lat] = h.swapped ? toWgs84(h.crs, y[i]!, x[i]!) : toWgs84(h.crs, x[i]!, y[i]!);
    if (!isOnFrenchSoil(lon, lat)) continue;
    inFrance++;
    if (area && within(area, lon, lat)) inArea++;
  }
  // Scaled back to the sample so that counts read as "n points sur N".
  const scale = x.length / tested;
  return { hypothesis: h, inFrance: Math.round(inFrance * scale), inArea: Math.round(inArea * scale) };
}

function plausibleFits(
  hypotheses: readonly CrsHypothesis[],
  x: number[],
  y: number[],
  box: Range | null,
): Fit[] {
  const valid = x.length;
  const plausible: Fit[] = [];
  for (const h of hypotheses) {
    const range = CRS_RANGES[h.crs];
    let inRange = 0;
    for (let i = 0; i < valid; i++)
      if (h.swapped ? within(range, y[i]!, x[i]!) : within(range, x[i]!, y[i]!)) inRange++;
    if (inRange * 2 <= valid) continue;
    const f = fitOf(h, x, y, box);
    if (f.inFrance * 2 > valid) plausible.push(f);
  }
  return plausible;
}

/**
 * Guesses the CRS and axis order of coordinates from their values. A hypothesis is plausible when it puts
 * more than half of the sampled points in France; the CRS is chosen only when exactly one is plausible, or
 * when exactly one of several puts most points in `area` (the territory). Otherwise `crs` is null and
 * `candidates` names the plausible systems for the user to choose from.
 */
export function detectCrs(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  area: Range | null = null,
): CrsDetection {
  const { x, y } = samplePoints(xs, ys);
  const valid = x.length;
  if (valid === 0) {
    return {
      crs: null,
      swapped: false,
      candidates: [],
      reason: 'Aucune coordonnée numérique à analyser : système de coordonnées non détecté.',
    };
  }
  const box: Range | null = area
    ? [
        area[0] - AREA_MARGIN_DEG,
        area[1] - AREA_MARGIN_DEG,
        area[2] + AREA_MARGIN_DEG,
        area[3] + AREA_MARGIN_DEG,
      ]
    : null;
  // Axes as written first: exchanged axes are only considered when no reading as written fits, otherwise
  // every NTF file would also list the swapped readings of its neighbour zones.
  const straight = plausibleFits(
    HYPOTHESES.filter((h) => !h.swapped),
    x,
    y,
    box,
  );
  const plausible =
    straight.length > 0
      ? straight
      : plausibleFits(
          HYPOTHESES.filter((h) => h.swapped),
          x,
          y,
          box,
        );
  const sample = (n: number) =>
    `${formatCount(n)} ${agree(n, 'point', 'points')} sur ${formatCount(valid)} ${agree(valid, 'analysé', 'analysés')}`;
  if (plausible.length === 0) {
    return {
      crs: null,
      swapped: false,
      candidates: [],
      reason: `Système de coordonnées non reconnu : aucun système connu (WGS84, Lambert-93, CC42 à CC50, NTF Lambert I à IV, Lambert II étendu) ne place plus de la moitié des ${formatCount(valid)} points analysés en France. Choisissez le système manuellement.`,
    };
  }
  const chosen = (f: Fit, why: string): CrsDetection => {
    const { crs, swapped } = f.hypothesis;
    return {
      crs,
      swapped,
      candidates: plausible.length > 1 ? plausible.map((p) => p.hypothesis) : [],
      reason: `${CRS_LABELS[crs]} détecté d'après les valeurs (${why})${swapped ? `, ${swappedText(crs)}` : ''}.`,
    };
  };
  if (plausible.length === 1) return chosen(plausible[0]!, `${sample(plausible[0]!.inFrance)} en France`);
  const inArea = plausible.filter((f) => f.inArea * 2 > valid);
  const others = (f: Fit) =>
    plausible
      .filter((p) => p !== f)
      .map((p) => hypothesisLabel(p.hypothesis))
      .join(', ');
  if (inArea.length === 1) {
    const f = inArea[0]!;
    return chosen(
      f,
      `${sample(f.inArea)} sur le territoire ; autre lecture possible, qui les place ailleurs en France : ${others(f)}`,
    );
  }
  return {
    crs: null,
    swapped: false,
    candidates: plausible.map((p) => p.hypothesis),
    reason: `Système de coordonnées ambigu : les valeurs conviennent à plusieurs systèmes (${plausible.map((p) => hypothesisLabel(p.hypothesis)).join(', ')}). Choisissez celui du fichier.`,
  };
}
