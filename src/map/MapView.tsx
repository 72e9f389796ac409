import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { LAYER, SOURCE } from './ids.ts';
import { MAP_LOCALE_FR } from './locale.ts';
import { setMapInstance } from './mapInstance.ts';
import type { MapSpec } from './spec.ts';
import { MapSync } from './sync.ts';

maplibregl.setWorkerUrl(workerUrl);

export interface MapClickHandler {
  layerId: string;
  onClick: (feature: maplibregl.MapGeoJSONFeature, event: maplibregl.MapMouseEvent) => void;
}

export interface MapViewProps {
  spec: MapSpec;
  bounds: [number, number, number, number] | null;
  selectedCommune: string | null;
  onSelectCommune: (insee: string | null) => void;
  /** Extra clickable layers (module points…), checked before the communes. */
  clickHandlers?: MapClickHandler[];
  onMapReady?: (map: maplibregl.Map) => void;
  /**
   * True while a tool owns the pointer (a drawing in progress): clicks then select nothing. Read at click
   * time (not a render prop) so that a drawing started or finished in this very gesture is seen.
   */
  isPointerCaptured?: () => boolean;
}

declare global {
  interface Window {
    /** Test hook: the live map and a promise for its next idle frame. */
    __atlas?: { map: maplibregl.Map; whenIdle: () => Promise<void> };
  }
}

const EMPTY_STYLE: maplibregl.StyleSpecification = { version: 8, sources: {}, layers: [] };

export function MapView({
  spec,
  bounds,
  selectedCommune,
  onSelectCommune,
  clickHandlers,
  onMapReady,
  isPointerCaptured,
}: MapViewProps) {
  const container = useRef<HTMLElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const syncRef = useRef<MapSync | null>(null);
  const [ready, setReady] = useState(false);
  const handlersRef = useRef({ onSelectCommune, clickHandlers, isPointerCaptured });
  handlersRef.current = { onSelectCommune, clickHandlers, isPointerCaptured };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the map is created once; later props flow through the effects below.
  useEffect(() => {
    if (!container.current) return;
    const map = new maplibregl.Map({
      container: container.current,
      style: EMPTY_STYLE,
      center: [1.75, 50.7],
      zoom: 9.5,
      // Screenshots, PNG exports and pixel checks read the canvas after rendering.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      attributionControl: {
        compact: false,
        customAttribution:
          'Contours : IGN Admin Express, INSEE (Licence Ouverte) · Populations : INSEE via Etalab',
      },
      locale: MAP_LOCALE_FR,
    });
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    mapRef.current = map;
    syncRef.current = new MapSync(map);
    window.__atlas = {
      map,
      whenIdle: () =>
        new Promise<void>((resolve) => {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        }),
    };

    let hovered: string | number | undefined;
    const setHover = (id: string | number | undefined) => {
      if (hovered !== undefined)
        map.setFeatureState({ source: SOURCE.communes, id: hovered }, { hover: false });
      hovered = id;
      if (id !== undefined) map.setFeatureState({ source: SOURCE.communes, id }, { hover: true });
    };
    map.on('mousemove', LAYER.communesFill, (e) => {
      setHover(e.features?.[0]?.id);
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', LAYER.communesFill, () => {
      setHover(undefined);
      map.getCanvas().style.cursor = '';
    });
    map.on('click', (e) => {
      const {
        clickHandlers: handlers = [],
        onSelectCommune: select,
        isPointerCaptured: captured,
      } = handlersRef.current;
      if (captured?.()) return;
      for (const handler of handlers) {
        if (!map.getLayer(handler.layerId)) continue;
        const hit = map.queryRenderedFeatures(e.point, { layers: [handler.layerId] })[0];
        if (hit) {
          handler.onClick(hit, e);
          return;
        }
      }
      const commune = map.getLayer(LAYER.communesFill)
        ? map.queryRenderedFeatures(e.point, { layers: [LAYER.communesFill] })[0]
        : undefined;
      select(commune ? String(commune.properties.insee) : null);
    });
    map.on('load', () => {
      setReady(true);
      setMapInstance(map);
    });
    onMapReady?.(map);
    return () => {
      setMapInstance(null);
      map.remove();
      mapRef.current = null;
      window.__atlas = undefined;
    };
  }, []);

  useEffect(() => {
    if (ready) syncRef.current?.apply(spec);
  }, [ready, spec]);

  useEffect(() => {
    const map = mapRef.current;
    if (ready && map && bounds) map.fitBounds(bounds, { padding: 30, duration: 0 });
  }, [ready, bounds]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-applied when the spec changes, as a re-added source loses feature state.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map?.getSource(SOURCE.communes) || !selectedCommune) return;
    map.setFeatureState({ source: SOURCE.communes, id: selectedCommune }, { selected: true });
    return () => {
      if (map.getSource(SOURCE.communes))
        map.setFeatureState({ source: SOURCE.communes, id: selectedCommune }, { selected: false });
    };
  }, [ready, selectedCommune, spec]);

  return <section ref={container} className="map" data-testid="map" aria-label="Carte du territoire" />;
}
