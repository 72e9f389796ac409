import { useEffect, useMemo } from 'react';
import { profileCoverage } from '../../domain/friches/coverage.ts';
import {
  type Brownfield,
  type CriteriaMatrix,
  defaultShortlist,
  type Ranking,
  rankSites,
  reviewShortlist,
  type ShortlistReview,
  type Stability,
} from '../../domain/friches/index.ts';
import { territoryPins } from '../../domain/friches/shortlist.ts';
import { type FrichesWeights, frichesProfile } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { type MatrixState, requestMatrix, scheduleStability, stabilityFor } from './matrixCache.ts';
import { buildRows, type FricheRow } from './rows.ts';

export interface FrichesView {
  sites: Brownfield[];
  matrix: CriteriaMatrix;
  weights: FrichesWeights;
  ranking: Ranking;
  stability: Stability | null;
  /** Ranked sites best first, then the unranked ones. */
  rows: FricheRow[];
  rowById: Map<string, FricheRow>;
  /** Pinned site ids, or the top 5 by score when nothing is pinned. */
  shortlist: string[];
  /** Review of the pinned sites (null when nothing is pinned). */
  review: ShortlistReview | null;
  /** French: the preset's main criteria are unknown for most territory sites (null otherwise). */
  coverageWarning: string | null;
}

export type { FricheRow };

const IDLE: MatrixState = { status: 'idle' };

/** Matrix state for the store's current sites and context (starts the computation when `enabled`). */
export function useMatrixState(enabled: boolean): { sites: Brownfield[]; state: MatrixState } {
  const sites = useAppStore((s) => s.frichesSites);
  const context = useAppStore((s) => s.frichesContext);
  const territory = useAppStore((s) => s.territory);
  useEffect(() => {
    if (enabled && territory) requestMatrix(sites, context, territory);
  }, [enabled, sites, context, territory]);
  const entry = useAppStore((s) => s.frichesMatrix);
  const fresh = entry && entry.sites === sites && entry.context === context;
  return { sites, state: fresh ? entry.state : IDLE };
}

function useStability(matrix: CriteriaMatrix | null, weights: FrichesWeights): Stability | null {
  // Re-renders when the worker publishes; stabilityFor reads the entry for these inputs.
  useAppStore((s) => s.frichesStability);
  useEffect(() => {
    if (matrix) scheduleStability(matrix, weights);
  }, [matrix, weights]);
  return matrix ? stabilityFor(matrix, weights) : null;
}

/**
 * Everything the module shows, derived from the store: ranking after every weight change (main thread, no
 * geometry), stability, rows, shortlist and its review. Null until the criteria matrix is ready.
 */
export function useFrichesAnalysis(enabled = true): FrichesView | null {
  const { sites, state } = useMatrixState(enabled);
  const weights = useAppStore((s) => s.frichesWeights);
  const pins = useAppStore((s) => s.frichesPins);
  const matrix = state.status === 'ready' && state.matrix.siteCount === sites.length ? state.matrix : null;
  const ranking = useMemo(
    () => (matrix ? rankSites(matrix, frichesProfile(weights)) : null),
    [matrix, weights],
  );
  const stability = useStability(matrix, weights);
  const rows = useMemo(
    () => (matrix && ranking ? buildRows(sites, matrix, ranking, stability) : null),
    [matrix, ranking, stability, sites],
  );
  return useMemo(() => {
    if (!matrix || !ranking || !rows) return null;
    const names = new Map(sites.map((s) => [s.id, s.name]));
    return {
      sites,
      matrix,
      weights,
      ranking,
      stability,
      rows,
      rowById: new Map(rows.map((r) => [r.site.id, r])),
      shortlist: pins.length > 0 ? territoryPins(matrix, pins) : defaultShortlist(matrix, ranking),
      coverageWarning: profileCoverage(matrix, frichesProfile(weights)).warning,
      review: pins.length > 0 ? reviewShortlist(pins, matrix, ranking, stability, names) : null,
    };
  }, [matrix, ranking, rows, sites, weights, stability, pins]);
}
