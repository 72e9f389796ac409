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
import { type FrichesContext, type FrichesWeights, frichesProfile } from '../../state/frichesSlice.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { isAbortError } from '../../workers/protocol.ts';

/**
 * Derived data of the brownfield module kept OUTSIDE the store: the criteria matrix (computed once per
 * site/context change, in a worker above WORKER_THRESHOLD sites) and the rank stability of large inventories
 * (recomputed in the worker shortly after the weights stop moving). Every component showing the module reads the same
 * cached values through small external stores, keyed by the identity of the store's arrays.
 */
export const WORKER_THRESHOLD = 200;
/**
 * Above WORKER_THRESHOLD sites, 1,000 stability draws take tens to hundreds of ms: computed in the worker
 * once the slider has rested this long.
 */
export const STABILITY_DELAY_MS = 250;

export type MatrixState =
  | { status: 'idle' }
  | { status: 'computing'; done: number; total: number; inWorker: boolean }
  | { status: 'ready'; matrix: CriteriaMatrix }
  | { status: 'error'; message: string };

interface MatrixEntry {
  sites: Brownfield[];
  context: FrichesContext;
  territory: TerritoryData;
  state: MatrixState;
}

function createStore<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next: T) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const matrixStore = createStore<MatrixEntry | null>(null);
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
  const current = matrixStore.get();
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
      matrixStore.set({ ...key, state: { status: 'ready', matrix } });
    } catch (error) {
      matrixStore.set({ ...key, state: { status: 'error', message: describe(error) } });
    }
    return;
  }
  const controller = new AbortController();
  running = controller;
  const total = sites.length;
  matrixStore.set({ ...key, state: { status: 'computing', done: 0, total, inWorker: true } });
  const isCurrent = () => matrixStore.get()?.sites === sites && matrixStore.get()?.context === context;
  import('../../workers/frichesClient.ts')
    .then(({ computeCriteriaInWorker }) =>
      computeCriteriaInWorker(sites, layers, {
        signal: controller.signal,
        onProgress: (done) => {
          if (isCurrent())
            matrixStore.set({ ...key, state: { status: 'computing', done, total, inWorker: true } });
        },
      }),
    )
    .then(
      (matrix) => {
        if (isCurrent()) matrixStore.set({ ...key, state: { status: 'ready', matrix } });
      },
      (error: unknown) => {
        if (isAbortError(error) || !isCurrent()) return;
        matrixStore.set({ ...key, state: { status: 'error', message: describe(error) } });
      },
    )
    .finally(() => {
      if (running === controller) running = null;
    });
}

function describe(error: unknown): string {
  return `Calcul des critères impossible : ${error instanceof Error ? error.message : String(error)}`;
}

interface StabilityEntry {
  matrix: CriteriaMatrix;
  weights: FrichesWeights;
  stability: Stability | null;
}

export const stabilityStore = createStore<StabilityEntry | null>(null);
let stabilityTimer: ReturnType<typeof setTimeout> | null = null;
let stabilityRun: AbortController | null = null;
/** Small inventories: a plain memo (every reader computes the same value from the same inputs). */
let smallCache: StabilityEntry | null = null;

const profileOf = frichesProfile;

/**
 * Rank stability for these weights. Small inventories: computed at once (a few ms) and cached. Large ones:
 * null until computed, STABILITY_DELAY_MS after the last weight change, then published to subscribers.
 */
export function stabilityFor(matrix: CriteriaMatrix, weights: FrichesWeights): Stability | null {
  if (matrix.siteCount > WORKER_THRESHOLD) {
    const current = stabilityStore.get();
    return current && current.matrix === matrix && current.weights === weights ? current.stability : null;
  }
  if (smallCache?.matrix === matrix && smallCache.weights === weights) return smallCache.stability;
  const stability = rankStability(matrix, profileOf(weights));
  smallCache = { matrix, weights, stability };
  return stability;
}

export function scheduleStability(matrix: CriteriaMatrix, weights: FrichesWeights): void {
  if (matrix.siteCount <= WORKER_THRESHOLD) return;
  const current = stabilityStore.get();
  if (current && current.matrix === matrix && current.weights === weights) return;
  if (stabilityTimer) clearTimeout(stabilityTimer);
  stabilityRun?.abort();
  // Published as "pending" at once, so that no reader shows probabilities of the previous weights.
  stabilityStore.set({ matrix, weights, stability: null });
  stabilityTimer = setTimeout(() => {
    stabilityTimer = null;
    const controller = new AbortController();
    stabilityRun = controller;
    const publish = (stability: Stability) => {
      const now = stabilityStore.get();
      if (now?.matrix === matrix && now.weights === weights)
        stabilityStore.set({ matrix, weights, stability });
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
