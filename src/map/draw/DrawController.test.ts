// @vitest-environment jsdom
import type { FeatureCollection, Polygon } from 'geojson';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { describe, expect, it, vi } from 'vitest';
import { LAYER, SOURCE } from '../ids.ts';
import { drawLayers } from '../layers/draw.ts';
import { DrawController } from './DrawController.ts';

/** A fake map: event registry and interaction handlers; any other method call is recorded and fails the test. */
function fakeMap() {
  const handlers = new Map<string, (e: MapMouseEvent) => void>();
  const handler = () => {
    let on = true;
    return { isEnabled: () => on, enable: () => (on = true), disable: () => (on = false) };
  };
  const container = document.createElement('div');
  const writes: string[] = [];
  const map = {
    on: (type: string, fn: (e: MapMouseEvent) => void) => handlers.set(type, fn),
    off: (type: string) => handlers.delete(type),
    dragPan: handler(),
    boxZoom: handler(),
    doubleClickZoom: handler(),
    getContainer: () => container,
  };
  const proxy = new Proxy(map, {
    get(target, key: string) {
      if (key in target) return target[key as keyof typeof target];
      return () => writes.push(key);
    },
  }) as unknown as MapLibreMap;
  const fire = (type: string, x: number, y: number) =>
    handlers.get(type)?.({
      point: { x, y },
      lngLat: { lng: 1 + x / 100, lat: 51 - y / 100 },
      originalEvent: { button: 0 },
      preventDefault: () => undefined,
    } as unknown as MapMouseEvent);
  return { map: proxy, fire, writes, container };
}

describe('DrawController', () => {
  it('hands the sketch over as data and never writes sources or layers itself', () => {
    const { map, fire, writes, container } = fakeMap();
    const sketches: FeatureCollection[] = [];
    const modes: string[] = [];
    const onComplete = vi.fn<(polygon: Polygon) => void>();
    const controller = new DrawController(map, {
      onComplete,
      onSketch: (s) => sketches.push(s),
      onChange: (s) => modes.push(s.mode),
    });
    controller.setMode('polygon');
    expect(container.classList.contains('atlas-drawing')).toBe(true);
    fire('click', 0, 0);
    fire('mousemove', 100, 0);
    fire('click', 100, 0);
    fire('click', 100, 100);
    fire('dblclick', 0, 100);
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(modes.at(0)).toBe('polygon');
    expect(modes.at(-1)).toBe('idle');
    // The last sketch is the kept result, ready for drawLayers.
    const last = sketches.at(-1)!;
    expect(last.features.map((f) => f.properties?.role)).toEqual(['result']);
    expect(container.classList.contains('atlas-drawing')).toBe(false);
    controller.clear();
    expect(sketches.at(-1)!.features).toEqual([]);
    controller.destroy();
    expect(writes).toEqual([]);
  });
});

describe('drawLayers', () => {
  it('draws nothing without a tool, and the sketch on three layers of one source otherwise', () => {
    expect(drawLayers(null)).toEqual({ sources: {}, layers: [] });
    const sketch: FeatureCollection = { type: 'FeatureCollection', features: [] };
    const spec = drawLayers(sketch);
    expect(spec.sources[SOURCE.drawSketch]).toEqual({ type: 'geojson', data: sketch });
    expect((spec.sources[SOURCE.drawSketch] as { data: unknown }).data).toBe(sketch);
    expect(spec.layers.map((l) => l.id)).toEqual([LAYER.drawFill, LAYER.drawLine, LAYER.drawVertices]);
  });
});
