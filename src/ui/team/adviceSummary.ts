/**
 * Session counts from the team server (GET /api/advice/summary) for the roles that may not read advice sessions
 * (viewers, editors): counts per commune, date and follow-up status, never an id, a household or a contact. They
 * become placeholder sessions so the dashboard computes its figures (sessions, conversion, per commune) with the
 * same engine as everywhere else; each placeholder carries only what the count said.
 */
import type { SummaryRow } from '../../domain/advice/countedSessions.ts';

export { type SummaryRow, sessionsFromSummary } from '../../domain/advice/countedSessions.ts';

export type SummaryOutcome =
  | { ok: true; rows: SummaryRow[] }
  | { ok: false; expired: boolean; message: string };

const isRow = (r: unknown): r is SummaryRow => {
  const x = r as Partial<SummaryRow> | null;
  return (
    !!x &&
    typeof x.insee === 'string' &&
    typeof x.date === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(x.date) &&
    (typeof x.status === 'string' || x.status === null) &&
    Number.isInteger(x.n) &&
    (x.n as number) > 0
  );
};

export async function fetchAdviceSummary(fetchFn: typeof fetch = fetch): Promise<SummaryOutcome> {
  let response: Response;
  try {
    response = await fetchFn('/api/advice/summary', { headers: { accept: 'application/json' } });
  } catch {
    return {
      ok: false,
      expired: false,
      message: 'Serveur injoignable : compteurs de conseils non actualisés.',
    };
  }
  if (response.status === 401) return { ok: false, expired: true, message: 'Session expirée.' };
  const body = (await response.json().catch(() => null)) as { items?: unknown } | null;
  if (!response.ok || !Array.isArray(body?.items))
    return {
      ok: false,
      expired: false,
      message: `Compteurs de conseils illisibles (HTTP ${response.status}).`,
    };
  // A malformed row is left out rather than counted wrong.
  return { ok: true, rows: body.items.filter(isRow) };
}
