/**
 * IndexedDB persistence of the workspace (database `atlas-cotri`). Every save is ONE readwrite transaction
 * that first checks the stored revision: either the whole workspace is written or nothing is, and a tab can
 * never overwrite another tab's save without being told (see tabs.ts). An import is therefore committed by a
 * single saveWorkspace call once fully parsed: a crash before or during it leaves the previous state intact.
 *
 * Database versions: v1 held the whole document in one `workspace` record; v2 splits it (layout.ts). Future
 * document-only changes bump WORKSPACE_SCHEMA_VERSION and are migrated on load, with no database upgrade.
 */
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import { findUnstorable } from '../io/project/codec.ts';
import { migrateDocument } from '../io/project/migrations.ts';
import { type DocumentError, WORKSPACE_SCHEMA_VERSION, type Workspace } from '../io/project/workspace.ts';
import {
  isMetaRecord,
  isUnmigratedRecord,
  type MetaRecord,
  metaRecordSchema,
  type UnmigratedRecord,
} from '../schema/frame.ts';
import { check, type SchemaError } from '../schema/issues.ts';
import { joinDocument, splitDocument } from './layout.ts';

export const DB_NAME = 'atlas-cotri';
export const DB_VERSION = 2;
const LEGACY_STORE = 'workspace';
const META_KEY = 'workspace';
const UNMIGRATED_KEY = 'unmigrated';

interface AtlasDb extends DBSchema {
  meta: { key: string; value: MetaRecord | UnmigratedRecord };
  sections: { key: string; value: unknown };
}

export type WorkspaceDb = IDBPDatabase<AtlasDb>;

export interface OpenOptions {
  name?: string;
  /** Another tab still runs an older version and delays the upgrade: ask the user to close it. */
  onBlocked?: () => void;
  /** A newer version opened in another tab: this connection was closed; the page must be reloaded. */
  onVersionChange?: () => void;
}

export type OpenResult = { ok: true; db: WorkspaceDb } | { ok: false; message: string };

export type LoadResult =
  | { ok: true; workspace: Workspace | null; revision: number; migratedFrom: number | null }
  | { ok: false; message: string; errors: DocumentError[] };

export type SaveResult =
  | { ok: true; revision: number; savedAt: string }
  | { ok: false; conflict: true; storedRevision: number; message: string }
  | { ok: false; conflict: false; message: string };

export interface SaveOptions {
  /** The revision this tab loaded (or last saved); 0 when nothing was stored. */
  expectedRevision: number;
  /** Record keys known to have changed (see sectionKey); default: rewrite everything. */
  only?: readonly string[];
  now?: () => Date;
}

export const CONFLICT_MESSAGE =
  "Un autre onglet d'Atlas COTRI a enregistré des modifications depuis le chargement de cette page. " +
  'Rechargez pour les récupérer, ou écrasez-les avec les données de cet onglet.';

export const NEWER_DATABASE_MESSAGE =
  "Les données de ce navigateur ont été enregistrées par une version plus récente d'Atlas COTRI. " +
  "Rechargez la page pour utiliser la dernière version de l'application.";

/** The write is one transaction: when the browser refuses it, what was saved before stays as it was. */
const KEPT = 'la dernière version enregistrée est conservée, sans vos dernières modifications';
const WHAT_TO_DO =
  'Exportez le projet (« Exporter le projet ») pour les garder, puis supprimez des couches inutiles ; ' +
  'en navigation privée, la place est très limitée : quittez-la pour travailler sur un gros inventaire.';

export const QUOTA_MESSAGE = `L'espace de stockage du navigateur est plein : ${KEPT}. ${WHAT_TO_DO}`;
export const REFUSED_MESSAGE =
  `Le navigateur a refusé l'enregistrement (UnknownError, souvent faute de place ou en navigation privée) : ` +
  `${KEPT}. ${WHAT_TO_DO}`;

function describeFailure(error: unknown): string {
  if (error instanceof UnstorableRecordError) return error.message;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'QuotaExceededError') return QUOTA_MESSAGE;
  // Chromium's private windows keep IndexedDB in memory with a small budget: a large write fails as
  // UnknownError rather than QuotaExceededError, for the same reason.
  if (name === 'UnknownError') return REFUSED_MESSAGE;
  return `L'enregistrement a échoué (${name || 'erreur inconnue'}) : les dernières modifications ne sont pas sauvegardées.`;
}

