/**
 * The team server's transfer API for the app (« Envoyer mon espace local vers l'équipe »): the merge preview of
 * a workspace's records, then its application in one transaction with the preview's digest. Answers become
 * typed outcomes, as in syncClient.ts: `stale` carries the new preview when the team changed in between.
 */
import type { SyncModule } from './syncClient.ts';

/** One record as the server takes it: the module's create body, id required, and the version it was copied at. */
export interface TransferRecord {
  id: string;
  geometry?: { type: string; coordinates: unknown } | null;
  insee?: string | null;
  properties: Record<string, string | number | boolean | null>;
  baseVersion?: number | null;
}

export type TransferModules = Partial<Record<SyncModule, TransferRecord[]>>;

export type TransferOutcome = 'added' | 'updated' | 'conflict' | 'unchanged' | 'refused';

export interface PlannedRecord {
  id: string;
  outcome: TransferOutcome;
  reason?: string;
  version: number | null;
  changes?: { field: string; mine: unknown; theirs: unknown }[];
  updatedBy?: string | null;
  updatedAt?: string | null;
}

export interface ModulePreview {
  label: string;
  counts: Record<TransferOutcome, number>;
  /** Every record that is not unchanged. */
  records: PlannedRecord[];
}

export interface TransferPreview {
  plan: string;
  modules: Partial<Record<SyncModule, ModulePreview>>;
}

export interface AppliedCounts {
  added: number;
  updated: number;
  conflictMine: number;
  conflictTheirs: number;
  unchanged: number;
  refused: number;
}

export type TransferAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'stale'; message: string; preview: TransferPreview }
  | { ok: false; kind: 'error'; message: string };

type Fetch = typeof fetch;

async function post(path: string, body: unknown, fetchFn: Fetch): Promise<TransferAnswer<unknown>> {
  let response: Response;
  try {
    response = await fetchFn(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, kind: 'error', message: 'Serveur injoignable : rien n’a été envoyé.' };
  }
  let json: Record<string, unknown> | null = null;
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    json = null;
  }
  if (response.ok && json) return { ok: true, value: json };
  const message =
    typeof json?.error === 'string' ? json.error : `Envoi refusé par le serveur (HTTP ${response.status}).`;
  if (response.status === 409 && json?.preview)
    return { ok: false, kind: 'stale', message, preview: json.preview as TransferPreview };
  if (response.status === 401)
    return { ok: false, kind: 'error', message: 'Session expirée : reconnectez-vous, puis recommencez.' };
  return { ok: false, kind: 'error', message };
}

export async function previewTransfer(
  modules: TransferModules,
  fetchFn: Fetch = fetch,
): Promise<TransferAnswer<TransferPreview>> {
  return (await post('/api/transfer/preview', { modules }, fetchFn)) as TransferAnswer<TransferPreview>;
}

/** Applies the previewed plan; conflicting ids listed in `keepMine` take the local version. */
export async function applyTransfer(
  modules: TransferModules,
  plan: string,
  keepMine: Partial<Record<SyncModule, string[]>>,
  fetchFn: Fetch = fetch,
): Promise<TransferAnswer<{ applied: Partial<Record<SyncModule, AppliedCounts>> }>> {
  return (await post('/api/transfer/apply', { modules, plan, keepMine }, fetchFn)) as TransferAnswer<{
    applied: Partial<Record<SyncModule, AppliedCounts>>;
  }>;
}
