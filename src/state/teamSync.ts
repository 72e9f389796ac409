/**
 * Team mode, shared data: for every module the signed-in user may read (src/state/teamSyncModules.ts), the
 * first load reads every record the user may see, later reads only what changed since that module's cursor;
 * each edit is put in the IndexedDB outbox, then sent in order with the version it was made on (If-Match). A
 * 409 keeps the edit as a conflict for the user to settle (ConflictView), a 403/422 keeps it with the server's
 * reason; a network failure or a server restart keeps it pending and it is sent again later. Remote changes
 * update the store in place through the module's adapter (src/state/teamSyncAdapter.ts). The live event stream
 * (issue #18 item 5) calls `syncNow()` to pull changes at once.
 */
import { create } from 'zustand';
import { type Outbox, type OutboxEntry, openOutbox } from '../storage/outbox.ts';
import { readRecords, type ServerRecord, type SyncModule, writeRecord } from '../storage/syncClient.ts';
import type { TeamUser } from '../storage/teamClient.ts';
import { useAppStore } from './store.ts';
import type { SyncAdapter, SyncEdit, UnreadableRecord } from './teamSyncAdapter.ts';
import { SYNC_ADAPTERS } from './teamSyncModules.ts';
import { alreadyApplied, type ModuleSync, planEdit, shownRecord, shownRecords } from './teamSyncRecords.ts';

export interface TeamSyncStatus {
  /** 'loading' until the first full read of every shared module is in the app. */
  phase: 'idle' | 'loading' | 'ready';
  /** Modules whose first full read is in the app (the others show « chargement »). */
  readyModules: SyncModule[];
  /** Edits waiting to be sent (« en attente d'envoi (n) »). */
  pending: number;
  /** Edits the server refused (403/422) or that conflict (409): kept until the user settles them. */
  held: OutboxEntry[];
  /** False while the server is unreachable. */
  online: boolean;
  /** Server records the modules' mappings cannot read (shown, never silently dropped). */
  unreadable: UnreadableRecord[];
  lastSyncAt: string | null;
  message: string | null;
}

const INITIAL: TeamSyncStatus = {
  phase: 'idle',
  readyModules: [],
  pending: 0,
  held: [],
  online: true,
  unreadable: [],
  lastSyncAt: null,
  message: null,
};

export const useTeamSync = create<TeamSyncStatus>()(() => INITIAL);

/** How often changes are pulled and pending edits retried when nothing else triggers it. */
export const SYNC_INTERVAL_MS = 4000;

interface Engine {
  user: string;
  outbox: Outbox;
  modules: Map<SyncModule, ModuleSync>;
  /** Set while the engine itself writes the store (remote changes), so they are not sent back. */
  applying: boolean;
  inFlight: number | null;
  running: Promise<void> | null;
  again: boolean;
  stop: () => void;
}

let engine: Engine | null = null;

const stopped = (e: Engine) => engine !== e;

function publishModules(e: Engine, patch: Partial<TeamSyncStatus> = {}) {
  const list = [...e.modules.values()];
  useTeamSync.setState({
    readyModules: list.filter((m) => m.ready).map((m) => m.adapter.module),
    unreadable: list.flatMap((m) => m.unreadable),
    ...patch,
  });
}

async function refreshStatus(e: Engine, patch: Partial<TeamSyncStatus> = {}): Promise<OutboxEntry[]> {
  const entries = await e.outbox.list(e.user);
  if (stopped(e)) return entries;
  useTeamSync.setState({
    pending: entries.filter((x) => x.state === 'pending').length,
    held: entries.filter((x) => x.state !== 'pending'),
    ...patch,
  });
  return entries;
}

/** Writes the store through an adapter without the write being taken for the user's edits. */
function applying(e: Engine, write: () => void) {
  e.applying = true;
  try {
    write();
  } finally {
    e.applying = false;
  }
}

/** Redraws the given records (remote changes, settled edits) with what is still to be sent on top. */
function redraw(
  e: Engine,
  m: ModuleSync,
  ids: Iterable<string>,
  removed: Set<string>,
  entries: OutboxEntry[],
) {
  const changed: ServerRecord[] = [];
  for (const id of ids) {
    const r = shownRecord(m, id, entries);
    if (r) changed.push(r);
    else removed.add(id);
  }
  if (changed.length || removed.size) applying(e, () => m.adapter.applyChanges(changed, removed));
}

function readFailed(read: { kind: string; message: string }) {
  if (read.kind === 'expired') useAppStore.getState().setSessionExpired(true);
  useTeamSync.setState({ online: read.kind !== 'offline', message: read.message });
}

async function fullLoad(e: Engine, m: ModuleSync): Promise<boolean> {
  const read = await readRecords(m.adapter.module, null);
  if (stopped(e)) return false;
  if (!read.ok) {
    readFailed(read);
    return false;
  }
  m.records = new Map(read.page.records.map((r) => [r.id, r]));
  m.cursor = read.page.cursor;
  const entries = await e.outbox.list(e.user);
  await workspaceReady();
  if (stopped(e)) return false;
  applying(e, () => {
    m.unreadable = m.adapter.loadAll(shownRecords(m, entries)).unreadable;
  });
  m.ready = true;
  publishModules(e, { online: true, message: null });
  return true;
}

