import type { Position } from 'geojson';

/**
 * Rings stored as flat coordinate columns: ring r spans vertices [ringStart[r], ringStart[r + 1]) and is
 * always closed (last vertex = first), so edge i joins vertex i to vertex i + 1 within a ring.
 * Flat typed arrays keep the hot loops free of nested-array pointer chasing.
 */
export interface FlatRings {
  xs: Float64Array;
  ys: Float64Array;
  ringStart: Int32Array;
  ringCount: number;
}

/** Result of a point-in-polygon test, as in point-in-polygon-hao (which turf uses). */
export const OUTSIDE = -1;
export const ON_BOUNDARY = 0;
export const INSIDE = 1;
export type PipResult = typeof OUTSIDE | typeof ON_BOUNDARY | typeof INSIDE;

/** Growable builder: vertices are appended ring by ring, non-finite positions dropped, rings closed. */
export class FlatRingsBuilder {
  private xs: number[] = [];
  private ys: number[] = [];
  private starts: number[] = [0];

  get ringCount(): number {
    return this.starts.length - 1;
  }

  addRing(ring: readonly Position[]): void {
    const from = this.xs.length;
    for (const position of ring) {
      const x = position[0];
      const y = position[1];
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
        continue;
      this.xs.push(x);
      this.ys.push(y);
    }
    const count = this.xs.length - from;
    if (count < 3) {
      // Fewer than three usable vertices enclose nothing: drop the ring rather than fake one.
      this.xs.length = from;
      this.ys.length = from;
      return;
    }
    if (this.xs[from] !== this.xs[from + count - 1] || this.ys[from] !== this.ys[from + count - 1]) {
      this.xs.push(this.xs[from]!);
      this.ys.push(this.ys[from]!);
    }
    this.starts.push(this.xs.length);
  }

  addPolygon(rings: readonly (readonly Position[])[]): void {
    for (const ring of rings) this.addRing(ring);
  }

  build(): FlatRings {
    return {
      xs: Float64Array.from(this.xs),
      ys: Float64Array.from(this.ys),
      ringStart: Int32Array.from(this.starts),
      ringCount: this.starts.length - 1,
    };
  }
}

export function flattenPolygons(polygons: readonly (readonly (readonly Position[])[])[]): FlatRings {
  const builder = new FlatRingsBuilder();
  for (const polygon of polygons) builder.addPolygon(polygon);
  return builder.build();
}

/**
 * One edge's contribution to the even-odd crossing count of a rightward ray from (x, y), with the exact
 * crossing rule of point-in-polygon-hao so that the index agrees with turf.booleanPointInPolygon:
 * returns 1 for a crossing, 0 for none, and ON_EDGE when the point lies on the edge.
 */
export const ON_EDGE = 2;
export function edgeCrossing(x1: number, y1: number, x2: number, y2: number, x: number, y: number): number {
  const u1 = x1 - x;
  const v1 = y1 - y;
  const u2 = x2 - x;
  const v2 = y2 - y;
  if (v1 === 0 && v2 === 0) {
    return (u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0) ? ON_EDGE : 0;
  }
  if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
    const f = u2 * v1 - u1 * v2;
    if (f === 0) return ON_EDGE;
    if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) return 1;
  }
  return 0;
}

/** Even-odd test over rings [ringFrom, ringTo): holes and (disjoint) multipolygon parts just toggle. */
export function pointInFlatRings(
  rings: FlatRings,
  x: number,
  y: number,
  ringFrom = 0,
  ringTo = rings.ringCount,
): PipResult {
  const { xs, ys, ringStart } = rings;
  let inside = false;
  for (let r = ringFrom; r < ringTo; r++) {
    const end = ringStart[r + 1]! - 1;
    for (let i = ringStart[r]!; i < end; i++) {
      const c = edgeCrossing(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, x, y);
      if (c === ON_EDGE) return ON_BOUNDARY;
      if (c === 1) inside = !inside;
    }
  }
  return inside ? INSIDE : OUTSIDE;
}

/** Sign of the turn a → b → c (positive counter-clockwise). */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Segments cross at a single point interior to both (touching and collinear overlaps do not count). */
export function segmentsCrossProperly(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = orient(ax, ay, bx, by, cx, cy);
  const o2 = orient(ax, ay, bx, by, dx, dy);
  if ((o1 > 0 && o2 > 0) || (o1 < 0 && o2 < 0) || o1 === 0 || o2 === 0) return false;
  const o3 = orient(cx, cy, dx, dy, ax, ay);
  const o4 = orient(cx, cy, dx, dy, bx, by);
  return (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0);
}

/**
 * Whether segment (x1,y1)–(x2,y2) meets the closed rectangle, by separating axes: the caller has already
 * checked the bounding boxes overlap, so it remains to see whether all four corners lie strictly on one
 * side of the segment's line.
 */
export function segmentMeetsRect(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): boolean {
  const a = orient(x1, y1, x2, y2, minX, minY);
  const b = orient(x1, y1, x2, y2, maxX, minY);
  const c = orient(x1, y1, x2, y2, maxX, maxY);
  const d = orient(x1, y1, x2, y2, minX, maxY);
  return !((a > 0 && b > 0 && c > 0 && d > 0) || (a < 0 && b < 0 && c < 0 && d < 0));
}

/** [minX, minY, maxX, maxY] of all vertices, or null when there are none. */
export function flatBounds(rings: FlatRings): [number, number, number, number] | null {
  if (rings.xs.length === 0) return null;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < rings.xs.length; i++) {
    const x = rings.xs[i]!;
    const y = rings.ys[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}
