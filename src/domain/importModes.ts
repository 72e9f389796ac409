import { recordAt } from '../io/import/records.ts';
import type { ImportResult } from '../io/types.ts';

/**
 * What an import does to the records already in the app, for every module:
 * - « Remplacer » (`replace`): the file's records replace the current ones;
 * - « Ajouter » (`add`): the file's records are appended (a record whose identifier is already present is
 *   not added twice: it is counted in `skipped`);
 * - « Mettre à jour par identifiant » (`merge`): records are matched by identifier; new ones are added,
 *   changed ones updated, the others left alone; records absent from the file are kept.
 *
 * A conflict is a record changed both in the app and in the file since the last import of that file: the
 * `base` snapshot (identifier → fingerprint at that import) tells which side changed. Conflicts keep the
 * app's version, so that nothing typed in the app is lost silently; the preview lists them.
 */
export type ImportMode = 'replace' | 'add' | 'merge';

export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  replace: 'Remplacer',
  add: 'Ajouter',
  merge: 'Mettre à jour par identifiant',
};

export interface PlanOptions<R> {
  mode: ImportMode;
  current: readonly R[];
  incoming: readonly R[];
  idOf: (record: R) => string | null;
  /** Equal fingerprints = same content (e.g. a stable serialisation of the editable fields). */
  fingerprintOf: (record: R) => string;
  /** Identifier → fingerprint of each record of this file at its last import; null for a first import. */
  base?: ReadonlyMap<string, string> | null;
  /**
   * Current records that even « Remplacer » keeps (e.g. advice sessions typed in the app: an adviser's file
   * never erases them), unless the file has a record with the same identifier.
   */
  keep?: (record: R) => boolean;
  /**
   * `fingerprintOf` of each incoming record, in order, when already computed where the records were built
   * (the import worker, for a million light points): the preview then does not recompute them.
   */
  incomingPrints?: readonly string[];
}

export interface ImportConflict<R> {
  id: string;
  app: R;
  file: R;
}

export interface ImportPlan<R> {
  mode: ImportMode;
  added: number;
  updated: number;
  unchanged: number;
  conflicting: number;
  /** `replace`: current records dropped; `add`: file records whose identifier was already present. */
  removed: number;
  skipped: number;
  conflicts: ImportConflict<R>[];
  /** The records once validated: exactly what the preview announced, applied all at once. */
  result: R[];
  /** Snapshot to keep as `base` for the next import of the same file. */
  snapshot: Map<string, string>;
}

/** Computes the preview and the outcome of an import; pure, so that validation applies exactly this. */
export function planImport<R>(options: PlanOptions<R>): ImportPlan<R> {
  const { mode, current, incoming, idOf, fingerprintOf } = options;
  const base = options.base ?? null;
  const prints = options.incomingPrints?.length === incoming.length ? options.incomingPrints : null;
  const printOf = (k: number) => prints?.[k] ?? fingerprintOf(incoming[k]!);
  const snapshot = new Map<string, string>();
  for (let k = 0; k < incoming.length; k++) {
    const id = idOf(incoming[k]!);
    if (id !== null) snapshot.set(id, printOf(k));
  }
  const plan: ImportPlan<R> = {
    mode,
    added: 0,
    updated: 0,
    unchanged: 0,
    conflicting: 0,
    removed: 0,
    skipped: 0,
    conflicts: [],
    result: [],
    snapshot,
  };
  if (mode === 'replace') {
    const kept = options.keep
      ? current.filter((r) => {
          const id = idOf(r);
          return options.keep!(r) && (id === null || !snapshot.has(id));
        })
      : [];
    plan.added = incoming.length;
    plan.removed = current.length - kept.length;
    plan.unchanged = kept.length;
    plan.result = [...incoming, ...kept];
    return plan;
  }
  const position = new Map<string, number>();
  current.forEach((record, i) => {
    const id = idOf(record);
    if (id !== null && !position.has(id)) position.set(id, i);
  });
  const result = [...current];
  for (let k = 0; k < incoming.length; k++) {
    const record = incoming[k]!;
    const id = idOf(record);
    const at = id === null ? undefined : position.get(id);
    if (at === undefined) {
      result.push(record);
      plan.added++;
      if (id !== null) position.set(id, result.length - 1);
      continue;
    }
    if (mode === 'add') {
      plan.skipped++;
      continue;
    }
    const app = result[at]!;
    const appPrint = fingerprintOf(app);
    const filePrint = printOf(k);
    if (appPrint === filePrint) {
      plan.unchanged++;
      continue;
    }
    const before = base?.get(id!);
    if (before !== undefined && filePrint === before) {
      // The file did not change this record since its last import: the app's edit stands.
      plan.unchanged++;
    } else if (before !== undefined && appPrint !== before) {
      plan.conflicting++;
      plan.conflicts.push({ id: id!, app, file: record });
    } else {
      result[at] = record;
      plan.updated++;
    }
  }
  plan.result = result;
  return plan;
}

