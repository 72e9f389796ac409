/**
 * Where the dashboard finds each module's data: the modules' slices, summarised by the engine's adapters.
 * Friches: scores come from the criteria matrix the friches module computes (shared cache, computed once)
 * and the ranking with the user's current weights, so the dashboard shows the friches screen's figures.
 */

import type { Brownfield, CriteriaMatrix } from '../../domain/friches/index.ts';
import { rankSites } from '../../domain/friches/scoring.ts';
import type { Pin } from '../../domain/friches/shortlist.ts';
import { brownfieldsInput } from '../../domain/indicators/adapters.ts';
import type { BrownfieldsInput } from '../../domain/indicators/types.ts';
import { memoLast } from '../../lib/memo.ts';
import { type FrichesWeights, frichesProfile } from '../../state/frichesSlice.ts';
import { frichesShownSource, type ShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { ensureAdviceSample } from '../advice/importAdvice.ts';
import { ensureFrichesSample } from '../friches/loadFriches.ts';
import { stabilityFor } from '../friches/matrixCache.ts';
import { useMatrixState } from '../friches/useFrichesAnalysis.ts';
import { ensureLightsSample } from '../lights/loadLights.ts';

export interface BrownfieldsState {
  /** null when the friches module has no data. */
  input: BrownfieldsInput | null;
  source: ShownSource | null;
  /** The criteria are still being computed: scores are not known yet (counts are). */
  computing: boolean;
}

const inputOf = memoLast(
  (
    sites: Brownfield[],
    matrix: CriteriaMatrix | null,
    weights: FrichesWeights,
    pins: Pin[],
  ): BrownfieldsInput => {
    const ranking = matrix ? rankSites(matrix, frichesProfile(weights)) : null;
    // The friches screen's stability (same cache); null while a large inventory's is being computed.
    const stability = matrix && pins.length > 0 ? stabilityFor(matrix, weights) : null;
    return brownfieldsInput(sites, matrix, ranking, pins, stability);
  },
);

export function useBrownfieldsInput(): BrownfieldsState {
  const active = useAppStore((s) => s.module === 'dashboard');
  const source = useAppStore(frichesShownSource);
  const weights = useAppStore((s) => s.frichesWeights);
  const pins = useAppStore((s) => s.frichesPins);
  const loaded = useAppStore((s) => s.frichesSource !== null || s.frichesSites.length > 0);
  const { sites, state } = useMatrixState(active && loaded);
  if (!loaded) return { input: null, source, computing: false };
  const matrix = state.status === 'ready' && state.matrix.siteCount === sites.length ? state.matrix : null;
  return {
    input: inputOf(sites, matrix, weights, pins),
    source,
    computing: active && matrix === null && state.status !== 'error',
  };
}

/**
 * Loads each module's sample when that module has nothing (the rule every module follows on its own
 * screen), so a dashboard opened first is not empty. Failures are reported per module, not thrown.
 */
export async function ensureModuleSamples(): Promise<string[]> {
  const results = await Promise.allSettled([
    ensureLightsSample(),
    ensureAdviceSample(),
    ensureFrichesSample(),
  ]);
  const names = ['Éclairage public', 'Conseils énergie', 'Friches'];
  return results.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`${names[i]} : ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`]
      : [],
  );
}
