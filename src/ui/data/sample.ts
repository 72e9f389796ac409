import { type AppState, useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { fetchGenerated } from './importService.ts';

/**
 * The one way the app loads a module's generated sample ("Données d'exemple"): each module says when it is
 * empty, how its sample is read and how it goes into the store; this helper does the rest the same way for all.
 *
 * - Never in team mode (the server's data only), and only once the saved workspace is restored (before that, "empty" may only mean "not restored yet") and only
 *   while the module has no data at all (nothing imported, typed or restored).
 * - Loaded once: the read sample is a memoised promise per territory, shared by concurrent callers (module
 *   panel and dashboard at start-up) and by later ones (module emptied again); a failed load is forgotten so
 *   that the next call retries. Store records are immutable, so handing the same sample out again is safe.
 * - If data arrives while the sample loads, the sample is dropped rather than written over it.
 */
export interface SampleSpec<T> {
  /** True while the module has no data of its own. */
  isEmpty: (state: AppState) => boolean;
  /** Reads and maps the sample files (no store write). */
  load: (territory: TerritoryData) => Promise<T>;
  /** Puts the read sample into the store (only called while the module is still empty). */
  apply: (sample: T, state: AppState) => void;
}

export function sampleLoader<T>(spec: SampleSpec<T>): () => Promise<void> {
  let loaded: { territory: TerritoryData; sample: Promise<T> } | null = null;
  let applying: Promise<void> | null = null;
  const read = (territory: TerritoryData): Promise<T> => {
    if (loaded?.territory !== territory) {
      const sample = spec.load(territory);
      loaded = { territory, sample };
      sample.catch(() => {
        if (loaded?.sample === sample) loaded = null;
      });
    }
    return loaded.sample;
  };
  return () => {
    if (applying) return applying;
    const state = useAppStore.getState();
    // Team mode shows the team's data only: an empty module there is empty on the server, not a demo.
    if (state.teamMode === 'team') return Promise.resolve();
    if (!state.workspaceReady || !state.territory || !spec.isEmpty(state)) return Promise.resolve();
    const run = read(state.territory)
      .then((sample) => {
        const now = useAppStore.getState();
        if (spec.isEmpty(now)) spec.apply(sample, now);
      })
      .finally(() => {
        if (applying === run) applying = null;
      });
    applying = run;
    return run;
  };
}

/** A sample's side file (`sample-*.meta.json`: seed, generation date…); an unreadable one reads as `{}`. */
export function fetchSampleMeta<M extends object>(name: string): Promise<Partial<M>> {
  return fetchGenerated(name)
    .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as Partial<M>)
    .catch(() => ({}));
}