async function upgradeFromLegacy(
  db: WorkspaceDb,
  tx: IDBPTransaction<AtlasDb, ('meta' | 'sections')[], 'versionchange'>,
) {
  // The legacy store is not part of the current schema type.
  const legacyTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  const legacy: unknown = await legacyTx.objectStore(LEGACY_STORE).get('current');
  if (legacy !== undefined) {
    const migrated = migrateDocument(legacy);
    if (migrated.ok) {
      const records = splitDocument(migrated.workspace);
      for (const [key, value] of records) await tx.objectStore('sections').put(value, key);
      const { schemaVersion, savedAt, revision } = migrated.workspace;
      const meta: MetaRecord = { schemaVersion, savedAt, revision, sectionKeys: records.map(([key]) => key) };
      await tx.objectStore('meta').put(meta, META_KEY);
    } else {
      const kept: UnmigratedRecord = {
        fromVersion: migrated.from,
        document: legacy,
        errors: migrated.errors,
      };
      await tx.objectStore('meta').put(kept, UNMIGRATED_KEY);
    }
  }
  (db as unknown as IDBPDatabase).deleteObjectStore(LEGACY_STORE);
}

export async function openWorkspaceDb(options: OpenOptions = {}): Promise<OpenResult> {
  if (typeof indexedDB === 'undefined')
    return {
      ok: false,
      message:
        "Le stockage local du navigateur (IndexedDB) est indisponible : les données ne seront pas conservées après fermeture de l'onglet. Exportez le projet pour les garder.",
    };
  try {
    const db = await openDB<AtlasDb>(options.name ?? DB_NAME, DB_VERSION, {
      async upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 2) {
          database.createObjectStore('meta');
          database.createObjectStore('sections');
          if ((database as unknown as IDBPDatabase).objectStoreNames.contains(LEGACY_STORE))
            await upgradeFromLegacy(database, tx);
        }
      },
      blocked: () => options.onBlocked?.(),
      blocking: () => {
        db.close();
        options.onVersionChange?.();
      },
    });
    return { ok: true, db };
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError')
      return { ok: false, message: NEWER_DATABASE_MESSAGE };
    return {
      ok: false,
      message: `Impossible d'ouvrir le stockage local du navigateur (${error instanceof Error ? error.name : 'erreur inconnue'}). Les données ne seront pas conservées : exportez le projet pour les garder.`,
    };
  }
}

