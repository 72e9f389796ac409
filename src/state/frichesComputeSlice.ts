import type { StateCreator } from 'zustand';
import type { Brownfield, CriteriaMatrix, Stability } from '../domain/friches/index.ts';
import type { FrichesContext, FrichesWeights } from './frichesSlice.ts';
import type { AppState } from './store.ts';
import type { TerritoryData } from './territorySlice.ts';

/**
 * Results of the brownfield module's worker computations (criteria matrix, rank stability of large
 * inventories). Derived data normally goes through `memoLast` (src/lib/memo.ts) and is never stored; these are
 * the one exception because they arrive asynchronously, with progress, from a worker, and every panel (module,
 * dashboard, sheets) must show the same progress and the same result. Each entry carries the inputs it was
 * computed from, compared by identity, so a reader never takes a stale one for the current inputs. Never
 * persisted (no `registerPersistedSection`): a reload recomputes them.
 */
export type MatrixState =
  | { status: 'idle' }
  | { status: 'computing'; done: number; total: number; inWorker: boolean }
  | { status: 'ready'; matrix: CriteriaMatrix }
  | { status: 'error'; message: string };

export interface MatrixEntry {
  sites: Brownfield[];
  context: FrichesContext;
  territory: TerritoryData;
  state: MatrixState;
}

export interface StabilityEntry {
  matrix: CriteriaMatrix;
  weights: FrichesWeights;
  /** Null while the worker computes it for these weights. */
  stability: Stability | null;
}

export interface FrichesComputeSlice {
  frichesMatrix: MatrixEntry | null;
  frichesStability: StabilityEntry | null;
  setFrichesMatrix: (entry: MatrixEntry | null) => void;
  setFrichesStability: (entry: StabilityEntry | null) => void;
}

export const createFrichesComputeSlice: StateCreator<AppState, [], [], FrichesComputeSlice> = (set) => ({
  frichesMatrix: null,
  frichesStability: null,
  setFrichesMatrix: (frichesMatrix) => set({ frichesMatrix }),
  setFrichesStability: (frichesStability) => set({ frichesStability }),
});
