import type { AdviceSession } from '../../domain/advice/types.ts';
import type { Brownfield } from '../../domain/friches/types.ts';
import { type ImportMode, type ImportPlan, planImport, recordFingerprint } from '../../domain/importModes.ts';
import { lightFingerprint } from '../../domain/lights/identifiers.ts';
import type { LightPoint } from '../../domain/lights/types.ts';
import type { RecordOrigin } from '../../domain/origin.ts';
import type { PcaetValue } from '../../domain/pcaet/types.ts';
import { valueKey } from '../../domain/pcaet/validate.ts';
import type { ImportModule } from '../../state/importHistorySlice.ts';
import type { DataSource } from '../../state/persist.ts';
import { adviceOrigin, lightOrigin, markSampleRecords, siteOrigin } from '../../state/sourceState.ts';
import { type AppState, useAppStore } from '../../state/store.ts';

/**
 * How one module takes part in the import modes (« Remplacer », « Ajouter », « Mettre à jour par
 * identifiant »): where its records are, how they are identified and compared, how they are written. The
 * import dialog previews `planImport` over them and validation applies exactly that plan (applyImportPlan).
 */
// Method signatures (bivariant): a module's target is usable where the dialog only knows `unknown` records.
export interface ImportTarget<V, R> {
  module: ImportModule;
  /** Unit of the counts, singular and plural. */
  unit: readonly [string, string];
  /** The records the file brings (the module's mapping result). */
  incoming(value: V): readonly R[];
  /** The file has identifiers of its own: « Mettre à jour par identifiant » is offered, and is the default. */
  fileHasIds(value: V): boolean;
  current(state: AppState): readonly R[];
  /** The module shows sample data: « Remplacer » comes first (real data is not merged into made-up data). */
  isSample(state: AppState): boolean;
  idOf(record: R): string;
  fingerprintOf(record: R): string;
  /** `fingerprintOf` of each incoming record, when the import already computed them (see planImport). */
  incomingFingerprints?(value: V): readonly string[] | undefined;
  /** Records that even « Remplacer » keeps (see planImport). */
  keep?(record: R): boolean;
  /** What `keep` protects, for the preview: « conseils saisis dans l’application ». */
  keptLabel?: string;
  /**
   * Over sample data only « Remplacer » is offered: the module cannot tell fictional and real records apart
   * once mixed (friches context layers carry their « exemple fictif » label per layer, not per feature).
   */
  replaceOnlyOverSample?: boolean;
  /** Why a file line is not added in « Ajouter » (default: its identifier is already present). */
  skippedReason?: string;
  /** Why « Mettre à jour par identifiant » is not offered, when the module's files never have identifiers. */
  noIdsReason?: string;
  /**
   * A current record's origin (src/state/sourceState.ts): sample records kept under the file's import are
   * marked as such when written, so badges and « Retirer les données d'exemple » still find them.
   */
  originOf?(state: AppState, record: R): RecordOrigin;
  /** Writes the records; returns how to put back what was there (« Annuler le dernier import »). */
  write(records: R[], source: DataSource): () => void;
}

/** Identifiers of the two sides: in « Ajouter » or « Remplacer » a file without identifiers gets new ones. */
export function planFor<V, R>(target: ImportTarget<V, R>, value: V, mode: ImportMode): ImportPlan<R> {
  const state = useAppStore.getState();
  const base = state.importBases[target.module];
  const prints = target.incomingFingerprints?.(value);
  return planImport({
    mode,
    current: target.current(state),
    incoming: target.incoming(value),
    idOf: (r) => target.idOf(r),
    fingerprintOf: (r) => target.fingerprintOf(r),
    base: base ? new Map(Object.entries(base)) : null,
    ...(prints ? { incomingPrints: prints } : {}),
    ...(target.keep ? { keep: (r: R) => target.keep!(r) } : {}),
  });
}

/**
 * The modes a file allows, default first: merging needs the file's own identifiers, and is the default
 * unless the module is empty or shows sample data.
 */
export function modesFor<V, R>(target: ImportTarget<V, R>, value: V): ImportMode[] {
  const modes: ImportMode[] = target.fileHasIds(value) ? ['merge', 'add', 'replace'] : ['add', 'replace'];
  const state = useAppStore.getState();
  if (target.replaceOnlyOverSample && target.isSample(state)) return ['replace'];
  return target.isSample(state) || target.current(state).length === 0
    ? ['replace', ...modes.filter((m) => m !== 'replace')]
    : modes;
}

/**
 * Applies a previewed plan all at once: the module's records become `plan.result`, the base snapshot takes
 * the file's fingerprints (over the previous ones: a record absent from this month's file keeps last
 * month's), and the previous records are kept for « Annuler le dernier import ».
 */
