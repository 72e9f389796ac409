/** The headless summary (`atlas advice <file> --json`): a public contract, field names fixed by issue 5. */
import { type ConversionOptions, conversionBy, conversionStats } from './conversion.ts';
import { countDueReminders, type ReminderOptions } from './reminders.ts';
import type { AdviceSession } from './types.ts';

export interface AdviceCommuneCounts {
  sessions: number;
  mature: number;
  withWorks: number;
}

export interface AdviceSummary {
  sessions: number;
  mature: number;
  withWorks: number;
  /** withWorks ÷ mature, as a fraction 0–1; null without mature sessions. */
  conversionRate: number | null;
  /** Reminders due on or before the reference date (overdue included). */
  dueReminders: number;
  /** Communes with at least one session, by INSEE code in ascending order. */
  byCommune: Record<string, AdviceCommuneCounts>;
}

export function summarizeAdvice(
  sessions: readonly AdviceSession[],
  options: ConversionOptions & ReminderOptions,
): AdviceSummary {
  const total = conversionStats(sessions, options);
  const perCommune = conversionBy(sessions, (s) => s.insee, options);
  const byCommune: Record<string, AdviceCommuneCounts> = {};
  for (const insee of [...perCommune.keys()].sort()) {
    const c = perCommune.get(insee)!;
    byCommune[insee] = { sessions: c.sessions, mature: c.denominator, withWorks: c.numerator };
  }
  return {
    sessions: total.sessions,
    mature: total.denominator,
    withWorks: total.numerator,
    conversionRate: total.rate,
    dueReminders: countDueReminders(sessions, options.asOf, options),
    byCommune,
  };
}
