/**
 * The one rule for how a module's data is labelled (badge, dashboard headline, PNG, print sheets): sample,
 * the user's own, or both. « Both » is derived from the records themselves, never stored: each record's
 * origin (sample / file / user, `recordOrigin`) is its own `origin` when it has one (sample records kept
 * under a file's import, see `markSampleRecords`), else what the module's source and the record's make-up
 * say (a typed advice session has no file row, a drawn or typed site has row 0). So old saved workspaces
 * and project files need no new field to be labelled truthfully.
 */
import type { AdviceSession } from '../domain/advice/types.ts';
import type { Brownfield } from '../domain/friches/types.ts';
import type { LightPoint } from '../domain/lights/types.ts';
import type { RecordOrigin } from '../domain/origin.ts';
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

const SAMPLE_SOURCE: SampleSource = { kind: 'sample', label: "Données d'exemple" };

/** A record's origin: its own `origin`, else typed in the app → user, else the module's source. */
export function recordOrigin(
  record: { origin?: RecordOrigin | undefined },
  source: DataSource | null,
  typed: boolean,
): RecordOrigin {
  if (record.origin) return record.origin;
  if (typed) return 'user';
  if (source?.kind === 'sample') return 'sample';
  return source?.kind === 'import' ? 'file' : 'user';
}

/** Sample records + the user's (file or typed): sample alone, mixed, or the module's source. */
export function shownFromOrigins(
  source: DataSource | null,
  sampleCount: number,
  userCount: number,
): ShownSource | null {
  if (sampleCount > 0 && userCount > 0) return { kind: 'mixed', userCount };
  if (sampleCount > 0) return source?.kind === 'sample' ? source : SAMPLE_SOURCE;
  return shownSource(source, source?.kind === 'sample' ? userCount : 0);
}

/**
 * Before a file's records join the sample (« Ajouter », « Mettre à jour par identifiant »), the sample
 * records that stay get `origin: 'sample'`: the module's source becomes the file's, and they must still be
 * told from the file's records (badges, headlines, « Retirer les données d'exemple »).
 */
export function markSampleRecords<R extends object>(
  records: readonly R[],
  isSample: (record: R) => boolean,
): R[] {
  let marked = false;
  const out = records.map((r) => {
    if ((r as { origin?: RecordOrigin }).origin !== undefined || !isSample(r)) return r;
    marked = true;
    return { ...r, origin: 'sample' } as R;
  });
  return marked ? out : [...records];
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

function shownOf<R extends { origin?: RecordOrigin | undefined }>(
  records: readonly R[],
  source: DataSource | null,
  typed: (r: R) => boolean,
): ShownSource | null {
  let sample = 0;
  let user = 0;
  for (const r of records) {
    if (recordOrigin(r, source, typed(r)) === 'sample') sample++;
    else user++;
  }
  return shownFromOrigins(source, sample, user);
}

const notTyped = () => false;
const adviceShown = memoLast((sessions: AdviceSession[], source: DataSource | null) =>
  shownOf(sessions, source, isUserAdviceSession),
);
const frichesShown = memoLast((sites: Brownfield[], source: DataSource | null) =>
  shownOf(sites, source, isUserSite),
);
// Street lights have no record made in the app (edits change sample points, which stay fictional).
const lightsShown = memoLast((points: LightPoint[], source: DataSource | null) =>
  shownOf(points, source, notTyped),
);

/** Origin of each module's record, by the module's own make-up rule (for drops and exports). */
export const adviceOrigin = (s: AppState, session: AdviceSession): RecordOrigin =>
  recordOrigin(session, s.adviceSource, isUserAdviceSession(session));
export const siteOrigin = (s: AppState, site: Brownfield): RecordOrigin =>
  recordOrigin(site, s.frichesSource, isUserSite(site));
export const lightOrigin = (s: AppState, point: LightPoint): RecordOrigin =>
  recordOrigin(point, s.lightsSource, false);

/** Store selectors (stable results, memoised over the raw records). */
export const adviceShownSource = (s: AppState): ShownSource | null =>
  adviceShown(s.adviceSessions, s.adviceSource);
export const frichesShownSource = (s: AppState): ShownSource | null =>
  frichesShown(s.frichesSites, s.frichesSource);
export const lightsShownSource = (s: AppState): ShownSource | null =>
  lightsShown(s.lightPoints, s.lightsSource);
