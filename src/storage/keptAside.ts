/**
 * The way out when the stored workspace cannot be used: it is moved, as it was stored, to a "kept aside" record
 * (meta store, key `kept/<instant>`) and the workspace is emptied in the same transaction, so the app starts on
 * its sample data and saves again, while nothing the user entered is deleted. The raw export reads the
 * database record by record without the app's schemas or store, so it works even when nothing can be shown.
 */
import { encodeStorable } from '../io/project/codec.ts';
import { type DocumentError, WORKSPACE_SCHEMA_VERSION } from '../io/project/workspace.ts';
import { isMetaRecord, type MetaRecord } from '../schema/frame.ts';
import { DB_NAME, type WorkspaceDb } from './db.ts';

const META_KEY = 'workspace';
const KEPT_PREFIX = 'kept/';

/** A stored workspace moved aside: every record it had, untouched (structured clones of what was stored). */
export interface KeptRecord {
  kept: true;
  keptAt: string;
  /** Why it was kept aside, in French (shown in the banner). */
  reason: string;
  errors: DocumentError[];
  /** Every record of the meta store (but other kept copies) and of the sections store, by key. */
  meta: Record<string, unknown>;
  sections: Record<string, unknown>;
}

export interface KeptSummary {
  key: string;
  keptAt: string;
  reason: string;
  /** The first located problems (at most 5). */
  errors: DocumentError[];
}

export function isKeptRecord(value: unknown): value is KeptRecord {
  return typeof value === 'object' && value !== null && (value as KeptRecord).kept === true;
}

// The stores are typed for workspace records; kept copies share the meta store under their own keys.
type LooseDb = {
  transaction(stores: string[], mode: IDBTransactionMode): LooseTx;
};
type LooseStore = {
  get(key: string): Promise<unknown>;
  getAll(): Promise<unknown[]>;
  getAllKeys(): Promise<IDBValidKey[]>;
  put(value: unknown, key: string): Promise<unknown>;
  delete(key: IDBValidKey): Promise<unknown>;
  clear(): Promise<unknown>;
};
type LooseTx = { objectStore(name: string): LooseStore; done: Promise<void>; abort(): void };

async function readStore(store: LooseStore): Promise<[string, unknown][]> {
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
  return keys.map((key, i) => [String(key), values[i]]);
}

/**
 * Moves whatever is stored aside and leaves an empty workspace (the app then starts on its sample data).
 * One transaction: either the copy is written and the workspace emptied, or nothing changes. Never throws.
 */
export async function keepAsideAndReset(
  db: WorkspaceDb,
  reason: string,
  errors: readonly DocumentError[] = [],
  now: () => Date = () => new Date(),
): Promise<{ ok: true; key: string; revision: number } | { ok: false; message: string }> {
  let tx: LooseTx | null = null;
  try {
    tx = (db as unknown as LooseDb).transaction(['meta', 'sections'], 'readwrite');
    const meta = tx.objectStore('meta');
    const sections = tx.objectStore('sections');
    const metaRecords = (await readStore(meta)).filter(([key]) => !key.startsWith(KEPT_PREFIX));
    const sectionRecords = await readStore(sections);
    const keptAt = now().toISOString();
    const key = `${KEPT_PREFIX}${keptAt}`;
    const stored = metaRecords.find(([k]) => k === META_KEY)?.[1];
    const revision = (isMetaRecord(stored) ? stored.revision : 0) + 1;
    const copy: KeptRecord = {
      kept: true,
      keptAt,
      reason,
      errors: [...errors],
      meta: Object.fromEntries(metaRecords),
      sections: Object.fromEntries(sectionRecords),
    };
    const empty: MetaRecord = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      savedAt: keptAt,
      revision,
      sectionKeys: [],
      empty: true,
    };
    await meta.put(copy, key);
    for (const [k] of metaRecords) if (k !== META_KEY) await meta.delete(k);
    await sections.clear();
    await meta.put(empty, META_KEY);
    await tx.done;
    return { ok: true, key, revision };
  } catch (error) {
    try {
      tx?.abort();
    } catch {
      // already finished: nothing was committed
    }
    const name = error instanceof Error || error instanceof DOMException ? error.name : 'erreur inconnue';
    return { ok: false, message: `Mise à l’écart des données impossible (${name}).` };
  }
}

/** The kept copies, oldest first. Never throws (an unreadable database has none to show). */
export async function listKeptAside(db: WorkspaceDb): Promise<KeptSummary[]> {
  try {
    const tx = (db as unknown as LooseDb).transaction(['meta'], 'readonly');
    const records = await readStore(tx.objectStore('meta'));
    return records
      .filter(([key, value]) => key.startsWith(KEPT_PREFIX) && isKeptRecord(value))
      .map(([key, value]) => {
        const { keptAt, reason, errors } = value as KeptRecord;
        return { key, keptAt, reason, errors: Array.isArray(errors) ? errors.slice(0, 5) : [] };
      })
      .sort((a, b) => a.key.localeCompare(b.key));
  } catch {
    return [];
  }
}

/** Deletes one kept copy (after the user exported it or chose to discard it). */
export async function dropKeptAside(db: WorkspaceDb, key: string): Promise<void> {
  if (!key.startsWith(KEPT_PREFIX)) return;
  const tx = (db as unknown as LooseDb).transaction(['meta'], 'readwrite');
  await tx.objectStore('meta').delete(key);
  await tx.done;
}

export const RAW_EXPORT_FORMAT = 'atlas-cotri-export-brut';

/** One record as JSON (typed arrays in base64, as in project files); an odd value is described, not thrown. */
function rawRecord(value: unknown): unknown {
  try {
    return encodeStorable(value);
  } catch {
    try {
      return { $$illisible: String(value).slice(0, 200) };
    } catch {
      return { $$illisible: 'valeur illisible' };
    }
  }
}

/**
 * Every record of the database (workspace and kept copies) as one JSON document, without the app's schemas:
 * the fallback of « Exporter mes données » when the workspace does not form an importable project file, and the
 * export of a kept copy (`only`). `notice` (French) tells whoever opens the file what it is.
 */
export async function exportRawDatabase(
  db: WorkspaceDb,
  options: { only?: string; now?: () => Date; notice?: string } = {},
): Promise<string> {
  const tx = (db as unknown as LooseDb).transaction(['meta', 'sections'], 'readonly');
  const [meta, sections] = await Promise.all([
    readStore(tx.objectStore('meta')),
    readStore(tx.objectStore('sections')),
  ]);
  const pick = (records: [string, unknown][]) =>
    Object.fromEntries(
      records.filter(([key]) => !options.only || key === options.only).map(([k, v]) => [k, rawRecord(v)]),
    );
  return `${JSON.stringify({
    format: RAW_EXPORT_FORMAT,
    database: DB_NAME,
    exportedAt: (options.now?.() ?? new Date()).toISOString(),
    // Read by a person opening the file: what it is and why it is not a project file.
    ...(options.notice ? { notice: options.notice } : {}),
    meta: pick(meta),
    sections: options.only ? {} : pick(sections),
  })}\n`;
}
