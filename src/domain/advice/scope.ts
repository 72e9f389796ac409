/**
 * Which sessions each advice figure counts, under the one period rule (domain/period.ts):
 * - sessions delivered: the sessions of the chosen scope (contract period up to the data date by default);
 * - conversion rate: the mature sessions of the same scope — unless the contract period holds no mature
 *   session at all (a young contract, or an archive predating it): then the rate is computed over every
 *   session, and says so. The fallback is decided once for the whole territory, so the headline, the EPCI
 *   and the commune figures always rest on the same sessions.
 */
import { type ContractPeriod, filterPeriod, type PeriodScope } from '../period.ts';
import { type ConversionOptions, isMature } from './conversion.ts';
import type { AdviceSession } from './types.ts';

export interface AdvicePeriod {
  contract: ContractPeriod;
  scope: PeriodScope;
}

export interface AdvicePools {
  scope: PeriodScope;
  /** Sessions counted as delivered. */
  counted: readonly AdviceSession[];
  /** Sessions the conversion rate is computed on (mature ones form its denominator). */
  conversion: readonly AdviceSession[];
  conversionScope: PeriodScope;
  /** True when the contract period had no mature session and the rate fell back to every session. */
  conversionFallback: boolean;
}

export function advicePools(
  sessions: readonly AdviceSession[],
  period: AdvicePeriod | undefined,
  options: ConversionOptions,
): AdvicePools {
  if (!period || period.scope === 'all')
    return {
      scope: 'all',
      counted: sessions,
      conversion: sessions,
      conversionScope: 'all',
      conversionFallback: false,
    };
  const counted = filterPeriod(sessions, (s) => s.date, 'contract', period.contract, options.asOf);
  const anyMature = counted.some((s) => isMature(s, options));
  return anyMature || !sessions.some((s) => isMature(s, options))
    ? {
        scope: 'contract',
        counted,
        conversion: counted,
        conversionScope: 'contract',
        conversionFallback: false,
      }
    : { scope: 'contract', counted, conversion: sessions, conversionScope: 'all', conversionFallback: true };
}

/** French scope note of the conversion rate, e.g. « toutes dates : aucun conseil mûr dans la période du contrat ». */
export function conversionScopeNote(
  pools: Pick<AdvicePools, 'conversionScope' | 'conversionFallback'>,
): string {
  if (pools.conversionFallback)
    return 'toutes dates : aucun conseil arrivé à maturité dans la période du contrat, taux calculé sur tous les conseils importés';
  return pools.conversionScope === 'contract' ? 'dans la période du contrat' : 'toutes dates';
}
