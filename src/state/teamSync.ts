/**
 * Team mode, shared light points: the first load reads every point the user may see, later reads only what
 * changed since the last cursor; each edit of the inventory is put in the IndexedDB outbox, then sent in order
 * with the version it was made on (If-Match). A 409 keeps the edit as a conflict for the user to settle
 * (ConflictView), a 403/422 keeps it with the server's reason; a network failure or a server restart keeps it
 * pending and it is sent again later. Remote changes update the points in place (selection and undo kept).
 * Other modules and the live event stream (issue #18 item 5) call `syncNow()` to pull changes at once.
 */
import { create } from 'zustand';
import { type LightPoint, STATUS_LABELS } from '../domain/lights/index.ts';
import { pointsFromRecords, propertiesPatch } from '../domain/lights/serverRecords.ts';
import { type Outbox, type OutboxEntry, openOutbox } from '../storage/outbox.ts';
import { patchRecord, readRecords, type ServerRecord } from '../storage/syncClient.ts';
import { useAppStore } from './store.ts';

export interface TeamSyncStatus {
  /** 'loading' until the first full read of the user's points is in the app. */
  phase: 'idle' | 'loading' | 'ready';
  /** Edits waiting to be sent (« en attente d'envoi (n) »). */
  pending: number;
  /** Edits the server refused (403/422) or that conflict (409): kept until the user settles them. */
  held: OutboxEntry[];
  /** False while the server is unreachable. */
  online: boolean;
  /** Server records the inventory mapping cannot read (shown, never silently dropped). */
  unreadable: { id: string; reason: string }[];
  lastSyncAt: string | null;
  message: string | null;
}

const INITIAL: TeamSyncStatus = {
  phase: 'idle',
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
  /** Last known server state of each light point the user may see. */
  records: Map<string, ServerRecord>;
  cursor: string | null;
  /** Set while the engine itself writes lightPoints (remote changes), so they are not sent back. */
  applying: boolean;
  inFlight: number | null;
  running: Promise<void> | null;
  again: boolean;
  stop: () => void;
}

let engine: Engine | null = null;

const stopped = (e: Engine) => engine !== e;

