/**
 * How a workspace document is spread over IndexedDB records. Big independent maps (`layers`, `sections`) get
 * one record per entry, so a partial save rewrites only what changed; other top-level fields are one record.
 * Generic over field names, so a future document shape needs no layout change.
 */
import type { Workspace } from '../io/project/workspace.ts';
import type { MetaRecord } from '../schema/frame.ts';

/** Top-level fields stored one record per entry: record key `<field>/<entry name>`. */
export const SPLIT_FIELDS = ['layers', 'sections'] as const;

// The meta record and the kept-aside record of a failed upgrade: shapes (and their checks) in src/schema/frame.ts.
export type { MetaRecord, UnmigratedRecord } from '../schema/frame.ts';

const FRAME_FIELDS = new Set(['schemaVersion', 'savedAt', 'revision']);

/** Record key of a layer or extension section, e.g. `sectionKey('layers', 'lights')` → `layers/lights`. */
export function sectionKey(field: (typeof SPLIT_FIELDS)[number], name: string): string {
  return `${field}/${name}`;
}

/** Document → ordered [recordKey, value] pairs (frame fields excluded: they go to the meta record). */
export function splitDocument(doc: Workspace | Record<string, unknown>): [string, unknown][] {
  const records: [string, unknown][] = [];
  for (const [field, value] of Object.entries(doc)) {
    if (FRAME_FIELDS.has(field)) continue;
    if ((SPLIT_FIELDS as readonly string[]).includes(field) && value !== null && typeof value === 'object') {
      for (const [name, entry] of Object.entries(value as Record<string, unknown>))
        if (entry !== undefined) records.push([`${field}/${name}`, entry]);
    } else if (value !== undefined) records.push([field, value]);
  }
  return records;
}

/** Inverse of splitDocument. Returns the record keys listed in meta but absent from storage. */
export function joinDocument(
  meta: MetaRecord,
  records: Map<string, unknown>,
): { doc: Record<string, unknown>; missing: string[] } {
  const missing: string[] = [];
  const doc: Record<string, unknown> = {
    schemaVersion: meta.schemaVersion,
    savedAt: meta.savedAt,
    revision: meta.revision,
  };
  const containers = new Map<string, [string, unknown][]>(SPLIT_FIELDS.map((field) => [field, []]));
  const plain: [string, unknown][] = [];
  for (const key of meta.sectionKeys) {
    if (!records.has(key)) {
      missing.push(key);
      continue;
    }
    const slash = key.indexOf('/');
    const container = slash > 0 ? containers.get(key.slice(0, slash)) : undefined;
    if (container) container.push([key.slice(slash + 1), records.get(key)]);
    else plain.push([key, records.get(key)]);
  }
  // fromEntries: entry names such as "__proto__" become own properties, never the prototype.
  const fields = Object.fromEntries([
    ...plain,
    ...[...containers].map(([field, entries]) => [field, Object.fromEntries(entries)] as [string, unknown]),
  ]);
  return { doc: { ...doc, ...fields }, missing };
}
