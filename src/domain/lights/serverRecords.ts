/**
 * Light points ↔ the team server's records. The server keeps each point's inventory columns as they were
 * imported (`statut`, `puissance_w`, or whatever names the file used) in `properties`; the app reads them with
 * the one inventory mapping (`mapLights`) and writes an edit back as the changed inventory columns, under the
 * column name the record already uses for that field (else the export's name), so that a point read back
 * after an edit is the point that was edited, and QGIS and re-exports see the same columns.
 */
import type { ImportResult, RowError, StringColumn } from '../../io/types.ts';
import { type LightField, resolveLightColumns } from './columns.ts';
import { INVENTORY_HEADER, inventoryCells } from './exportWorkOrder.ts';
import { LIGHT_FIELD_LABELS } from './interpret.ts';
import { mapLights } from './mapping.ts';
import type { LightPoint } from './types.ts';

/** What the mapping needs of a server record (see src/storage/syncClient.ts ServerRecord). */
export interface LightRecord {
  id: string;
  insee: string | null;
  properties: Readonly<Record<string, unknown>>;
  geometry?: { type: string; coordinates: unknown } | null;
}

export type PropertyValue = string | number | boolean | null;

/** A field name no inventory uses, holding the server's record id (the id is final: no mast + head). */
const ID_FIELD = '\u0000id';

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);

function column(records: readonly LightRecord[], key: string): StringColumn {
  return { length: records.length, get: (i) => text(records[i]!.properties[key]) };
}

function asImport(records: readonly LightRecord[], fields: string[]): ImportResult {
  const n = records.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const row = new Int32Array(n);
  const insee: (string | null)[] = [];
  records.forEach((r, i) => {
    const c = r.geometry?.type === 'Point' ? (r.geometry.coordinates as number[]) : null;
    lon[i] = c ? Number(c[0]) : Number.NaN;
    lat[i] = c ? Number(c[1]) : Number.NaN;
    row[i] = i + 1;
    insee.push(r.insee);
  });
  const attributes: Record<string, StringColumn> = { [ID_FIELD]: { length: n, get: (i) => records[i]!.id } };
  for (const key of fields) attributes[key] = column(records, key);
  return {
    ok: true,
    kind: 'lights',
    encoding: null,
    delimiter: null,
    crs: 'EPSG:4326',
    swappedAxes: false,
    rows: n,
    fields: [ID_FIELD, ...fields],
    mapping: { id: ID_FIELD, x: null, y: null, wkt: null, insee: null, commune: null, postcode: null },
    features: { count: n, row, lon, lat, geometry: null, insee, crossed: null, attributes },
    errors: [],
    warnings: [],
    outsideTerritory: insee.filter((c) => c === null).length,
  };
}

export interface RecordsAsPoints {
  points: LightPoint[];
  /** Records the inventory mapping refuses (no power…), with its French reason: shown, never silently lost. */
  unreadable: { id: string; reason: string }[];
}

/**
 * Points of server records, in the records' order. Records are mapped in groups sharing the same property
 * names, so one file's columns never decide how another file's records are read.
 */
export function pointsFromRecords(records: readonly LightRecord[]): RecordsAsPoints {
  const groups = new Map<string, LightRecord[]>();
  for (const r of records) {
    const key = Object.keys(r.properties).sort().join('\u0001');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const byId = new Map<string, LightPoint>();
  const unreadable: RecordsAsPoints['unreadable'] = [];
  for (const group of groups.values()) {
    const mapped = mapLights(asImport(group, Object.keys(group[0]!.properties)));
    for (const p of mapped.points) byId.set(p.id, p);
    for (const e of mapped.errors as RowError[])
      unreadable.push({ id: group[e.row - 1]?.id ?? '?', reason: e.reason });
  }
  const points: LightPoint[] = [];
  for (const r of records) {
    const p = byId.get(r.id);
    if (p) points.push(p);
  }
  return { points, unreadable };
}

/** The point field an export column carries (`puissance_apres_w` → powerAfterW). */
function fieldOfHeader(header: string): LightField {
  const columns = resolveLightColumns([header], null);
  const field = (Object.keys(columns) as LightField[]).find((f) => columns[f] === header);
  if (!field) throw new Error(`Colonne d’inventaire sans champ : ${header}`);
  return field;
}

const HEADER_FIELDS: readonly LightField[] = INVENTORY_HEADER.map(fieldOfHeader);

/** French label of an inventory property (conflict view); the raw name for other columns. */
export function propertyLabel(name: string, recordKeys: readonly string[]): string {
  const columns = resolveLightColumns(recordKeys, null);
  const field = (Object.keys(columns) as LightField[]).find((f) => columns[f] === name);
  return field && field !== 'id' ? LIGHT_FIELD_LABELS[field] : name;
}

/**
 * The record properties an edit changed (`before` → `after`, same point), under the record's own column names;
 * null when the edit changes nothing the server stores.
 */
export function propertiesPatch(
  before: LightPoint,
  after: LightPoint,
  recordKeys: readonly string[],
): Record<string, PropertyValue> | null {
  const a = inventoryCells(before);
  const b = inventoryCells(after);
  const columns = resolveLightColumns(recordKeys, null);
  const patch: Record<string, PropertyValue> = {};
  let changed = false;
  for (let k = 0; k < INVENTORY_HEADER.length; k++) {
    if (a[k] === b[k]) continue;
    const header = INVENTORY_HEADER[k]!;
    patch[columns[HEADER_FIELDS[k]!] ?? header] = b[k] ?? null;
    changed = true;
  }
  return changed ? patch : null;
}
