import type { Polygon } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { DrawController } from '../../map/draw/DrawController.ts';
import type { DrawTool } from '../../map/draw/DrawToolbar.tsx';
import type { DrawMode } from '../../map/draw/drawState.ts';
import { useMapInstance } from '../../map/mapInstance.ts';
import { useAppStore } from '../../state/store.ts';

export type { DrawTool };

export interface UseDrawToolOptions {
  /** Called once per finished drawing with a closed, counter-clockwise WGS84 polygon. */
  onComplete: (polygon: Polygon) => void;
  onCancel?: () => void;
  /** Keep the finished polygon drawn on the map until `clear()` or the next drawing (default true). */
  keepResult?: boolean;
  closeTolerancePx?: number;
}

/**
 * Drawing on the map from any component (typically a module's MapOverlay):
 *
 *   const draw = useDrawTool({ onComplete: (polygon) => setZone(polygon) });
 *   return <div className="map-tools"><DrawToolbar draw={draw} /></div>;
 *
 * One drawing tool per view: its sketch goes to the store (`drawSketch`), which App draws through the one
 * map writer (`drawLayers`, fixed `draw-*` ids in src/map/ids.ts); `drawing` tells the shell a tool owns the
 * pointer.
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
    const { setDraw } = useAppStore.getState();
    const created = new DrawController(map, {
      keepResult,
      closeTolerancePx,
      onChange: (state) => {
        setMode(state.mode);
        setVertexCount(state.vertices.length);
      },
      onSketch: (drawSketch) => setDraw({ drawing: created.mode !== 'idle', drawSketch }),
      onComplete: (polygon) => {
        if (keepResult) setResult(polygon);
        latest.current.onComplete(polygon);
      },
      onCancel: () => latest.current.onCancel?.(),
    });
    controller.current = created;
    return () => {
      created.destroy();
      setDraw({ drawing: false, drawSketch: null });
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
