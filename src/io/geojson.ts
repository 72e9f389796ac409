import type { Geometry, Position } from 'geojson';
import { crsFromGeoJsonName } from './crs/index.ts';
import { ArrayColumn } from './csv/columns.ts';
import { cleanCell } from './csv/values.ts';
import type { CrsCode } from './types.ts';

/**
 * A set of features before reprojection and join: what GeoJSON and shapefiles both become.
 * Index i is the (i+1)-th feature of the file (its row number in reports).
 */
export interface FeatureTable {
  count: number;
  /** Geometry as written in the file (source CRS); null when absent or invalid (see `problems`). */
  geometries: (Geometry | null)[];
  /** Feature index → French reason (absent or invalid geometry). */
  problems: Map<number, string>;
  fields: string[];
  attributes: Record<string, ArrayColumn>;
  /** CRS declared by the file (legacy GeoJSON `crs` member, shapefile .prj); null = not declared. */
  declaredCrs: CrsCode | null;
  /** Declared but unknown CRS name, for a warning. */
  unknownCrs: string | null;
}

export type FeatureTableResult = { ok: true; table: FeatureTable } | { ok: false; reason: string };

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function positions(value: unknown, min: number): string | null {
  if (!Array.isArray(value)) return 'coordonnées absentes';
  if (value.length < min) return `moins de ${min} positions`;
  return value.every(isPosition) ? null : 'position non numérique';
}

function rings(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'polygone sans anneau';
  for (const ring of value) {
    const problem = positions(ring, 4);
    if (problem) return `anneau invalide (${problem})`;
  }
  return null;
}

function list(value: unknown, check: (item: unknown) => string | null): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'liste de coordonnées vide';
  for (const item of value) {
    const problem = check(item);
    if (problem) return problem;
  }
  return null;
}

/** Structural check of a GeoJSON geometry; a French reason when it cannot be used. */
export function checkGeometry(value: unknown, depth = 0): string | null {
  if (value === null || value === undefined) return 'géométrie absente';
  if (typeof value !== 'object' || Array.isArray(value)) return 'géométrie invalide';
  const g = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  let problem: string | null;
  switch (g.type) {
    case 'Point':
      problem = isPosition(g.coordinates) ? null : 'position non numérique';
      break;
    case 'MultiPoint':
      problem = positions(g.coordinates, 1);
      break;
    case 'LineString':
      problem = positions(g.coordinates, 2);
      break;
    case 'MultiLineString':
      problem = list(g.coordinates, (line) => positions(line, 2));
      break;
    case 'Polygon':
      problem = rings(g.coordinates);
      break;
    case 'MultiPolygon':
      problem = list(g.coordinates, rings);
      break;
    case 'GeometryCollection':
      problem =
        depth > 8
          ? 'collection trop imbriquée'
          : list(g.geometries, (child) => checkGeometry(child, depth + 1));
      break;
    default:
      return `type de géométrie inconnu : « ${String(g.type).slice(0, 40)} »`;
  }
  return problem ? `géométrie invalide (${g.type} : ${problem})` : null;
}

/** Property value → attribute text (numbers as JS writes them; objects as JSON). */
export function propertyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cleanCell(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  try {
    return JSON.stringify(value);
  } catch {
    return null;
  }
}

/** Builds a FeatureTable from raw features (GeoJSON or shapefile). */
export function tableFromFeatures(
  features: readonly unknown[],
  declaredCrs: CrsCode | null,
  unknownCrs: string | null,
): FeatureTable {
  const geometries: (Geometry | null)[] = [];
  const problems = new Map<number, string>();
  const fields: string[] = [];
  const fieldSet = new Set<string>();
  const propertyList: (Record<string, unknown> | null)[] = [];
  features.forEach((raw, i) => {
    const feature = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : null;
    if (feature?.type !== 'Feature') {
      problems.set(i, 'élément qui n’est pas une « Feature » GeoJSON');
      geometries.push(null);
      propertyList.push(null);
      return;
    }
    const problem = checkGeometry(feature.geometry);
    if (problem) problems.set(i, problem);
    geometries.push(problem ? null : (feature.geometry as Geometry));
    const props =
      feature.properties && typeof feature.properties === 'object' && !Array.isArray(feature.properties)
        ? (feature.properties as Record<string, unknown>)
        : null;
    propertyList.push(props);
    if (props) {
      for (const key of Object.keys(props)) {
        if (!fieldSet.has(key)) {
          fieldSet.add(key);
          fields.push(key);
        }
      }
    }
  });
  const attributes: Record<string, ArrayColumn> = {};
  for (const field of fields) {
    attributes[field] = new ArrayColumn(propertyList.map((p) => (p ? propertyText(p[field]) : null)));
  }
  return { count: features.length, geometries, problems, fields, attributes, declaredCrs, unknownCrs };
}

/** FeatureCollection, single Feature, bare geometry, or an array of features; legacy `crs` member honoured. */
export function readGeoJson(text: string): FeatureTableResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // The engine's message is English and varies between engines: the French one says what to check.
    return {
      ok: false,
      reason:
        'Fichier GeoJSON illisible : JSON invalide (fichier tronqué, ou pas du JSON). Vérifiez qu’il s’ouvre dans QGIS.',
    };
  }
  if (!doc || typeof doc !== 'object')
    return { ok: false, reason: 'Fichier GeoJSON illisible : objet attendu.' };
  const root = doc as Record<string, unknown>;

  let declaredCrs: CrsCode | null = null;
  let unknownCrs: string | null = null;
  const crs = root.crs as { type?: unknown; properties?: { name?: unknown; code?: unknown } } | undefined;
  if (crs && typeof crs === 'object') {
    const name =
      crs.properties?.name ?? (crs.properties?.code !== undefined ? `EPSG:${crs.properties.code}` : null);
    if (typeof name === 'string') {
      declaredCrs = crsFromGeoJsonName(name);
      if (!declaredCrs) unknownCrs = name;
    }
  }

  let features: unknown[];
  if (Array.isArray(doc)) features = doc;
  else if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) {
      return { ok: false, reason: 'FeatureCollection sans tableau « features ».' };
    }
    features = root.features;
  } else if (root.type === 'Feature') features = [root];
  else if (typeof root.type === 'string' && GEOMETRY_TYPES.has(root.type)) {
    features = [{ type: 'Feature', geometry: root, properties: {} }];
  } else {
    return {
      ok: false,
      reason: 'Ce JSON n’est pas du GeoJSON (FeatureCollection, Feature ou géométrie attendue).',
    };
  }
  return { ok: true, table: tableFromFeatures(features, declaredCrs, unknownCrs) };
}
