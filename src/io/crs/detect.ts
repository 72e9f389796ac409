import type { CrsCode } from '../types.ts';
import { CRS_LABELS } from './defs.ts';

/** [minX, minY, maxX, maxY]. */
export type Range = readonly [number, number, number, number];

/**
 * Metropolitan France and Corsica, a little generous (real extremes: Ouessant −5.14°, Lauterbourg 8.23°,
 * Cap Corse 9.56° E; Bonifacio 41.37°, Bray-Dunes 51.09° N) so that coastal and border points pass.
 */
export const FRANCE_BBOX: Range = [-5.8, 41.0, 10.0, 51.6];

/**
 * Where each CRS puts real French data. Derived from the projected France bbox: Lambert-93 spans
 * X 99 000 (Ouessant) – 1 240 000 (Corsica), Y 6 040 000 – 7 120 000; CC50 spans X 1 090 000 – 2 230 000,
 * Y 8 250 000 – 9 330 000. The Y bands of the two conics are 800 km apart (CC50's false northing puts
 * 50° N at 9 200 000, Lambert-93's puts 46.5° N at 6 600 000), so although their X bands overlap a point
 * can never match both; the swapped variants are disjoint from everything else too (see detect.test.ts).
 */
export const CRS_RANGES: Record<CrsCode, Range> = {
  'EPSG:4326': FRANCE_BBOX,
  'EPSG:2154': [50_000, 6_000_000, 1_300_000, 7_200_000],
  'EPSG:3950': [1_000_000, 8_000_000, 2_400_000, 9_500_000],
};

function within(range: Range, x: number, y: number): boolean {
  return x >= range[0] && x <= range[2] && y >= range[1] && y <= range[3];
}

/** Whether (x, y), in that axis order, falls where `crs` puts French data. False for NaN. */
export function looksLike(crs: CrsCode, x: number, y: number): boolean {
  return within(CRS_RANGES[crs], x, y);
}

/** Per-row check behind the "en dehors de la France" rejection. */
export function isInFrance(lon: number, lat: number): boolean {
  return within(FRANCE_BBOX, lon, lat);
}

export interface CrsDetection {
  crs: CrsCode | null;
  /** True when the first column holds northings/latitudes and the second eastings/longitudes. */
  swapped: boolean;
  /** French, shown to the user as is. */
  reason: string;
}

interface Hypothesis {
  crs: CrsCode;
  swapped: boolean;
}

const HYPOTHESES: readonly Hypothesis[] = [
  { crs: 'EPSG:4326', swapped: false },
  { crs: 'EPSG:4326', swapped: true },
  { crs: 'EPSG:2154', swapped: false },
  { crs: 'EPSG:2154', swapped: true },
  { crs: 'EPSG:3950', swapped: false },
  { crs: 'EPSG:3950', swapped: true },
];

/** Enough to decide; evenly spread so that a sorted file is sampled across its whole extent. */
export const DETECTION_SAMPLE_SIZE = 2000;

const formatCount = (n: number) => n.toLocaleString('fr-FR');

function swappedText(crs: CrsCode): string {
  return crs === 'EPSG:4326'
    ? 'latitude et longitude inversées (la première colonne contient la latitude)'
    : 'axes X et Y inversés (la première colonne contient les Y)';
}

/**
 * Guesses the CRS and axis order of coordinate columns from their value ranges. A hypothesis wins when
 * more than half of the sampled points fit it; the six hypotheses are disjoint, so at most one can.
 */
export function detectCrs(xs: ArrayLike<number>, ys: ArrayLike<number>): CrsDetection {
  const length = Math.min(xs.length, ys.length);
  const step = Math.max(1, Math.floor(length / DETECTION_SAMPLE_SIZE));
  const counts = new Array<number>(HYPOTHESES.length).fill(0);
  let valid = 0;
  for (let i = 0; i < length; i += step) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    valid++;
    for (let h = 0; h < HYPOTHESES.length; h++) {
      const { crs, swapped } = HYPOTHESES[h]!;
      if (swapped ? looksLike(crs, y, x) : looksLike(crs, x, y)) {
        counts[h]!++;
        break;
      }
    }
  }

  if (valid === 0) {
    return {
      crs: null,
      swapped: false,
      reason: 'Aucune coordonnée numérique à analyser : système de coordonnées non détecté.',
    };
  }
  let best = 0;
  for (let h = 1; h < HYPOTHESES.length; h++) if (counts[h]! > counts[best]!) best = h;
  const bestCount = counts[best]!;
  const sample = `${formatCount(bestCount)} point(s) sur ${formatCount(valid)} analysé(s)`;
  if (bestCount * 2 <= valid) {
    const matched = counts.reduce((sum, c) => sum + c, 0);
    return {
      crs: null,
      swapped: false,
      reason:
        matched === 0
          ? `Système de coordonnées non reconnu : aucune des ${formatCount(valid)} valeurs analysées ne correspond à des coordonnées en France en WGS84, Lambert-93 ou CC50. Choisissez le système manuellement.`
          : `Système de coordonnées ambigu : aucun système ne convient à plus de la moitié des ${formatCount(valid)} points analysés. Choisissez le système manuellement.`,
    };
  }
  const { crs, swapped } = HYPOTHESES[best]!;
  return {
    crs,
    swapped,
    reason: `${CRS_LABELS[crs]} détecté d'après les valeurs (${sample} dans l'emprise attendue)${swapped ? `, ${swappedText(crs)}` : ''}.`,
  };
}
