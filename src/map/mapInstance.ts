import type { Map as MapLibreMap } from 'maplibre-gl';
import { useSyncExternalStore } from 'react';

/**
 * The live map for components outside MapView (drawing tools, exports), without putting a non-serialisable
 * object in the store. MapView registers the map once its style has loaded, so holders may add sources
 * and layers straight away; it is null before that and after the map is removed.
 */
let current: MapLibreMap | null = null;
const listeners = new Set<() => void>();

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

/**
 * Maps on which a tool owns the pointer (a drawing in progress): the shell's click-to-select-a-commune
 * stands aside so that placing a vertex does not also open a commune's card.
 */
const captured = new WeakSet<MapLibreMap>();

export function setPointerCaptured(map: MapLibreMap, on: boolean): void {
  if (on) captured.add(map);
  else captured.delete(map);
}

export function isPointerCaptured(map: MapLibreMap): boolean {
  return captured.has(map);
}
