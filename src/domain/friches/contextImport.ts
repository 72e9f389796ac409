import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { ImportResult } from '../../io/types.ts';
import { agree } from '../../lib/plural.ts';
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

/** Upper-cased, accent-free field names, for matching official schemas whatever their case. */
const plainName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * Official schemas recognised by their field names (and file names), most specific first: INPN Natura 2000
 * (SITECODE, SITENAME) and ZNIEFF (ID_MNHN, NM_SFFZN), Géoportail de l'Urbanisme zone-urba (TYPEZONE),
 * COVADIS PPR zonage réglementaire (CODEZONE, TYPEREG) or a file named PPRI, an atlas des zones inondables
 * (file named AZI / zone inondable), SNCF stations
 * (« Gares de voyageurs »: Trigramme, Position géographique; « Liste des gares »: CODE_UIC, C_GEO).
 */
const SIGNATURES: readonly {
  role: ImportableRole;
  source: string;
  fields?: readonly string[][];
  fileName?: RegExp;
}[] = [
  { role: 'protectedAreas', source: 'Natura 2000 (INPN)', fields: [['SITECODE', 'SITENAME']] },
  { role: 'protectedAreas', source: 'ZNIEFF (INPN)', fields: [['ID_MNHN'], ['NM_SFFZN']] },
  { role: 'urbanZones', source: 'zonage du PLU (Géoportail de l’Urbanisme)', fields: [['TYPEZONE']] },
  {
    role: 'floodZones',
    source: 'zonage réglementaire PPR (COVADIS)',
    fields: [['CODEZONE', 'TYPEREG']],
    fileName: /(^|[^a-z])(ppri|pprn|pprl|ppr)/i,
  },
  {
    // AZIs predate the COVADIS standards: no common field names, but their files carry the atlas's name.
    role: 'floodZones',
    source: 'atlas des zones inondables (AZI)',
    fileName: /(^|[^a-z])(azi|inond)/i,
  },
  {
    role: 'stations',
    source: 'gares SNCF',
    fields: [['TRIGRAMME'], ['CODE_UIC'], ['CODE_S_UIC'], ['POSITION_GEOGRAPHIQUE', 'CODE_COMMUNE']],
    fileName: /gare|station|arret/i,
  },
  {
    role: 'greenBlueCorridors',
    source: 'trame verte et bleue',
    fileName: /(^|[^a-z])(tvb|srce|trame|corridor|reservoir)/i,
  },
];

export interface DetectedRole {
  role: ImportableRole;
  /** French: the recognised source, e.g. « Natura 2000 (INPN) ». */
  source: string;
}

/** The role a context file most likely plays, from its field names then its file name; null when unsure. */
export function detectContextRole(fields: readonly string[], fileName = ''): DetectedRole | null {
  const names = new Set(fields.map(plainName));
  for (const s of SIGNATURES) {
    if (s.fields?.some((all) => all.every((f) => names.has(f)))) return { role: s.role, source: s.source };
  }
  const base = fileName.split(/[\\/]/).pop() ?? '';
  for (const s of SIGNATURES) if (s.fileName?.test(base)) return { role: s.role, source: s.source };
  return null;
}

/** The GPU `typezone` column of a zoning file (any case), if present. */
function typezoneColumn(result: ImportResult) {
  const key = Object.keys(result.features.attributes).find((k) => plainName(k) === 'TYPEZONE');
  return key ? result.features.attributes[key]! : null;
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
      warnings.push(
        `${label} : ${features.count - points.length} ${agree(features.count - points.length, 'élément sans position ignoré', 'éléments sans position ignorés')}.`,
      );
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
  // PLU zoning: each zone keeps its type (U, AUc, AUs, A, N), which the zoning criterion reads.
  const typezone = role === 'urbanZones' ? typezoneColumn(result) : null;
  for (let i = 0; i < features.count; i++) {
    const g = features.geometry?.[i];
    if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') {
      const properties: Record<string, string | number> = { row: features.row[i]! };
      const zone = typezone?.get(i)?.trim();
      if (zone) properties.typezone = zone;
      polygons.push({ type: 'Feature', properties, geometry: g });
    }
  }
  if (polygons.length === 0) {
    return {
      ok: false,
      reason: `${label} : le fichier ne contient aucun polygone (une couche de zones est attendue).`,
    };
  }
  if (polygons.length < features.count) {
    warnings.push(
      `${label} : ${features.count - polygons.length} ${agree(features.count - polygons.length, 'élément non surfacique ignoré', 'éléments non surfaciques ignorés')}.`,
    );
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
