/**
 * The one rule for how a module's data is labelled (badge, dashboard headline, PNG, print sheets): sample,
 * the user's own, or both. « Both » is derived from the records themselves, never stored: the sample's
 * source stays in the workspace as it was loaded, and the records the user added on top of it are told
 * apart by how they were made (a typed advice session has no file row, a drawn or typed site has row 0).
 * So old saved workspaces and project files need no new field to be labelled truthfully.
 */
import type { AdviceSession } from '../domain/advice/types.ts';
import type { Brownfield } from '../domain/friches/types.ts';
import { memoLast } from '../lib/memo.ts';
import type { DataSource } from './persist.ts';
import type { AppState } from './store.ts';

export type SampleSource = Extract<DataSource, { kind: 'sample' }>;

/** What a figure is labelled with: a source as stored, or the sample with the user's records on top. */
export type ShownSource =
  | DataSource
  /** `userCount`: the user's records in a module; absent when datasets of different origins are combined. */
  | { kind: 'mixed'; userCount?: number };

export const SAMPLE_LABEL = 'Données d’exemple';
export const MIXED_LABEL = 'Exemple + vos données';

/** A session typed in the app (not read from a file: no source row). */
export const isUserAdviceSession = (session: AdviceSession): boolean => session.sourceRow === undefined;
/** A site drawn or typed in the app (sites read from a file carry their row, header = row 1). */
export const isUserSite = (site: Brownfield): boolean => site.row === 0;

/** The sample with `userCount` records of the user's on top is « mixed »; any other source is shown as is. */
export function shownSource(source: DataSource | null, userCount: number): ShownSource | null {
  if (source?.kind === 'sample' && userCount > 0) return { kind: 'mixed', userCount };
  return source;
}

/** Figures combining several datasets: all sample → sample; sample and real data → mixed; else the first. */
export function combineSources(sources: readonly (ShownSource | null)[]): ShownSource | null {
  const known = sources.filter((s): s is ShownSource => s !== null);
  const sample = known.find((s) => s.kind === 'sample');
  if (known.length > 0 && known.every((s) => s.kind === 'sample')) return sample!;
  if (known.some((s) => s.kind === 'sample' || s.kind === 'mixed')) return { kind: 'mixed' };
  return known[0] ?? null;
}

/** The warning exports carry (title band of a PNG, print sheet): null for the user's own data. */
export function sampleWarning(source: ShownSource | null | undefined): string | null {
  if (source?.kind === 'sample') return SAMPLE_LABEL;
  if (source?.kind === 'mixed') return MIXED_LABEL;
  return null;
}

const countOf = <R>(records: readonly R[], isUser: (r: R) => boolean): number => {
  let n = 0;
  for (const r of records) if (isUser(r)) n++;
  return n;
};

const adviceShown = memoLast((sessions: AdviceSession[], source: DataSource | null) =>
  shownSource(source, source?.kind === 'sample' ? countOf(sessions, isUserAdviceSession) : 0),
);
const frichesShown = memoLast((sites: Brownfield[], source: DataSource | null) =>
  shownSource(source, source?.kind === 'sample' ? countOf(sites, isUserSite) : 0),
);

/** Store selectors (stable results, memoised over the raw records). */
export const adviceShownSource = (s: AppState): ShownSource | null =>
  adviceShown(s.adviceSessions, s.adviceSource);
export const frichesShownSource = (s: AppState): ShownSource | null =>
  frichesShown(s.frichesSites, s.frichesSource);
/** Street lights have no record made in the app (edits change sample points, which stay fictional). */
export const lightsShownSource = (s: AppState): ShownSource | null => s.lightsSource;