/** The saved workspace cache is restored first, or it would replace the team's data a moment later. */
function workspaceReady(): Promise<void> {
  if (useAppStore.getState().workspaceReady) return Promise.resolve();
  return new Promise((resolve) => {
    const off = useAppStore.subscribe((s) => {
      if (!s.workspaceReady) return;
      off();
      resolve();
    });
  });
}

async function pullChanges(e: Engine, m: ModuleSync): Promise<boolean> {
  const read = await readRecords(m.adapter.module, m.cursor);
  if (stopped(e)) return false;
  if (!read.ok) {
    readFailed(read);
    return false;
  }
  m.cursor = read.page.cursor;
  const changed: string[] = [];
  const removed = new Set<string>();
  for (const r of read.page.records) {
    const known = m.records.get(r.id);
    if (r.deleted) {
      if (known) removed.add(r.id);
      m.records.delete(r.id);
    } else if (!known || known.version !== r.version) {
      m.records.set(r.id, r);
      changed.push(r.id);
    }
  }
  if (changed.length || removed.size) redraw(e, m, changed, removed, await e.outbox.list(e.user));
  return true;
}

/** Sends pending edits in order; stops at the first network failure (they are retried later, in order). */
async function flush(e: Engine): Promise<void> {
  const entries = await e.outbox.list(e.user);
  const blocked = new Set(
    entries.filter((x) => x.state !== 'pending').map((x) => `${x.module}\u0000${x.id}`),
  );
  for (const entry of entries) {
    const key = `${entry.module}\u0000${entry.id}`;
    if (stopped(e) || entry.state !== 'pending' || blocked.has(key)) continue;
    const m = e.modules.get(entry.module);
    e.inFlight = entry.seq;
    const out = await writeRecord(
      entry.module,
      entry.op ?? 'patch',
      entry.id,
      entry.baseVersion,
      entry.patch,
    );
    e.inFlight = null;
    if (stopped(e)) return;
    if (out.kind === 'offline') {
      useTeamSync.setState({ online: false, message: out.message });
      return;
    }
    if (out.kind === 'expired') {
      useAppStore.getState().setSessionExpired(true);
      return;
    }
    if (out.kind === 'ok') {
      if (out.record) m?.records.set(entry.id, out.record);
      else m?.records.delete(entry.id);
      await e.outbox.remove(entry.seq);
      // Later edits of the same record were made on top of this one: they now apply to the new version.
      for (const later of await e.outbox.list(e.user))
        if (later.module === entry.module && later.id === entry.id && later.baseVersion === entry.baseVersion)
          await e.outbox.put({
            ...later,
            baseVersion: out.record?.version ?? later.baseVersion,
            base: out.record?.properties ?? later.base,
          });
      continue;
    }
    if (out.kind === 'conflict' && alreadyApplied(entry, out.current)) {
      // Sent before a lost answer (server restarted mid-request): the current version is this very edit.
      if (out.current) m?.records.set(entry.id, out.current);
      await e.outbox.remove(entry.seq);
      continue;
    }
    blocked.add(key);
    if (out.kind === 'conflict') {
      if (out.current) m?.records.set(entry.id, out.current);
      await e.outbox.put({ ...entry, state: 'conflict', reason: out.message, current: out.current });
    } else await e.outbox.put({ ...entry, state: 'rejected', reason: out.message, fields: out.fields });
  }
  useTeamSync.setState({ online: true });
}

/** One round: load what is not loaded yet, send what is pending, then pull what changed. */
async function round(e: Engine): Promise<void> {
  for (const m of e.modules.values()) if (!m.ready && !(await fullLoad(e, m))) return;
  if (useTeamSync.getState().phase !== 'ready') useTeamSync.setState({ phase: 'ready' });
  await flush(e);
  if (!useTeamSync.getState().online) return;
  for (const m of e.modules.values()) if (!(await pullChanges(e, m))) return;
  useTeamSync.setState({ online: true, lastSyncAt: new Date().toISOString(), message: null });
}

