import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  canCloseAt,
  type DrawEvent,
  type DrawPoint,
  type DrawState,
  type DrawStep,
  IDLE,
  polygonFromVertices,
  reduceDraw,
  sketchFeatures,
} from './drawState.ts';

/** A fake north-up projection: 100 px per degree, screen y grows southwards. */
const pt = (x: number, y: number): DrawPoint => ({ x, y, lngLat: [1 + x / 100, 51 - y / 100] });

function run(events: DrawEvent[], start: DrawState = IDLE): { state: DrawState; steps: DrawStep[] } {
  let state = start;
  const steps: DrawStep[] = [];
  for (const event of events) {
    const step = reduceDraw(state, event);
    steps.push(step);
    state = step.state;
  }
  return { state, steps };
}

const completed = (steps: DrawStep[]) => steps.filter((s) => s.completed).map((s) => s.completed!);

/** Signed area of the exterior ring in lon/lat (positive = counter-clockwise). */
function ringArea(polygon: Polygon): number {
  const ring = polygon.coordinates[0]!;
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum / 2;
}

describe('rectangle mode', () => {
  const drag = (from: DrawPoint, to: DrawPoint): DrawEvent[] => [
    { type: 'setMode', mode: 'rectangle' },
    { type: 'pointerDown', point: from },
    { type: 'pointerMove', point: pt((from.x + to.x) / 2, (from.y + to.y) / 2) },
    { type: 'pointerMove', point: to },
    { type: 'pointerUp', point: to },
  ];

  it('produces the same normalised rectangle whatever the drag direction', () => {
    const expected: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [2, 49],
          [3, 49],
          [3, 50],
          [2, 50],
          [2, 49],
        ],
      ],
    };
    const corners: [DrawPoint, DrawPoint][] = [
      [pt(100, 100), pt(200, 200)],
      [pt(200, 200), pt(100, 100)],
      [pt(200, 100), pt(100, 200)],
      [pt(100, 200), pt(200, 100)],
    ];
    for (const [from, to] of corners) {
      const { state, steps } = run(drag(from, to));
      expect(completed(steps)).toEqual([expected]);
      expect(state).toEqual(IDLE);
      expect(ringArea(expected)).toBeGreaterThan(0);
    }
  });

  it('shows the rectangle being dragged', () => {
    const { state } = run(drag(pt(0, 0), pt(50, 50)).slice(0, 4));
    expect(state.mode).toBe('rectangle');
    const sketch = sketchFeatures(state);
    expect(sketch.features).toHaveLength(1);
    expect(sketch.features[0]!.properties).toEqual({ role: 'area' });
  });

  it('treats a tiny drag as a click and stays ready for another drag', () => {
    const { state, steps } = run(drag(pt(100, 100), pt(102, 160)));
    expect(completed(steps)).toEqual([]);
    expect(state.mode).toBe('rectangle');
    expect(state.anchor).toBeNull();
  });

  it('ignores moves and releases without a press, and clicks', () => {
    const { state, steps } = run([
      { type: 'setMode', mode: 'rectangle' },
      { type: 'pointerMove', point: pt(10, 10) },
      { type: 'click', point: pt(10, 10) },
      { type: 'pointerUp', point: pt(90, 90) },
    ]);
    expect(completed(steps)).toEqual([]);
    expect(state.mode).toBe('rectangle');
    expect(sketchFeatures(state).features).toEqual([]);
  });

  it('cancels with Escape in the middle of a drag', () => {
    const { state, steps } = run([...drag(pt(0, 0), pt(80, 80)).slice(0, 3), { type: 'key', key: 'Escape' }]);
    expect(state).toEqual(IDLE);
    expect(steps.at(-1)!.cancelled).toBe(true);
    // A release after the cancel completes nothing.
    expect(reduceDraw(state, { type: 'pointerUp', point: pt(80, 80) }).completed).toBeUndefined();
  });
});

