/**
 * The one period rule of the contract indicators. Every headline, breakdown, map, legend, export and CLI
 * output counts records in one scope and says which:
 * - `contract` (default): records dated inside the contract period, bounds included, and not after the data
 *   date when one is given — what counts toward the contract's targets;
 * - `all`: every record, whatever its date (undated records included).
 * Modules filter with `inPeriod` and print `periodLabel`, so two panels can never disagree on the rule.
 */
import type { ContractConfig } from './territory/types.ts';

export type PeriodScope = 'contract' | 'all';

export const PERIOD_SCOPES: readonly PeriodScope[] = ['contract', 'all'];

export const DEFAULT_PERIOD_SCOPE: PeriodScope = 'contract';

export type ContractPeriod = Pick<ContractConfig, 'start' | 'end'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a record dated `date` (yyyy-mm-dd) is counted in `scope`. In the contract scope an undated or
 * malformed date never counts, nor a date after `asOf` (a record typed ahead of time is not yet delivered).
 */
export function inPeriod(
  date: string | null | undefined,
  scope: PeriodScope,
  contract: ContractPeriod,
  asOf?: string,
): boolean {
  if (scope === 'all') return true;
  if (!date || !ISO_DATE.test(date)) return false;
  if (date < contract.start || date > contract.end) return false;
  return asOf === undefined || date <= asOf;
}

/** The contract rule alone (no data date): bounds included, undated never counts. */
export function isInContractPeriod(date: string | null | undefined, contract: ContractPeriod): boolean {
  return inPeriod(date, 'contract', contract);
}

/** Records of `items` counted in `scope`. */
export function filterPeriod<T>(
  items: readonly T[],
  dateOf: (item: T) => string | null | undefined,
  scope: PeriodScope,
  contract: ContractPeriod,
  asOf?: string,
): T[] {
  if (scope === 'all') return items.slice();
  return items.filter((item) => inPeriod(dateOf(item), scope, contract, asOf));
}

/** French scope phrase printed next to every figure: « dans la période du contrat » / « toutes dates ». */
export function periodLabel(scope: PeriodScope): string {
  return scope === 'contract' ? 'dans la période du contrat' : 'toutes dates';
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** `2025-01-01` → « 1er janvier 2025 » (messages never show ISO dates). */
export function longFrenchDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/**
 * The scope phrase with its dates, for legends, exports and the CLI:
 * « dans la période du contrat (du 1er janvier 2025 au 31 décembre 2027) » / « toutes dates ».
 */
export function periodDescription(scope: PeriodScope, contract: ContractPeriod): string {
  if (scope === 'all') return periodLabel(scope);
  return `${periodLabel(scope)} (du ${longFrenchDate(contract.start)} au ${longFrenchDate(contract.end)})`;
}

/** Parses a CLI / URL value (`contract`, `all`, or the French phrases); null when unknown. */
export function parsePeriodScope(value: string | null | undefined): PeriodScope | null {
  const v = (value ?? '').trim().toLowerCase();
  if (v === 'contract' || v === 'contrat' || v === periodLabel('contract')) return 'contract';
  if (v === 'all' || v === 'tout' || v === periodLabel('all')) return 'all';
  return null;
}
