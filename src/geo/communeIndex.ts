import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import {
  edgeCrossing,
  FlatRingsBuilder,
  flatBounds,
  flattenPolygons,
  INSIDE,
  ON_EDGE,
  OUTSIDE,
  type PipResult,
  pointInFlatRings,
  segmentMeetsRect,
  segmentsCrossProperly,
} from './flatRings.ts';
import { pointOnSurface } from './pointOnSurface.ts';

export interface LocatedPolygon {
  /** Commune containing the polygon's point on surface, or -1. */
  index: number;
  /** Every commune whose interior the polygon's interior meets, ascending (boundary-only contact excluded). */
  crossed: number[];
  /** The point on surface used for `index` (WGS84), null for a polygon without area. */
  point: [number, number] | null;
}

export interface CommuneIndex {
  /** INSEE code per commune index. */
  readonly codes: string[];
  /** Name and postcodes per commune index, when the layer carries them (rows located by name, postcode). */
  readonly names?: readonly string[];
  readonly postcodes?: readonly (readonly string[])[];
  /** [minLon, minLat, maxLon, maxLat] of every commune: the territory CRS detection prefers. */
  readonly bounds: readonly [number, number, number, number];
  /** Commune index containing the point, or -1. Boundary points belong to the first commune in file order. */
  locate(lon: number, lat: number): number;
  locateMany(lon: Float64Array, lat: Float64Array, out?: Int32Array): Int32Array;
  locatePolygon(g: Polygon | MultiPolygon): LocatedPolygon;
}

/** What the index needs of a commune layer: polygons carrying their INSEE code. */
export type CommuneAreas = FeatureCollection<
  Polygon | MultiPolygon,
  { insee: string; name?: string; postcodes?: string[] }
>;

export interface CommuneIndexOptions {
  /** Cells per side of the uniform grid over the territory's bounding box. */
  gridSize?: number;
}

/** Cell states: ≥ 0 = wholly inside that commune; EMPTY = in no commune; CANDIDATES = test the cell's list. */
const EMPTY = -1;
const CANDIDATES = -2;

/**
 * Point → commune lookup in (nearly always) constant time. A uniform grid covers the territory; each cell
 * either lies wholly inside one commune (no edge meets it: one array read answers), wholly outside all of
 * them, or keeps the short list of communes whose boundary meets it. For those, the exact even-odd test
 * only visits the commune's edges that span the point's grid row, typically a handful.
 *
 * The crossing rule is point-in-polygon-hao's (what turf uses) and boundary points count as inside, so the
 * answer equals "first commune, in file order, for which turf.booleanPointInPolygon is true".
 */
