import type { Polygon } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMapInstance } from '../mapInstance.ts';
import { DrawController } from './DrawController.ts';
import type { DrawMode } from './drawState.ts';

export interface UseDrawToolOptions {
  /** Called once per finished drawing with a closed, counter-clockwise WGS84 polygon. */
  onComplete: (polygon: Polygon) => void;
  onCancel?: () => void;
  /** Keep the finished polygon drawn on the map until `clear()` or the next drawing (default true). */
  keepResult?: boolean;
  closeTolerancePx?: number;
}

export interface DrawTool {
  /** False until the map has loaded (buttons should be disabled). */
  available: boolean;
  mode: DrawMode;
  /** Vertices placed so far in the polygon being drawn. */
  vertexCount: number;
  /** Starts a drawing (dropping the kept result); a mode already active is restarted. */
  start: (mode: 'rectangle' | 'polygon') => void;
  /** Starts the mode, or cancels it when it is the active one (toolbar buttons). */
  toggle: (mode: 'rectangle' | 'polygon') => void;
  /** Abandons the drawing in progress (same as Escape). */
  cancel: () => void;
  /** The last finished polygon, or null. */
  result: Polygon | null;
  /** Forgets and hides the last finished polygon. */
  clear: () => void;
}

/**
 * Drawing on the map from any component (typically a module's MapOverlay):
 *
 *   const draw = useDrawTool({ onComplete: (polygon) => setZone(polygon) });
 *   return <div className="map-tools"><DrawToolbar draw={draw} /></div>;
 *
 * One drawing tool per view: the sketch uses fixed source/layer ids (`draw-*` in src/map/ids.ts).
 * The callbacks may change between renders; the latest ones are called.
 */
export function useDrawTool(options: UseDrawToolOptions): DrawTool {
  const map = useMapInstance();
  const latest = useRef(options);
  latest.current = options;
  const controller = useRef<DrawController | null>(null);
  const [mode, setMode] = useState<DrawMode>('idle');
  const [vertexCount, setVertexCount] = useState(0);
  const [result, setResult] = useState<Polygon | null>(null);
  const keepResult = options.keepResult !== false;
  const { closeTolerancePx } = options;

  useEffect(() => {
    if (!map) return;
    const created = new DrawController(map, {
      keepResult,
      closeTolerancePx,
      onChange: (state) => {
        setMode(state.mode);
        setVertexCount(state.vertices.length);
      },
      onComplete: (polygon) => {
        if (keepResult) setResult(polygon);
        latest.current.onComplete(polygon);
      },
      onCancel: () => latest.current.onCancel?.(),
    });
    controller.current = created;
    return () => {
      created.destroy();
      controller.current = null;
      setMode('idle');
      setVertexCount(0);
    };
  }, [map, keepResult, closeTolerancePx]);

  const start = useCallback((next: 'rectangle' | 'polygon') => {
    setResult(null);
    controller.current?.setMode(next);
  }, []);
  const cancel = useCallback(() => controller.current?.setMode('idle'), []);
  const toggle = useCallback(
    (next: 'rectangle' | 'polygon') => {
      if (controller.current?.mode === next) cancel();
      else start(next);
    },
    [start, cancel],
  );
  const clear = useCallback(() => {
    setResult(null);
    controller.current?.clear();
  }, []);

  return { available: map !== null, mode, vertexCount, start, toggle, cancel, result, clear };
}
