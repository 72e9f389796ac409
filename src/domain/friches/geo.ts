import { area, booleanPointInPolygon, circle, distance } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import clipping from 'polygon-clipping';

/** polygon-clipping's coordinate layout (same nesting as GeoJSON MultiPolygon coordinates). */
export type ClipMultiPolygon = clipping.MultiPolygon;
export type BBox = [number, number, number, number];

export function toClip(geometry: Polygon | MultiPolygon): ClipMultiPolygon {
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polys.map((rings) => rings.map((ring) => ring.map((p) => [p[0]!, p[1]!] as clipping.Pair)));
}

export function clipAreaM2(geometry: ClipMultiPolygon): number {
  if (geometry.length === 0) return 0;
  return area({ type: 'MultiPolygon', coordinates: geometry });
}

export function bboxOf(geometry: Polygon | MultiPolygon): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const visit = (p: Position) => {
    if (p[0]! < minX) minX = p[0]!;
    if (p[0]! > maxX) maxX = p[0]!;
    if (p[1]! < minY) minY = p[1]!;
    if (p[1]! > maxY) maxY = p[1]!;
  };
  const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const rings of polys) for (const ring of rings) for (const p of ring) visit(p);
  return [minX, minY, maxX, maxY];
}

/** Geodesic (haversine) distance in metres, the same formula as turf.distance. */
export function distanceM(a: Position, b: Position): number {
  return distance(a, b, { units: 'meters' });
}

/**
 * Area of `subject` covered by the union of `overlays`, in m². Overlays may overlap each other (two
 * ZNIEFF over one Natura 2000 site): summing pairwise intersections would count the same hectare twice,
 * so the small pieces cut out of the subject are merged before measuring (cheaper than merging the
 * large overlays first).
 */
export function coveredAreaM2(subject: ClipMultiPolygon, overlays: readonly ClipMultiPolygon[]): number {
  const pieces = overlays.map((o) => clipping.intersection(subject, o)).filter((p) => p.length > 0);
  if (pieces.length === 0) return 0;
  if (pieces.length === 1) return clipAreaM2(pieces[0]!);
  return clipAreaM2(clipping.union(pieces[0]!, ...pieces.slice(1)));
}

const clipCache = new WeakMap<
  Polygon | MultiPolygon,
  { clip: ClipMultiPolygon; areaM2: number; bbox: BBox }
>();

/** Clipping form, area and bbox of a site perimeter, computed once per geometry object. */
export function surfaceInfo(geometry: Polygon | MultiPolygon): {
  clip: ClipMultiPolygon;
  areaM2: number;
  bbox: BBox;
} {
  let info = clipCache.get(geometry);
  if (!info) {
    info = { clip: toClip(geometry), areaM2: area(geometry), bbox: bboxOf(geometry) };
    clipCache.set(geometry, info);
  }
  return info;
}

export function intersectionAreaM2(a: ClipMultiPolygon, b: ClipMultiPolygon): number {
  return clipAreaM2(clipping.intersection(a, b));
}

export function pointInArea(point: Position, geometry: Polygon | MultiPolygon): boolean {
  return booleanPointInPolygon(point, geometry);
}

/** A geodesic circle (turf.circle, `steps` vertices) around [lon, lat]. */
export function circlePolygon(centre: Position, radiusM: number, steps = 64): ClipMultiPolygon {
  return toClip(circle(centre, radiusM, { steps, units: 'meters' }).geometry);
}

export function clipBbox(geometry: ClipMultiPolygon): BBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const rings of geometry)
    for (const ring of rings)
      for (const [x, y] of ring) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
  return [minX, minY, maxX, maxY];
}
