import type { MultiPolygon, Polygon } from 'geojson';
import { flatBounds, flattenPolygons, OUTSIDE, pointInFlatRings } from './flatRings.ts';

/**
 * Indices (ascending) of the points lying inside a polygon or multipolygon, boundary included — a user
 * who draws a selection zone right through a light point expects it selected.
 *
 * Points come as columns (the columnar layout of imported features), with WGS84 lon/lat; non-finite
 * coordinates never match. Holes and multipolygon parts follow the even-odd rule, which also gives a
 * sensible answer for a hand-drawn self-intersecting ring. A bounding-box prefilter skips the exact test
 * for most points of a large inventory when the zone is small.
 */
export function pointsInPolygon(
  lon: Float64Array,
  lat: Float64Array,
  polygon: Polygon | MultiPolygon,
): Uint32Array {
  if (lon.length !== lat.length) throw new RangeError('lon and lat must have the same length');
  const rings = flattenPolygons(polygon.type === 'Polygon' ? [polygon.coordinates] : polygon.coordinates);
  const bounds = flatBounds(rings);
  if (!bounds) return new Uint32Array(0);
  const [minX, minY, maxX, maxY] = bounds;
  const hits = new Uint32Array(lon.length);
  let count = 0;
  for (let i = 0; i < lon.length; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    // NaN fails every comparison, so it is rejected here too.
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) continue;
    if (pointInFlatRings(rings, x, y) !== OUTSIDE) hits[count++] = i;
  }
  return hits.slice(0, count);
}
