import type { Feature, FeatureCollection, LineString, Point, Polygon, Position } from 'geojson';

/**
 * Pure state machine behind the drawing tools (no MapLibre, no DOM): the controller feeds it pointer and
 * key events carrying both the screen position (pixel tolerances) and the geographic one (the result).
 *
 * - rectangle: press, drag, release → an axis-aligned lon/lat rectangle, whatever the drag direction.
 *   (Axis-aligned in lon/lat equals the on-screen rectangle while the map is not rotated, which it is not
 *   by default.) A release closer than `minDragPx` to the press is a click, not a rectangle.
 * - polygon: click to add vertices; finish by clicking the first vertex again (within `closeTolerancePx`),
 *   double-clicking, or Enter; Backspace removes the last vertex. A click within the tolerance of the last
 *   vertex is ignored, so a double-click (which browsers also report as two clicks) adds one vertex.
 * - Escape cancels from any mode and returns to idle; completing also returns to idle.
 *
 * Results are closed rings, counter-clockwise (RFC 7946), with at least 3 distinct vertices and a
 * non-zero area on screen; anything less is not a polygon and is not completed.
 */

export type DrawMode = 'idle' | 'rectangle' | 'polygon';

export interface DrawPoint {
  /** Position in CSS pixels relative to the map canvas. */
  x: number;
  y: number;
  /** WGS84 [lon, lat]. */
  lngLat: [number, number];
}

export type DrawEvent =
  | { type: 'setMode'; mode: DrawMode }
  | { type: 'pointerDown'; point: DrawPoint }
  | { type: 'pointerMove'; point: DrawPoint }
  | { type: 'pointerUp'; point: DrawPoint }
  | { type: 'click'; point: DrawPoint }
  | { type: 'doubleClick'; point: DrawPoint }
  | { type: 'key'; key: string };

export interface DrawState {
  mode: DrawMode;
  /** Rectangle: the press point while dragging. */
  anchor: DrawPoint | null;
  /** Last pointer position (rectangle corner being dragged, or the polygon's rubber band end). */
  cursor: DrawPoint | null;
  /** Polygon: vertices placed so far. */
  vertices: DrawPoint[];
}

export interface DrawOptions {
  closeTolerancePx: number;
  minDragPx: number;
}

export const DEFAULT_DRAW_OPTIONS: DrawOptions = { closeTolerancePx: 10, minDragPx: 4 };

export interface DrawStep {
  state: DrawState;
  /** Set on the step that finishes a drawing. */
  completed?: Polygon;
  /** Set when Escape (or a switch to idle) abandoned a drawing or a mode. */
  cancelled?: boolean;
}

export const IDLE: DrawState = { mode: 'idle', anchor: null, cursor: null, vertices: [] };

const fresh = (mode: DrawMode): DrawState => ({ mode, anchor: null, cursor: null, vertices: [] });

const screenDistance = (a: DrawPoint, b: DrawPoint) => Math.hypot(a.x - b.x, a.y - b.y);

