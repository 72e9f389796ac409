/**
 * Wires the store's registered sections (persist.ts) to IndexedDB (src/storage): restores the saved workspace
 * at start-up before declaring it ready, autosaves every section whose `pick` changed, and never lets this tab
 * overwrite another tab's save without the user choosing to (status.conflict → « Recharger » / « Écraser »).
 *
 * Imports stay all-or-nothing because modules change the store only once an import has completed: a reload
 * in the middle of one finds the last saved state. A project import or a reset is written to storage in one
 * transaction and followed by a page reload, so every module (loaded or not) restores from the same document.
 */
import { create } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { canonicalJson } from '../io/project/canonical.ts';
import { encodeStorable } from '../io/project/codec.ts';
import { sha256Hex } from '../io/project/format.ts';
import { formatProjectError } from '../io/project/import.ts';
import {
  CHANNEL_NAME,
  createAutosave,
  createTabSession,
  DB_NAME,
  dropKeptAside,
  exportRawDatabase,
  getStorageUsage,
  type KeptSummary,
  keepAsideAndReset,
  listKeptAside,
  type OpenResult,
  openWorkspaceDb,
  readRevision,
  resetWorkspace,
  type StorageUsage,
  sectionKey,
  type TabSession,
  type Workspace,
  type WorkspaceDb,
} from '../storage/index.ts';
import { onPersistedSectionRegistered, type PersistedSection, persistedSections } from './persist.ts';
import {
  buildWorkspace,
  heldNotice,
  isStoredSection,
  restoreSection,
  sameSection,
  sectionLabel,
} from './persistedWorkspace.ts';
import type { AppState } from './store.ts';

export interface PersistenceStatus {
  /** unavailable: no IndexedDB (nothing kept); unreadable: stored data kept aside, autosave off. */
  phase: 'starting' | 'ready' | 'unavailable' | 'unreadable';
  saving: boolean;
  /** Changes not stored yet (waiting for the quiet period, or held back by a conflict or a failure). */
  unsaved: boolean;
  lastSavedAt: string | null;
  /** French message of the last failure (load or save); null when all is well. */
  error: string | null;
  details: string[];
  /** Another tab saved ('remote') or this tab's save was refused ('refused'): the user must choose. */
  conflict: null | 'remote' | 'refused';
  notices: string[];
  /** Stored workspaces moved aside (unreadable at start-up, or after an error boundary's way out). */
  kept: KeptSummary[];
}

const INITIAL: PersistenceStatus = {
  phase: 'starting',
  saving: false,
  unsaved: false,
  lastSavedAt: null,
  error: null,
  details: [],
  conflict: null,
  notices: [],
  kept: [],
};

/**
 * Save/restore status, deliberately outside the app store: persistence subscribes to the app store to detect
 * changes, so writing its own status there would wake that subscription at every save. It holds no app data,
 * only the state of the storage machinery, and persistence is its only writer.
 */
export const usePersistenceStatus = create<PersistenceStatus>()(() => ({ ...INITIAL }));

export type ActionResult = { ok: true } | { ok: false; message: string };

export interface Persistence {
  /** The current workspace (registered sections' picks + everything kept from storage): what is exported. */
  snapshot(): Workspace;
  flush(): Promise<void>;
  /** « Recharger »: drop this tab's unsaved changes and reload what is stored. */
  reloadFromStorage(): void;
  /** « Écraser »: store this tab's state over another tab's save. */
  overwrite(): Promise<ActionResult>;
  /** Project import (after confirmation): stores the workspace in one transaction, then reloads the page. */
  replaceWorkspace(workspace: Workspace): Promise<ActionResult>;
  /** « Revenir aux données d'exemple » (after confirmation): clears storage, then reloads the page. */
  resetToSamples(): Promise<ActionResult>;
  usage(): Promise<StorageUsage>;
  /** The raw JSON of one kept-aside copy (null without storage). */
  exportKept(key: string): Promise<string | null>;
  /** Deletes one kept-aside copy (the user exported it or does not want it). */
  dropKept(key: string): Promise<ActionResult>;
  dispose(): void;
}