/**
 * A record's content as a short, stable string: keys sorted at every depth (a record rebuilt in another
 * order is the same), `omit` left out at the top level (row numbers of the file, which move month to month),
 * then hashed (FNV-1a, 32 bits) so that a base snapshot of 25,000 records stays small in the project file.
 * A collision only matters for two versions of the same identifier, 1 in 4 billion.
 */
export function recordFingerprint(record: object, omit: readonly string[] = []): string {
  const text = canonicalText(record, omit.length > 0 ? new Set(omit) : null);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isIndexKey = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/**
 * Keys in the order the previous implementation produced (JSON.stringify of `Object.fromEntries` of the
 * sorted entries): integer-like keys first in numeric order — objects enumerate them so — then the others
 * sorted. Fingerprints already saved as import bases must stay equal.
 */
function orderedKeys(value: object): string[] {
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!keys.some(isIndexKey)) return keys;
  const indices = keys.filter(isIndexKey).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((k) => !isIndexKey(k))];
}

/**
 * JSON text with sorted keys, written directly: 1,000,000 light points are fingerprinted per import, and
 * JSON.stringify with a sorting replacer (one new object per level) took seconds. Same text as
 * `JSON.stringify` for plain data: undefined and functions dropped from objects, null in arrays, toJSON used.
 */
function canonicalText(value: unknown, omit: ReadonlySet<string> | null): string {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  )
    return canonicalText((value as { toJSON: () => unknown }).toJSON(), omit);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out +=
        item === undefined || typeof item === 'function' || typeof item === 'symbol'
          ? 'null'
          : canonicalText(item, null);
    }
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of orderedKeys(value)) {
    if (omit?.has(key)) continue;
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalText(item, null)}`;
    first = false;
  }
  return `${out}}`;
}

/** One imported row as a record: its identifier (mapping.id column) and everything the file says about it. */
export interface ImportedRecord {
  id: string | null;
  fingerprint: string;
}

/** Records of a generic import (the CLI's view; each module has its own records in the app). */
export function importedRecords(result: ImportResult): ImportedRecord[] {
  const { features, mapping } = result;
  const out: ImportedRecord[] = [];
  for (let i = 0; i < features.count; i++) {
    const attributes = recordAt(features, i);
    const lon = features.lon[i]!;
    const lat = features.lat[i]!;
    // Positions rounded to ~1 cm so that a round trip through another CRS does not count as a change.
    const position = Number.isFinite(lon) ? [Math.round(lon * 1e7), Math.round(lat * 1e7)] : null;
    out.push({
      id: mapping.id ? (attributes[mapping.id] ?? null) : null,
      fingerprint: JSON.stringify([
        position,
        Object.keys(attributes)
          .sort()
          .map((k) => [k, attributes[k]]),
      ]),
    });
  }
  return out;
}
