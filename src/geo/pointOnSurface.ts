import type { MultiPolygon, Polygon, Position } from 'geojson';

type Rings = readonly (readonly Position[])[];

function finite(position: Position): boolean {
  return Array.isArray(position) && Number.isFinite(position[0]) && Number.isFinite(position[1]);
}

/** Shoelace area of the shell minus its holes (absolute values, so ring orientation does not matter). */
function polygonArea(rings: Rings): number {
  let total = 0;
  rings.forEach((ring, r) => {
    let twice = 0;
    // Wrapping to the first vertex also closes rings that the file left open.
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      twice += a[0]! * b[1]! - b[0]! * a[1]!;
    }
    total += (r === 0 ? 1 : -1) * Math.abs(twice / 2);
  });
  return total;
}

/**
 * A point guaranteed to lie inside a polygon (unlike its centroid, which may fall in a hole or outside a
 * crescent), used as the polygon's representative point for the commune join.
 *
 * Same idea as JTS InteriorPointArea: take the horizontal line halfway between the two vertex ordinates
 * that bracket the middle of the bounding box (so it passes through no vertex), intersect it with every
 * edge, and return the middle of the widest inside interval. For a multipolygon, the largest part is used.
 * Returns null when no part encloses any area.
 */
export function pointOnSurface(geometry: Polygon | MultiPolygon): [number, number] | null {
  const raw: Rings[] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  // Like the index's flattening: unusable positions are dropped and their neighbours joined.
  const parts = (Array.isArray(raw) ? raw : []).map((rings) =>
    (Array.isArray(rings) ? rings : []).map((ring) => (Array.isArray(ring) ? ring.filter(finite) : [])),
  );
  let best: Rings | null = null;
  let bestArea = 0;
  for (const part of parts) {
    if (part.length === 0) continue;
    const area = polygonArea(part);
    if (area > bestArea) {
      best = part;
      bestArea = area;
    }
  }
  if (!best) return null;

  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const position of best[0]!) {
    minY = Math.min(minY, position[1]!);
    maxY = Math.max(maxY, position[1]!);
  }
  const centreY = (minY + maxY) / 2;
  let below = minY;
  let above = maxY;
  for (const ring of best) {
    for (const position of ring) {
      const y = position[1]!;
      if (y <= centreY && y > below) below = y;
      if (y > centreY && y < above) above = y;
    }
  }
  const scanY = (below + above) / 2;

  const crossings: number[] = [];
  for (const ring of best) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      const [ax, ay] = a as [number, number];
      const [bx, by] = b as [number, number];
      if (ay > scanY === by > scanY) continue;
      crossings.push(ax + ((scanY - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((p, q) => p - q);
  let widest = -1;
  let point: [number, number] | null = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (width > widest) {
      widest = width;
      point = [(crossings[i]! + crossings[i + 1]!) / 2, scanY];
    }
  }
  return point;
}
