import proj4 from 'proj4';
import { parseShp } from 'shpjs';
import { crsFromPrj } from './crs/index.ts';
import { readDbf } from './dbf.ts';
import { isValidUtf8, repairWindows1252 } from './encoding.ts';
import { type FeatureTable, tableFromFeatures } from './geojson.ts';
import { checkShp } from './shpCheck.ts';
import type { TextEncoding } from './types.ts';
import { extractZip, listZip, type ZipEntry } from './zip.ts';

export type ShapefileResult =
  | { ok: true; table: FeatureTable; encoding: TextEncoding; warnings: string[] }
  | { ok: false; reason: string };

const PARTS = /\.(shp|dbf|prj|cpg)$/i;

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
 * Zipped shapefile (.shp + .dbf, optional .prj and .cpg) → FeatureTable, through shpjs's parsers.
 * Positions stay in the source CRS named by the .prj (read with `crsFromPrj`) so that the import pipeline
 * reprojects, detects swapped axes and checks France exactly as for CSV and GeoJSON. A .prj naming another
 * projection is handed to proj4 (via shpjs) to get WGS84 directly.
 */
export async function readShapefileZip(bytes: Uint8Array): Promise<ShapefileResult> {
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
  const [base, entries] = layers[0]!;
  if (layers.length > 1) {
    const others = layers.slice(1).map(([name]) => name);
    const listed = others.slice(0, 5).join(', ');
    const more = others.length > 5 ? ` et ${others.length - 5} autres` : '';
    warnings.push(
      `L’archive contient ${layers.length} couches : seule « ${base} » est importée (${others.length === 1 ? `${listed} ignorée` : `${listed}${more} ignorées`}).`,
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
  return { ok: true, table: tableFromFeatures(features, declaredCrs, unknownCrs), encoding, warnings };
}
