/**
 * The team server's record API for the app (issue « Espace d'équipe », shared data): read a module in full or
 * only what changed since a cursor, and write one record with the version it was based on (If-Match). Every
 * answer becomes a typed outcome, so callers (the sync engine, the outbox, the conflict view) never parse HTTP:
 * a network failure is `offline` (the edit stays in the outbox), 401 is `expired` (sign in again), 409 carries
 * the current record, 403/422 carry the server's French reason and field errors.
 */

export type SyncModule = 'lights' | 'advice' | 'friches' | 'pcaet';

/** One record as the server returns it (GeoJSON Feature for lights/friches, plain object otherwise). */
export interface ServerRecord {
  id: string;
  insee: string | null;
  version: number;
  updatedAt: string;
  /** E-mail of the author of this version; null for imported or seeded rows. */
  updatedBy: string | null;
  /** Only in `since` feeds: the record was deleted. */
  deleted?: boolean;
  properties: Record<string, unknown>;
  geometry?: { type: string; coordinates: unknown } | null;
  /** Advice only, and only for the adviser's own structure (the server filters it). */
  contact?: Record<string, string | null> | null;
}

export interface RecordPage {
  /** Pass back as `since` to get only what changed after this read. */
  cursor: string;
  records: ServerRecord[];
}

export type ReadOutcome =
  | { ok: true; page: RecordPage }
  | { ok: false; kind: 'offline' | 'expired' | 'forbidden' | 'error'; message: string };

/**
 * What the app sends for one record: changed properties (merged by the server), a new geometry (lights,
 * friches), the commune (advice, PCAET) and, for advice only, the household's contact card (stored by the
 * server apart from the session, readable by the adviser's own structure only).
 */
export interface RecordPatch {
  properties?: Record<string, string | number | boolean | null>;
  geometry?: { type: string; coordinates: unknown };
  insee?: string | null;
  contact?: Record<string, string | null>;
}

/** How an outbox entry is sent: POST (a new record), PATCH (If-Match) or DELETE (If-Match). */
export type WriteOp = 'create' | 'patch' | 'delete';

export type WriteOutcome =
  /** `record` is null after a DELETE. */
  | { kind: 'ok'; record: ServerRecord | null }
  | { kind: 'conflict'; current: ServerRecord | null; message: string }
  | { kind: 'rejected'; status: number; message: string; fields: Record<string, string> }
  | { kind: 'offline'; message: string }
  | { kind: 'expired'; message: string };

type Fetch = typeof fetch;

const OFFLINE = 'Serveur injoignable : la modification reste en attente d’envoi.';
const EXPIRED = 'Session expirée : reconnectez-vous.';
/** Pages of the full load: big enough for few round trips, small enough to keep each response bounded. */
const PAGE_SIZE = 20_000;

async function body(response: Response): Promise<Record<string, unknown> | null> {
  try {
    const value = (await response.json()) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const errorText = (b: Record<string, unknown> | null, fallback: string) =>
  typeof b?.error === 'string' ? b.error : fallback;

/**
 * Every record of a module visible to the signed-in user (`since` null), or only those changed since the cursor
 * (deleted ones flagged `deleted`). Follows the server's `next` pages; the cursor is the first page's, taken
 * before reading, so nothing written during the load is missed by the next incremental read.
 */
export async function readRecords(
  module: SyncModule,
  since: string | null,
  fetchFn: Fetch = fetch,
): Promise<ReadOutcome> {
  const records: ServerRecord[] = [];
  let cursor: string | null = null;
  let after: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (since) query.set('since', since);
    if (after) query.set('after', after);
    let response: Response;
    try {
      response = await fetchFn(`/api/${module}?${query}`, { headers: { accept: 'application/json' } });
    } catch {
      return { ok: false, kind: 'offline', message: 'Serveur injoignable : données non actualisées.' };
    }
    const b = await body(response);
    if (response.status === 401) return { ok: false, kind: 'expired', message: EXPIRED };
    if (response.status === 403)
      return { ok: false, kind: 'forbidden', message: errorText(b, 'Accès refusé à ce module.') };
    if (!response.ok || !b)
      return {
        ok: false,
        kind: response.status >= 500 ? 'offline' : 'error',
        message: errorText(b, `Lecture impossible (HTTP ${response.status}).`),
      };
    cursor ??= String(b.cursor);
    const list = (b.features ?? b.items) as ServerRecord[] | undefined;
    records.push(...(list ?? []));
    if (typeof b.next !== 'string') break;
    after = b.next;
  }
  return { ok: true, page: { cursor: cursor ?? '0', records } };
}

/** PATCH one record with the version it was based on. */
export function patchRecord(
  module: SyncModule,
  id: string,
  baseVersion: number,
  patch: RecordPatch,
  fetchFn: Fetch = fetch,
): Promise<WriteOutcome> {
  return writeRecord(module, 'patch', id, baseVersion, patch, fetchFn);
}

/**
 * One write of the outbox: POST creates the record under the app's id (a 409 then means the id exists and
 * carries that record), PATCH and DELETE send the version the edit was based on.
 */
export async function writeRecord(
  module: SyncModule,
  op: WriteOp,
  id: string,
  baseVersion: number,
  patch: RecordPatch,
  fetchFn: Fetch = fetch,
): Promise<WriteOutcome> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (op !== 'delete') headers['content-type'] = 'application/json';
  if (op !== 'create') headers['if-match'] = `"${baseVersion}"`;
  const url = op === 'create' ? `/api/${module}` : `/api/${module}/${encodeURIComponent(id)}`;
  const method = op === 'create' ? 'POST' : op === 'patch' ? 'PATCH' : 'DELETE';
  let response: Response;
  try {
    response = await fetchFn(url, {
      method,
      headers,
      ...(op === 'delete' ? {} : { body: JSON.stringify(op === 'create' ? { id, ...patch } : patch) }),
    });
  } catch {
    return { kind: 'offline', message: OFFLINE };
  }
  if (op === 'delete' && response.status === 204) return { kind: 'ok', record: null };
  const b = await body(response);
  if (response.ok && b) return { kind: 'ok', record: b as unknown as ServerRecord };
  if (response.status === 401) return { kind: 'expired', message: EXPIRED };
  if (response.status === 409)
    return {
      kind: 'conflict',
      current: (b?.current as ServerRecord | undefined) ?? null,
      message: errorText(b, 'Enregistrement modifié entre-temps.'),
    };
  // 503 (database down), 502/504 (proxy): the server will come back, keep the edit and retry.
  if (response.status >= 500) return { kind: 'offline', message: errorText(b, OFFLINE) };
  return {
    kind: 'rejected',
    status: response.status,
    message: errorText(b, `Modification refusée (HTTP ${response.status}).`),
    fields: (b?.fields as Record<string, string> | undefined) ?? {},
  };
}
