/**
 * Live updates from the team server (issue « Espace d'équipe », item 5): the `/api/events` stream of changes
 * (Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY). Events only say *what* changed; whoever holds a module
 * re-reads it from its cursor, so one missed event costs nothing: after a reconnection (or the server's
 * `resync`) every module is told to catch up. Events of one module arriving together are delivered as one
 * batch, so 100 remote edits cost a handful of incremental reads, not 100.
 */
import type { SyncModule } from './syncClient.ts';

export interface LiveChange {
  module: SyncModule;
  id?: string;
  version?: number;
  deleted?: boolean;
  insee?: string | null;
  /** A bulk import: the module changed as a whole. */
  import?: boolean;
  /** Session counts changed (for roles that may not read sessions: no id). */
  summary?: boolean;
}

export type LiveStatus = 'connecting' | 'open' | 'closed';

const MODULES: readonly string[] = ['lights', 'advice', 'friches', 'pcaet'];
/** After the browser gave up on the stream (an HTTP error), a new one is opened this much later. */
const RETRY_MS = 5000;

/** One `change` event's data, or null when it is not one (never throws on what the network brings). */
export function parseLiveChange(data: string): LiveChange | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.module !== 'string' || !MODULES.includes(v.module)) return null;
  const change: LiveChange = { module: v.module as SyncModule };
  if (typeof v.id === 'string') change.id = v.id;
  if (typeof v.version === 'number') change.version = v.version;
  if (typeof v.deleted === 'boolean') change.deleted = v.deleted;
  if (typeof v.insee === 'string' || v.insee === null) change.insee = v.insee;
  if (v.import === true) change.import = true;
  if (v.summary === true) change.summary = true;
  return change;
}

/** Called with every change of a module gathered since the last call; `resync` = catch up from the cursor. */
export type ModuleListener = (changes: LiveChange[], reason: 'change' | 'resync') => void;

const listeners = new Map<SyncModule, Set<ModuleListener>>();

/**
 * Subscribes to a module's remote changes (the sync engine, the dashboard's session counts…). Returns the
 * unsubscribe function.
 */
export function onRemoteChange(module: SyncModule, listener: ModuleListener): () => void {
  const set = listeners.get(module) ?? new Set<ModuleListener>();
  listeners.set(module, set);
  set.add(listener);
  return () => set.delete(listener);
}

function deliver(module: SyncModule, changes: LiveChange[], reason: 'change' | 'resync'): void {
  for (const listener of listeners.get(module) ?? []) {
    try {
      listener(changes, reason);
    } catch {
      // One failing listener must not keep the others (or the stream) from their updates.
    }
  }
}

type EventSourceLike = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'>;

export interface LiveOptions {
  /** Gathering window for one module's events (ms). */
  batchMs?: number;
  onStatus?: (status: LiveStatus) => void;
  open?: (url: string) => EventSourceLike;
}

/**
 * Opens the stream and dispatches its events to the module listeners until the returned function is called.
 * The browser's EventSource reconnects by itself (the server asks for 3 s); every reopening after the first
 * triggers a `resync` of all modules, since events sent while disconnected are lost.
 */
export function connectLive(options: LiveOptions = {}): () => void {
  const batchMs = options.batchMs ?? 100;
  const open = options.open ?? ((url) => new EventSource(url));
  const pending = new Map<SyncModule, LiveChange[]>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let opened = false;
  let closed = false;
  let source: EventSourceLike;
  const flush = () => {
    timer = null;
    const batches = [...pending];
    pending.clear();
    for (const [module, changes] of batches) deliver(module, changes, 'change');
  };
  const resyncAll = () => {
    pending.clear();
    for (const module of MODULES as SyncModule[]) deliver(module, [], 'resync');
  };
  const start = () => {
    retry = null;
    source = open('/api/events');
    source.addEventListener('open', () => {
      options.onStatus?.('open');
      if (opened) resyncAll();
      opened = true;
    });
    source.addEventListener('error', () => {
      if (closed) return;
      // CLOSED: the browser gave up (an HTTP error such as 503 while the database restarts): try again later.
      if (source.readyState === 2) {
        options.onStatus?.('closed');
        retry ??= setTimeout(start, RETRY_MS);
      } else options.onStatus?.('connecting');
    });
    source.addEventListener('resync', resyncAll);
    source.addEventListener('change', (event) => {
      const change = parseLiveChange(String((event as MessageEvent).data));
      if (!change) return;
      const list = pending.get(change.module) ?? [];
      list.push(change);
      pending.set(change.module, list);
      timer ??= setTimeout(flush, batchMs);
    });
  };
  options.onStatus?.('connecting');
  start();
  return () => {
    closed = true;
    if (timer) clearTimeout(timer);
    if (retry) clearTimeout(retry);
    source.close();
    options.onStatus?.('closed');
  };
}
