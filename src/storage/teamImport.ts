/**
 * A file imported in team mode goes to the server (`POST /api/imports`), which runs the same import engine and
 * writes every accepted row in one transaction, or none. The answer becomes a typed outcome for the import
 * dialog, like syncClient.ts does for record writes. Unlike an edit, a refused or unsent import is not kept in
 * the outbox: the file is the user's, they retry it when the server is back.
 */

/** The import modes of src/domain/importModes.ts, as the server names them. */
export type TeamImportMode = 'replace' | 'add' | 'merge';

export type TeamImportKind = 'lights' | 'friches' | 'advice';

export interface TeamImportOptions {
  kind: TeamImportKind;
  mode: TeamImportMode;
  /** The file's name (the server's import audit line). */
  name: string;
  crs: string;
}

/** The server's report of the rows (the engine's summary, as `atlas import --json` prints it). */
export interface TeamImportReport {
  rows: number;
  accepted: number;
  rejected: number;
  outsideTerritory: number;
  errors: { row: number; reason: string }[];
}

export interface TeamImportApplied {
  inserted: number;
  updated: number;
  deleted: number;
  skipped: number;
  /** Advice: personal columns the server did not store. */
  droppedColumns: string[];
}

export type TeamImportOutcome =
  | { kind: 'ok'; report: TeamImportReport; applied: TeamImportApplied }
  /** 403 (role, rows outside the user's scope) or 409/422: nothing was written; the report when there is one. */
  | { kind: 'refused'; status: number; message: string; report: TeamImportReport | null }
  /** Network failure or 5xx: nothing was written (one transaction), nothing is queued. */
  | { kind: 'offline'; message: string }
  | { kind: 'expired'; message: string };

type Fetch = typeof fetch;

export const IMPORT_OFFLINE =
  'Serveur injoignable : rien n’a été importé. Le fichier n’est pas mis en attente : réessayez quand la connexion est revenue.';

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

function reportOf(b: Record<string, unknown>): TeamImportReport | null {
  if (typeof b.rows !== 'number') return null;
  const errors = Array.isArray(b.errors)
    ? b.errors.flatMap((e: unknown) => {
        const x = e as { row?: unknown; reason?: unknown } | null;
        return x && typeof x.row === 'number' && typeof x.reason === 'string'
          ? [{ row: x.row, reason: x.reason }]
          : [];
      })
    : [];
  return {
    rows: num(b.rows),
    accepted: num(b.accepted),
    rejected: num(b.rejected),
    outsideTerritory: num(b.outsideTerritory),
    errors,
  };
}

export async function postTeamImport(
  bytes: Uint8Array | ArrayBuffer,
  options: TeamImportOptions,
  fetchFn: Fetch = fetch,
): Promise<TeamImportOutcome> {
  const query = new URLSearchParams({ kind: options.kind, mode: options.mode, name: options.name });
  if (options.crs !== 'auto') query.set('crs', options.crs);
  let response: Response;
  try {
    response = await fetchFn(`/api/imports?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
      body: bytes as BodyInit,
    });
  } catch {
    return { kind: 'offline', message: IMPORT_OFFLINE };
  }
  let b: Record<string, unknown> = {};
  try {
    const value = (await response.json()) as unknown;
    if (value && typeof value === 'object') b = value as Record<string, unknown>;
  } catch {
    // A proxy's HTML error page: the status says enough.
  }
  if (response.status === 401)
    return { kind: 'expired', message: 'Session expirée : reconnectez-vous, puis réessayez l’import.' };
  if (response.status >= 500) return { kind: 'offline', message: IMPORT_OFFLINE };
  const report = reportOf(b);
  if (!response.ok)
    return {
      kind: 'refused',
      status: response.status,
      message: typeof b.error === 'string' ? b.error : `Import refusé (HTTP ${response.status}).`,
      report,
    };
  const a = (b.applied ?? {}) as Record<string, unknown>;
  return {
    kind: 'ok',
    report: report ?? { rows: 0, accepted: 0, rejected: 0, outsideTerritory: 0, errors: [] },
    applied: {
      inserted: num(a.inserted),
      updated: num(a.updated),
      deleted: num(a.deleted),
      skipped: num(a.skipped),
      droppedColumns: Array.isArray(a.droppedColumns) ? a.droppedColumns.map(String) : [],
    },
  };
}
