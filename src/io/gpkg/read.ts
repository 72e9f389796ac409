import type { Geometry } from 'geojson';
import type { Database, SqlValue } from 'sql.js';
import { crsFromEpsgNumber, crsFromPrj } from '../crs/index.ts';
import { ArrayColumn } from '../csv/columns.ts';
import type { FeatureTable } from '../geojson.ts';
import type { CrsCode } from '../types.ts';
import { readGeometryBlob } from './blob.ts';
import { loadSqlite } from './sqlite.ts';

/** A table listed in gpkg_contents: what the user picks from when a GeoPackage has several. */
export interface GpkgLayer {
  name: string;
  /** 'features' (with geometry) or 'attributes' (table only). */
  dataType: string;
  geometryType: string | null;
  count: number;
  srsId: number | null;
}

export type GpkgResult =
  | { ok: true; table: FeatureTable; layers: GpkgLayer[]; layer: string; warnings: string[] }
  | { ok: false; reason: string; layers?: GpkgLayer[] };

const SQLITE_MAGIC = 'SQLite format 3\0';

export function isSqlite(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  for (let i = 0; i < 16; i++) if (bytes[i] !== SQLITE_MAGIC.charCodeAt(i)) return false;
  return true;
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rows(db: Database, sql: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const statement = db.prepare(sql);
  try {
    statement.bind(params);
    const out: Record<string, SqlValue>[] = [];
    while (statement.step()) out.push(statement.getAsObject());
    return out;
  } finally {
    statement.free();
  }
}

function listLayers(db: Database): GpkgLayer[] {
  const contents = rows(
    db,
    "SELECT c.table_name AS name, c.data_type AS dataType, g.geometry_type_name AS geometryType, g.srs_id AS srsId FROM gpkg_contents c LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type IN ('features', 'attributes') ORDER BY c.table_name",
  );
  return contents.map((r) => {
    const name = String(r.name);
    const count = Number(rows(db, `SELECT count(*) AS n FROM ${quoteId(name)}`)[0]?.n ?? 0);
    return {
      name,
      dataType: String(r.dataType),
      geometryType: r.geometryType === null || r.geometryType === undefined ? null : String(r.geometryType),
      count,
      srsId: r.srsId === null || r.srsId === undefined ? null : Number(r.srsId),
    };
  });
}

/** srs_id → CRS through gpkg_spatial_ref_sys: EPSG organisation code first, then its WKT definition. */
function crsOfSrs(db: Database, srsId: number): { crs: CrsCode | null; label: string } {
  const [srs] = rows(
    db,
    'SELECT srs_name, organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?',
    [srsId],
  );
  if (!srs) return { crs: null, label: `srs_id ${srsId} absent de gpkg_spatial_ref_sys` };
  const org = String(srs.organization ?? '').toUpperCase();
  const fromCode = org === 'EPSG' ? crsFromEpsgNumber(String(srs.organization_coordsys_id)) : null;
  const epsg4326 = org === 'EPSG' && String(srs.organization_coordsys_id) === '4326';
  const crs = epsg4326 ? 'EPSG:4326' : (fromCode ?? crsFromPrj(String(srs.definition ?? '')));
  return { crs, label: `${srs.srs_name ?? ''} (${org}:${srs.organization_coordsys_id})` };
}

function cellText(value: SqlValue): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** Bounds a hostile file: a GeoPackage is read whole in memory, these are far above any real layer. */
const MAX_FEATURES = 2_000_000;

/**
 * Reads one layer of a GeoPackage (the only one, or `layer`) into the table the import pipeline consumes.
 * Without `layer` and with several layers, the first feature layer is read and the warning says so.
 */
export async function readGeoPackage(bytes: Uint8Array, layer?: string | null): Promise<GpkgResult> {
  const SQL = await loadSqlite();
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch {
    return { ok: false, reason: 'Fichier SQLite illisible : ce n’est pas un GeoPackage valide.' };
  }
  try {
    let layers: GpkgLayer[];
    try {
      layers = listLayers(db);
    } catch {
      return {
        ok: false,
        reason:
          'Base SQLite sans table gpkg_contents : ce n’est pas un GeoPackage (format OGC attendu, par exemple exporté de QGIS).',
      };
    }
    if (layers.length === 0) return { ok: false, reason: 'GeoPackage sans couche de données.', layers };
    const warnings: string[] = [];
    let chosen = layer ? layers.find((l) => l.name === layer) : undefined;
    if (layer && !chosen) {
      return {
        ok: false,
        reason: `Couche « ${layer} » absente du GeoPackage (couches : ${layers.map((l) => l.name).join(', ')}).`,
        layers,
      };
    }
    if (!chosen) {
      chosen = layers.find((l) => l.dataType === 'features') ?? layers[0]!;
      if (layers.length > 1) {
        warnings.push(
          `GeoPackage de ${layers.length} couches (${layers.map((l) => `${l.name} : ${l.count.toLocaleString('fr-FR')}`).join(', ')}) : couche « ${chosen.name} » importée ; choisissez-en une autre si besoin.`,
        );
      }
    }
    if (chosen.count > MAX_FEATURES) {
      return {
        ok: false,
        reason: `Couche trop volumineuse (${chosen.count.toLocaleString('fr-FR')} entités).`,
        layers,
      };
    }
    const read = readLayer(db, chosen);
    return {
      ok: true,
      table: read.table,
      layers,
      layer: chosen.name,
      warnings: [...warnings, ...read.warnings],
    };
  } finally {
    db.close();
  }
}

function readLayer(db: Database, layer: GpkgLayer): { table: FeatureTable; warnings: string[] } {
  const warnings: string[] = [];
  const [geometryColumn] = rows(db, 'SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?', [
    layer.name,
  ]);
  const geomName = geometryColumn ? String(geometryColumn.column_name) : null;
  const info = rows(db, `PRAGMA table_info(${quoteId(layer.name)})`);
  const fields = info
    .filter((c) => String(c.name) !== geomName && !(Number(c.pk) === 1 && /INT/i.test(String(c.type))))
    .map((c) => String(c.name));
  const values: (string | null)[][] = fields.map(() => []);
  const geometries: (Geometry | null)[] = [];
  const problems = new Map<number, string>();
  const srsCounts = new Map<number, number>();
  const select = [...fields, ...(geomName ? [geomName] : [])].map(quoteId).join(', ') || '1';
  const statement = db.prepare(`SELECT ${select} FROM ${quoteId(layer.name)}`);
  try {
    let i = 0;
    while (statement.step()) {
      const row = statement.get();
      for (let f = 0; f < fields.length; f++) values[f]!.push(cellText(row[f]!));
      if (!geomName) geometries.push(null);
      else {
        const blob = row[fields.length];
        if (!(blob instanceof Uint8Array)) {
          geometries.push(null);
          problems.set(i, 'géométrie absente');
        } else {
          const parsed = readGeometryBlob(blob);
          if (!parsed.ok) {
            geometries.push(null);
            problems.set(i, parsed.reason);
          } else {
            geometries.push(parsed.geometry);
            if (!parsed.geometry) problems.set(i, 'géométrie vide');
            srsCounts.set(parsed.srsId, (srsCounts.get(parsed.srsId) ?? 0) + 1);
          }
        }
      }
      i++;
    }
  } finally {
    statement.free();
  }
  // The layer's srs_id is authoritative; a blob's own srs_id only matters when the layer declares none.
  const srsId = layer.srsId ?? [...srsCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  let declaredCrs: CrsCode | null = null;
  let unknownCrs: string | null = null;
  if (srsId !== null && srsId > 0) {
    const { crs, label } = crsOfSrs(db, srsId);
    declaredCrs = crs;
    if (!crs) unknownCrs = label;
  } else if (geomName && srsId !== null) {
    warnings.push(`Couche sans système de coordonnées défini (srs_id ${srsId}) : déduit des valeurs.`);
  }
  const attributes: Record<string, ArrayColumn> = {};
  fields.forEach((name, f) => {
    attributes[name] = new ArrayColumn(values[f]!);
  });
  return {
    table: { count: geometries.length, geometries, problems, fields, attributes, declaredCrs, unknownCrs },
    warnings,
  };
}
