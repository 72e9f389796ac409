import type { Brownfield, ContextLayers } from '../domain/friches/index.ts';
import type { HandlerContext } from './expose.ts';
import { computeMatrixInChunks } from './frichesCompute.ts';
import { transfer } from './protocol.ts';

export interface CriteriaPayload {
  sites: Brownfield[];
  layers: ContextLayers;
}

/**
 * What the brownfield worker serves: the expensive part of `analyseFriches` (context indexes and every
 * criterion of every site). Ranking and stability stay on the main thread, where a weight change re-runs
 * them on the returned matrix without touching geometry.
 */
export const frichesApi = {
  async criteria({ sites, layers }: CriteriaPayload, context: HandlerContext) {
    const matrix = await computeMatrixInChunks(sites, layers, {
      onProgress: (done, total) => context.progress(done, total),
      pause: () => context.yield(),
    });
    return transfer(matrix, [matrix.raw.buffer, matrix.normalised.buffer, matrix.eligible.buffer]);
  },
};

export type FrichesApi = typeof frichesApi;
