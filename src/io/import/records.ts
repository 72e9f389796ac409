import type { ImportedFeatures } from '../types.ts';

/**
 * Row-wise and column-wise access to imported attributes, for the domain modules (lights, advice,
 * brownfields) that map a generic import onto their own records.
 */

/** Every attribute of feature `i` (cleaned text; missing values are null). */
export function recordAt(features: ImportedFeatures, i: number): Record<string, string | null> {
  const record: Record<string, string | null> = {};
  for (const [name, column] of Object.entries(features.attributes)) record[name] = column.get(i);
  return record;
}

/** One attribute for all features; an all-null column when the field does not exist. */
export function columnOf(features: ImportedFeatures, name: string): (string | null)[] {
  const column = features.attributes[name];
  const out = new Array<string | null>(features.count);
  for (let i = 0; i < features.count; i++) out[i] = column ? column.get(i) : null;
  return out;
}

/** Accepted features per INSEE code (features outside the territory are not counted). */
export function countByCommune(features: ImportedFeatures): Record<string, number> {
  // A Map of counters, not an object: INSEE codes look like array indices and would make an object sparse
  // and slow; one lookup per feature.
  const counts = new Map<string, { n: number }>();
  const insee = features.insee;
  for (let i = 0; i < features.count; i++) {
    const code = insee[i];
    if (!code) continue;
    const counter = counts.get(code);
    if (counter) counter.n++;
    else counts.set(code, { n: 1 });
  }
  const out: Record<string, number> = {};
  for (const [code, counter] of counts) out[code] = counter.n;
  return out;
}

/** [minLon, minLat, maxLon, maxLat] (WGS84) of the accepted features that have a position; null if none. */
export function boundsOf(features: ImportedFeatures): [number, number, number, number] | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const { lon, lat } = features;
  for (let i = 0; i < features.count; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}
