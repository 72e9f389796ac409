import type { Geometry, Position } from 'geojson';
import { pointOnSurface } from '../../geo/pointOnSurface.ts';
import {
  CRS_LABELS,
  type CrsHypothesis,
  DETECTION_SAMPLE_SIZE,
  detectCrs,
  looksLike,
  type Range,
} from '../crs/index.ts';
import type { CrsCode } from '../types.ts';

export interface CrsDecision {
  crs: CrsCode | null;
  swapped: boolean;
  warnings: string[];
  /** See CrsDetection.candidates; empty when the user or the file chose. */
  candidates: CrsHypothesis[];
}

/** Counts sampled points fitting `crs` as written and with axes exchanged. */
function fitCounts(
  crs: CrsCode,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
): { straight: number; swapped: number } {
  const n = Math.min(xs.length, ys.length);
  const step = Math.max(1, Math.floor(n / DETECTION_SAMPLE_SIZE));
  let straight = 0;
  let swapped = 0;
  for (let i = 0; i < n; i += step) {
    if (looksLike(crs, xs[i]!, ys[i]!)) straight++;
    else if (looksLike(crs, ys[i]!, xs[i]!)) swapped++;
  }
  return { straight, swapped };
}

function swapWarning(crs: CrsCode): string {
  return crs === 'EPSG:4326'
    ? 'Latitude et longitude inversées dans le fichier : détecté et corrigé automatiquement.'
    : 'Axes X et Y inversés dans le fichier : détecté et corrigé automatiquement.';
}

/**
 * Chooses the CRS and axis order. The user's choice wins; then a CRS declared by the file (.prj, GeoJSON
 * `crs`, EWKT SRID) unless the values plainly contradict it; then detection from value ranges. Swapped axes
 * are detected in every case, because they come from the data, not the declaration.
 */
export function decideCrs(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  forced: CrsCode | null,
  declared: CrsCode | null,
  area: Range | null = null,
): CrsDecision {
  const detection = detectCrs(xs, ys, area);
  const warnings: string[] = [];
  const withAxes = (crs: CrsCode): CrsDecision => {
    const swapped =
      detection.crs === crs
        ? detection.swapped
        : (() => {
            const fit = fitCounts(crs, xs, ys);
            return fit.swapped > fit.straight;
          })();
    if (swapped) warnings.push(swapWarning(crs));
    return { crs, swapped, warnings, candidates: [] };
  };
  if (forced) {
    if (detection.crs && detection.crs !== forced) {
      warnings.push(
        `Système imposé : ${CRS_LABELS[forced]}, alors que les valeurs ressemblent à du ${CRS_LABELS[detection.crs]}.`,
      );
    }
    return withAxes(forced);
  }
  if (declared) {
    const fit = fitCounts(declared, xs, ys);
    if (fit.straight + fit.swapped === 0 && detection.crs) {
      warnings.push(
        `Le fichier déclare ${CRS_LABELS[declared]} mais les valeurs sont en ${CRS_LABELS[detection.crs]} : c’est ce dernier qui est utilisé.`,
      );
      if (detection.swapped) warnings.push(swapWarning(detection.crs));
      return { crs: detection.crs, swapped: detection.swapped, warnings, candidates: detection.candidates };
    }
    return withAxes(declared);
  }
  if (!detection.crs) {
    warnings.push(detection.reason);
    return { crs: null, swapped: false, warnings, candidates: detection.candidates };
  }
  if (detection.candidates.length > 0) warnings.push(detection.reason);
  if (detection.swapped) warnings.push(swapWarning(detection.crs));
  return { crs: detection.crs, swapped: detection.swapped, warnings, candidates: detection.candidates };
}

/** First position of a geometry (what CRS detection samples). */
export function firstPosition(g: Geometry): Position | null {
  switch (g.type) {
    case 'Point':
      return g.coordinates;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates[0] ?? null;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates[0]?.[0] ?? null;
    case 'MultiPolygon':
      return g.coordinates[0]?.[0]?.[0] ?? null;
    case 'GeometryCollection':
      for (const child of g.geometries) {
        const p = firstPosition(child);
        if (p) return p;
      }
      return null;
  }
}

/**
 * WGS84 representative point: the point itself, the first of a multipoint, the middle vertex of a line,
 * a point guaranteed inside a polygon (not its centroid, which can fall outside a crescent-shaped site).
 */
export function representativePoint(g: Geometry): [number, number] | null {
  switch (g.type) {
    case 'Point':
      return [g.coordinates[0]!, g.coordinates[1]!];
    case 'MultiPoint': {
      const p = g.coordinates[0];
      return p ? [p[0]!, p[1]!] : null;
    }
    case 'LineString':
    case 'MultiLineString': {
      const line = g.type === 'LineString' ? g.coordinates : g.coordinates[0];
      const p = line?.[Math.floor((line.length - 1) / 2)];
      return p ? [p[0]!, p[1]!] : null;
    }
    case 'Polygon':
    case 'MultiPolygon':
      return pointOnSurface(g);
    case 'GeometryCollection':
      for (const child of g.geometries) {
        const p = representativePoint(child);
        if (p) return p;
      }
      return null;
  }
}