export interface PersistenceDeps {
  store: Pick<StoreApi<AppState>, 'getState' | 'setState' | 'subscribe'>;
  status: Pick<StoreApi<PersistenceStatus>, 'getState' | 'setState'>;
  sections: () => readonly PersistedSection[];
  onRegistered: (listener: (section: PersistedSection) => void) => () => void;
  open: (options: { onBlocked: () => void; onVersionChange: () => void }) => Promise<OpenResult>;
  createSession: (db: WorkspaceDb) => TabSession;
  reloadPage: () => void;
  /** Page events that must flush pending changes (absent in tests). */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'> & { document?: Document };
  delayMs: number;
}

export async function startPersistence(deps: PersistenceDeps): Promise<Persistence> {
  const { store, status, sections } = deps;
  const setStatus = (patch: Partial<PersistenceStatus>) => status.setState(patch);
  let db: WorkspaceDb | null = null;
  let session: TabSession | null = null;
  let base: Workspace | null = null;
  /** Stored sections not restored into the store: saved and exported exactly as they were read. */
  const held = new Map<string, unknown>();
  const baseline = new Map<string, unknown>();
  const dirty = new Set<string>();
  let loaded = false;
  /** Set for good once saving must stop (unreadable data, or a reload is on its way). */
  let suspended = false;

  const addNotice = (text: string) => setStatus({ notices: [...status.getState().notices, text] });

  /** Sections restored from an older version: saved again at once, so storage drops what the migration dropped. */
  const migrated = new Set<string>();
  const restore = (section: PersistedSection): Partial<AppState> => {
    const stored = held.get(section.key);
    const outcome = restoreSection(section, stored);
    if (outcome.kind === 'applied') {
      held.delete(section.key);
      if (isStoredSection(stored) && stored.version < section.version) migrated.add(section.key);
      return outcome.patch;
    }
    if (outcome.kind === 'held') addNotice(heldNotice(section.key, outcome.reason));
    return {};
  };

  const snapshot = (): Workspace =>
    buildWorkspace(store.getState(), sections(), base, held, {
      revision: session?.revision ?? 0,
      savedAt: new Date().toISOString(),
    });

  const canSave = () => session !== null && !suspended && status.getState().conflict === null;

  const saveNow = async (): Promise<void> => {
    if (!session || !canSave() || dirty.size === 0) return;
    const keys = [...dirty];
    dirty.clear();
    setStatus({ saving: true });
    const result = await session.save(snapshot(), { only: keys.map((k) => sectionKey('sections', k)) });
    if (result.ok)
      setStatus({ saving: false, unsaved: dirty.size > 0, lastSavedAt: result.savedAt, error: null });
    else {
      for (const key of keys) dirty.add(key);
      setStatus(
        result.conflict ? { saving: false, conflict: 'refused' } : { saving: false, error: result.message },
      );
    }
  };

  const autosave = createAutosave(saveNow, deps.delayMs, {
    onError: () => setStatus({ saving: false, error: "L'enregistrement automatique a échoué." }),
  });

  try {
    const opened = await deps.open({
      onBlocked: () =>
        addNotice(
          "Fermez les autres onglets d'Atlas COTRI : une mise à jour du stockage attend leur fermeture.",
        ),
      onVersionChange: () => {
        suspended = true;
        setStatus({
          error:
            "Une version plus récente d'Atlas COTRI a été ouverte dans un autre onglet : rechargez cette page pour continuer à enregistrer.",
        });
      },
    });
    if (!opened.ok) setStatus({ phase: 'unavailable', error: opened.message });
    else {
      db = opened.db;
      session = deps.createSession(db);
      let result = await session.load();
      if (!result.ok) {
        // The stored workspace is moved aside as it was (nothing deleted) and the app starts on its sample
        // data, saving again; the banner offers to export the kept copy.
        const kept = await keepAsideAndReset(db, result.message, result.errors);
        if (kept.ok) result = await session.load();
      }
      if (!result.ok) {
        // Saving now would replace data the user may still recover: keep it, work on samples unsaved.
        suspended = true;
        setStatus({
          phase: 'unreadable',
          error: `${result.message} Les modifications de cette session ne seront pas enregistrées.`,
          details: result.errors.map(formatProjectError),
        });
      } else {
        base = result.workspace;
        for (const [key, value] of Object.entries(base?.sections ?? {})) held.set(key, value);
        setStatus({ phase: 'ready', lastSavedAt: base?.savedAt ?? null });
      }
      setStatus({ kept: await listKeptAside(db) });
    }
  } catch (error) {
    setStatus({
      phase: 'unavailable',
      error: `Stockage local indisponible (${error instanceof Error ? error.message : 'erreur inconnue'}).`,
    });
  }

  // One update with every module's data and the ready flag: no module sees "ready" before its data.
  const patch: Partial<AppState> = {};
  for (const section of sections()) Object.assign(patch, restore(section));
  store.setState({ ...patch, workspaceReady: true });
  loaded = true;
  const state = store.getState();
  for (const section of sections()) baseline.set(section.key, section.pick(state));
  const saveMigrated = () => {
    for (const key of migrated) dirty.add(key);
    migrated.clear();
    if (dirty.size > 0 && canSave()) autosave.schedule(null);
  };
  saveMigrated();

  const stopRegistered = deps.onRegistered((section) => {
    if (!loaded) return; // the start-up pass above handles it
    const late = restore(section);
    if (Object.keys(late).length > 0) store.setState(late);
    baseline.set(section.key, section.pick(store.getState()));
    saveMigrated();
  });

  const unsubscribe = store.subscribe((next) => {
    for (const section of sections()) {
      let picked: unknown;
      try {
        picked = section.pick(next);
      } catch (error) {
        // A state no schema lets in (e.g. a null point, which the columnar encoder cannot write) must not
        // throw out of the store's setState — the other listeners, React's too, would miss the change and
        // the module's own error boundary would never show. Nothing is saved: the last save is kept.
        const reason = error instanceof Error ? error.message : 'erreur inconnue';
        setStatus({
          error: `Les données « ${sectionLabel(section.key)} » n'ont pas pu être enregistrées (${reason}) : la dernière version enregistrée est conservée.`,
        });
        continue;
      }
      if (sameSection(baseline.get(section.key), picked)) continue;
      baseline.set(section.key, picked);
      if (!held.has(section.key)) dirty.add(section.key);
    }
    if (dirty.size === 0) return;
    if (!status.getState().unsaved) setStatus({ unsaved: true });
    if (canSave()) autosave.schedule(null);
  });

  const stopRemote = session?.onRemoteChange(() => setStatus({ conflict: 'remote' })) ?? (() => undefined);

  const flush = () => autosave.flush();
  const onVisibility = () => {
    if (deps.target?.document?.visibilityState === 'hidden') void flush();
  };
  const onPageHide = () => void flush();
  deps.target?.document?.addEventListener('visibilitychange', onVisibility);
  deps.target?.addEventListener('pagehide', onPageHide);

  /** Stops autosave and waits for a save in flight, before storage is replaced and the page reloaded. */
  const quiesce = async () => {
    suspended = true;
    autosave.cancel();
    await autosave.flush();
  };

  return {
    snapshot,
    flush,
    reloadFromStorage() {
      suspended = true;
      autosave.cancel();
      deps.reloadPage();
    },
    async overwrite() {
      if (!session || suspended) return { ok: false, message: 'Enregistrement désactivé dans cet onglet.' };
      // The overwrite writes the whole snapshot: drop a scheduled autosave and let one in flight finish
      // first, or it could land between reading the stored revision and writing, and refuse the overwrite
      // as a conflict with this very tab (seen on a loaded CI machine).
      autosave.cancel();
      await autosave.flush();
      const result = await session.overwrite(snapshot());
      if (!result.ok) return { ok: false, message: result.message };
      dirty.clear();
      setStatus({ conflict: null, unsaved: false, lastSavedAt: result.savedAt, error: null });
      return { ok: true };
    },
    async replaceWorkspace(workspace) {
      if (!session) {
        // No storage: apply in place, this tab only (sections absent from the file keep their data).
        const inPlace: Partial<AppState> = {};
        held.clear();
        for (const [key, value] of Object.entries(workspace.sections)) held.set(key, value);
        base = workspace;
        for (const section of sections()) Object.assign(inPlace, restore(section));
        store.setState(inPlace);
        return { ok: true };
      }
      await quiesce();
      const result = await session.overwrite(workspace);
      if (!result.ok) {
        suspended = status.getState().phase === 'unreadable';
        return { ok: false, message: result.message };
      }
      deps.reloadPage();
      return { ok: true };
    },
    async resetToSamples() {
      if (!session || !db) {
        deps.reloadPage();
        return { ok: true };
      }
      const unreadable = status.getState().phase === 'unreadable';
      await quiesce();
      // Unreadable data was never loaded, so this tab has no revision to compare against: the user confirmed.
      const result = unreadable
        ? await resetWorkspace(db, { expectedRevision: await readRevision(db) })
        : await session.reset();
      if (!result.ok) {
        suspended = unreadable;
        return { ok: false, message: result.message };
      }
      deps.reloadPage();
      return { ok: true };
    },
    usage: () => getStorageUsage(db ? { db } : {}),
    exportKept: async (key) => (db ? exportRawDatabase(db, { only: key }) : null),
    async dropKept(key) {
      if (!db) return { ok: false, message: 'Stockage du navigateur indisponible.' };
      try {
        await dropKeptAside(db, key);
      } catch (error) {
        return {
          ok: false,
          message: `Suppression impossible (${error instanceof Error ? error.name : 'erreur inconnue'}).`,
        };
      }
      setStatus({ kept: await listKeptAside(db) });
      return { ok: true };
    },
    dispose() {
      suspended = true;
      autosave.dispose();
      unsubscribe();
      stopRegistered();
      stopRemote();
      session?.close();
      deps.target?.document?.removeEventListener('visibilitychange', onVisibility);
      deps.target?.removeEventListener('pagehide', onPageHide);
    },
  };
}

