/**
 * Session counts (GET /api/advice/summary: per commune, date and follow-up status, never an id, a household or
 * a contact) as placeholder sessions, so that whoever may not read sessions gets the dashboard's figures from
 * the same counting functions as everywhere else (summarizeAdvice, the dashboard). Each placeholder carries
 * only what the count said.
 */
import { type AdviceSession, FOLLOW_UP_STATUSES, type FollowUpStatus } from './types.ts';

export interface SummaryRow {
  insee: string;
  date: string;
  status: string | null;
  n: number;
}

/** One placeholder session per counted session (status unknown to the server: « à relancer »). */
export function sessionsFromSummary(rows: readonly SummaryRow[]): AdviceSession[] {
  const sessions: AdviceSession[] = [];
  for (const row of rows) {
    const status: FollowUpStatus = (FOLLOW_UP_STATUSES as readonly string[]).includes(row.status ?? '')
      ? (row.status as FollowUpStatus)
      : 'toRemind';
    for (let k = 0; k < row.n; k++) {
      const id = `equipe-${row.insee}-${row.date}-${status}-${k}`;
      sessions.push({
        id,
        date: row.date,
        insee: row.insee,
        channel: 'unknown',
        householdStatus: 'unknown',
        dwellingType: 'unknown',
        topics: [],
        followUp: { status, contacts: [], worksTypes: [] },
        householdId: id,
      });
    }
  }
  return sessions;
}
