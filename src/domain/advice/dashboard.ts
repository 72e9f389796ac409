/** Everything the advice panels show, computed in one pass-friendly call (worker or main thread). */

import type { PeriodScope } from '../period.ts';
import type { CommuneProps, ContractConfig, EpciProps } from '../territory/types.ts';
import type { ConversionOptions } from './conversion.ts';
import {
  type CommuneIndicatorRow,
  communeIndicators,
  type DeliverySummary,
  deliverySummary,
  type EpciIndicatorRow,
  epciIndicators,
  type MonthlyProgressRow,
  monthlyProgress,
} from './indicators.ts';
import { type ReminderOptions, type ReminderQueue, reminderQueue } from './reminders.ts';
import type { AdviceSession } from './types.ts';

export interface AdviceDashboard {
  asOf: string;
  delivery: DeliverySummary;
  monthly: MonthlyProgressRow[];
  communes: CommuneIndicatorRow[];
  epci: EpciIndicatorRow[];
  queue: ReminderQueue;
}

export function adviceDashboard(
  sessions: readonly AdviceSession[],
  territory: {
    communes: readonly Pick<CommuneProps, 'insee' | 'name' | 'epciSiren' | 'population'>[];
    epci: readonly Pick<EpciProps, 'siren' | 'name'>[];
    contract: ContractConfig;
  },
  options: ConversionOptions & ReminderOptions & { scope?: PeriodScope },
): AdviceDashboard {
  const period = { contract: territory.contract, scope: options.scope ?? 'contract' };
  return {
    asOf: options.asOf,
    delivery: deliverySummary(sessions, territory.contract, options),
    monthly: monthlyProgress(sessions, territory.contract, options.asOf),
    communes: communeIndicators(sessions, territory.communes, { ...options, period }),
    epci: epciIndicators(sessions, territory.communes, territory.epci, { ...options, period }),
    queue: reminderQueue(sessions, options.asOf, options),
  };
}
