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
  if (overlays.length === 0) return 0;
  try {
    const pieces = overlays.map((o) => clipping.intersection(subject, o)).filter((p) => p.length > 0);
    if (pieces.length === 0) return 0;
    if (pieces.length === 1) return clipAreaM2(pieces[0]!);
    return clipAreaM2(clipping.union(pieces[0]!, ...pieces.slice(1)));
  } catch {
    // polygon-clipping 0.15 can fail on nearly collinear shared edges (pieces cut by the same site
    // boundary): merge the overlays first instead, and as a last resort measure by sampling.
    try {
      const merged =
        overlays.length === 1 ? overlays[0]! : clipping.union(overlays[0]!, ...overlays.slice(1));
      return clipAreaM2(clipping.intersection(subject, merged));
    } catch {
      return sampledCoveredAreaM2(subject, overlays);
    }
  }
}

/** Share of a 40 × 40 grid of points of the subject that fall in an overlay, times the subject area (±1 %). */
export function sampledCoveredAreaM2(
  subject: ClipMultiPolygon,
  overlays: readonly ClipMultiPolygon[],
): number {
  const [minX, minY, maxX, maxY] = clipBbox(subject);
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates: subject };
  const zones = overlays.map((o): MultiPolygon => ({ type: 'MultiPolygon', coordinates: o }));
  const n = 40;
  let inside = 0;
  let covered = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const p = [minX + ((i + 0.5) * (maxX - minX)) / n, minY + ((j + 0.5) * (maxY - minY)) / n];
      if (!booleanPointInPolygon(p, geometry)) continue;
      inside++;
      if (zones.some((z) => booleanPointInPolygon(p, z))) covered++;
    }
  }
  return inside > 0 ? (clipAreaM2(subject) * covered) / inside : 0;
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

/** Sutherland–Hodgman: the part of `ring` inside the convex counter-clockwise polygon `clip` (open rings). */
function clipRingToConvex(ring: readonly clipping.Pair[], clip: readonly clipping.Pair[]): clipping.Pair[] {
  let output: clipping.Pair[] = ring.slice(0, ring.length - 1);
  for (let k = 0; k < clip.length && output.length > 0; k++) {
    const [ax, ay] = clip[k]!;
    const [bx, by] = clip[(k + 1) % clip.length]!;
    const side = (p: clipping.Pair) => (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax);
    const input = output;
    output = [];
    let s = input[input.length - 1]!;
    let sSide = side(s);
    for (const e of input) {
      const eSide = side(e);
      if (eSide >= 0 !== sSide >= 0) {
        const t = sSide / (sSide - eSide);
        output.push([s[0] + t * (e[0] - s[0]), s[1] + t * (e[1] - s[1])]);
      }
      if (eSide >= 0) output.push(e);
      s = e;
      sSide = eSide;
    }
  }
  return output;
}

/**
 * Area (m²) of `subject` inside a CONVEX polygon, exact like a general clipper but without its cost: each
 * ring is clipped on its own (Sutherland–Hodgman). A concave ring may come out with zero-width bridges
 * along the convex boundary; they enclose no area, so the measured area is exact. Holes are subtracted.
 * Used for the 1 km disc against commune outlines (thousands of calls per inventory).
 */
export function areaInsideConvexM2(subject: ClipMultiPolygon, convexRing: readonly clipping.Pair[]): number {
  const open = convexRing.slice(0, convexRing.length - 1);
  let signed = 0;
  for (let i = 0; i < open.length; i++) {
    const [x1, y1] = open[i]!;
    const [x2, y2] = open[(i + 1) % open.length]!;
    signed += x1 * y2 - x2 * y1;
  }
  const clip = signed >= 0 ? open : open.reverse();
  let total = 0;
  for (const rings of subject) {
    rings.forEach((ring, r) => {
      const part = clipRingToConvex(ring, clip);
      if (part.length < 3) return;
      const a = area({ type: 'Polygon', coordinates: [[...part, part[0]!]] });
      total += r === 0 ? a : -a;
    });
  }
  return Math.max(0, total);
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