/** Twice the signed area of a ring of points (shoelace); sign depends on the axes' orientation. */
function signedArea2(ring: readonly (readonly [number, number])[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[(i + 1) % ring.length]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/**
 * The GeoJSON polygon for an ordered list of vertices, or null when they do not enclose an area.
 * Consecutive duplicates (on screen) are merged first.
 */
export function polygonFromVertices(vertices: readonly DrawPoint[], tolerancePx = 0): Polygon | null {
  const distinct: DrawPoint[] = [];
  for (const v of vertices) {
    const last = distinct[distinct.length - 1];
    if (!last || screenDistance(last, v) > tolerancePx) distinct.push(v);
  }
  while (distinct.length > 1 && screenDistance(distinct[0]!, distinct[distinct.length - 1]!) <= tolerancePx)
    distinct.pop();
  if (distinct.length < 3) return null;
  if (signedArea2(distinct.map((v) => [v.x, v.y] as const)) === 0) return null;
  const ring: Position[] = distinct.map((v) => [v.lngLat[0], v.lngLat[1]]);
  // Counter-clockwise in lon/lat (y up), as RFC 7946 recommends for exterior rings.
  if (signedArea2(ring as [number, number][]) < 0) ring.reverse();
  ring.push([ring[0]![0]!, ring[0]![1]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The lon/lat rectangle spanned by two corners, starting at its south-west corner, counter-clockwise. */
export function rectangleFromCorners(a: [number, number], b: [number, number]): Polygon {
  const [w, e] = a[0] <= b[0] ? [a[0], b[0]] : [b[0], a[0]];
  const [s, n] = a[1] <= b[1] ? [a[1], b[1]] : [b[1], a[1]];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function finishPolygon(state: DrawState): DrawStep {
  const polygon = polygonFromVertices(state.vertices, 0);
  if (!polygon) return { state };
  return { state: IDLE, completed: polygon };
}

export function reduceDraw(
  state: DrawState,
  event: DrawEvent,
  options: DrawOptions = DEFAULT_DRAW_OPTIONS,
): DrawStep {
  if (event.type === 'setMode') {
    const busy = state.mode !== 'idle';
    if (event.mode === 'idle') return { state: IDLE, cancelled: busy || undefined };
    return { state: fresh(event.mode) };
  }
  if (event.type === 'key') {
    if (state.mode === 'idle') return { state };
    if (event.key === 'Escape') return { state: IDLE, cancelled: true };
    if (state.mode === 'polygon' && event.key === 'Enter') return finishPolygon(state);
    if (state.mode === 'polygon' && event.key === 'Backspace' && state.vertices.length > 0)
      return { state: { ...state, vertices: state.vertices.slice(0, -1) } };
    return { state };
  }
  if (state.mode === 'rectangle') return reduceRectangle(state, event, options);
  if (state.mode === 'polygon') return reducePolygon(state, event, options);
  return { state };
}

function reduceRectangle(state: DrawState, event: DrawEvent, options: DrawOptions): DrawStep {
  switch (event.type) {
    case 'pointerDown':
      return { state: { ...state, anchor: event.point, cursor: event.point } };
    case 'pointerMove':
      return { state: { ...state, cursor: event.point } };
    case 'pointerUp': {
      const anchor = state.anchor;
      if (!anchor) return { state };
      const dx = Math.abs(event.point.x - anchor.x);
      const dy = Math.abs(event.point.y - anchor.y);
      if (dx < options.minDragPx || dy < options.minDragPx) {
        // Too thin to be a deliberate rectangle: forget the press, stay ready for another drag.
        return { state: fresh('rectangle') };
      }
      return { state: IDLE, completed: rectangleFromCorners(anchor.lngLat, event.point.lngLat) };
    }
    default:
      return { state };
  }
}

function reducePolygon(state: DrawState, event: DrawEvent, options: DrawOptions): DrawStep {
  const tolerance = options.closeTolerancePx;
  switch (event.type) {
    case 'pointerMove':
      return { state: { ...state, cursor: event.point } };
    case 'click': {
      const { vertices } = state;
      const first = vertices[0];
      if (first && vertices.length >= 3 && screenDistance(first, event.point) <= tolerance)
        return finishPolygon(state);
      const last = vertices[vertices.length - 1];
      const nearFirst = first !== undefined && screenDistance(first, event.point) <= tolerance;
      if (nearFirst || (last && screenDistance(last, event.point) <= tolerance)) return { state };
      return { state: { ...state, vertices: [...vertices, event.point], cursor: event.point } };
    }
    case 'doubleClick':
      return finishPolygon(state);
    default:
      return { state };
  }
}

/** Whether a click at this point would close the polygon (to highlight the first vertex). */
export function canCloseAt(
  state: DrawState,
  point: DrawPoint | null,
  options = DEFAULT_DRAW_OPTIONS,
): boolean {
  const first = state.vertices[0];
  return (
    state.mode === 'polygon' &&
    point !== null &&
    first !== undefined &&
    state.vertices.length >= 3 &&
    screenDistance(first, point) <= options.closeTolerancePx
  );
}

export type SketchRole = 'area' | 'edge' | 'vertex' | 'closing-vertex';
export type SketchFeature = Feature<Polygon | LineString | Point, { role: SketchRole }>;

/**
 * What to draw for the drawing in progress: the area (rectangle, or polygon with its rubber band once it
 * has 2 vertices), the open outline of a polygon, and its vertices (the first one marked when a click
 * would close the ring).
 */
export function sketchFeatures(state: DrawState, options = DEFAULT_DRAW_OPTIONS): FeatureCollection {
  const features: SketchFeature[] = [];
  const feature = (geometry: Polygon | LineString | Point, role: SketchRole): SketchFeature => ({
    type: 'Feature',
    properties: { role },
    geometry,
  });
  if (state.mode === 'rectangle' && state.anchor && state.cursor) {
    features.push(feature(rectangleFromCorners(state.anchor.lngLat, state.cursor.lngLat), 'area'));
  }
  if (state.mode === 'polygon' && state.vertices.length > 0) {
    const closing = canCloseAt(state, state.cursor, options);
    const path = [...state.vertices];
    if (state.cursor && !closing) path.push(state.cursor);
    const area = polygonFromVertices(path, 0);
    if (area) features.push(feature(area, 'area'));
    if (path.length >= 2) {
      features.push(feature({ type: 'LineString', coordinates: path.map((v) => [...v.lngLat]) }, 'edge'));
    }
    state.vertices.forEach((v, i) => {
      features.push(
        feature(
          { type: 'Point', coordinates: [...v.lngLat] },
          i === 0 && closing ? 'closing-vertex' : 'vertex',
        ),
      );
    });
  }
  return { type: 'FeatureCollection', features };
}
