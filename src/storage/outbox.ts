/**
 * The team outbox: every edit made in team mode is written here first (IndexedDB, its own database so the
 * workspace database keeps its version), then sent in order by the sync engine. An entry leaves the outbox
 * only when the server accepted it or the user chose to drop it: a page closed offline, a server restart or a
 * rejection (403/422, kept with its reason) never loses an edit. Entries belong to the user who made them, so
 * someone else signing in on the same browser never sends them.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { RecordPatch, ServerRecord, SyncModule, WriteOp } from './syncClient.ts';

export const OUTBOX_DB = 'atlas-cotri-equipe';

export type OutboxState = 'pending' | 'rejected' | 'conflict';

export interface OutboxEntry {
  /** Order of the edits (IndexedDB auto-increment): sent in this order. */
  seq: number;
  user: string;
  module: SyncModule;
  id: string;
  /** POST, PATCH or DELETE; absent on entries written before records could be created (a PATCH). */
  op?: WriteOp;
  /** The server version the edit was made on (If-Match; 0 for a record not created yet). */
  baseVersion: number;
  /** The record's properties at that version: what « the other person changed » is measured against. */
  base: Record<string, unknown>;
  patch: RecordPatch;
  /** French, e.g. « EP-62022-0001 : rénové ». */
  label: string;
  createdAt: string;
  state: OutboxState;
  /** Rejected: the server's French reason and field errors. Conflict: the server's message. */
  reason?: string;
  fields?: Record<string, string>;
  /** Conflict: the current record the server answered with (409). */
  current?: ServerRecord | null;
}

export type NewOutboxEntry = Omit<OutboxEntry, 'seq' | 'state'>;

interface OutboxDb extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { user: string } };
}

export interface Outbox {
  add(entry: NewOutboxEntry): Promise<OutboxEntry>;
  /** The user's entries, oldest first. */
  list(user: string): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(seq: number): Promise<void>;
  close(): void;
}

export async function openOutbox(name = OUTBOX_DB): Promise<Outbox> {
  const db: IDBPDatabase<OutboxDb> = await openDB<OutboxDb>(name, 1, {
    upgrade(d) {
      const store = d.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      store.createIndex('user', 'user');
    },
  });
  return {
    async add(entry) {
      const value = { ...entry, state: 'pending' } as OutboxEntry;
      // No seq: IndexedDB assigns the next one (keyPath + autoIncrement), in commit order.
      delete (value as Partial<OutboxEntry>).seq;
      const seq = await db.add('outbox', value);
      return { ...value, seq };
    },
    async list(user) {
      const entries = await db.getAllFromIndex('outbox', 'user', user);
      return entries.sort((a, b) => a.seq - b.seq);
    },
    async put(entry) {
      await db.put('outbox', entry);
    },
    async remove(seq) {
      await db.delete('outbox', seq);
    },
    close: () => db.close(),
  };
}
