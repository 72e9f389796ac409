import {
  type Brownfield,
  type ContextLayers,
  type CriteriaMatrix,
  rankStability,
  type ScoringProfile,
} from '../domain/friches/index.ts';
import type { HandlerContext } from './expose.ts';
import { computeMatrixInChunks } from './frichesCompute.ts';
import { transfer } from './protocol.ts';

export interface CriteriaPayload {
  sites: Brownfield[];
  layers: ContextLayers;
}

export interface StabilityPayload {
  matrix: CriteriaMatrix;
  profile: ScoringProfile;
}

/**
 * What the brownfield worker serves: the expensive part of `analyseFriches` (context indexes and every
 * criterion of every site), and the rank stability of large inventories. The ranking itself stays on the
 * main thread, where a weight change re-runs it on the returned matrix without touching geometry.
 */
export const frichesApi = {
  async criteria({ sites, layers }: CriteriaPayload, context: HandlerContext) {
    const matrix = await computeMatrixInChunks(sites, layers, {
      onProgress: (done, total) => context.progress(done, total),
      pause: () => context.yield(),
    });
    return transfer(matrix, [
      matrix.raw.buffer,
      matrix.normalised.buffer,
      matrix.renaturation.buffer,
      matrix.eligible.buffer,
      matrix.outside.buffer,
    ]);
  },
  /** Rank stability (1,000 weight draws) of a large inventory, off the main thread. */
  stability({ matrix, profile }: StabilityPayload) {
    const stability = rankStability(matrix, profile);
    return transfer(stability, [stability.topProbability.buffer]);
  },
};

export type FrichesApi = typeof frichesApi;
