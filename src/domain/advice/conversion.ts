/**
 * Conversion rate (taux de passage à l'acte): sessions whose follow-up shows works engaged or done, divided
 * by the sessions old enough to be judged. Recent sessions are left out of the denominator — counting them
 * would make the rate fall every time advisers work more.
 */
import { addMonths } from './dates.ts';
import { type AdviceSession, isConverted, isOutcomeUnknown } from './types.ts';

export const DEFAULT_MATURITY_MONTHS = 6;
export const SMALL_SAMPLE_THRESHOLD = 5;

export interface MaturityOptions {
  /** Reference date (ISO). */
  asOf: string;
  /** A session is mature when it is at least this many months old on `asOf` (default 6). */
  maturityMonths?: number;
}

export interface ConversionOptions extends MaturityOptions {
  /** Below this many mature sessions the rate is flagged as unreliable (default 5). */
  smallSampleThreshold?: number;
}

export interface ConversionStats {
  /** All sessions of the group, mature or not. */
  sessions: number;
  /** Mature sessions with works engaged or done. */
  numerator: number;
  /** Mature sessions. */
  denominator: number;
  /** numerator ÷ denominator, null when there is no mature session. */
  rate: number | null;
  /** Mature sessions still « à relancer » or « sans réponse ». */
  unknown: number;
  unknownShare: number | null;
  /** Fewer mature sessions than the threshold: show the rate, but never without this warning. */
  smallSample: boolean;
}

/** Latest session date that counts as mature on `asOf`: exactly N months old is mature. */
export function maturityCutoff(options: MaturityOptions): string {
  return addMonths(options.asOf, -(options.maturityMonths ?? DEFAULT_MATURITY_MONTHS));
}

export function isMature(session: Pick<AdviceSession, 'date'>, options: MaturityOptions): boolean {
  return session.date <= maturityCutoff(options);
}

interface Tally {
  sessions: number;
  numerator: number;
  denominator: number;
  unknown: number;
}

const emptyTally = (): Tally => ({ sessions: 0, numerator: 0, denominator: 0, unknown: 0 });

function add(tally: Tally, session: AdviceSession, cutoff: string): void {
  tally.sessions++;
  if (session.date > cutoff) return;
  tally.denominator++;
  if (isConverted(session.followUp.status)) tally.numerator++;
  else if (isOutcomeUnknown(session.followUp.status)) tally.unknown++;
}

function finish(tally: Tally, threshold: number): ConversionStats {
  const d = tally.denominator;
  return {
    ...tally,
    rate: d > 0 ? tally.numerator / d : null,
    unknownShare: d > 0 ? tally.unknown / d : null,
    smallSample: d < threshold,
  };
}

export function conversionStats(
  sessions: readonly AdviceSession[],
  options: ConversionOptions,
): ConversionStats {
  const cutoff = maturityCutoff(options);
  const tally = emptyTally();
  for (const s of sessions) add(tally, s, cutoff);
  return finish(tally, options.smallSampleThreshold ?? SMALL_SAMPLE_THRESHOLD);
}

/**
 * Conversion per group. `keyOf` returning null leaves a session out (e.g. a commune outside the territory);
 * `keys` adds groups with no session so tables and maps list every commune.
 */
export function conversionBy(
  sessions: readonly AdviceSession[],
  keyOf: (session: AdviceSession) => string | null | undefined,
  options: ConversionOptions & { keys?: readonly string[] },
): Map<string, ConversionStats> {
  const cutoff = maturityCutoff(options);
  const tallies = new Map<string, Tally>((options.keys ?? []).map((k) => [k, emptyTally()]));
  for (const session of sessions) {
    const key = keyOf(session);
    if (key === null || key === undefined) continue;
    let tally = tallies.get(key);
    if (!tally) {
      tally = emptyTally();
      tallies.set(key, tally);
    }
    add(tally, session, cutoff);
  }
  const threshold = options.smallSampleThreshold ?? SMALL_SAMPLE_THRESHOLD;
  return new Map([...tallies].map(([key, tally]) => [key, finish(tally, threshold)]));
}

export function conversionByCommune(
  sessions: readonly AdviceSession[],
  options: ConversionOptions & { communes?: readonly string[] },
): Map<string, ConversionStats> {
  return conversionBy(sessions, (s) => s.insee, { ...options, keys: options.communes });
}

/** `epciOf` maps an INSEE code to its EPCI SIREN (sessions in unknown communes are left out). */
export function conversionByEpci(
  sessions: readonly AdviceSession[],
  epciOf: ReadonlyMap<string, string>,
  options: ConversionOptions,
): Map<string, ConversionStats> {
  return conversionBy(sessions, (s) => epciOf.get(s.insee), {
    ...options,
    keys: [...new Set(epciOf.values())],
  });
}