export function buildCommuneIndex(communes: CommuneAreas, options: CommuneIndexOptions = {}): CommuneIndex {
  const size = Math.max(1, Math.floor(options.gridSize ?? 256));
  const features = communes.features;
  const codes = features.map((feature) => String(feature.properties?.insee ?? ''));
  const names = features.every((f) => typeof f.properties?.name === 'string')
    ? features.map((f) => f.properties.name!)
    : undefined;
  const postcodes = features.some((f) => Array.isArray(f.properties?.postcodes))
    ? features.map((f) => (f.properties.postcodes ?? []).map(String))
    : undefined;
  const communeCount = features.length;

  const builder = new FlatRingsBuilder();
  const communeRingStart = new Int32Array(communeCount + 1);
  features.forEach((feature, k) => {
    const geometry = feature.geometry;
    const polygons: Position[][][] =
      geometry?.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry?.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    for (const polygon of polygons) builder.addPolygon(polygon);
    communeRingStart[k + 1] = builder.ringCount;
  });
  const rings = builder.build();
  const { xs, ys, ringStart } = rings;
  const bounds = flatBounds(rings) ?? [0, 0, 0, 0];
  const [minX, minY, maxX, maxY] = bounds;
  const cols = size;
  const rows = size;
  const cellW = (maxX - minX) / cols;
  const cellH = (maxY - minY) / rows;
  const invW = cellW > 0 ? 1 / cellW : 0;
  const invH = cellH > 0 ? 1 / cellH : 0;
  const colOf = (x: number) => Math.min(cols - 1, Math.max(0, Math.floor((x - minX) * invW)));
  const rowOf = (y: number) => Math.min(rows - 1, Math.max(0, Math.floor((y - minY) * invH)));

  // Per commune: its bounding box and, per grid row it spans, the edges whose y-range meets that row.
  const communeBox = new Float64Array(communeCount * 4);
  const rowMin = new Int32Array(communeCount);
  const rowCount = new Int32Array(communeCount);
  const rowBase = new Int32Array(communeCount);
  let totalRows = 0;
  for (let k = 0; k < communeCount; k++) {
    let bx0 = Number.POSITIVE_INFINITY;
    let by0 = Number.POSITIVE_INFINITY;
    let bx1 = Number.NEGATIVE_INFINITY;
    let by1 = Number.NEGATIVE_INFINITY;
    for (let i = ringStart[communeRingStart[k]!]!; i < ringStart[communeRingStart[k + 1]!]!; i++) {
      bx0 = Math.min(bx0, xs[i]!);
      bx1 = Math.max(bx1, xs[i]!);
      by0 = Math.min(by0, ys[i]!);
      by1 = Math.max(by1, ys[i]!);
    }
    communeBox.set([bx0, by0, bx1, by1], k * 4);
    const hasVertices = bx0 <= bx1;
    rowMin[k] = hasVertices ? rowOf(by0) : 0;
    rowCount[k] = hasVertices ? rowOf(by1) - rowMin[k]! + 1 : 0;
    rowBase[k] = totalRows;
    totalRows += rowCount[k]!;
  }
  const rowEdgeStart = new Int32Array(totalRows + 1);
  const forEachEdge = (k: number, visit: (i: number) => void) => {
    for (let r = communeRingStart[k]!; r < communeRingStart[k + 1]!; r++) {
      for (let i = ringStart[r]!; i < ringStart[r + 1]! - 1; i++) visit(i);
    }
  };
  const edgeRows = (i: number): [number, number] => {
    const a = rowOf(ys[i]!);
    const b = rowOf(ys[i + 1]!);
    return a <= b ? [a, b] : [b, a];
  };
  for (let k = 0; k < communeCount; k++) {
    forEachEdge(k, (i) => {
      const [r0, r1] = edgeRows(i);
      for (let r = r0; r <= r1; r++) rowEdgeStart[rowBase[k]! + r - rowMin[k]! + 1]!++;
    });
  }
  for (let j = 0; j < totalRows; j++) rowEdgeStart[j + 1]! += rowEdgeStart[j]!;
  const rowEdges = new Int32Array(rowEdgeStart[totalRows]!);
  const fill = rowEdgeStart.slice(0, totalRows);
  for (let k = 0; k < communeCount; k++) {
    forEachEdge(k, (i) => {
      const [r0, r1] = edgeRows(i);
      for (let r = r0; r <= r1; r++) rowEdges[fill[rowBase[k]! + r - rowMin[k]!]!++] = i;
    });
  }

  /** Exact test of (x, y), lying in grid row `row`, against commune k. */
  const pipCommune = (k: number, row: number, x: number, y: number): PipResult => {
    const r = row - rowMin[k]!;
    if (r < 0 || r >= rowCount[k]!) return OUTSIDE;
    const slot = rowBase[k]! + r;
    let inside = false;
    for (let j = rowEdgeStart[slot]!; j < rowEdgeStart[slot + 1]!; j++) {
      const i = rowEdges[j]!;
      const c = edgeCrossing(xs[i]!, ys[i]!, xs[i + 1]!, ys[i + 1]!, x, y);
      if (c === ON_EDGE) return 0;
      if (c === 1) inside = !inside;
    }
    return inside ? INSIDE : OUTSIDE;
  };

  // Mark, per commune, the cells its edges meet. Cells are tested slightly enlarged so that an edge
  // grazing a cell side still disqualifies the cell from the "wholly inside" shortcut.
  const cellCount = cols * rows;
  const crossStart = new Int32Array(cellCount + 1);
  const crossPairs: number[] = [];
  const lastMark = new Int32Array(cellCount).fill(-1);
  const epsX = Math.max(cellW, Number.MIN_VALUE) * 1e-9;
  const epsY = Math.max(cellH, Number.MIN_VALUE) * 1e-9;
  for (let k = 0; k < communeCount; k++) {
    forEachEdge(k, (i) => {
      const x1 = xs[i]!;
      const y1 = ys[i]!;
      const x2 = xs[i + 1]!;
      const y2 = ys[i + 1]!;
      const [c0, c1] = [colOf(Math.min(x1, x2) - epsX), colOf(Math.max(x1, x2) + epsX)];
      const [r0, r1] = [rowOf(Math.min(y1, y2) - epsY), rowOf(Math.max(y1, y2) + epsY)];
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          const cell = r * cols + c;
          if (lastMark[cell] === k) continue;
          const cx0 = minX + c * cellW - epsX;
          const cy0 = minY + r * cellH - epsY;
          const single = c0 === c1 && r0 === r1;
          if (
            single ||
            segmentMeetsRect(x1, y1, x2, y2, cx0, cy0, cx0 + cellW + 2 * epsX, cy0 + cellH + 2 * epsY)
          ) {
            lastMark[cell] = k;
            crossPairs.push(cell, k);
            crossStart[cell + 1]!++;
          }
        }
      }
    });
  }
  for (let c = 0; c < cellCount; c++) crossStart[c + 1]! += crossStart[c]!;
  const crossing = new Int32Array(crossStart[cellCount]!);
  {
    const cursor = crossStart.slice(0, cellCount);
    // Pairs were produced commune by commune, so each cell's list comes out in ascending commune order.
    for (let p = 0; p < crossPairs.length; p += 2) crossing[cursor[crossPairs[p]!]!++] = crossPairs[p + 1]!;
  }

  // Classify cells. A commune that covers a whole cell without an edge in it is found by testing the cell
  // centre; with valid data that only happens for cells no edge meets, but overlapping (invalid) outlines
  // are handled too, so that "first match in file order" always holds.
  const cellState = new Int32Array(cellCount).fill(EMPTY);
  const covering: number[][] = [];
  for (let k = 0; k < communeCount; k++) {
    if (rowCount[k] === 0) continue;
    const c0 = colOf(communeBox[k * 4]!);
    const c1 = colOf(communeBox[k * 4 + 2]!);
    const r0 = rowMin[k]!;
    for (let r = r0; r < r0 + rowCount[k]!; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * cols + c;
        let crossesHere = false;
        for (let j = crossStart[cell]!; j < crossStart[cell + 1]!; j++)
          if (crossing[j] === k) crossesHere = true;
        if (crossesHere) continue;
        if (crossStart[cell] === crossStart[cell + 1] && cellState[cell] !== EMPTY) continue;
        if (pipCommune(k, r, minX + (c + 0.5) * cellW, minY + (r + 0.5) * cellH) !== INSIDE) continue;
        if (crossStart[cell] === crossStart[cell + 1]) cellState[cell] = k;
        else if (covering[cell]) covering[cell].push(k);
        else covering[cell] = [k];
      }
    }
  }
  const candStart = new Int32Array(cellCount + 1);
  const candList: number[] = [];
  for (let cell = 0; cell < cellCount; cell++) {
    if (crossStart[cell] !== crossStart[cell + 1]) {
      cellState[cell] = CANDIDATES;
      const list = [
        ...crossing.subarray(crossStart[cell]!, crossStart[cell + 1]!),
        ...(covering[cell] ?? []),
      ];
      if (covering[cell]) list.sort((a, b) => a - b);
      candList.push(...list);
    }
    candStart[cell + 1] = candList.length;
  }
  const candidates = Int32Array.from(candList);

  const locate = (lon: number, lat: number): number => {
    // Written so that NaN fails every comparison and lands on -1.
    if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) return -1;
    const col = Math.min(cols - 1, Math.floor((lon - minX) * invW));
    const row = Math.min(rows - 1, Math.floor((lat - minY) * invH));
    const cell = row * cols + col;
    const state = cellState[cell]!;
    if (state !== CANDIDATES) return state;
    for (let j = candStart[cell]!; j < candStart[cell + 1]!; j++) {
      const k = candidates[j]!;
      if (pipCommune(k, row, lon, lat) !== OUTSIDE) return k;
    }
    return -1;
  };

  const locateMany = (lon: Float64Array, lat: Float64Array, out?: Int32Array): Int32Array => {
    const n = Math.min(lon.length, lat.length);
    const result = out ?? new Int32Array(n);
    if (result.length < n) throw new RangeError('locateMany: output array is shorter than the input');
    for (let i = 0; i < n; i++) result[i] = locate(lon[i]!, lat[i]!);
    return result;
  };

  /** Strict interior test of a vertex against commune k (boundary contact does not count). */
  const strictlyInCommune = (k: number, x: number, y: number) =>
    x >= minX && x <= maxX && y >= minY && y <= maxY && pipCommune(k, rowOf(y), x, y) === INSIDE;

  const communeMeets = (k: number, g: ReturnType<typeof flattenPolygons>, box: number[]): boolean => {
    const gx = g.xs;
    const gy = g.ys;
    // 1. A vertex or an edge midpoint of the polygon inside the commune.
    for (let r = 0; r < g.ringCount; r++) {
      for (let i = g.ringStart[r]!; i < g.ringStart[r + 1]! - 1; i++) {
        if (strictlyInCommune(k, gx[i]!, gy[i]!)) return true;
        if (strictlyInCommune(k, (gx[i]! + gx[i + 1]!) / 2, (gy[i]! + gy[i + 1]!) / 2)) return true;
      }
    }
    // 2. A commune vertex inside the polygon, 3. or two edges crossing.
    let found = false;
    forEachEdge(k, (i) => {
      if (found) return;
      const x1 = xs[i]!;
      const y1 = ys[i]!;
      const x2 = xs[i + 1]!;
      const y2 = ys[i + 1]!;
      if (Math.max(x1, x2) < box[0]! || Math.min(x1, x2) > box[2]!) return;
      if (Math.max(y1, y2) < box[1]! || Math.min(y1, y2) > box[3]!) return;
      if (pointInFlatRings(g, x1, y1) === INSIDE) {
        found = true;
        return;
      }
      for (let r = 0; r < g.ringCount && !found; r++) {
        for (let j = g.ringStart[r]!; j < g.ringStart[r + 1]! - 1; j++) {
          if (segmentsCrossProperly(x1, y1, x2, y2, gx[j]!, gy[j]!, gx[j + 1]!, gy[j + 1]!)) {
            found = true;
            break;
          }
        }
      }
    });
    return found;
  };

  const locatePolygon = (g: Polygon | MultiPolygon): LocatedPolygon => {
    const point = pointOnSurface(g);
    const index = point ? locate(point[0], point[1]) : -1;
    const parts: Position[][][] =
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
    const flat = flattenPolygons(parts);
    const box = flatBounds(flat);
    const crossed: number[] = [];
    if (box) {
      for (let k = 0; k < communeCount; k++) {
        if (k === index) {
          crossed.push(k);
          continue;
        }
        const o = k * 4;
        if (communeBox[o]! > box[2] || communeBox[o + 2]! < box[0]) continue;
        if (communeBox[o + 1]! > box[3] || communeBox[o + 3]! < box[1]) continue;
        if (communeMeets(k, flat, box)) crossed.push(k);
      }
    }
    return { index, crossed, point };
  };

  return {
    codes,
    ...(names ? { names } : {}),
    ...(postcodes ? { postcodes } : {}),
    bounds: [minX, minY, maxX, maxY],
    locate,
    locateMany,
    locatePolygon,
  };
}