export function applyImportPlan<V, R>(
  target: ImportTarget<V, R>,
  plan: ImportPlan<R>,
  fileName: string,
): void {
  const state = useAppStore.getState();
  const baseBefore = state.importBases[target.module];
  const base: Record<string, string> =
    plan.mode === 'replace' ? {} : Object.fromEntries(Object.entries(baseBefore ?? {}));
  for (const [id, print] of plan.snapshot) base[id] = print;
  // The module's source becomes the file's: the current sample records that stay say so themselves.
  // (Only current records: the file's own records, under the sample's source until written, are not.)
  const current = new Set(target.current(state));
  const originOf = target.originOf;
  const records = originOf
    ? markSampleRecords(
        plan.result as (R & object)[],
        (r) => current.has(r) && originOf(state, r) === 'sample',
      )
    : plan.result;
  const restore = target.write(records, {
    kind: 'import',
    fileName,
    importedAt: new Date().toISOString(),
  });
  state.recordImport(target.module, base, {
    fileName,
    at: new Date().toISOString(),
    restore,
    after: target.current(useAppStore.getState()),
    baseBefore,
  });
}

/** Puts back a module's records (and source), without touching anything else of its state. */
function restoring(patch: Partial<AppState>): () => void {
  return () => useAppStore.setState(patch);
}

export const LIGHTS_TARGET: ImportTarget<
  { points: LightPoint[]; generatedIds?: boolean; fingerprints?: readonly string[] },
  LightPoint
> = {
  module: 'lights',
  unit: ['point lumineux', 'points lumineux'],
  incoming: (value) => value.points,
  // Generated identifiers come from the position (identifiers.ts): the same lamp gets the same id.
  fileHasIds: (value) => value.points.some((p) => !p.generatedId),
  current: (s) => s.lightPoints,
  isSample: (s) => s.lightsSource?.kind === 'sample',
  originOf: lightOrigin,
  idOf: (p) => p.id,
  fingerprintOf: lightFingerprint,
  // Computed by the import worker with the same rule (a million points: seconds of main thread otherwise).
  incomingFingerprints: (value) => value.fingerprints,
  write: (points, source) => {
    const { lightPoints, lightsSource } = useAppStore.getState();
    useAppStore.getState().replaceLights(points, source);
    return restoring({ lightPoints, lightsSource, lightsSelection: [], lightsUndo: [] });
  },
};

export const ADVICE_TARGET: ImportTarget<
  { sessions: AdviceSession[]; columns: { id?: string } },
  AdviceSession
> = {
  module: 'advice',
  unit: ['conseil', 'conseils'],
  incoming: (value) => value.sessions,
  fileHasIds: (value) => value.columns.id !== undefined,
  current: (s) => s.adviceSessions,
  isSample: (s) => s.adviceSource?.kind === 'sample',
  originOf: adviceOrigin,
  idOf: (session) => session.id,
  // The row of the file moves from one month's export to the next: not a change of the session.
  fingerprintOf: (session) => recordFingerprint(session, ['sourceRow']),
  // A session typed in the app has no source row: an adviser's file never erases it.
  keep: (session) => session.sourceRow === undefined,
  keptLabel: 'conseils saisis dans l’application',
  write: (sessions, source) => {
    const { adviceSessions, adviceSource } = useAppStore.getState();
    useAppStore.getState().replaceAdviceSessions(sessions, source);
    return restoring({ adviceSessions, adviceSource });
  },
};

export const FRICHES_TARGET: ImportTarget<{ sites: Brownfield[] }, Brownfield> = {
  module: 'friches',
  unit: ['site', 'sites'],
  incoming: (value) => value.sites,
  // `site_id` is mandatory in the CNIG standard: every inventory has identifiers.
  fileHasIds: (value) => value.sites.length > 0,
  current: (s) => s.frichesSites,
  isSample: (s) => s.frichesSource?.kind === 'sample',
  originOf: siteOrigin,
  idOf: (site) => site.id,
  // Row numbers and the raw cells as read are how the file was laid out, not what the site is.
  fingerprintOf: (site) => recordFingerprint(site, ['row', 'raw', 'flags']),
  write: (sites, source) => {
    const { frichesSites, frichesSource, frichesContext, frichesPins } = useAppStore.getState();
    useAppStore.getState().replaceFrichesSites(sites, source);
    return restoring({ frichesSites, frichesSource, frichesContext, frichesPins });
  },
};

export const PCAET_TARGET: ImportTarget<{ values: PcaetValue[] }, PcaetValue> = {
  module: 'pcaet',
  unit: ['valeur', 'valeurs'],
  incoming: (value) => value.values,
  // A value is identified by its slot (indicator, place, date, type): every file has identifiers.
  fileHasIds: (value) => value.values.length > 0,
  current: (s) => s.pcaetValues,
  isSample: () => false,
  idOf: valueKey,
  // The spreadsheet row moves from one file to the next: not a change of the value.
  fingerprintOf: (v) => recordFingerprint(v, ['sourceRow']),
  write: (values) => {
    const { pcaetValues } = useAppStore.getState();
    useAppStore.getState().setPcaetValues(values);
    return restoring({ pcaetValues });
  },
};