describe('polygon mode', () => {
  const start: DrawEvent = { type: 'setMode', mode: 'polygon' };
  const click = (x: number, y: number): DrawEvent => ({ type: 'click', point: pt(x, y) });

  it('closes by clicking near the first vertex, counter-clockwise and closed', () => {
    // Drawn clockwise on screen (which is counter-clockwise in lon/lat because y is flipped)…
    const { state, steps } = run([
      start,
      click(0, 0),
      click(100, 0),
      click(100, 100),
      click(0, 100),
      click(6, 5),
    ]);
    const [polygon] = completed(steps);
    expect(state).toEqual(IDLE);
    const ring = polygon!.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    expect(ringArea(polygon!)).toBeGreaterThan(0);
    // …and drawn the other way round gives the same orientation.
    const reversed = completed(
      run([start, click(0, 100), click(100, 100), click(100, 0), click(0, 0), click(2, 98)]).steps,
    );
    expect(ringArea(reversed[0]!)).toBeGreaterThan(0);
  });

  it('does not close on the first vertex before there are 3 vertices; the click is ignored', () => {
    const { state, steps } = run([start, click(0, 0), click(100, 0), click(3, 3)]);
    expect(completed(steps)).toEqual([]);
    expect(state.vertices).toHaveLength(2);
  });

  it('finishes on double-click without a duplicate vertex (the two clicks before it add one vertex)', () => {
    const { steps } = run([
      start,
      click(0, 0),
      click(100, 0),
      click(50, 80),
      click(51, 80),
      { type: 'doubleClick', point: pt(51, 80) },
    ]);
    const [polygon] = completed(steps);
    expect(polygon!.coordinates[0]).toHaveLength(4);
  });

  it('finishes on Enter, and Backspace removes the last vertex', () => {
    const { state } = run([
      start,
      click(0, 0),
      click(100, 0),
      click(50, 80),
      { type: 'key', key: 'Backspace' },
    ]);
    expect(state.vertices.map((v) => [v.x, v.y])).toEqual([
      [0, 0],
      [100, 0],
    ]);
    expect(reduceDraw(state, { type: 'key', key: 'Enter' }).completed).toBeUndefined();
    const { steps } = run([click(60, 90), { type: 'key', key: 'Enter' }], state);
    expect(completed(steps)[0]!.coordinates[0]).toHaveLength(4);
  });

  it('refuses collinear vertices (no area) and stays in the drawing', () => {
    const { state, steps } = run([
      start,
      click(0, 0),
      click(50, 50),
      click(100, 100),
      { type: 'doubleClick', point: pt(100, 100) },
    ]);
    expect(completed(steps)).toEqual([]);
    expect(state.mode).toBe('polygon');
    expect(state.vertices).toHaveLength(3);
  });

  it('Escape cancels; a new mode starts a fresh drawing', () => {
    const { state, steps } = run([start, click(0, 0), click(50, 0), { type: 'key', key: 'Escape' }]);
    expect(state).toEqual(IDLE);
    expect(steps.at(-1)!.cancelled).toBe(true);
    const switched = run([start, click(0, 0), { type: 'setMode', mode: 'rectangle' }]).state;
    expect(switched.vertices).toEqual([]);
    expect(switched.mode).toBe('rectangle');
  });

  it('sketches the area with the rubber band, the edges and the vertices, marking a closable first vertex', () => {
    let { state } = run([start, click(0, 0), click(100, 0), click(100, 100)]);
    state = reduceDraw(state, { type: 'pointerMove', point: pt(40, 120) }).state;
    const roles = sketchFeatures(state).features.map((f) => f.properties!.role);
    expect(roles).toEqual(['area', 'edge', 'vertex', 'vertex', 'vertex']);
    const area = sketchFeatures(state).features[0]!.geometry as Polygon;
    expect(area.coordinates[0]).toHaveLength(5); // 3 vertices + the cursor, closed

    state = reduceDraw(state, { type: 'pointerMove', point: pt(4, 4) }).state;
    expect(canCloseAt(state, state.cursor)).toBe(true);
    const closing = sketchFeatures(state).features.map((f) => f.properties!.role);
    expect(closing).toEqual(['area', 'edge', 'closing-vertex', 'vertex', 'vertex']);
  });

  it('ignores pointer presses (the map still pans between clicks)', () => {
    const { state } = run([
      start,
      { type: 'pointerDown', point: pt(1, 1) },
      { type: 'pointerUp', point: pt(9, 9) },
    ]);
    expect(state.vertices).toEqual([]);
  });
});

describe('idle and helpers', () => {
  it('does nothing while idle', () => {
    for (const event of [
      { type: 'click', point: pt(1, 1) },
      { type: 'pointerDown', point: pt(1, 1) },
      { type: 'key', key: 'Escape' },
    ] as DrawEvent[]) {
      const step = reduceDraw(IDLE, event);
      expect(step.state).toBe(IDLE);
      expect(step.cancelled).toBeUndefined();
    }
    expect(reduceDraw(IDLE, { type: 'setMode', mode: 'idle' }).cancelled).toBeUndefined();
  });

  it('polygonFromVertices drops near-duplicate and closing vertices within the tolerance', () => {
    const polygon = polygonFromVertices([pt(0, 0), pt(1, 0), pt(100, 0), pt(100, 100), pt(2, 1)], 5);
    expect(polygon!.coordinates[0]).toHaveLength(4);
    expect(polygonFromVertices([pt(0, 0), pt(1, 1), pt(2, 2)], 5)).toBeNull();
  });
});
