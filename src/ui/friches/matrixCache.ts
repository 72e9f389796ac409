import {
  type Brownfield,
  type ContextLayers,
  type CriteriaMatrix,
  computeCriteriaMatrix,
  prepareContext,
  rankStability,
  type Stability,
} from '../../domain/friches/index.ts';
import type { PointCollection } from '../../domain/friches/types.ts';
import { memoLast } from '../../lib/memo.ts';
import type { MatrixEntry, MatrixState, StabilityEntry } from '../../state/frichesComputeSlice.ts';
import { type FrichesContext, type FrichesWeights, frichesProfile } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { isAbortError } from '../../workers/protocol.ts';

/**
 * The brownfield module's worker computations: the criteria matrix (computed once per site/context change, in
 * a worker above WORKER_THRESHOLD sites) and the rank stability of large inventories (recomputed in the worker
 * shortly after the weights stop moving). Their results go to the one store (`frichesMatrix`,
 * `frichesStability`, src/state/frichesComputeSlice.ts), keyed by the identity of their inputs, so every
 * component reads the same values. What stays here is not app state: the handles of the jobs under way
 * (AbortControllers, the debounce timer), which only this module starts and cancels.
 */
export const WORKER_THRESHOLD = 200;
/**
 * Above WORKER_THRESHOLD sites, 1,000 stability draws take tens to hundreds of ms: computed in the worker
 * once the slider has rested this long.
 */
export const STABILITY_DELAY_MS = 250;

export type { MatrixState };

const matrixEntry = () => useAppStore.getState().frichesMatrix;
const setMatrixEntry = (entry: MatrixEntry) => useAppStore.getState().setFrichesMatrix(entry);
/** The matrix job under way, if any (cancelled when the inputs change). */
let running: AbortController | null = null;

/** The context layers scoring reads: the built territory plus the imported (or sample) layers. */
export function contextLayers(territory: TerritoryData, context: FrichesContext): ContextLayers {
  const layers: ContextLayers = {
    communes: territory.communes,
    // The import keeps only points for this role (contextLayerFromImport).
    communeCentres: (context.communeCentres?.layer as PointCollection | undefined) ?? territory.centres,
  };
  for (const entry of Object.values(context)) {
    if (entry && entry.role !== 'communeCentres') Object.assign(layers, { [entry.role]: entry.layer });
  }
  return layers;
}

/** Starts computing the matrix for these sites and layers, unless it is already computed or under way. */
export function requestMatrix(sites: Brownfield[], context: FrichesContext, territory: TerritoryData): void {
  const current = matrixEntry();
  if (current && current.sites === sites && current.context === context && current.territory === territory)
    return;
  running?.abort();
  running = null;
  const key = { sites, context, territory };
  const layers = contextLayers(territory, context);
  if (sites.length <= WORKER_THRESHOLD || typeof Worker === 'undefined') {
    // A few dozen sites: tens of milliseconds, not worth a thread hop.
    try {
      const matrix = computeCriteriaMatrix(sites, prepareContext(layers));
      setMatrixEntry({ ...key, state: { status: 'ready', matrix } });
    } catch (error) {
      setMatrixEntry({ ...key, state: { status: 'error', message: describe(error) } });
    }
    return;
  }
  const controller = new AbortController();
  running = controller;
  const total = sites.length;
  setMatrixEntry({ ...key, state: { status: 'computing', done: 0, total, inWorker: true } });
  const isCurrent = () => matrixEntry()?.sites === sites && matrixEntry()?.context === context;
  import('../../workers/frichesClient.ts')
    .then(({ computeCriteriaInWorker }) =>
      computeCriteriaInWorker(sites, layers, {
        signal: controller.signal,
        onProgress: (done) => {
          if (isCurrent())
            setMatrixEntry({ ...key, state: { status: 'computing', done, total, inWorker: true } });
        },
      }),
    )
    .then(
      (matrix) => {
        if (isCurrent()) setMatrixEntry({ ...key, state: { status: 'ready', matrix } });
      },
      (error: unknown) => {
        if (isAbortError(error) || !isCurrent()) return;
        setMatrixEntry({ ...key, state: { status: 'error', message: describe(error) } });
      },
    )
    .finally(() => {
      if (running === controller) running = null;
    });
}

function describe(error: unknown): string {
  return `Calcul des critères impossible : ${error instanceof Error ? error.message : String(error)}`;
}

const stabilityEntry = () => useAppStore.getState().frichesStability;
const setStabilityEntry = (entry: StabilityEntry) => useAppStore.getState().setFrichesStability(entry);
/** The debounce of the next worker run, and the run under way: job handles, not state. */
let stabilityTimer: ReturnType<typeof setTimeout> | null = null;
let stabilityRun: AbortController | null = null;

const profileOf = frichesProfile;

/** Small inventories: computed at once (a few ms) by every reader, through the one memo (same inputs, same value). */
const smallStability = memoLast(
  (matrix: CriteriaMatrix, weights: FrichesWeights): Stability => rankStability(matrix, profileOf(weights)),
);

/**
 * Rank stability for these weights. Small inventories: computed at once (a few ms) and cached. Large ones:
 * null until computed, STABILITY_DELAY_MS after the last weight change, then published to subscribers.
 */
export function stabilityFor(matrix: CriteriaMatrix, weights: FrichesWeights): Stability | null {
  if (matrix.siteCount > WORKER_THRESHOLD) {
    const current = stabilityEntry();
    return current && current.matrix === matrix && current.weights === weights ? current.stability : null;
  }
  return smallStability(matrix, weights);
}

export function scheduleStability(matrix: CriteriaMatrix, weights: FrichesWeights): void {
  if (matrix.siteCount <= WORKER_THRESHOLD) return;
  const current = stabilityEntry();
  if (current && current.matrix === matrix && current.weights === weights) return;
  if (stabilityTimer) clearTimeout(stabilityTimer);
  stabilityRun?.abort();
  // Published as "pending" at once, so that no reader shows probabilities of the previous weights.
  setStabilityEntry({ matrix, weights, stability: null });
  stabilityTimer = setTimeout(() => {
    stabilityTimer = null;
    const controller = new AbortController();
    stabilityRun = controller;
    const publish = (stability: Stability) => {
      const now = stabilityEntry();
      if (now?.matrix === matrix && now.weights === weights)
        setStabilityEntry({ matrix, weights, stability });
    };
    if (typeof Worker === 'undefined') {
      publish(rankStability(matrix, profileOf(weights)));
      return;
    }
    import('../../workers/frichesClient.ts')
      .then(({ computeStabilityInWorker }) =>
        computeStabilityInWorker(matrix, profileOf(weights), { signal: controller.signal }),
      )
      .then(publish, (error: unknown) => {
        // A failed worker must not leave « … » forever: fall back to the main thread.
        if (!isAbortError(error)) publish(rankStability(matrix, profileOf(weights)));
      });
  }, STABILITY_DELAY_MS);
}
