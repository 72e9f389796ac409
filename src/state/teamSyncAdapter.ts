/**
 * What a module gives the team sync engine (src/state/teamSync.ts) so that its records are shared through the
 * server: how the server's records go into the store, and which store changes are the user's edits. The engine
 * does the rest the same way for every module — full then incremental reads by cursor, the IndexedDB outbox
 * sent in order with If-Match, 409/403/422 held for the user, remote changes applied in place.
 */
import type { RecordPatch, ServerRecord, SyncModule, WriteOp } from '../storage/syncClient.ts';
import type { TeamRole } from '../storage/teamClient.ts';
import type { AppState } from './store.ts';

/** A server record the module's mapping cannot read: shown with its French reason, never silently dropped. */
export interface UnreadableRecord {
  id: string;
  reason: string;
}

/** One edit of the user, as the adapter sees it in the store. */
export interface SyncEdit {
  op: WriteOp;
  id: string;
  /** Changed properties (and geometry, commune, contact) only: the server merges them. */
  patch: RecordPatch;
  /** French, for the header and the conflict view: « EP-62022-0001 : rénové ». */
  label: string;
}

/**
 * A record as the user sees it: the server's last known version with the user's pending edits on top (a record
 * created here and not sent yet has version 0); null when unknown or deleted by a pending edit.
 */
export type ShownRecord = (id: string) => ServerRecord | null;

export interface SyncAdapter {
  module: SyncModule;
  /** Roles that read this module's records (the others never ask: the server would answer 403). */
  readable(role: TeamRole): boolean;
  /** For the conflict view's title: « le point », « la séance ». */
  noun: string;
  /** First full read: the module's data in the store becomes these records (pending edits already on top). */
  loadAll(records: readonly ServerRecord[]): { unreadable: UnreadableRecord[] };
  /** Remote changes and settled edits: records replaced (or added) by id, removed ids dropped. */
  applyChanges(changed: readonly ServerRecord[], removed: ReadonlySet<string>): void;
  /** True when this store change touches the module's data (then `edits` is asked what the user did). */
  changed(next: AppState, prev: AppState): boolean;
  /** The user's edits between two store states; records unknown to the server are not edits of shared data. */
  edits(prev: AppState, next: AppState, shown: ShownRecord): SyncEdit[];
  /** French label of a record property (conflict view, refused edits); the raw name when it has none. */
  propertyLabel(key: string, recordKeys: readonly string[]): string;
}
