import proj4 from 'proj4';
import { parseShp } from 'shpjs';
import { crsFromPrj } from './crs/index.ts';
import { readDbf } from './dbf.ts';
import { isValidUtf8, repairWindows1252 } from './encoding.ts';
import { type FeatureTable, tableFromFeatures } from './geojson.ts';
import type { GpkgLayer } from './gpkg/read.ts';
import { checkShp } from './shpCheck.ts';
import type { TextEncoding } from './types.ts';
import { extractZip, listZip, type ZipEntry } from './zip.ts';

/** A layer of an archive, described as GeoPackage layers are, so that one layer picker serves both. */
export type ShapefileLayer = GpkgLayer;

export type ShapefileResult =
  | {
      ok: true;
      table: FeatureTable;
      encoding: TextEncoding;
      warnings: string[];
      layers: ShapefileLayer[];
      layer: string;
    }
  | { ok: false; reason: string };

/** Shape type codes (with their Z and M variants) as GeoPackage geometry type names. */
const SHAPE_TYPE_NAMES: Record<number, string> = {
  1: 'POINT',
  3: 'MULTILINESTRING',
  5: 'MULTIPOLYGON',
  8: 'MULTIPOINT',
};

/**
 * Geometry type and record count of each layer from its .shx alone (100 bytes + 8 per record: far smaller
 * than the .shp), so that listing the layers of an archive inflates none of their geometries.
 */
function describeLayers(bytes: Uint8Array, layers: [string, Record<string, ZipEntry>][]): ShapefileLayer[] {
  const shx = layers.map(([, parts]) => parts.shx).filter((e): e is ZipEntry => e !== undefined);
  const extracted = shx.length > 0 ? extractZip(bytes, shx) : null;
  return layers.map(([name, parts]) => {
    const index = parts.shx && extracted?.ok ? extracted.files.get(parts.shx.name) : undefined;
    const valid = index !== undefined && index.length >= 100;
    const type = valid
      ? new DataView(index.buffer, index.byteOffset, index.byteLength).getInt32(32, true)
      : 0;
    return {
      name,
      dataType: 'features',
      geometryType: SHAPE_TYPE_NAMES[type % 10] ?? null,
      count: valid ? Math.floor((index.length - 100) / 8) : -1,
      srsId: null,
    };
  });
}

const PARTS = /\.(shp|shx|dbf|prj|cpg)$/i;

function decodeText(bytes: Uint8Array | undefined): string | undefined {
  return bytes
    ? new TextDecoder()
        .decode(bytes)
        .replace(/^\uFEFF/, '')
        .trim()
    : undefined;
}

/** DBF without a .cpg: UTF-8 if its records are valid UTF-8, else the Windows-1252 of most French GIS exports. */
function dbfEncoding(dbf: Uint8Array, cpg: string | undefined): TextEncoding {
  if (cpg) return /utf-?8/i.test(cpg) ? 'utf-8' : 'windows-1252';
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  return isValidUtf8(dbf, Math.min(headerLength, dbf.length)) ? 'utf-8' : 'windows-1252';
}

/**
 * Zipped shapefile (.shp + .dbf, optional .prj and .cpg) → FeatureTable, through shpjs's parsers. An
 * archive of several shapefiles is a multi-layer file: `layer` names the one to read (default: the first
 * by name, with a warning listing the others), and `layers` lists them all for the dialog's layer picker.
 * Positions stay in the source CRS named by the .prj (read with `crsFromPrj`) so that the import pipeline
 * reprojects, detects swapped axes and checks France exactly as for CSV and GeoJSON. A .prj naming another
 * projection is handed to proj4 (via shpjs) to get WGS84 directly.
 */