/** Reads the whole workspace in one transaction. `workspace: null` means nothing saved (use sample data). */
export async function loadWorkspace(db: WorkspaceDb): Promise<LoadResult> {
  try {
    const tx = db.transaction(['meta', 'sections'], 'readonly');
    const [meta, unmigrated, keys, values] = await Promise.all([
      tx.objectStore('meta').get(META_KEY),
      tx.objectStore('meta').get(UNMIGRATED_KEY),
      tx.objectStore('sections').getAllKeys(),
      tx.objectStore('sections').getAll(),
      tx.done,
    ]);
    if (unmigrated !== undefined && meta === undefined)
      return {
        ok: false,
        message: "Les données enregistrées par une version précédente n'ont pas pu être converties.",
        errors: isUnmigratedRecord(unmigrated) ? unmigrated.errors : [unreadableRecord(UNMIGRATED_KEY)],
      };
    if (meta === undefined) return { ok: true, workspace: null, revision: 0, migratedFrom: null };
    // A meta record that is not one is refused, never read as "nothing saved": the next save would then
    // delete the sections it lists. The caller keeps the whole database aside (keptAside.ts).
    const frame = check(metaRecordSchema, meta, `meta.${META_KEY}`);
    if (!frame.ok)
      return { ok: false, message: 'Les données enregistrées sont illisibles.', errors: frame.errors };
    const stored = frame.value;
    if (stored.empty) return { ok: true, workspace: null, revision: stored.revision, migratedFrom: null };
    const records = new Map(keys.map((key, i) => [String(key), values[i]]));
    const { doc, missing } = joinDocument(stored, records);
    if (missing.length > 0)
      return {
        ok: false,
        message: 'Les données enregistrées sont incomplètes.',
        errors: missing.map((key) => ({ path: key, reason: 'section absente du stockage' })),
      };
    const migrated = migrateDocument(doc);
    if (!migrated.ok)
      return { ok: false, message: 'Les données enregistrées sont illisibles.', errors: migrated.errors };
    return {
      ok: true,
      workspace: migrated.workspace,
      revision: stored.revision,
      migratedFrom: migrated.from < WORKSPACE_SCHEMA_VERSION ? migrated.from : null,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Lecture du stockage local impossible (${(error as Error).name}).`,
      errors: [],
    };
  }
}

function unreadableRecord(key: string): SchemaError {
  return { path: `meta.${key}`, reason: 'enregistrement illisible' };
}

export async function readRevision(db: WorkspaceDb): Promise<number> {
  const meta = await db.get('meta', META_KEY);
  return isMetaRecord(meta) ? meta.revision : 0;
}

/**
 * Writes the workspace if the stored revision is still `expectedRevision` (compare-and-swap inside the
 * transaction). The stored revision becomes expectedRevision + 1 and savedAt the current instant; the
 * workspace's own revision/savedAt are ignored. Never throws.
 */
export async function saveWorkspace(
  db: WorkspaceDb,
  workspace: Workspace,
  options: SaveOptions,
): Promise<SaveResult> {
  const records = splitDocument(workspace);
  // Records left out of `only` were checked by the save that wrote them: re-encoding a 25,000-point layer on
  // every small edit would stall the page. One still unknown to storage is checked inside write().
  const only = options.only ? new Set(options.only) : null;
  for (const [key, value] of records) {
    if (only && !only.has(key)) continue;
    const problem = unstorableMessage(key, value);
    if (problem) return { ok: false, conflict: false, message: problem };
  }
  return write(db, options, { records, empty: false });
}

function unstorableMessage(key: string, value: unknown): string | null {
  const problem = findUnstorable(value, key.replace('/', '.'));
  return problem ? `Enregistrement impossible : ${problem.path} : ${problem.reason}.` : null;
}

/** Thrown inside the save transaction so that it aborts, whatever was already queued. */
class UnstorableRecordError extends Error {}

/** "Revenir aux données d'exemple": removes all saved data in one transaction, keeping the revision count. */
export async function resetWorkspace(db: WorkspaceDb, options: SaveOptions): Promise<SaveResult> {
  return write(db, options, { records: [], empty: true });
}

async function write(
  db: WorkspaceDb,
  options: SaveOptions,
  plan: { records: [string, unknown][]; empty: boolean },
): Promise<SaveResult> {
  let tx: IDBPTransaction<AtlasDb, ('meta' | 'sections')[], 'readwrite'> | null = null;
  try {
    tx = db.transaction(['meta', 'sections'], 'readwrite');
    const meta = tx.objectStore('meta');
    const sections = tx.objectStore('sections');
    const storedRaw = await meta.get(META_KEY);
    const stored = isMetaRecord(storedRaw) ? storedRaw : null;
    const storedRevision = stored?.revision ?? 0;
    if (storedRevision !== options.expectedRevision) {
      await tx.done;
      return { ok: false, conflict: true, storedRevision, message: CONFLICT_MESSAGE };
    }
    const { records, empty } = plan;
    const keys = records.map(([key]) => key);
    const keep = new Set(keys);
    const known = new Set(stored && !stored.empty ? stored.sectionKeys : []);
    const changed = options.only ? new Set(options.only) : null;
    const pending: Promise<unknown>[] = [];
    // Requests queued before a failure reject with AbortError once we abort: they are expected, not unhandled.
    const track = (request: Promise<unknown>) => {
      request.catch(() => undefined);
      pending.push(request);
    };
    for (const key of await sections.getAllKeys()) if (!keep.has(String(key))) track(sections.delete(key));
    for (const [key, value] of records) {
      if (changed && !changed.has(key) && known.has(key)) continue;
      // Synchronous, so the transaction stays active.
      const problem = changed && !changed.has(key) ? unstorableMessage(key, value) : null;
      if (problem) throw new UnstorableRecordError(problem);
      track(sections.put(value, key));
    }
    const savedAt = (options.now?.() ?? new Date()).toISOString();
    const next: MetaRecord = {
      schemaVersion: WORKSPACE_SCHEMA_VERSION,
      savedAt,
      revision: storedRevision + 1,
      sectionKeys: keys,
      ...(empty ? { empty: true } : {}),
    };
    track(meta.put(next, META_KEY));
    track(meta.delete(UNMIGRATED_KEY));
    await Promise.all([...pending, tx.done]);
    return { ok: true, revision: next.revision, savedAt };
  } catch (error) {
    try {
      tx?.abort();
    } catch {
      // already aborted or finished: nothing was committed either way
    }
    await tx?.done.catch(() => undefined);
    return { ok: false, conflict: false, message: describeFailure(error) };
  }
}
