/**
 * The headless summary (`atlas advice <file> --json`): a public contract, field names fixed by issue 5, and
 * the period rule of issue 16 — the same pools as the dashboard (scope.ts), so the CLI's figures are the
 * panel's, with the scope said in `period` and `conversionScope`.
 */
import { type ContractPeriod, DEFAULT_PERIOD_SCOPE, type PeriodScope, periodLabel } from '../period.ts';
import { type ConversionOptions, conversionBy, conversionStats } from './conversion.ts';
import { countDueReminders, type ReminderOptions } from './reminders.ts';
import { advicePools, conversionScopeNote } from './scope.ts';
import type { AdviceSession } from './types.ts';

export interface AdviceCommuneCounts {
  sessions: number;
  mature: number;
  withWorks: number;
}

export interface AdviceSummary {
  /** Sessions counted in `period`. */
  sessions: number;
  /** Mature sessions / with works of the conversion pool (`conversionScope`). */
  mature: number;
  withWorks: number;
  /** withWorks ÷ mature, as a fraction 0–1; null without mature sessions. */
  conversionRate: number | null;
  /** Reminders due on or before the reference date (overdue included), whatever the session's date. */
  dueReminders: number;
  /** Communes with at least one session, by INSEE code in ascending order (same scopes as above). */
  byCommune: Record<string, AdviceCommuneCounts>;
  /** « dans la période du contrat » (default) or « toutes dates ». */
  period: string;
  /** Scope of the conversion rate: the period's, or « toutes dates : … » when the period has no mature session. */
  conversionScope: string;
}

export function summarizeAdvice(
  sessions: readonly AdviceSession[],
  options: ConversionOptions & ReminderOptions & { contract: ContractPeriod; scope?: PeriodScope },
): AdviceSummary {
  const scope = options.scope ?? DEFAULT_PERIOD_SCOPE;
  const pools = advicePools(sessions, { contract: options.contract, scope }, options);
  const total = conversionStats(pools.conversion, options);
  const counted = conversionBy(pools.counted, (s) => s.insee, options);
  const converted = conversionBy(pools.conversion, (s) => s.insee, options);
  const byCommune: Record<string, AdviceCommuneCounts> = {};
  for (const insee of [...new Set([...counted.keys(), ...converted.keys()])].sort()) {
    const c = converted.get(insee);
    byCommune[insee] = {
      sessions: counted.get(insee)?.sessions ?? 0,
      mature: c?.denominator ?? 0,
      withWorks: c?.numerator ?? 0,
    };
  }
  return {
    sessions: pools.counted.length,
    mature: total.denominator,
    withWorks: total.numerator,
    conversionRate: total.rate,
    dueReminders: countDueReminders(sessions, options.asOf, options),
    byCommune,
    period: periodLabel(scope),
    conversionScope: conversionScopeNote(pools),
  };
}
