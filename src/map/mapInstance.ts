import type { Map as MapLibreMap } from 'maplibre-gl';
import { useSyncExternalStore } from 'react';

/**
 * The handle of the live MapLibre map, for components outside MapView that must talk to MapLibre itself:
 * pointer events (drawing tools), the camera (framing, presentation), canvas exports.
 *
 * Not a second store: it holds no app state, only a non-serialisable object that cannot go in the zustand
 * store (raw data and user choices). Single owner: MapView, the only caller of `setMapInstance`, registers
 * the map once its style has loaded and unregisters it when the map is removed. Holders never write sources
 * or layers through it: everything drawn goes through the MapSpec that MapView's MapSync applies
 * (checked by src/map/mapWriter.test.ts).
 */
let current: MapLibreMap | null = null;
const listeners = new Set<() => void>();

/** For MapView only (the owner): the loaded map, or null when it is removed. */
export function setMapInstance(map: MapLibreMap | null): void {
  if (current === map) return;
  current = map;
  for (const listener of listeners) listener();
}

export function getMapInstance(): MapLibreMap | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The loaded map, or null; re-renders the caller when it appears or goes. */
export function useMapInstance(): MapLibreMap | null {
  return useSyncExternalStore(subscribe, getMapInstance, getMapInstance);
}
