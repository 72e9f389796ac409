import { useCallback, useSyncExternalStore } from 'react';
import { useMapInstance } from './mapInstance.ts';

/**
 * The live map's zoom, rounded down (what a per-zoom overview is built for); `fallback` before the map is
 * loaded. Re-renders the caller only when the integer zoom changes, not at every frame of a zoom animation.
 */
export function useMapZoomLevel(fallback: number): number {
  const map = useMapInstance();
  const subscribe = useCallback(
    (listener: () => void) => {
      map?.on('zoomend', listener);
      return () => {
        map?.off('zoomend', listener);
      };
    },
    [map],
  );
  return useSyncExternalStore(subscribe, () => (map ? Math.floor(map.getZoom()) : fallback));
}
