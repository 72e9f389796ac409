import type { Geometry } from 'geojson';
import type { SqlValue } from 'sql.js';
import { fromWgs84, mapPositions } from '../crs/project.ts';
import { writeGeometryBlob } from './blob.ts';
import { loadSqlite } from './sqlite.ts';

/** One layer to write. Geometries are WGS84 (the store's CRS); `srsId` is the CRS of the file. */
export interface GpkgLayerInput {
  name: string;
  srsId: 4326 | 2154;
  /** GeoPackage geometry type name: POINT, POLYGON, MULTIPOLYGON, GEOMETRY… */
  geometryType: string;
  fields: { name: string; type: 'TEXT' | 'REAL' | 'INTEGER' }[];
  features: { geometry: Geometry | null; properties: Record<string, string | number | null> }[];
  description?: string;
}

/** WKT of the two systems we export, as GDAL writes them (`gdalsrsinfo -o wkt1`). */
const SRS: Record<4326 | 2154, { name: string; wkt: string }> = {
  4326: {
    name: 'WGS 84 geodetic',
    wkt: 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
  },
  2154: {
    name: 'RGF93 v1 / Lambert-93',
    wkt: 'PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6171"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","2154"]]',
  },
};

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A WGS84 geometry in the layer's CRS (GeoPackage and shapefile exports). */
export function inLayerCrs(geometry: Geometry | null, srsId: 4326 | 2154): Geometry | null {
  if (!geometry || srsId === 4326) return geometry;
  return mapPositions(geometry, (p) => [...fromWgs84('EPSG:2154', p[0]!, p[1]!), ...p.slice(2)]);
}

/**
 * Writes a GeoPackage 1.3 (application_id 'GPKG', user_version 10300) with one feature table per layer,
 * readable by QGIS and GDAL. `projected: true` means the geometries are already in each layer's CRS.
 */
export async function writeGeoPackage(
  layers: GpkgLayerInput[],
  options: { projected?: boolean } = {},
): Promise<Uint8Array> {
  const SQL = await loadSqlite();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA application_id = 1196444487; PRAGMA user_version = 10300;');
    db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
      description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
      CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
      srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
      CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
      CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));`);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run([
      'Undefined cartesian SRS',
      -1,
      'NONE',
      -1,
      'undefined',
      'undefined cartesian coordinate reference system',
    ]);
    srs.run([
      'Undefined geographic SRS',
      0,
      'NONE',
      0,
      'undefined',
      'undefined geographic coordinate reference system',
    ]);
    for (const id of new Set([4326, ...layers.map((l) => l.srsId)]) as Set<4326 | 2154>) {
      srs.run([SRS[id].name, id, 'EPSG', id, SRS[id].wkt, null]);
    }
    srs.free();
    for (const layer of layers) {
      const columns = layer.fields.map((f) => `${quoteId(f.name)} ${f.type}`).join(', ');
      db.run(
        `CREATE TABLE ${quoteId(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom ${layer.geometryType}${columns ? `, ${columns}` : ''})`,
      );
      const insert = db.prepare(
        `INSERT INTO ${quoteId(layer.name)} (geom${layer.fields.map((f) => `, ${quoteId(f.name)}`).join('')}) VALUES (?${', ?'.repeat(layer.fields.length)})`,
      );
      let x0 = Number.POSITIVE_INFINITY;
      let y0 = Number.POSITIVE_INFINITY;
      let x1 = Number.NEGATIVE_INFINITY;
      let y1 = Number.NEGATIVE_INFINITY;
      let hasZ = false;
      db.run('BEGIN');
      for (const feature of layer.features) {
        const geometry = options.projected ? feature.geometry : inLayerCrs(feature.geometry, layer.srsId);
        if (geometry) {
          mapPositions(geometry, (p) => {
            x0 = Math.min(x0, p[0]!);
            y0 = Math.min(y0, p[1]!);
            x1 = Math.max(x1, p[0]!);
            y1 = Math.max(y1, p[1]!);
            if (p.length > 2) hasZ = true;
            return p;
          });
        }
        const values: SqlValue[] = [writeGeometryBlob(geometry, layer.srsId)];
        for (const f of layer.fields) values.push(feature.properties[f.name] ?? null);
        insert.run(values);
      }
      db.run('COMMIT');
      insert.free();
      const bounds = x0 <= x1 ? [x0, y0, x1, y1] : [null, null, null, null];
      db.run(
        'INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [layer.name, 'features', layer.name, layer.description ?? '', ...bounds, layer.srsId],
      );
      db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, ?, 0)', [
        layer.name,
        'geom',
        layer.geometryType,
        layer.srsId,
        hasZ ? 1 : 0,
      ]);
    }
    return db.export();
  } finally {
    db.close();
  }
}
