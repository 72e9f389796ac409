import type { Geometry } from 'geojson';
import { checkGeometry } from './geojson.ts';
import { parseWkt, type WktResult } from './wkt.ts';

// "50.7264, 1.6139" — the `geo_point_2d` of Opendatasoft exports (latitude first; the axis check fixes order);
// also unspaced "50.7264,1.6139" (SNCF open data): with a point in both numbers, the comma can only separate them.
const PAIR = /^\s*\[?\s*(-?\d+(?:[.,]\d+)?)\s*[,;]\s*(-?\d+(?:[.,]\d+)?)\s*\]?\s*$/;
const PAIR_SPACED = /^\s*(-?\d+\.\d+)\s*,\s*(-?\d+\.\d+)\s*$/;

/**
 * A geometry written in a text cell: WKT / EWKT, a GeoJSON geometry object (`geo_shape` columns), or a
 * "y, x" coordinate pair (`geo_point_2d`). Never throws; the reason is the WKT one when nothing fits.
 */
export function parseGeometryText(text: string | null | undefined): WktResult {
  const trimmed = (text ?? '').trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      const problem = checkGeometry(value);
      return problem ? { ok: false, reason: problem } : { ok: true, geometry: value as Geometry, srid: null };
    } catch {
      return { ok: false, reason: 'géométrie GeoJSON illisible (JSON invalide)' };
    }
  }
  const pair =
    PAIR_SPACED.exec(trimmed) ?? (trimmed.includes(';') || /^\[/.test(trimmed) ? PAIR.exec(trimmed) : null);
  if (pair) {
    const a = Number(pair[1]!.replace(',', '.'));
    const b = Number(pair[2]!.replace(',', '.'));
    // Opendatasoft writes latitude first: stored as (longitude, latitude). A file written the other way
    // round is caught by the swapped-axes check like any other.
    return { ok: true, geometry: { type: 'Point', coordinates: [b, a] }, srid: null };
  }
  return parseWkt(trimmed);
}

export function looksLikeGeometryText(text: string | null | undefined): boolean {
  if (!text) return false;
  return parseGeometryText(text).ok;
}
