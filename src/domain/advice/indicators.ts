/**
 * Reporting: sessions delivered against the contract's linear trajectory, and per-commune / per-EPCI tables
 * ready for a choropleth (one row per territory commune, zeros included).
 */
import type { CommuneProps, ContractConfig } from '../territory/types.ts';
import { type ConversionOptions, type ConversionStats, conversionBy, conversionStats } from './conversion.ts';
import { daysBetween, lastDayOfMonth, monthOf, monthRange } from './dates.ts';
import { type AdvicePeriod, type AdvicePools, advicePools } from './scope.ts';
import type { AdviceSession } from './types.ts';

/** Options of the tables: without `period`, every session counts (all dates). */
type TableOptions = ConversionOptions & { period?: AdvicePeriod };

type Contract = Pick<ContractConfig, 'start' | 'end'> & {
  targets: Pick<ContractConfig['targets'], 'adviceSessions' | 'adviceConversionRate'>;
};

/**
 * Sessions the linear trajectory expects by the end of `date` (0 before the start, the target after the
 * end). Counted in days so contracts that do not start on the 1st are handled.
 */
export function trajectoryAt(date: string, contract: Contract): number {
  const total = daysBetween(contract.start, contract.end) + 1;
  const elapsed = Math.min(Math.max(daysBetween(contract.start, date) + 1, 0), total);
  return (contract.targets.adviceSessions * elapsed) / total;
}

