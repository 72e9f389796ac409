/**
 * Identifiers of light points when the file has none (issue 14). Work orders, the rejection report and batch
 * edits address points by identifier, so a generated one must be the same on every re-import of the same
 * file, whatever the row order: it is derived from the point's position (rounded to the centimetre, far below
 * the spacing of two lamps), not from its line number. Several lamp heads on one mast share a position: the
 * 2nd, 3rd… occurrence gets `-2`, `-3`… in file order.
 */
import { recordFingerprint } from '../importModes.ts';
import type { LightPoint } from './types.ts';

/** Prefix of generated identifiers: « PL » (point lumineux), then « G » so it cannot clash with usual codes. */
export const GENERATED_ID_PREFIX = 'PLG-';

/** FNV-1a, 32 bits: tiny, stable across engines, good enough spread for a few million positions. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Stable identifier of a WGS84 position: `PLG-` + 8 hexadecimal digits. */
export function positionId(lon: number, lat: number): string {
  // 1e-7 degree ≈ 1 cm; toFixed gives the same text on every engine.
  const key = `${lon.toFixed(7)};${lat.toFixed(7)}`;
  return `${GENERATED_ID_PREFIX}${fnv1a(key).toString(16).padStart(8, '0').toUpperCase()}`;
}

/**
 * Generated identifiers for one import: `next(lon, lat)` gives the position's identifier, suffixed by its
 * occurrence number from the second point at the same position (or the rare hash collision) onward.
 */
export function generatedIds(): (lon: number, lat: number) => string {
  const seen = new Map<string, number>();
  return (lon, lat) => {
    const base = positionId(lon, lat);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}

/** A mast code completed by its lamp head number (`cod_ouvrag` + `foyer`): « M0123 » + « 2 » → « M0123-2 ». */
export function mastAndHeadId(mast: string, head: string | null): string {
  return head ? `${mast}-${head}` : mast;
}

/** True for a column name that holds a mast code, which the lamp head number completes. */
export function isMastColumn(folded: string): boolean {
  return /^cod(e)?_ouvrag(e)?$/.test(folded);
}

/**
 * The import modes' fingerprint of a light point (« Mettre à jour par identifiant »: same content or not).
 * Positions rounded to ~1 cm: the same lamp read from a GeoPackage or a CSV is the same record. Computed in
 * the import worker for a file's points and in the app for its own: one rule for both.
 */
export function lightFingerprint(point: LightPoint): string {
  return recordFingerprint({ ...point, lon: Math.round(point.lon * 1e7), lat: Math.round(point.lat * 1e7) });
}
