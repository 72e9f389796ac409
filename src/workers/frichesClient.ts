import type {
  Brownfield,
  ContextLayers,
  CriteriaMatrix,
  ScoringProfile,
  Stability,
} from '../domain/friches/index.ts';
import { type CallOptions, createWorkerClient, type WorkerClient } from './client.ts';
import type { FrichesApi } from './frichesApi.ts';

let client: WorkerClient<FrichesApi> | null = null;

/** One worker for the module, started on first use and kept (later analyses reuse it). */
function frichesClient(): WorkerClient<FrichesApi> {
  client ??= createWorkerClient<FrichesApi>(
    new Worker(new URL('./friches.worker.ts', import.meta.url), { type: 'module', name: 'friches' }),
  );
  return client;
}

/** The criteria matrix computed in the worker, with progress and cancellation. */
export function computeCriteriaInWorker(
  sites: Brownfield[],
  layers: ContextLayers,
  options: Pick<CallOptions, 'onProgress' | 'signal'> = {},
): Promise<CriteriaMatrix> {
  return frichesClient().call(
    'criteria',
    { sites, layers },
    { ...options, abortMessage: 'Calcul des critères annulé.' },
  );
}

/** Rank stability computed in the worker (the matrix is copied, not moved: the page keeps using it). */
export function computeStabilityInWorker(
  matrix: CriteriaMatrix,
  profile: ScoringProfile,
  options: Pick<CallOptions, 'signal'> = {},
): Promise<Stability> {
  return frichesClient().call(
    'stability',
    { matrix, profile },
    { ...options, abortMessage: 'Calcul annulé.' },
  );
}
