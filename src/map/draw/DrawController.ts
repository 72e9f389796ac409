import type { FeatureCollection, Polygon } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import {
  DEFAULT_DRAW_OPTIONS,
  type DrawEvent,
  type DrawMode,
  type DrawOptions,
  type DrawPoint,
  type DrawState,
  IDLE,
  reduceDraw,
  sketchFeatures,
} from './drawState.ts';
import './draw.css';

export interface DrawControllerOptions {
  onComplete: (polygon: Polygon) => void;
  /** Every state change (mode, vertices…), for toolbars, hints and the shell (a tool owns the pointer). */
  onChange?: (state: DrawState) => void;
  /**
   * The sketch to show, after every change: the caller hands it to the one map writer (`drawLayers` in
   * src/map/layers/draw.ts, applied by MapSync). The controller never writes sources or layers itself.
   */
  onSketch: (sketch: FeatureCollection) => void;
  onCancel?: () => void;
  closeTolerancePx?: number;
  /** Keep the finished polygon on the map until `clear()` or the next drawing (default true). */
  keepResult?: boolean;
}

const DRAWING_CLASS = 'atlas-drawing';

/** Keys the machine understands; others are left to the page. */
const KEYS = new Set(['Escape', 'Enter', 'Backspace']);

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * Binds the pure draw state machine to a MapLibre map: pointer and key events in, the sketch out (as data,
 * through `onSketch`; MapSync draws it). While a mode is active it owns the pointer: the shell's commune
 * selection stands aside (told through `onChange`), drag-pan and box-zoom are off for rectangles (the drag
 * draws), and double-click zoom is off for polygons (the double-click finishes). Everything is restored on idle.
 */
export class DrawController {
  private state: DrawState = IDLE;
  private result: Polygon | null = null;
  private readonly options: DrawOptions;
  private restore: (() => void) | null = null;
  private destroyed = false;

  constructor(
    private readonly map: MapLibreMap,
    private readonly callbacks: DrawControllerOptions,
  ) {
    this.options = {
      ...DEFAULT_DRAW_OPTIONS,
      closeTolerancePx: callbacks.closeTolerancePx ?? DEFAULT_DRAW_OPTIONS.closeTolerancePx,
    };
    map.on('mousedown', this.onMouseDown);
    map.on('mousemove', this.onMouseMove);
    map.on('click', this.onClick);
    map.on('dblclick', this.onDoubleClick);
    window.addEventListener('keydown', this.onKeyDown);
  }

  get mode(): DrawMode {
    return this.state.mode;
  }

  get current(): DrawState {
    return this.state;
  }

  setMode(mode: DrawMode): void {
    if (mode !== 'idle') this.result = null;
    this.dispatch({ type: 'setMode', mode });
  }

  /** Removes the kept result from the map. */
  clear(): void {
    this.result = null;
    this.render();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.release();
    const map = this.map;
    map.off('mousedown', this.onMouseDown);
    map.off('mousemove', this.onMouseMove);
    map.off('click', this.onClick);
    map.off('dblclick', this.onDoubleClick);
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('mouseup', this.onWindowMouseUp);
  }

  private dispatch(event: DrawEvent): void {
    const previousMode = this.state.mode;
    const step = reduceDraw(this.state, event, this.options);
    if (step.state === this.state) return;
    this.state = step.state;
    if (step.state.mode !== previousMode) this.applyInteractions(previousMode);
    if (step.completed && this.callbacks.keepResult !== false) this.result = step.completed;
    this.render();
    this.callbacks.onChange?.(this.state);
    if (step.completed) this.callbacks.onComplete(step.completed);
    if (step.cancelled) this.callbacks.onCancel?.();
  }

  private applyInteractions(previousMode: DrawMode): void {
    if (previousMode !== 'idle') this.release();
    const mode = this.state.mode;
    if (mode === 'idle') return;
    const map = this.map;
    const undo: (() => void)[] = [];
    const disable = (handler: { isEnabled(): boolean; enable(): void; disable(): void }) => {
      if (!handler.isEnabled()) return;
      handler.disable();
      undo.push(() => handler.enable());
    };
    if (mode === 'rectangle') {
      disable(map.dragPan);
      disable(map.boxZoom);
    } else {
      disable(map.doubleClickZoom);
    }
    map.getContainer().classList.add(DRAWING_CLASS);
    this.restore = () => {
      for (const fn of undo) fn();
      map.getContainer().classList.remove(DRAWING_CLASS);
    };
  }

  private release(): void {
    this.restore?.();
    this.restore = null;
    window.removeEventListener('mouseup', this.onWindowMouseUp);
  }

  private toPoint(e: MapMouseEvent): DrawPoint {
    return { x: e.point.x, y: e.point.y, lngLat: [e.lngLat.lng, e.lngLat.lat] };
  }

  private readonly onMouseDown = (e: MapMouseEvent) => {
    if (this.state.mode !== 'rectangle' || e.originalEvent.button !== 0) return;
    // Keeps MapLibre's own drag handlers out of this gesture even if another tool re-enabled them.
    e.preventDefault();
    this.dispatch({ type: 'pointerDown', point: this.toPoint(e) });
    // Released outside the canvas, the map would never hear about it.
    window.addEventListener('mouseup', this.onWindowMouseUp, { once: true });
  };

  private readonly onMouseMove = (e: MapMouseEvent) => {
    if (this.state.mode === 'idle') return;
    this.dispatch({ type: 'pointerMove', point: this.toPoint(e) });
  };

  private readonly onWindowMouseUp = (e: MouseEvent) => {
    if (this.state.mode !== 'rectangle' || !this.state.anchor) return;
    const rect = this.map.getCanvas().getBoundingClientRect();
    const x = Math.min(Math.max(e.clientX - rect.left, 0), rect.width);
    const y = Math.min(Math.max(e.clientY - rect.top, 0), rect.height);
    const lngLat = this.map.unproject([x, y]);
    this.dispatch({ type: 'pointerUp', point: { x, y, lngLat: [lngLat.lng, lngLat.lat] } });
  };

  private readonly onClick = (e: MapMouseEvent) => {
    if (this.state.mode !== 'polygon') return;
    this.dispatch({ type: 'click', point: this.toPoint(e) });
  };

  private readonly onDoubleClick = (e: MapMouseEvent) => {
    if (this.state.mode !== 'polygon') return;
    e.preventDefault();
    this.dispatch({ type: 'doubleClick', point: this.toPoint(e) });
  };

  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (this.state.mode === 'idle' || !KEYS.has(e.key) || isEditable(e.target)) return;
    // Enter would otherwise also activate a focused toolbar button.
    e.preventDefault();
    this.dispatch({ type: 'key', key: e.key });
  };

  private features(): FeatureCollection {
    const sketch = sketchFeatures(this.state, this.options);
    if (this.state.mode === 'idle' && this.result) {
      sketch.features.push({ type: 'Feature', properties: { role: 'result' }, geometry: this.result });
    }
    return sketch;
  }

  private render(): void {
    if (this.destroyed) return;
    this.callbacks.onSketch(this.features());
  }
}
