import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Random } from '../../lib/random.ts';
import type { CommuneCentreCollection, CommuneCollection, CommuneFeature } from '../territory/types.ts';

export interface PlacedPoint {
  insee: string;
  lon: number;
  lat: number;
}

/**
 * Draws `count` points inside a commune, concentrated around its centre (a village has its lamps and its
 * households near the bourg) with a spread proportional to the commune's size; rejection keeps them inside.
 */
export function placeInCommune(
  commune: CommuneFeature,
  centre: [number, number],
  count: number,
  random: Random,
  spreadFactor = 0.22,
): PlacedPoint[] {
  const [minX, minY, maxX, maxY] = bbox(commune) as [number, number, number, number];
  const sx = (maxX - minX) * spreadFactor;
  const sy = (maxY - minY) * spreadFactor;
  const points: PlacedPoint[] = [];
  let attempts = 0;
  while (points.length < count) {
    attempts++;
    // After many misses (odd shapes) fall back to uniform draws in the bounding box, still rejected outside.
    const uniform = attempts > count * 20;
    const lon = uniform ? minX + random.next() * (maxX - minX) : centre[0] + random.normal() * sx;
    const lat = uniform ? minY + random.next() * (maxY - minY) : centre[1] + random.normal() * sy;
    // Round before the inside test: a point rounded afterwards could land millimetres outside its commune.
    const rounded: [number, number] = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
    if (rounded[0] < minX || rounded[0] > maxX || rounded[1] < minY || rounded[1] > maxY) continue;
    if (!booleanPointInPolygon(rounded, commune, { ignoreBoundary: true })) continue;
    points.push({ insee: commune.properties.insee, lon: rounded[0], lat: rounded[1] });
  }
  return points;
}

/** Splits `total` between communes proportionally to population (largest remainders, so the sum is exact). */
export function allocateByPopulation(communes: CommuneCollection, total: number): Map<string, number> {
  const population = communes.features.reduce((s, f) => s + f.properties.population, 0);
  const shares = communes.features.map((f) => {
    const exact = (total * f.properties.population) / population;
    return { insee: f.properties.insee, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let remaining = total - shares.reduce((s, x) => s + x.floor, 0);
  for (const share of [...shares].sort((a, b) => b.rest - a.rest)) {
    if (remaining <= 0) break;
    share.floor++;
    remaining--;
  }
  return new Map(shares.map((s) => [s.insee, s.floor]));
}

/** Places `total` points across the territory, proportionally to population, around each commune centre. */
export function placeByPopulation(
  communes: CommuneCollection,
  centres: CommuneCentreCollection,
  total: number,
  random: Random,
): PlacedPoint[] {
  const centreOf = new Map(
    centres.features.map((f) => [f.properties.insee, f.geometry.coordinates as [number, number]]),
  );
  const allocation = allocateByPopulation(communes, total);
  return communes.features.flatMap((commune) => {
    const n = allocation.get(commune.properties.insee) ?? 0;
    const centre = centreOf.get(commune.properties.insee);
    return n > 0 && centre ? placeInCommune(commune, centre, n, random) : [];
  });
}
