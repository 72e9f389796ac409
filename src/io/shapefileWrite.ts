/**
 * Zipped shapefile writer (.shp, .shx, .dbf, .prj, .cpg) for exports: many partners' tools (older ArcGIS,
 * contractors' field software) still take nothing else. It writes the same layer as the GeoPackage export
 * (`GpkgLayerInput`, built from the module's GeoJSON), so the three formats cannot disagree.
 */

import { zipSync } from 'fflate';
import type { Geometry, Position } from 'geojson';
import { type DbfColumn, dbfFieldNames, writeDbf } from './dbfWrite.ts';
import { type GpkgLayerInput, inLayerCrs } from './gpkg/write.ts';

/** The .prj ArcGIS writes (ESRI WKT1): GDAL and QGIS identify both as their EPSG codes. */
const PRJ: Record<4326 | 2154, string> = {
  4326: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  2154: 'PROJCS["RGF_1993_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]',
};

const SHAPE_TYPE: Record<string, number> = {
  POINT: 1,
  LINESTRING: 3,
  MULTILINESTRING: 3,
  POLYGON: 5,
  MULTIPOLYGON: 5,
  MULTIPOINT: 8,
};

/** Parts (rings or lines) of a geometry as the shapefile stores them; polygons oriented as the format wants. */
function partsOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
      return [geometry.coordinates];
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return orientRings(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.flatMap(orientRings);
    default:
      return [];
  }
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[i]![0]! - ring[j]![0]!) * (ring[i]![1]! + ring[j]![1]!);
  }
  return sum / 2; // > 0: clockwise
}

/** Shapefile rule: outer ring clockwise, holes counter-clockwise (GeoJSON's RFC 7946 says the opposite). */
function orientRings(rings: Position[][]): Position[][] {
  return rings.map((ring, i) => {
    const clockwise = signedArea(ring) > 0;
    return clockwise === (i === 0) ? ring : [...ring].reverse();
  });
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function boxOf(points: Position[], into: Box): Box {
  const box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  for (const p of points) {
    box.x0 = Math.min(box.x0, p[0]!);
    box.y0 = Math.min(box.y0, p[1]!);
    box.x1 = Math.max(box.x1, p[0]!);
    box.y1 = Math.max(box.y1, p[1]!);
  }
  into.x0 = Math.min(into.x0, box.x0);
  into.y0 = Math.min(into.y0, box.y0);
  into.x1 = Math.max(into.x1, box.x1);
  into.y1 = Math.max(into.y1, box.y1);
  return box;
}

/** Record content (little-endian part of a .shp record) of one geometry; null → the null shape. */
function recordContent(shapeType: number, geometry: Geometry | null, extent: Box): Uint8Array {
  if (!geometry) return new Uint8Array(4); // shape type 0
  const parts = partsOf(geometry).filter((p) => p.length > 0);
  const points = parts.flat();
  if (points.length === 0) return new Uint8Array(4);
  if (shapeType === 1) {
    const out = new Uint8Array(20);
    const v = new DataView(out.buffer);
    boxOf(points, extent);
    v.setInt32(0, 1, true);
    v.setFloat64(4, points[0]![0]!, true);
    v.setFloat64(12, points[0]![1]!, true);
    return out;
  }
  const box = boxOf(points, extent);
  const withParts = shapeType !== 8;
  const head = withParts ? 44 + 4 * parts.length : 40;
  const out = new Uint8Array(head + 16 * points.length);
  const v = new DataView(out.buffer);
  v.setInt32(0, shapeType, true);
  for (const [i, n] of [box.x0, box.y0, box.x1, box.y1].entries()) v.setFloat64(4 + 8 * i, n, true);
  if (withParts) {
    v.setInt32(36, parts.length, true);
    v.setInt32(40, points.length, true);
    let start = 0;
    parts.forEach((part, i) => {
      v.setInt32(44 + 4 * i, start, true);
      start += part.length;
    });
  } else {
    v.setInt32(36, points.length, true);
  }
  points.forEach((p, i) => {
    v.setFloat64(head + 16 * i, p[0]!, true);
    v.setFloat64(head + 16 * i + 8, p[1]!, true);
  });
  return out;
}

function fileHeader(shapeType: number, byteLength: number, extent: Box): Uint8Array {
  const out = new Uint8Array(100);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994); // big-endian file code and length, as the format says
  v.setInt32(24, byteLength / 2);
  v.setInt32(28, 1000, true);
  v.setInt32(32, shapeType, true);
  const empty = extent.x0 > extent.x1;
  for (const [i, n] of [extent.x0, extent.y0, extent.x1, extent.y1].entries()) {
    v.setFloat64(36 + 8 * i, empty ? 0 : n, true);
  }
  return out;
}

export interface ShapefileParts {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
  prj: string;
  cpg: string;
  /** The DBF name of each layer field (10 bytes at most), in `layer.fields` order. */
  fieldNames: string[];
}

/**
 * One layer as shapefile parts. Geometries are WGS84 and written in `layer.srsId`; a shapefile holds one
 * geometry type, so a layer mixing types (GEOMETRY) is refused in French. `shortNames` maps field names to
 * readable DBF names (10 bytes at most).
 */
export function writeShapefile(
  layer: GpkgLayerInput,
  shortNames: Readonly<Record<string, string>> = {},
): ShapefileParts {
  const shapeType = SHAPE_TYPE[layer.geometryType];
  if (shapeType === undefined) {
    throw new Error(
      `La couche « ${layer.name} » mêle plusieurs types de géométrie : un shapefile n’en contient qu’un (exportez-la en GeoPackage).`,
    );
  }
  const extent: Box = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  const contents = layer.features.map((f) =>
    recordContent(shapeType, inLayerCrs(f.geometry, layer.srsId), extent),
  );
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  shp.set(fileHeader(shapeType, shpLength, extent));
  shx.set(fileHeader(shapeType, shx.length, extent));
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((content, i) => {
    shpView.setInt32(offset, i + 1);
    shpView.setInt32(offset + 4, content.length / 2);
    shp.set(content, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2);
    shxView.setInt32(104 + 8 * i, content.length / 2);
    offset += 8 + content.length;
  });
  const columns: DbfColumn[] = layer.fields;
  const fieldNames = dbfFieldNames(
    columns.map((c) => c.name),
    shortNames,
  );
  const rows = layer.features.map((f) => columns.map((c) => f.properties[c.name] ?? null));
  return {
    shp,
    shx,
    dbf: writeDbf(columns, fieldNames, rows),
    prj: PRJ[layer.srsId],
    cpg: 'UTF-8',
    fieldNames,
  };
}

/** A ZIP of one shapefile per layer (`<layer name>.shp` …), what users and the import dialog exchange. */
export function writeShapefileZip(
  layers: readonly { layer: GpkgLayerInput; shortNames?: Readonly<Record<string, string>> }[],
): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  const text = new TextEncoder();
  for (const { layer, shortNames } of layers) {
    const parts = writeShapefile(layer, shortNames);
    entries[`${layer.name}.shp`] = parts.shp;
    entries[`${layer.name}.shx`] = parts.shx;
    entries[`${layer.name}.dbf`] = parts.dbf;
    entries[`${layer.name}.prj`] = text.encode(parts.prj);
    entries[`${layer.name}.cpg`] = text.encode(parts.cpg);
  }
  return zipSync(entries, { level: 6 });
}
