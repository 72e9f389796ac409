/**
 * Friche sites ↔ the team server's records. The server keeps a site's cells as they were imported or typed
 * (`site_id`, `site_statut`… or whatever names a file used) in `properties`, and its perimeter (or point) as
 * the record's geometry. The app reads them with the one inventory rule (`brownfieldsFromImport`, CNIG
 * validation included) and writes an edit back as the changed cells, so that a site read back after an edit
 * is the site that was edited, and QGIS and CNIG exports see the same columns.
 */
import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { pointOnSurface } from '../../geo/pointOnSurface.ts';
import { CNIG_FRICHES_FIELDS } from '../../io/cnig/schema.ts';
import type { ImportResult, RowError, StringColumn } from '../../io/types.ts';
import { toWkt } from '../../io/wkt.ts';
import { brownfieldsFromImport, type CommuneNames } from './mapping.ts';
import type { Brownfield } from './types.ts';

/** What the mapping needs of a server record (see src/storage/syncClient.ts ServerRecord). */
export interface FricheRecord {
  id: string;
  insee: string | null;
  properties: Readonly<Record<string, unknown>>;
  geometry?: { type: string; coordinates: unknown } | null;
}

export type PropertyValue = string | number | boolean | null;

/** Geometry cells of the CNIG table: the record's geometry is their one source (a file's may be Lambert-93). */
const GEOMETRY_CELLS = new Set(['geompoint', 'geomsurf']);
const STANDARD_FIELDS = new Set<string>(CNIG_FRICHES_FIELDS.map((f) => f.name));

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);

const isSurface = (g: Geometry | null): g is Polygon | MultiPolygon =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon';

function geometryOf(record: FricheRecord): { point: Point | null; surface: Polygon | MultiPolygon | null } {
  const g = (record.geometry ?? null) as Geometry | null;
  if (g?.type === 'Point') return { point: g, surface: null };
  if (!isSurface(g)) return { point: null, surface: null };
  // The same kernel as the import and the drawing tool, so every browser scores the site from the same point.
  const p = pointOnSurface(g);
  return { point: p ? { type: 'Point', coordinates: p } : null, surface: g };
}

/** The records as one import table whose geometry cells are written from the records' geometries. */
function asImport(records: readonly FricheRecord[], keys: string[]): ImportResult {
  const n = records.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const row = new Int32Array(n);
  const geometry: (Geometry | null)[] = [];
  const insee: (string | null)[] = [];
  const wkt: { point: string | null; surface: string | null }[] = [];
  records.forEach((r, i) => {
    const { point, surface } = geometryOf(r);
    lon[i] = point ? point.coordinates[0]! : Number.NaN;
    lat[i] = point ? point.coordinates[1]! : Number.NaN;
    row[i] = i + 1;
    geometry.push(surface);
    insee.push(r.insee);
    wkt.push({ point: point ? toWkt(point) : null, surface: surface ? toWkt(surface) : null });
  });
  const attributes: Record<string, StringColumn> = {};
  for (const key of keys)
    attributes[key] = { length: n, get: (i) => text(records[i]!.properties[key])?.trim() || null };
  attributes.geompoint = { length: n, get: (i) => wkt[i]!.point };
  attributes.geomsurf = { length: n, get: (i) => wkt[i]!.surface };
  return {
    ok: true,
    kind: 'friches',
    encoding: null,
    delimiter: null,
    crs: 'EPSG:4326',
    swappedAxes: false,
    rows: n,
    fields: [...keys, 'geompoint', 'geomsurf'],
    // The point comes from the record (lon/lat), never from a cell.
    mapping: { id: null, x: null, y: null, wkt: 'geompoint', insee: null, commune: null, postcode: null },
    features: { count: n, row, lon, lat, geometry, insee, crossed: null, attributes },
    errors: [],
    warnings: [],
    outsideTerritory: insee.filter((c) => c === null).length,
  };
}

export interface RecordsAsSites {
  sites: Brownfield[];
  /** Records the inventory rule refuses (no name, no position…), with its French reason: shown, never lost. */
  unreadable: { id: string; reason: string }[];
}

/**
 * Sites of server records, in the records' order, with `row` 0 (sites of the team, not rows of a file). Records
 * are read in groups sharing the same property names, so one file's columns never decide how another file's
 * records are read. The record id is the site's id (the server's key), whatever its `site_id` cell says.
 */
export function sitesFromRecords(
  records: readonly FricheRecord[],
  names: CommuneNames = new Map(),
): RecordsAsSites {
  const groups = new Map<string, FricheRecord[]>();
  for (const r of records) {
    const keys = Object.keys(r.properties).filter((k) => !GEOMETRY_CELLS.has(k));
    const key = keys.sort().join('\u0001');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const byId = new Map<string, Brownfield>();
  const unreadable: RecordsAsSites['unreadable'] = [];
  for (const group of groups.values()) {
    const keys = Object.keys(group[0]!.properties).filter((k) => !GEOMETRY_CELLS.has(k));
    const { sites, report } = brownfieldsFromImport(asImport(group, keys), names);
    // Sites come back in row order, one per accepted row; rows are 1-based positions in the group.
    for (const site of sites) {
      const record = group[site.row - 1]!;
      byId.set(record.id, { ...site, id: record.id, row: 0 });
    }
    for (const e of report.rejected as RowError[])
      unreadable.push({ id: group[e.row - 1]?.id ?? '?', reason: e.reason });
  }
  const sites: Brownfield[] = [];
  for (const r of records) {
    const s = byId.get(r.id);
    if (s) sites.push(s);
  }
  return { sites, unreadable };
}

/**
 * The cells a site is stored with: its validated CNIG values and its other columns, geometry cells apart. A
 * standard field comes from `record` only (raw keeps it as read), so a value cleared in the form is cleared.
 */
function cellsOf(site: Brownfield): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [k, v] of Object.entries(site.raw))
    if (v !== null && !GEOMETRY_CELLS.has(k) && !STANDARD_FIELDS.has(k)) cells[k] = v;
  for (const [k, v] of Object.entries(site.record)) if (!GEOMETRY_CELLS.has(k)) cells[k] = v;
  return cells;
}

export type SiteGeometry = Point | Polygon | MultiPolygon;

/** The geometry a site is stored with: its perimeter when it has one, else its point. */
export const siteGeometry = (site: Brownfield): SiteGeometry => site.surface ?? site.point;

/** A new site as a record body (POST): every cell, and its geometry. */
export function siteRecordBody(site: Brownfield): {
  id: string;
  geometry: SiteGeometry;
  properties: Record<string, PropertyValue>;
} {
  return { id: site.id, geometry: siteGeometry(site), properties: cellsOf(site) };
}

export interface SitePatch {
  properties?: Record<string, PropertyValue>;
  geometry?: SiteGeometry;
}

/**
 * What an edit changed (`before` → `after`, same site): the changed cells (null for a cleared one, which the
 * server then stores as empty) and the new geometry if it moved; null when nothing the server stores changed.
 */
export function sitePatch(before: Brownfield, after: Brownfield): SitePatch | null {
  const a = cellsOf(before);
  const b = cellsOf(after);
  const properties: Record<string, PropertyValue> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
    if (a[k] !== b[k]) properties[k] = b[k] ?? null;
  const patch: SitePatch = {};
  if (Object.keys(properties).length > 0) patch.properties = properties;
  const g = siteGeometry(after);
  if (JSON.stringify(siteGeometry(before)) !== JSON.stringify(g)) patch.geometry = g;
  return patch.properties || patch.geometry ? patch : null;
}
