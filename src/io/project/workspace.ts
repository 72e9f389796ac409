/**
 * The persisted workspace: everything a user entered or imported, as one versioned document. Store-agnostic:
 * the app's store maps its state onto these sections; modules may add their own entries under `layers` or
 * `sections` without touching this file. Format documented in docs/project-file.md.
 *
 * Section content must be "storable": JSON values, plus typed arrays / ArrayBuffer and non-finite numbers
 * (see src/io/project/codec.ts). `undefined` object properties are dropped, like JSON.
 */

import { isColumnarRecords } from './columnar.ts';

export const WORKSPACE_SCHEMA_VERSION = 2;

/** Free-form sections keyed by name; values are storable data. */
export type SectionMap = Record<string, unknown>;

/** The 5 retained brownfields and the user's notes on each (key = site id). */
export interface Shortlist {
  siteIds: string[];
  notes: Record<string, string>;
}

export interface Workspace {
  schemaVersion: number;
  /** ISO-8601 UTC instant of the last successful save. */
  savedAt: string;
  /** Incremented by every save; how a tab detects that another one saved in between. */
  revision: number;
  /** Imported layers keyed by kind: lights, advice, friches, context (modules may add others). */
  layers: SectionMap;
  /** User edits and follow-ups, keyed by layer then record id (shape owned by each module). */
  edits: SectionMap;
  /** Criteria weights, classification choices, basemap opt-in… */
  settings: SectionMap;
  shortlist: Shortlist;
  /** Any other module data (extension point). */
  sections: SectionMap;
}

/** A located problem in a document; `path` is dotted (`layers.lights.count`), '' for the whole document. */
export interface DocumentError {
  path: string;
  reason: string;
}

export function createEmptyWorkspace(now: Date = new Date()): Workspace {
  return {
    schemaVersion: WORKSPACE_SCHEMA_VERSION,
    savedAt: now.toISOString(),
    revision: 0,
    layers: {},
    edits: {},
    settings: {},
    shortlist: { siteIds: [], notes: {} },
    sections: {},
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && ISO_INSTANT.test(value) && Number.isFinite(Date.parse(value));
}

export function joinPath(base: string, key: string | number): string {
  return base === '' ? String(key) : `${base}.${key}`;
}

/**
 * How many items a layer holds, for summaries (`project verify`): `count` of columnar features, length of an
 * array or typed array, `features` of a GeoJSON FeatureCollection, `rows`/`records` arrays; otherwise the
 * number of keys of an object, 0 for null, 1 for a scalar.
 */
export function countItems(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.length;
  if (ArrayBuffer.isView(value)) return (value as unknown as { length?: number }).length ?? value.byteLength;
  if (isPlainObject(value)) {
    if (typeof value.count === 'number' && Number.isSafeInteger(value.count) && value.count >= 0)
      return value.count;
    for (const key of ['features', 'rows', 'records'])
      if (Array.isArray(value[key])) return (value[key] as unknown[]).length;
    return Object.keys(value).length;
  }
  return 1;
}

/**
 * Item count of each module section written by the app (`sections[key] = { version, data }`): the length of
 * the first array in its data (points, sessions, sites…), or of its records saved in columns (columnar.ts).
 * Sections holding only choices (no array) are left out.
 */
export function countSectionItems(workspace: Workspace): Record<string, number> {
  const counts: [string, number][] = [];
  for (const key of Object.keys(workspace.sections).sort()) {
    const entry = workspace.sections[key];
    const data = isPlainObject(entry) && isPlainObject(entry.data) ? entry.data : null;
    const list = data
      ? Object.values(data).find((v) => Array.isArray(v) || ArrayBuffer.isView(v) || isColumnarRecords(v))
      : undefined;
    if (list !== undefined)
      counts.push([
        key,
        isColumnarRecords(list) ? Number((list as { count: unknown }).count) : countItems(list),
      ]);
  }
  return Object.fromEntries(counts);
}

export function countLayers(workspace: Workspace): Record<string, number> {
  // fromEntries defines own properties: a layer named "__proto__" cannot reach the prototype.
  return Object.fromEntries(
    Object.keys(workspace.layers)
      .sort()
      .map((name) => [name, countItems(workspace.layers[name])]),
  );
}
