/**
 * The sync engine's pure rules over a module's known server records and the user's outbox entries: what the
 * user sees (the server's version with pending edits on top) and how a new edit joins the outbox.
 */
import type { NewOutboxEntry, OutboxEntry } from '../storage/outbox.ts';
import type { ServerRecord } from '../storage/syncClient.ts';
import type { SyncAdapter, SyncEdit, UnreadableRecord } from './teamSyncAdapter.ts';

export interface ModuleSync {
  adapter: SyncAdapter;
  /** Last known server state of each record the user may see. */
  records: Map<string, ServerRecord>;
  cursor: string | null;
  ready: boolean;
  unreadable: UnreadableRecord[];
}

/**
 * A record as the user sees it: the server's version with the user's pending edits on top, in order; a record
 * created here and not sent yet appears with version 0, one deleted by a pending edit is null.
 */
export function shownRecord(m: ModuleSync, id: string, entries: readonly OutboxEntry[]): ServerRecord | null {
  let record = m.records.get(id) ?? null;
  for (const x of entries) {
    if (x.module !== m.adapter.module || x.id !== id || x.state !== 'pending') continue;
    const op = x.op ?? 'patch';
    if (op === 'delete') {
      record = null;
      continue;
    }
    const base: ServerRecord | null =
      record ??
      (op === 'create'
        ? { id, insee: null, version: 0, updatedAt: x.createdAt, updatedBy: x.user, properties: {} }
        : null);
    if (!base) continue;
    const { properties, geometry, insee, contact } = x.patch;
    record = {
      ...base,
      properties: { ...base.properties, ...properties },
      ...(geometry ? { geometry } : {}),
      ...(insee !== undefined ? { insee } : {}),
      ...(contact ? { contact: { ...base.contact, ...contact } } : {}),
    };
  }
  return record;
}

/** Every record of the module as shown (server records, then records created here not sent yet). */
export function shownRecords(m: ModuleSync, entries: readonly OutboxEntry[]): ServerRecord[] {
  const ids = new Set(m.records.keys());
  for (const x of entries)
    if (x.module === m.adapter.module && x.state === 'pending' && x.op === 'create') ids.add(x.id);
  const out: ServerRecord[] = [];
  for (const id of ids) {
    const r = shownRecord(m, id, entries);
    if (r) out.push(r);
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function alreadyApplied(entry: OutboxEntry, current: ServerRecord | null): boolean {
  if (!current || current.updatedBy !== entry.user || entry.op === 'delete') return false;
  return Object.entries(entry.patch.properties ?? {}).every(([k, v]) => same(current.properties[k], v));
}

/** What to do in the outbox with one new edit (user and time are the engine's). */
export type EditPlan =
  | { kind: 'skip' }
  | { kind: 'remove'; entry: OutboxEntry }
  | { kind: 'merge'; entry: OutboxEntry; merged: OutboxEntry }
  | { kind: 'add'; entry: Omit<NewOutboxEntry, 'user' | 'createdAt'> };

/**
 * An edit of a record the server does not know (nor a pending creation) is not an edit of shared data. Several
 * edits of one record before it is sent travel as one request, still in order with the others; deleting a
 * record whose creation was never sent just drops that creation.
 */
export function planEdit(
  entries: readonly OutboxEntry[],
  m: ModuleSync,
  edit: SyncEdit,
  inFlight: number | null,
): EditPlan {
  const module = m.adapter.module;
  const mine = entries.filter((x) => x.module === module && x.id === edit.id);
  const record = m.records.get(edit.id);
  if (edit.op !== 'create' && !record && !mine.some((x) => x.op === 'create')) return { kind: 'skip' };
  const waiting = mine.find((x) => x.state === 'pending' && x.seq !== inFlight);
  if (waiting && waiting.op === 'create' && edit.op === 'delete') return { kind: 'remove', entry: waiting };
  if (waiting && waiting.op !== 'delete' && edit.op !== 'delete' && edit.op !== 'create') {
    const merged: OutboxEntry = {
      ...waiting,
      patch: {
        ...waiting.patch,
        ...edit.patch,
        properties: { ...waiting.patch.properties, ...edit.patch.properties },
      },
      label: edit.label,
    };
    return { kind: 'merge', entry: waiting, merged };
  }
  return {
    kind: 'add',
    entry: {
      module,
      op: edit.op,
      id: edit.id,
      baseVersion: record?.version ?? 0,
      base: record?.properties ?? {},
      patch: edit.patch,
      label: edit.label,
    },
  };
}
