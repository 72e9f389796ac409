import type { FeatureCollection } from 'geojson';
import type { GpkgLayerInput } from './write.ts';

type Cell = string | number | null;

/** A property value as a GeoPackage cell: nested values (dimming regimes, lists) as JSON text. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * One GeoPackage layer from a WGS84 FeatureCollection (what every module exports as GeoJSON), so that the
 * GeoPackage and the GeoJSON of an export cannot disagree: columns in first-seen order, REAL when every
 * value is a number (INTEGER when every one is whole), TEXT otherwise; the geometry type of the features
 * (GEOMETRY when they mix types).
 */
export function layerFromFeatures(
  name: string,
  collection: FeatureCollection,
  srsId: 4326 | 2154,
  description?: string,
  /** Declared types that win over the guess (a figure column stays REAL even when today's values are whole). */
  fieldTypes: Readonly<Record<string, 'INTEGER' | 'REAL' | 'TEXT'>> = {},
): GpkgLayerInput {
  const names: string[] = [];
  const kinds = new Map<string, 'INTEGER' | 'REAL' | 'TEXT'>();
  const features = collection.features.map((f) => {
    const properties: Record<string, Cell> = {};
    for (const [key, raw] of Object.entries(f.properties ?? {})) {
      const value = cell(raw);
      properties[key] = value;
      if (!kinds.has(key)) {
        names.push(key);
        kinds.set(key, 'INTEGER');
      }
      if (value === null) continue;
      const kind = kinds.get(key)!;
      if (typeof value === 'string') kinds.set(key, 'TEXT');
      else if (kind === 'INTEGER' && !Number.isInteger(value)) kinds.set(key, 'REAL');
    }
    return { geometry: f.geometry, properties };
  });
  const types = new Set(collection.features.map((f) => f.geometry?.type).filter(Boolean));
  const geometryType = types.size === 1 ? [...types][0]!.toUpperCase() : 'GEOMETRY';
  return {
    name,
    srsId,
    geometryType,
    fields: names.map((n) => ({ name: n, type: fieldTypes[n] ?? kinds.get(n)! })),
    features,
    ...(description ? { description } : {}),
  };
}
