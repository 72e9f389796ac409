/**
 * Follow-up schedule: a household is called back at +3, +6 and +12 months (configurable).
 * The first reminder is due `offsets[0]` months after the session; after k contacts the next one is due
 * `offsets[k] − offsets[k−1]` months after the LAST contact. On-time calls therefore land exactly on
 * +3/+6/+12 from the session, while a late call shifts the following reminders instead of piling them up.
 * Works done or abandoned end the schedule; so does running out of steps.
 */
import { addDays, addMonths, daysBetween } from './dates.ts';
import { type AdviceSession, type FollowUpStatus, isTerminal } from './types.ts';

export const DEFAULT_REMINDER_OFFSETS: readonly number[] = [3, 6, 12];

export interface ReminderOptions {
  /** Months after the session, strictly increasing (default 3, 6, 12). */
  offsetsMonths?: readonly number[];
}

export interface Reminder {
  sessionId: string;
  insee: string;
  /** ISO date. */
  dueDate: string;
  /** 1-based step of the schedule and number of steps. */
  step: number;
  steps: number;
  /** What the due date is counted from. */
  anchor: 'session' | 'contact';
  anchorDate: string;
  status: FollowUpStatus;
}

/** Keeps positive, strictly increasing offsets so a bad setting cannot loop or go back in time. */
export function normaliseOffsets(offsets: readonly number[] | undefined): number[] {
  const clean = [
    ...new Set((offsets ?? DEFAULT_REMINDER_OFFSETS).filter((o) => Number.isInteger(o) && o > 0)),
  ];
  return clean.sort((a, b) => a - b);
}

function lastContactDate(session: AdviceSession): string | null {
  let last: string | null = null;
  for (const c of session.followUp.contacts) if (last === null || c.date > last) last = c.date;
  // A contact mistakenly dated before the session cannot move the schedule earlier than the session.
  return last !== null && last < session.date ? session.date : last;
}

/** The next reminder of a session, or null when its follow-up is over. */
export function nextReminder(session: AdviceSession, options: ReminderOptions = {}): Reminder | null {
  if (isTerminal(session.followUp.status)) return null;
  const offsets = normaliseOffsets(options.offsetsMonths);
  const done = session.followUp.contacts.length;
  if (done >= offsets.length) return null;
  const last = lastContactDate(session);
  const anchorDate = done === 0 || last === null ? session.date : last;
  const months = done === 0 ? offsets[0]! : offsets[done]! - offsets[done - 1]!;
  return {
    sessionId: session.id,
    insee: session.insee,
    dueDate: addMonths(anchorDate, months),
    step: done + 1,
    steps: offsets.length,
    anchor: done === 0 ? 'session' : 'contact',
    anchorDate,
    status: session.followUp.status,
  };
}

export type ReminderBucket = 'overdue' | 'today' | 'thisWeek' | 'later';

export const REMINDER_BUCKET_LABELS: Record<ReminderBucket, string> = {
  overdue: 'en retard',
  today: "aujourd'hui",
  thisWeek: 'dans les 7 prochains jours',
  later: 'plus tard',
};

/** "This week" is the next 7 days (today excluded), not the calendar week: Friday still shows Monday's calls. */
export function bucketOf(dueDate: string, today: string): ReminderBucket {
  if (dueDate < today) return 'overdue';
  if (dueDate === today) return 'today';
  return dueDate <= addDays(today, 7) ? 'thisWeek' : 'later';
}

export interface QueueItem extends Reminder {
  bucket: ReminderBucket;
  /** Days past the due date (0 when not late). */
  daysLate: number;
}

export interface ReminderQueue {
  /** Every pending reminder, most urgent first (then by session date, then id, for a stable order). */
  items: QueueItem[];
  overdue: number;
  today: number;
  thisWeek: number;
  later: number;
  /** Due on or before today: what the adviser has to do now. */
  due: number;
}

export function reminderQueue(
  sessions: readonly AdviceSession[],
  today: string,
  options: ReminderOptions = {},
): ReminderQueue {
  const items: QueueItem[] = [];
  const counts = { overdue: 0, today: 0, thisWeek: 0, later: 0 };
  for (const session of sessions) {
    const reminder = nextReminder(session, options);
    if (!reminder) continue;
    const bucket = bucketOf(reminder.dueDate, today);
    counts[bucket]++;
    items.push({ ...reminder, bucket, daysLate: Math.max(0, daysBetween(reminder.dueDate, today)) });
  }
  items.sort(
    (a, b) =>
      a.dueDate.localeCompare(b.dueDate) ||
      a.anchorDate.localeCompare(b.anchorDate) ||
      a.sessionId.localeCompare(b.sessionId),
  );
  return { items, ...counts, due: counts.overdue + counts.today };
}

/** Reminders due on or before `asOf` (overdue included). */
export function countDueReminders(
  sessions: readonly AdviceSession[],
  asOf: string,
  options: ReminderOptions = {},
): number {
  let due = 0;
  for (const session of sessions) {
    const reminder = nextReminder(session, options);
    if (reminder && reminder.dueDate <= asOf) due++;
  }
  return due;
}