let started: Promise<Persistence> | null = null;
let startedStorage: WorkspaceStorage | null = null;

/**
 * Which IndexedDB database and tab channel hold the workspace: the local one by default; team mode gives each
 * signed-in user a cache of its own, so that server data never lands in the local workspace.
 */
export interface WorkspaceStorage {
  name: string;
  channelName: string;
}

export const LOCAL_WORKSPACE: WorkspaceStorage = { name: DB_NAME, channelName: CHANNEL_NAME };

/** Starts persistence once for the page (App calls it when the territory is loaded; safe to call again). */
export function ensurePersistence(
  store: PersistenceDeps['store'],
  storage: WorkspaceStorage = LOCAL_WORKSPACE,
): Promise<Persistence> {
  startedStorage ??= storage;
  started ??= startPersistence({
    store,
    status: usePersistenceStatus,
    sections: persistedSections,
    onRegistered: onPersistedSectionRegistered,
    open: (options) => openWorkspaceDb({ ...options, name: storage.name }),
    createSession: (db) => createTabSession({ db, channelName: storage.channelName }),
    reloadPage: () => window.location.reload(),
    target: window,
    delayMs: 800,
  });
  return started;
}

/**
 * The database this page's workspace lives in (the local one until persistence starts): where the error
 * boundaries' ways out (src/ui/shell/wayOut.ts) read and keep aside, in team mode too.
 */
export function currentWorkspaceStorage(): WorkspaceStorage {
  return startedStorage ?? LOCAL_WORKSPACE;
}

/** The page's persistence once started (null before): for the project menu and the conflict banner. */
export function currentPersistence(): Promise<Persistence> | null {
  return started;
}

/**
 * SHA-256 of each registered section's canonical encoding (what a save or an export writes), keyed by section:
 * how the browser tests compare the state before and after a reload or a project round trip.
 */
export async function sectionDigests(state: AppState): Promise<Record<string, string>> {
  const digests: [string, string][] = [];
  for (const section of persistedSections())
    digests.push([section.key, await sha256Hex(canonicalJson(encodeStorable(section.pick(state))))]);
  return Object.fromEntries(digests);
}