export interface MonthlyProgressRow {
  /** `yyyy-mm`. */
  month: string;
  /** Sessions recorded that month (null for months after `asOf`). */
  sessions: number | null;
  /** Cumulative sessions since the contract start at the end of the month (null after `asOf`). */
  cumulative: number | null;
  /** Cumulative sessions the linear trajectory expects at the end of the month (one decimal). */
  trajectory: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Every month of the contract, so the chart's x axis is the whole contract from the first day. */
export function monthlyProgress(
  sessions: readonly AdviceSession[],
  contract: Contract,
  asOf: string,
): MonthlyProgressRow[] {
  const perMonth = new Map<string, number>();
  for (const s of sessions) {
    if (s.date < contract.start || s.date > contract.end || s.date > asOf) continue;
    perMonth.set(monthOf(s.date), (perMonth.get(monthOf(s.date)) ?? 0) + 1);
  }
  let cumulative = 0;
  return monthRange(contract.start, contract.end).map((month) => {
    // trajectoryAt clamps to the contract end, so the last (possibly partial) month reaches the target.
    const trajectory = round1(trajectoryAt(lastDayOfMonth(month), contract));
    if (month > monthOf(asOf)) return { month, sessions: null, cumulative: null, trajectory };
    const n = perMonth.get(month) ?? 0;
    cumulative += n;
    return { month, sessions: n, cumulative, trajectory };
  });
}

export interface DeliverySummary {
  /** Sessions of the chosen scope (contract period up to `asOf` by default). */
  delivered: number;
  target: number;
  /** What the linear trajectory expects on `asOf` (one decimal). */
  expected: number;
  /** delivered − expected (negative: behind schedule). */
  gap: number;
  /** delivered ÷ target. */
  progress: number;
  /** Sessions dated before the contract start or after its end (shown, not counted in the contract scope). */
  outsideContract: number;
  conversion: ConversionStats;
  conversionTarget: number;
  /** Scope of `delivered` and of the conversion rate (see scope.ts for the conversion fallback). */
  pools: Omit<AdvicePools, 'counted' | 'conversion'>;
}

export function deliverySummary(
  sessions: readonly AdviceSession[],
  contract: Contract,
  options: ConversionOptions & { scope?: AdvicePeriod['scope'] },
): DeliverySummary {
  const { asOf } = options;
  let outsideContract = 0;
  for (const s of sessions) if (s.date < contract.start || s.date > contract.end) outsideContract++;
  const pools = advicePools(sessions, { contract, scope: options.scope ?? 'contract' }, options);
  const delivered = pools.counted.length;
  const expected = round1(trajectoryAt(asOf, contract));
  return {
    delivered,
    target: contract.targets.adviceSessions,
    expected,
    gap: round1(delivered - expected),
    progress: delivered / contract.targets.adviceSessions,
    outsideContract,
    conversion: conversionStats(pools.conversion, options),
    conversionTarget: contract.targets.adviceConversionRate,
    pools: {
      scope: pools.scope,
      conversionScope: pools.conversionScope,
      conversionFallback: pools.conversionFallback,
    },
  };
}

export interface CommuneIndicatorRow {
  insee: string;
  name: string;
  epciSiren: string;
  population: number;
  sessions: number;
  /** Sessions per 1,000 inhabitants (null when the population is unknown/zero). */
  sessionsPer1000: number | null;
  mature: number;
  withWorks: number;
  conversionRate: number | null;
  unknownShare: number | null;
  /** Fewer than 5 mature sessions: the map must not colour this rate as if it were reliable. */
  smallSample: boolean;
}

type CommuneRef = Pick<CommuneProps, 'insee' | 'name' | 'epciSiren' | 'population'>;

type Metrics = Omit<CommuneIndicatorRow, 'insee' | 'name' | 'epciSiren' | 'population'>;

function metrics(counted: ConversionStats, conversion: ConversionStats, population: number): Metrics {
  return {
    sessions: counted.sessions,
    sessionsPer1000: population > 0 ? (counted.sessions * 1000) / population : null,
    mature: conversion.denominator,
    withWorks: conversion.numerator,
    conversionRate: conversion.rate,
    unknownShare: conversion.unknownShare,
    smallSample: conversion.smallSample,
  };
}

/** Sessions counted and conversion per group, both under the same period rule as the headline. */
function groupMetrics(
  sessions: readonly AdviceSession[],
  keyOf: (s: AdviceSession) => string | null | undefined,
  keys: readonly string[],
  options: TableOptions,
): (key: string, population: number) => Metrics {
  const pools = advicePools(sessions, options.period, options);
  const counted = conversionBy(pools.counted, keyOf, { ...options, keys });
  const conversion = conversionBy(pools.conversion, keyOf, { ...options, keys });
  return (key, population) => metrics(counted.get(key)!, conversion.get(key)!, population);
}

/** One row per commune of the territory, in the given order; sessions in other communes are ignored. */
export function communeIndicators(
  sessions: readonly AdviceSession[],
  communes: readonly CommuneRef[],
  options: TableOptions,
): CommuneIndicatorRow[] {
  const of = groupMetrics(
    sessions,
    (s) => s.insee,
    communes.map((c) => c.insee),
    options,
  );
  return communes.map((c) => ({
    insee: c.insee,
    name: c.name,
    epciSiren: c.epciSiren,
    population: c.population,
    ...of(c.insee, c.population),
  }));
}

export interface EpciIndicatorRow extends Metrics {
  siren: string;
  name: string;
  population: number;
}

/** Same indicators per EPCI; `epci` gives the order and names (e.g. TerritoryMeta.epci). */
export function epciIndicators(
  sessions: readonly AdviceSession[],
  communes: readonly CommuneRef[],
  epci: readonly { siren: string; name: string }[],
  options: TableOptions,
): EpciIndicatorRow[] {
  const epciOf = new Map(communes.map((c) => [c.insee, c.epciSiren]));
  const of = groupMetrics(
    sessions,
    (s) => epciOf.get(s.insee),
    epci.map((e) => e.siren),
    options,
  );
  return epci.map((e) => {
    const population = communes
      .filter((c) => c.epciSiren === e.siren)
      .reduce((sum, c) => sum + c.population, 0);
    return { siren: e.siren, name: e.name, population, ...of(e.siren, population) };
  });
}
