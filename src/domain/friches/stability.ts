import { createRandom } from '../sample/random.ts';
import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { allocateScores, compareSites, isRankable, scoreInto, weightVector } from './scoring.ts';

export interface StabilityOptions {
  /** Number of weight draws (default 1,000). */
  draws?: number;
  /** Relative perturbation of each weight, uniform in [−a, +a] (default 0.25 = ±25 %). */
  amplitude?: number;
  seed?: number;
  /** Size of the group whose membership is tracked (default 5: the shortlist). */
  top?: number;
}

export interface Stability {
  /** Per site: share of draws in which it is in the top `top` (0 for sites never ranked). */
  topProbability: Float64Array;
  draws: number;
  amplitude: number;
  seed: number;
  top: number;
}

export const DEFAULT_STABILITY_SEED = 20_250_101;

/**
 * Rank stability: how sure is "this site is in the top 5" when the weights — a matter of judgement — are
 * each moved independently by up to ±25 %? Every draw re-scores all sites with the perturbed weights
 * (criteria are not recomputed) and records which sites make the top group. Seeded: the same inputs always
 * give the same probabilities, so a shortlist defended in a meeting can be reproduced.
 */
export function rankStability(
  matrix: CriteriaMatrix,
  profile: ScoringProfile,
  options: StabilityOptions = {},
): Stability {
  const draws = options.draws ?? 1_000;
  const amplitude = options.amplitude ?? 0.25;
  const seed = options.seed ?? DEFAULT_STABILITY_SEED;
  const top = options.top ?? 5;
  const n = matrix.siteCount;
  const base = weightVector(matrix, profile);
  const vector = { weights: new Float64Array(base.weights.length), inverted: base.inverted };
  const scores = allocateScores(n);
  const counts = new Float64Array(n);
  const random = createRandom(seed);
  const best = new Int32Array(top);

  for (let d = 0; d < draws; d++) {
    for (let j = 0; j < base.weights.length; j++) {
      vector.weights[j] = base.weights[j]! * (1 + amplitude * (2 * random.next() - 1));
    }
    scoreInto(matrix, vector, scores);
    // Partial insertion sort: keeps the `top` best in order, O(n · top) instead of sorting n sites.
    let size = 0;
    for (let i = 0; i < n; i++) {
      if (!isRankable(matrix, scores, i)) continue;
      if (size === top && compareSites(scores, i, best[size - 1]!) >= 0) continue;
      let k = size < top ? size++ : size - 1;
      while (k > 0 && compareSites(scores, i, best[k - 1]!) < 0) {
        best[k] = best[k - 1]!;
        k--;
      }
      best[k] = i;
    }
    for (let k = 0; k < size; k++) {
      const site = best[k]!;
      counts[site] = counts[site]! + 1;
    }
  }
  const topProbability = counts.map((c) => (draws > 0 ? c / draws : 0));
  return { topProbability, draws, amplitude, seed, top };
}
