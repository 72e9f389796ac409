/**
 * The team server's read-only views for the app: a record's history (GET /api/history/<module>/<id>) and the
 * admin lists (GET /api/admin/users|changes). Answers become typed outcomes with a French message, as in
 * src/storage/syncClient.ts, so the views never parse HTTP.
 */
import type { SyncModule } from '../../storage/syncClient.ts';
import type { TeamRole } from '../../storage/teamClient.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  at: string;
  by: string | null;
  action: 'insert' | 'update' | 'delete' | 'import';
  version: number | null;
  changes: FieldChange[];
}

export interface ChangeEntry extends HistoryEntry {
  module: string;
  id: string | null;
  detail?: Record<string, unknown> | null;
}

export interface AdminUser {
  email: string;
  role: TeamRole;
  structure: string | null;
  disabled: boolean;
  epci: string[];
  communes: string[];
  lastChange: string | null;
}

export type Outcome<T> = { ok: true; items: T[] } | { ok: false; message: string };

async function getItems<T>(url: string, fetchFn: typeof fetch): Promise<Outcome<T>> {
  let response: Response;
  try {
    response = await fetchFn(url, { headers: { accept: 'application/json' } });
  } catch {
    return { ok: false, message: 'Serveur injoignable : historique non disponible.' };
  }
  const body = (await response.json().catch(() => null)) as { items?: unknown; error?: unknown } | null;
  if (response.ok && Array.isArray(body?.items)) return { ok: true, items: body.items as T[] };
  if (response.status === 401) return { ok: false, message: 'Session expirée : reconnectez-vous.' };
  // A record of this browser only (not yet sent to the team, or out of the user's scope).
  if (response.status === 404 && url.startsWith('/api/history/'))
    return { ok: false, message: 'Pas dans l’espace d’équipe : aucun historique.' };
  return {
    ok: false,
    message: typeof body?.error === 'string' ? body.error : `Lecture impossible (HTTP ${response.status}).`,
  };
}

export const fetchHistory = (module: SyncModule, id: string, fetchFn: typeof fetch = fetch) =>
  getItems<HistoryEntry>(`/api/history/${module}/${encodeURIComponent(id)}?limit=20`, fetchFn);

export const fetchAdminUsers = (fetchFn: typeof fetch = fetch) =>
  getItems<AdminUser>('/api/admin/users', fetchFn);

export const fetchAdminChanges = (limit = 50, fetchFn: typeof fetch = fetch) =>
  getItems<ChangeEntry>(`/api/admin/changes?limit=${limit}`, fetchFn);

const dateTime = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** « 03/12/2026 à 12:04 » (Paris time: the Pays' staff read it). */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateTime.format(d).replace(' ', ' à ');
}

const value = (v: unknown): string =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);

/** « statut à rénover → rénové »; a geometry's change has no readable values (« position modifiée »). */
export function describeChange(c: FieldChange): string {
  const name = c.field.replaceAll('_', ' ');
  if (c.before === null && c.after === null) return `${name} modifiée`;
  return `${name} ${value(c.before)} → ${value(c.after)}`;
}

const VERBS: Record<HistoryEntry['action'], string> = {
  insert: 'créé',
  update: 'modifié',
  delete: 'supprimé',
  import: 'importé',
};

/** « modifié par x@y.fr le 03/12/2026 à 12:04 : statut à rénover → rénové, … ». */
export function describeEntry(e: HistoryEntry): string {
  const who = e.by ?? 'le serveur (import ou script)';
  const head = `${VERBS[e.action]} par ${who} le ${formatWhen(e.at)}`;
  if (e.action !== 'update' || e.changes.length === 0) return head;
  return `${head} : ${e.changes.map(describeChange).join(', ')}`;
}