/** Properties of a record with the user's pending edits on top (what the user sees until they are sent). */
function effective(record: ServerRecord, entries: readonly OutboxEntry[]): ServerRecord {
  const mine = entries.filter((x) => x.id === record.id && x.state === 'pending');
  if (mine.length === 0) return record;
  const properties = { ...record.properties };
  for (const x of mine) Object.assign(properties, x.patch.properties);
  return { ...record, properties };
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

/** Replaces the given points in the store by id, keeping selection and undo (remote changes, settled edits). */
function applyPoints(
  e: Engine,
  records: readonly ServerRecord[],
  removed: ReadonlySet<string>,
  entries: OutboxEntry[],
) {
  const { points } = pointsFromRecords(records.map((r) => effective(r, entries)));
  const byId = new Map(points.map((p) => [p.id, p]));
  const state = useAppStore.getState();
  const seen = new Set<string>();
  const next: LightPoint[] = [];
  for (const p of state.lightPoints) {
    if (removed.has(p.id)) continue;
    seen.add(p.id);
    next.push(byId.get(p.id) ?? p);
  }
  for (const p of points) if (!seen.has(p.id)) next.push(p);
  e.applying = true;
  try {
    useAppStore.setState({ lightPoints: next });
  } finally {
    e.applying = false;
  }
}

async function fullLoad(e: Engine): Promise<boolean> {
  const read = await readRecords('lights', null);
  if (stopped(e)) return false;
  if (!read.ok) {
    if (read.kind === 'expired') useAppStore.getState().setSessionExpired(true);
    useTeamSync.setState({ online: read.kind !== 'offline', message: read.message });
    return false;
  }
  e.records = new Map(read.page.records.map((r) => [r.id, r]));
  e.cursor = read.page.cursor;
  const entries = await e.outbox.list(e.user);
  const { points, unreadable } = pointsFromRecords(read.page.records.map((r) => effective(r, entries)));
  await workspaceReady();
  if (stopped(e)) return false;
  e.applying = true;
  try {
    useAppStore.getState().replaceLights(points, { kind: 'manual', updatedAt: new Date().toISOString() });
  } finally {
    e.applying = false;
  }
  await refreshStatus(e, { phase: 'ready', unreadable, online: true, message: null });
  return true;
}

/** The saved standalone workspace is restored first, or it would replace the team's points a moment later. */
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

async function pullChanges(e: Engine): Promise<void> {
  const read = await readRecords('lights', e.cursor);
  if (stopped(e)) return;
  if (!read.ok) {
    if (read.kind === 'expired') useAppStore.getState().setSessionExpired(true);
    useTeamSync.setState({ online: read.kind !== 'offline', message: read.message });
    return;
  }
  e.cursor = read.page.cursor;
  const changed: ServerRecord[] = [];
  const removed = new Set<string>();
  for (const r of read.page.records) {
    const known = e.records.get(r.id);
    if (r.deleted) {
      if (known) removed.add(r.id);
      e.records.delete(r.id);
    } else if (!known || known.version !== r.version) {
      e.records.set(r.id, r);
      changed.push(r);
    }
  }
  if (changed.length || removed.size) applyPoints(e, changed, removed, await e.outbox.list(e.user));
  useTeamSync.setState({ online: true, lastSyncAt: new Date().toISOString(), message: null });
}

/** Sends pending edits in order; stops at the first network failure (they are retried later, in order). */
async function flush(e: Engine): Promise<void> {
  const entries = await e.outbox.list(e.user);
  const blocked = new Set(entries.filter((x) => x.state !== 'pending').map((x) => x.id));
  for (const entry of entries) {
    if (stopped(e) || entry.state !== 'pending' || blocked.has(entry.id)) continue;
    e.inFlight = entry.seq;
    const out = await patchRecord(entry.module, entry.id, entry.baseVersion, entry.patch);
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
      e.records.set(entry.id, out.record);
      await e.outbox.remove(entry.seq);
      // Later edits of the same point were made on top of this one: they now apply to the new version.
      for (const later of await e.outbox.list(e.user))
        if (later.id === entry.id && later.baseVersion === entry.baseVersion)
          await e.outbox.put({ ...later, baseVersion: out.record.version, base: out.record.properties });
      continue;
    }
    if (out.kind === 'conflict' && alreadyApplied(entry, out.current)) {
      // Sent before a lost answer (server restarted mid-request): the current version is this very edit.
      if (out.current) e.records.set(entry.id, out.current);
      await e.outbox.remove(entry.seq);
      continue;
    }
    blocked.add(entry.id);
    if (out.kind === 'conflict') {
      if (out.current) e.records.set(entry.id, out.current);
      await e.outbox.put({ ...entry, state: 'conflict', reason: out.message, current: out.current });
    } else await e.outbox.put({ ...entry, state: 'rejected', reason: out.message, fields: out.fields });
  }
  useTeamSync.setState({ online: true });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function alreadyApplied(entry: OutboxEntry, current: ServerRecord | null): boolean {
  if (!current || current.updatedBy !== entry.user) return false;
  return Object.entries(entry.patch.properties ?? {}).every(([k, v]) => same(current.properties[k], v));
}

/** One round: send what is pending, then pull what changed. Calls made meanwhile run one more round. */
export function syncNow(): Promise<void> {
  const e = engine;
  if (!e) return Promise.resolve();
  if (e.running) {
    e.again = true;
    return e.running;
  }
  const round = async () => {
    do {
      e.again = false;
      if (useTeamSync.getState().phase !== 'ready' && !(await fullLoad(e))) break;
      await flush(e);
      if (useTeamSync.getState().online) await pullChanges(e);
      await refreshStatus(e);
    } while (e.again && !stopped(e));
  };
  e.running = round()
    .catch((error: unknown) => {
      useTeamSync.setState({ message: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => {
      e.running = null;
    });
  return e.running;
}

const pointLabel = (p: LightPoint) => `${p.id} : ${STATUS_LABELS[p.status].toLowerCase()}`;

/** The user's edits of the inventory (batch edit, undo) as outbox entries, oldest first. */
async function enqueueEdits(
  e: Engine,
  prev: readonly LightPoint[],
  next: readonly LightPoint[],
): Promise<void> {
  if (prev.length !== next.length) return; // a whole new inventory (import): not an edit of shared points
  const entries = await e.outbox.list(e.user);
  for (let i = 0; i < next.length; i++) {
    const before = prev[i]!;
    const after = next[i]!;
    if (before === after || before.id !== after.id) continue;
    const record = e.records.get(after.id);
    if (!record) continue;
    const shown = effective(record, entries);
    const properties = propertiesPatch(before, after, Object.keys(shown.properties));
    if (!properties) continue;
    // Several edits of one point before it is sent travel as one request (still in order with the others).
    const waiting = entries.find((x) => x.id === after.id && x.state === 'pending' && x.seq !== e.inFlight);
    if (waiting) {
      const merged = {
        ...waiting,
        patch: { properties: { ...waiting.patch.properties, ...properties } },
        label: pointLabel(after),
      };
      await e.outbox.put(merged);
      Object.assign(waiting, merged);
    } else {
      entries.push(
        await e.outbox.add({
          user: e.user,
          module: 'lights',
          id: after.id,
          baseVersion: record.version,
          base: record.properties,
          patch: { properties },
          label: pointLabel(after),
          createdAt: new Date().toISOString(),
        }),
      );
    }
  }
  await refreshStatus(e);
  void syncNow();
}

/** Starts syncing for the signed-in user (team mode); returns the stop function. */
export async function startTeamSync(user: string): Promise<() => void> {
  engine?.stop();
  const outbox = await openOutbox();
  const e: Engine = {
    user,
    outbox,
    records: new Map(),
    cursor: null,
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
    if (e.applying || s.lightPoints === prev.lightPoints || useTeamSync.getState().phase !== 'ready') return;
    queue = queue.then(() => enqueueEdits(e, prev.lightPoints, s.lightPoints));
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

/** For the conflict view: the engine's outbox and records (null when not syncing). */
export function currentEngine(): Pick<Engine, 'outbox' | 'records' | 'user'> | null {
  return engine;
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
 * The user's choice for a held edit (ConflictView): nothing is overwritten without it. The point is then
 * redrawn from the server's version plus what is still to be sent, and pending edits go out.
 */
export async function settle(seq: number, choice: Settlement): Promise<void> {
  const e = engine;
  if (!e) return;
  const entry = (await e.outbox.list(e.user)).find((x) => x.seq === seq);
  if (!entry) return;
  const current = entry.current ?? e.records.get(entry.id) ?? null;
  let properties: Record<string, string | number | boolean | null> | null = null;
  if (choice.kind === 'mine') properties = { ...entry.patch.properties };
  else if (choice.kind === 'merge')
    properties = Object.fromEntries(
      Object.entries(entry.patch.properties ?? {}).filter(([k]) => choice.take[k] !== 'theirs'),
    );
  else if (choice.kind === 'resend') properties = choice.properties;
  if (!properties || Object.keys(properties).length === 0) await e.outbox.remove(seq);
  else {
    const { reason: _r, fields: _f, current: _c, ...rest } = entry;
    await e.outbox.put({
      ...rest,
      state: 'pending',
      patch: { ...entry.patch, properties },
      baseVersion: current?.version ?? entry.baseVersion,
      base: current?.properties ?? entry.base,
    });
  }
  const record = e.records.get(entry.id);
  if (record) applyPoints(e, [record], new Set(), await e.outbox.list(e.user));
  await refreshStatus(e);
  await syncNow();
}
