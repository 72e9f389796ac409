import type { MapGeoJSONFeature, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useMapInstance } from './mapInstance.ts';

/**
 * Reports the feature under the pointer on some layers (null when it leaves them) and shows a pointer
 * cursor there: map → list hover synchronisation for module components, without MapLibre outside src/map.
 * The callback may change between renders; the latest one is called.
 */
export function useLayerHover(
  layerIds: readonly string[],
  onHover: (feature: MapGeoJSONFeature | null) => void,
) {
  const map = useMapInstance();
  const latest = useRef(onHover);
  latest.current = onHover;
  const key = layerIds.join('\n');
  useEffect(() => {
    if (!map) return;
    const ids = key.split('\n');
    let inside = false;
    const onMove = (e: MapLayerMouseEvent) => {
      const hit = e.features?.[0] ?? null;
      inside = hit !== null;
      map.getCanvas().style.cursor = 'pointer';
      latest.current(hit);
    };
    const onLeave = () => {
      if (!inside) return;
      inside = false;
      map.getCanvas().style.cursor = '';
      latest.current(null);
    };
    for (const id of ids) {
      map.on('mousemove', id, onMove);
      map.on('mouseleave', id, onLeave);
    }
    return () => {
      for (const id of ids) {
        map.off('mousemove', id, onMove);
        map.off('mouseleave', id, onLeave);
      }
      if (inside) map.getCanvas().style.cursor = '';
    };
  }, [map, key]);
}
