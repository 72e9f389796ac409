import type { Feature, GeoJSON } from 'geojson';

/** What MapLibre's `GeoJSONSource.updateData` needs to turn one feature collection into the next. */
export interface FeatureCollectionDiff {
  remove: (string | number)[];
  /** New features, and features whose object changed (an `add` replaces the feature with the same id). */
  add: Feature[];
}

/**
 * The difference between two feature collections, matching features by `id` and comparing them by reference:
 * unchanged features must be the same objects (cheap to guarantee when they are picked from one list). Only
 * the difference then crosses to the map worker, instead of the whole collection being copied on each change.
 * null when a diff cannot describe the change (not two collections, or a feature without a unique id).
 */
export function featureCollectionDiff(previous: GeoJSON, next: GeoJSON): FeatureCollectionDiff | null {
  if (previous.type !== 'FeatureCollection' || next.type !== 'FeatureCollection') return null;
  const before = new Map<string | number, Feature>();
  for (const feature of previous.features) {
    if (feature.id === undefined || before.has(feature.id)) return null;
    before.set(feature.id, feature);
  }
  const seen = new Set<string | number>();
  const add: Feature[] = [];
  for (const feature of next.features) {
    const id = feature.id;
    if (id === undefined || seen.has(id)) return null;
    seen.add(id);
    if (before.get(id) !== feature) add.push(feature);
    before.delete(id);
  }
  return { remove: [...before.keys()], add };
}