/** One sync round; calls made meanwhile run one more round. */
export function syncNow(): Promise<void> {
  const e = engine;
  if (!e) return Promise.resolve();
  if (e.running) {
    e.again = true;
    return e.running;
  }
  const rounds = async () => {
    do {
      e.again = false;
      await round(e);
      await refreshStatus(e);
    } while (e.again && !stopped(e));
  };
  e.running = rounds()
    .catch((error: unknown) => {
      useTeamSync.setState({ message: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => {
      e.running = null;
    });
  return e.running;
}

/** The user's edits of a module as outbox entries, oldest first. */
async function enqueue(
  e: Engine,
  m: ModuleSync,
  pick: (shown: (id: string) => ServerRecord | null) => SyncEdit[],
) {
  const entries = await e.outbox.list(e.user);
  const edits = pick((id) => shownRecord(m, id, entries));
  for (const edit of edits) {
    const plan = planEdit(entries, m, edit, e.inFlight);
    if (plan.kind === 'remove') {
      await e.outbox.remove(plan.entry.seq);
      entries.splice(entries.indexOf(plan.entry), 1);
    } else if (plan.kind === 'merge') {
      await e.outbox.put(plan.merged);
      Object.assign(plan.entry, plan.merged);
    } else if (plan.kind === 'add')
      entries.push(await e.outbox.add({ ...plan.entry, user: e.user, createdAt: new Date().toISOString() }));
  }
  await refreshStatus(e);
  void syncNow();
}

/** Starts syncing the modules the signed-in user may read (team mode); returns the stop function. */
export async function startTeamSync(user: Pick<TeamUser, 'email' | 'role'>): Promise<() => void> {
  engine?.stop();
  const outbox = await openOutbox();
  const modules = new Map<SyncModule, ModuleSync>();
  for (const adapter of SYNC_ADAPTERS)
    if (adapter.readable(user.role))
      modules.set(adapter.module, {
        adapter,
        records: new Map(),
        cursor: null,
        ready: false,
        unreadable: [],
      });
  const e: Engine = {
    user: user.email,
    outbox,
    modules,
    applying: false,
    inFlight: null,
    running: null,
    again: false,
    stop: () => undefined,
  };
  engine = e;
  useTeamSync.setState({ ...INITIAL, phase: 'loading' });
  let queue = Promise.resolve();
  const off = useAppStore.subscribe((s, prev) => {
    if (e.applying) return;
    for (const m of modules.values()) {
      if (!m.ready || !m.adapter.changed(s, prev)) continue;
      queue = queue.then(() => enqueue(e, m, (shown) => m.adapter.edits(prev, s, shown)));
    }
  });
  const tick = () => void syncNow();
  const timer = setInterval(tick, SYNC_INTERVAL_MS);
  window.addEventListener('online', tick);
  e.stop = () => {
    off();
    clearInterval(timer);
    window.removeEventListener('online', tick);
    if (engine === e) {
      engine = null;
      useTeamSync.setState(INITIAL);
    }
    outbox.close();
  };
  void syncNow();
  return e.stop;
}

/** For the conflict view: a module's adapter (labels) when that module is synced. */
export function syncAdapter(module: SyncModule): SyncAdapter | null {
  return engine?.modules.get(module)?.adapter ?? SYNC_ADAPTERS.find((a) => a.module === module) ?? null;
}

export type Settlement =
  /** Conflict: send my edit again on top of the current version. */
  | { kind: 'mine' }
  /** Conflict: the current version stays, my edit is dropped. */
  | { kind: 'theirs' }
  /** Conflict: per property, mine or theirs. */
  | { kind: 'merge'; take: Record<string, 'mine' | 'theirs'> }
  /** Rejected: send again with corrected values. */
  | { kind: 'resend'; properties: Record<string, string | number | boolean | null> }
  /** Rejected: drop the edit. */
  | { kind: 'drop' };

/**
 * The user's choice for a held edit (ConflictView): nothing is overwritten without it. The record is then
 * redrawn from the server's version plus what is still to be sent, and pending edits go out.
 */
export async function settle(seq: number, choice: Settlement): Promise<void> {
  const e = engine;
  if (!e) return;
  const entry = (await e.outbox.list(e.user)).find((x) => x.seq === seq);
  if (!entry) return;
  const m = e.modules.get(entry.module);
  const current = entry.current ?? m?.records.get(entry.id) ?? null;
  let properties: Record<string, string | number | boolean | null> | null = null;
  if (choice.kind === 'mine') properties = { ...entry.patch.properties };
  else if (choice.kind === 'merge')
    properties = Object.fromEntries(
      Object.entries(entry.patch.properties ?? {}).filter(([k]) => choice.take[k] !== 'theirs'),
    );
  else if (choice.kind === 'resend') properties = choice.properties;
  const keepsDelete = entry.op === 'delete' && (choice.kind === 'mine' || choice.kind === 'resend');
  if (!keepsDelete && (!properties || Object.keys(properties).length === 0)) await e.outbox.remove(seq);
  else {
    const { reason: _r, fields: _f, current: _c, ...rest } = entry;
    await e.outbox.put({
      ...rest,
      state: 'pending',
      // A creation whose id exists on the server (409) becomes an edit of that record.
      op: entry.op === 'create' && current ? 'patch' : (entry.op ?? 'patch'),
      patch: { ...entry.patch, ...(properties ? { properties } : {}) },
      baseVersion: current?.version ?? entry.baseVersion,
      base: current?.properties ?? entry.base,
    });
  }
  if (m) redraw(e, m, [entry.id], new Set(), await e.outbox.list(e.user));
  await refreshStatus(e);
  await syncNow();
}