export async function readShapefileZip(bytes: Uint8Array, layer?: string | null): Promise<ShapefileResult> {
  const listing = listZip(bytes);
  if (!listing.ok) return listing;
  const warnings: string[] = [];
  // Grouped by layer from the central directory alone: only the chosen layer's entries are inflated.
  const byBase = new Map<string, Record<string, ZipEntry>>();
  for (const entry of listing.entries) {
    const name = entry.name;
    if (!PARTS.test(name) || name.includes('__MACOSX')) continue;
    const dot = name.lastIndexOf('.');
    const base = name.slice(0, dot);
    const ext = name.slice(dot + 1).toLowerCase();
    const parts = byBase.get(base) ?? {};
    parts[ext] = entry;
    byBase.set(base, parts);
  }
  const layers = [...byBase.entries()]
    .filter(([, parts]) => parts.shp)
    .sort(([a], [b]) => a.localeCompare(b));
  if (layers.length === 0) {
    return {
      ok: false,
      reason: 'Aucun fichier .shp dans l’archive : un shapefile zippé contient .shp, .dbf et .prj.',
    };
  }
  const described = layers.length > 1 ? describeLayers(bytes, layers) : [];
  const picked = layer ? layers.find(([name]) => name === layer) : layers[0];
  if (!picked) {
    return {
      ok: false,
      reason: `Couche « ${layer} » absente de l’archive (couches : ${layers.map(([name]) => name).join(', ')}).`,
    };
  }
  const [base, entries] = picked;
  if (layers.length > 1 && !layer) {
    const listed = described
      .map((l) => (l.count >= 0 ? `${l.name} : ${l.count.toLocaleString('fr-FR')}` : l.name))
      .join(', ');
    warnings.push(
      `Archive de ${layers.length} couches (${listed}) : couche « ${base} » importée ; choisissez-en une autre si besoin.`,
    );
  }
  const extracted = extractZip(bytes, Object.values(entries));
  if (!extracted.ok) return extracted;
  const parts: Record<string, Uint8Array> = {};
  for (const [ext, entry] of Object.entries(entries)) {
    const data = extracted.files.get(entry.name);
    if (data) parts[ext] = data;
  }
  if (!parts.dbf) warnings.push(`Pas de fichier .dbf pour « ${base} » : les entités n’ont pas d’attributs.`);

  const prj = decodeText(parts.prj);
  const cpg = decodeText(parts.cpg);
  let declaredCrs = prj ? crsFromPrj(prj) : null;
  let unknownCrs: string | null = null;
  let reprojectedByProj4 = false;
  if (prj && !declaredCrs) {
    try {
      proj4(prj, 'EPSG:4326');
      reprojectedByProj4 = true;
      declaredCrs = 'EPSG:4326';
      warnings.push(
        'Projection du fichier .prj hors WGS84 / Lambert-93 / CC50 : convertie en WGS84 avec proj4.',
      );
    } catch {
      unknownCrs = prj.slice(0, 80);
    }
  } else if (!prj) {
    warnings.push('Pas de fichier .prj : système de coordonnées déduit des valeurs.');
  }

  let geometries: ReturnType<typeof parseShp>;
  let records: Record<string, unknown>[] = [];
  const encoding = parts.dbf ? dbfEncoding(parts.dbf, cpg) : 'utf-8';
  if (parts.dbf) {
    const dbf = readDbf(parts.dbf, encoding);
    if (!dbf.ok) return dbf;
    records = dbf.records;
  }
  const shpProblem = checkShp(parts.shp!);
  if (shpProblem) return { ok: false, reason: shpProblem };
  try {
    geometries = parseShp(parts.shp!, reprojectedByProj4 ? prj : undefined);
  } catch {
    // No library text reaches the user: the checks above name the known faults.
    return { ok: false, reason: 'Fichier .shp illisible : géométries endommagées.' };
  }
  if (parts.dbf && records.length !== geometries.length) {
    warnings.push(
      `Le .shp contient ${geometries.length} formes et le .dbf ${records.length} enregistrements : les lignes sans forme sont rejetées.`,
    );
  }
  const count = Math.max(geometries.length, records.length);
  const features = Array.from({ length: count }, (_, i) => {
    const properties = records[i] ?? {};
    if (encoding === 'windows-1252') {
      for (const [key, value] of Object.entries(properties)) {
        if (typeof value === 'string') properties[key] = repairWindows1252(value);
      }
    }
    const geometry = geometries[i] ?? null;
    if (geometry && 'bbox' in geometry) delete geometry.bbox;
    return { type: 'Feature', geometry, properties };
  });
  return {
    ok: true,
    table: tableFromFeatures(features, declaredCrs, unknownCrs),
    encoding,
    warnings,
    // One layer: nothing to pick, as for a single-layer GeoPackage the picker stays hidden.
    layers:
      described.length > 0
        ? described
        : [{ name: base, dataType: 'features', geometryType: null, count: -1, srsId: null }],
    layer: base,
  };
}
