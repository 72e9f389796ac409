import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/**
 * Reference answer for tests and the benchmark: the first commune, in file order, for which
 * turf.booleanPointInPolygon holds (boundary included). Deliberately the slow obvious loop — never use it
 * in the app; `buildCommuneIndex` gives the same answer orders of magnitude faster.
 */
export function naiveLocate(
  communes: FeatureCollection<Polygon | MultiPolygon, { insee: string }>,
  lon: number,
  lat: number,
): number {
  const point = [lon, lat];
  const features = communes.features;
  for (let k = 0; k < features.length; k++) {
    if (booleanPointInPolygon(point, features[k]!)) return k;
  }
  return -1;
}
