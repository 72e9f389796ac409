import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { ImportResult } from '../../io/types.ts';
import {
  type AreaCollection,
  CONTEXT_ROLE_LABELS,
  type ContextLayers,
  type ContextRole,
  IMPORTABLE_ROLES,
  type PointCollection,
} from './types.ts';

export type ImportableRole = (typeof IMPORTABLE_ROLES)[number];

const POINT_ROLES: readonly ImportableRole[] = ['communeCentres', 'stations'];

export function isImportableRole(value: string): value is ImportableRole {
  return (IMPORTABLE_ROLES as readonly string[]).includes(value);
}

export type ContextLayerResult =
  | {
      ok: true;
      role: ImportableRole;
      layer: PointCollection | AreaCollection;
      count: number;
      warnings: string[];
    }
  | { ok: false; reason: string };

/**
 * An imported file (kind "context") as a layer for one role. Point roles take each feature's WGS84 point
 * (a polygon's point on surface); area roles keep only polygons and say how many features were not.
 * Town halls replacing the commune centres get the INSEE code of the commune they fall in.
 */
export function contextLayerFromImport(result: ImportResult, role: ImportableRole): ContextLayerResult {
  const label = CONTEXT_ROLE_LABELS[role];
  if (!result.ok)
    return { ok: false, reason: `${label} : ${result.errors[0]?.reason ?? 'import impossible'}` };
  const { features } = result;
  const warnings: string[] = [];
  if (POINT_ROLES.includes(role)) {
    const points: Feature<Point>[] = [];
    for (let i = 0; i < features.count; i++) {
      const lon = features.lon[i]!;
      const lat = features.lat[i]!;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      points.push({
        type: 'Feature',
        properties: { insee: features.insee[i] ?? null, row: features.row[i]! },
        geometry: { type: 'Point', coordinates: [lon, lat] },
      });
    }
    if (points.length < features.count) {
      warnings.push(`${label} : ${features.count - points.length} élément(s) sans position ignoré(s).`);
    }
    if (points.length === 0)
      return { ok: false, reason: `${label} : aucun point exploitable dans le fichier.` };
    return {
      ok: true,
      role,
      layer: { type: 'FeatureCollection', features: points },
      count: points.length,
      warnings,
    };
  }
  const polygons: Feature<Polygon | MultiPolygon>[] = [];
  for (let i = 0; i < features.count; i++) {
    const g = features.geometry?.[i];
    if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') {
      polygons.push({ type: 'Feature', properties: { row: features.row[i]! }, geometry: g });
    }
  }
  if (polygons.length === 0) {
    return {
      ok: false,
      reason: `${label} : le fichier ne contient aucun polygone (une couche de zones est attendue).`,
    };
  }
  if (polygons.length < features.count) {
    warnings.push(`${label} : ${features.count - polygons.length} élément(s) non surfacique(s) ignoré(s).`);
  }
  return {
    ok: true,
    role,
    layer: { type: 'FeatureCollection', features: polygons },
    count: polygons.length,
    warnings,
  };
}

/** Built-in layers plus imported ones; an imported commune-centres layer replaces the built-in one. */
export function withContextLayer(
  layers: ContextLayers,
  role: ImportableRole,
  layer: PointCollection | AreaCollection,
) {
  return { ...layers, [role]: layer } as ContextLayers;
}

export function roleList(): string {
  return IMPORTABLE_ROLES.map((r: ContextRole) => `${r} (${CONTEXT_ROLE_LABELS[r]})`).join(', ');
}
