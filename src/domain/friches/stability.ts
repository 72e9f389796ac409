import { createRandom } from '../../lib/random.ts';
import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { compareSites, rankSites, weightVector } from './scoring.ts';

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
 * Rank stability: how sure is "this site is in the top 5" when (1) the weights — a matter of judgement — are
 * each moved independently by up to ±25 %, and (2) every unknown criterion of every site takes a value drawn
 * uniformly over its whole range (0..1)? Each draw re-scores the competing sites (territory, not excluded:
 * the same set as the ranking) and records which make the top group. A poorly documented site thus looks as
 * uncertain as it is. Seeded: the same inputs always give the same probabilities, so a shortlist defended in
 * a meeting can be reproduced.
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
  const { siteCount: n, criterionCount: m } = matrix;
  const base = weightVector(matrix, profile);
  const ranking = rankSites(matrix, profile);
  const competitors = Int32Array.from(ranking.order);
  // The inner loop runs draws × competitors × criteria times: the weighted criteria only, and each
  // competitor's values read once beforehand in that compact order with the inversion applied (NaN stays NaN).
  // The draws consume the random sequence exactly as over the full matrix, so the result does not change.
  const active: number[] = [];
  for (let j = 0; j < m; j++) if (base.weights[j]! !== 0) active.push(j);
  const a = active.length;
  const values = new Float64Array(competitors.length * a);
  for (let k = 0; k < competitors.length; k++) {
    const row = competitors[k]! * m;
    for (let c = 0; c < a; c++) {
      const j = active[c]!;
      const v = base.values[row + j]!;
      values[k * a + c] = base.inverted[j] ? 1 - v : v;
    }
  }
  const weights = new Float64Array(m);
  const activeWeights = new Float64Array(a);
  const score = new Float64Array(n);
  const reliability = ranking.reliability;
  const scores = { score, reliability };
  const counts = new Float64Array(n);
  const random = createRandom(seed);
  const best = new Int32Array(top);

  for (let d = 0; d < draws; d++) {
    let total = 0;
    for (let j = 0; j < m; j++) {
      weights[j] = base.weights[j]! * (1 + amplitude * (2 * random.next() - 1));
      total += weights[j]!;
    }
    for (let c = 0; c < a; c++) activeWeights[c] = weights[active[c]!]!;
    for (let k = 0; k < competitors.length; k++) {
      const row = k * a;
      let sum = 0;
      for (let c = 0; c < a; c++) {
        const v = values[row + c]!;
        // Unknown: uniform over 0..1 (symmetric, so the direction of the criterion does not matter).
        sum += activeWeights[c]! * (Number.isNaN(v) ? random.next() : v);
      }
      score[competitors[k]!] = sum / total;
    }
    // Partial insertion sort: keeps the `top` best in order, O(n · top) instead of sorting n sites.
    let size = 0;
    for (let k = 0; k < competitors.length; k++) {
      const i = competitors[k]!;
      // Most sites score below the current 5th: skip them without the full comparison.
      if (
        size === top &&
        (score[i]! < score[best[top - 1]!]! || compareSites(scores, i, best[top - 1]!) >= 0)
      )
        continue;
      let p = size < top ? size++ : size - 1;
      while (p > 0 && compareSites(scores, i, best[p - 1]!) < 0) {
        best[p] = best[p - 1]!;
        p--;
      }
      best[p] = i;
    }
    for (let k = 0; k < size; k++) {
      const site = best[k]!;
      counts[site] = counts[site]! + 1;
    }
  }
  const topProbability = counts.map((c) => (draws > 0 ? c / draws : 0));
  return { topProbability, draws, amplitude, seed, top };
}
