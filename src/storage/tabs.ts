/**
 * Two tabs on the same workspace must not overwrite each other silently. Safety comes from the revision
 * compare-and-swap inside each save transaction (db.ts): a tab saving on top of a revision it never loaded
 * gets a conflict result and the UI lets the user choose "Recharger" (load) or "Écraser" (overwrite).
 * Notifications (BroadcastChannel, or the `storage` event where it is missing) only make this visible early:
 * a tab learns that another one saved before the user even edits.
 */

import type { Workspace } from '../io/project/workspace.ts';
import {
  type LoadResult,
  loadWorkspace,
  readRevision,
  resetWorkspace,
  type SaveResult,
  saveWorkspace,
  type WorkspaceDb,
} from './db.ts';

export const CHANNEL_NAME = 'atlas-cotri';

export interface RemoteChange {
  kind: 'save' | 'reset';
  revision: number;
  tabId: string;
}

/** The parts of a browser global the notifier uses (injectable for tests). */
export interface TabEnvironment {
  BroadcastChannel?: typeof BroadcastChannel;
  localStorage?: Pick<Storage, 'setItem'>;
  addEventListener?: (type: 'storage', listener: (event: StorageEvent) => void) => void;
  removeEventListener?: (type: 'storage', listener: (event: StorageEvent) => void) => void;
}

export interface TabNotifier {
  readonly transport: 'broadcast' | 'storage' | 'none';
  post(change: RemoteChange): void;
  close(): void;
}

function parseChange(data: unknown): RemoteChange | null {
  if (typeof data !== 'object' || data === null) return null;
  const { kind, revision, tabId } = data as Record<string, unknown>;
  if ((kind !== 'save' && kind !== 'reset') || typeof tabId !== 'string') return null;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision)) return null;
  return { kind, revision, tabId };
}

/** Cross-tab messages; a tab never receives its own (BroadcastChannel and storage events both exclude it). */
export function createTabNotifier(
  name: string,
  onChange: (change: RemoteChange) => void,
  env: TabEnvironment = globalThis as TabEnvironment,
): TabNotifier {
  if (env.BroadcastChannel) {
    const channel = new env.BroadcastChannel(name);
    channel.onmessage = (event: MessageEvent) => {
      const change = parseChange(event.data);
      if (change) onChange(change);
    };
    return {
      transport: 'broadcast',
      post: (change) => channel.postMessage(change),
      close: () => channel.close(),
    };
  }
  const storage = env.localStorage;
  if (storage && env.addEventListener) {
    const key = `${name}:revision`;
    const listener = (event: StorageEvent) => {
      if (event.key !== key || !event.newValue) return;
      try {
        const change = parseChange(JSON.parse(event.newValue));
        if (change) onChange(change);
      } catch {
        // another script's malformed value: ignore
      }
    };
    env.addEventListener('storage', listener);
    return {
      transport: 'storage',
      // The nonce makes every write a change, so the event fires even for an identical revision.
      post: (change) => {
        try {
          storage.setItem(key, JSON.stringify({ ...change, nonce: Math.random() }));
        } catch {
          // storage full or disabled: the revision check still prevents silent overwrites
        }
      },
      close: () => env.removeEventListener?.('storage', listener),
    };
  }
  return { transport: 'none', post: () => undefined, close: () => undefined };
}

export interface TabSessionOptions {
  db: WorkspaceDb;
  channelName?: string;
  tabId?: string;
  env?: TabEnvironment;
  now?: () => Date;
}

export interface TabSession {
  readonly tabId: string;
  /** Revision this tab's data is based on (0: nothing was stored). */
  readonly revision: number;
  /** Another tab saved since this tab loaded or saved: the next save will be refused. */
  readonly stale: boolean;
  readonly transport: TabNotifier['transport'];
  /** Loads the stored workspace and bases this tab on its revision. */
  load(): Promise<LoadResult>;
  /** Saves unless another tab saved in between (then `{ ok: false, conflict: true, message }`). */
  save(workspace: Workspace, options?: { only?: readonly string[] }): Promise<SaveResult>;
  /** The user chose "Écraser": replaces whatever is stored with this tab's workspace. */
  overwrite(workspace: Workspace): Promise<SaveResult>;
  /** "Revenir aux données d'exemple" (after the UI's confirmation). */
  reset(): Promise<SaveResult>;
  onRemoteChange(listener: (change: RemoteChange) => void): () => void;
  close(): void;
}

function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export function createTabSession(options: TabSessionOptions): TabSession {
  const { db, now } = options;
  const tabId = options.tabId ?? randomId();
  let revision = 0;
  let latestKnown = 0;
  const listeners = new Set<(change: RemoteChange) => void>();
  const notifier = createTabNotifier(
    options.channelName ?? CHANNEL_NAME,
    (change) => {
      if (change.tabId === tabId) return;
      latestKnown = Math.max(latestKnown, change.revision);
      for (const listener of listeners) listener(change);
    },
    options.env,
  );

  const after = (kind: RemoteChange['kind'], result: SaveResult): SaveResult => {
    if (result.ok) {
      revision = result.revision;
      latestKnown = Math.max(latestKnown, revision);
      notifier.post({ kind, revision, tabId });
    } else if (result.conflict) latestKnown = Math.max(latestKnown, result.storedRevision);
    return result;
  };

  return {
    tabId,
    get revision() {
      return revision;
    },
    get stale() {
      return latestKnown > revision;
    },
    transport: notifier.transport,
    async load() {
      const result = await loadWorkspace(db);
      if (result.ok) {
        revision = result.revision;
        latestKnown = Math.max(latestKnown, revision);
      }
      return result;
    },
    async save(workspace, saveOptions = {}) {
      return after(
        'save',
        await saveWorkspace(db, workspace, { expectedRevision: revision, now, ...saveOptions }),
      );
    },
    async overwrite(workspace) {
      const stored = await readRevision(db);
      return after('save', await saveWorkspace(db, workspace, { expectedRevision: stored, now }));
    },
    async reset() {
      return after('reset', await resetWorkspace(db, { expectedRevision: revision, now }));
    },
    onRemoteChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      notifier.close();
    },
  };
}
