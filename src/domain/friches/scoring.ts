import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';

/*
 * Score of a site = Σ wⱼ · vⱼ / Σ wⱼ over the criteria that are renseigné for that site, where vⱼ is the
 * normalised value (or 1 − value for a criterion the profile inverts). The score stays on 0..1 whatever is
 * missing: a missing criterion neither rewards nor punishes the site (counting it as 0 would rank a
 * well-documented polluted site above an undocumented clean one). The price of that choice is that a site
 * known by few criteria can score high on little evidence — which is why `reliability` (Σ renseigné
 * weights / Σ all weights) travels with every score, and why the shortlist warns below 0.6.
 */

/** Weights and directions laid out in matrix column order, ready for the hot loop. */
export interface WeightVector {
  weights: Float64Array;
  inverted: Uint8Array;
}

export function weightVector(matrix: CriteriaMatrix, profile: ScoringProfile): WeightVector {
  const m = matrix.criterionCount;
  const weights = new Float64Array(m);
  const inverted = new Uint8Array(m);
  const inv = new Set<string>(profile.inverted);
  matrix.criteria.forEach((c, j) => {
    const w = profile.weights[c.id] ?? 0;
    weights[j] = Number.isFinite(w) && w > 0 ? w : 0;
    inverted[j] = inv.has(c.id) ? 1 : 0;
  });
  return { weights, inverted };
}

export interface Scores {
  /** NaN when no weighted criterion is renseigné. */
  score: Float64Array;
  /** Share (0..1) of the total weight whose criterion is renseigné. */
  reliability: Float64Array;
}

export function allocateScores(n: number): Scores {
  return { score: new Float64Array(n), reliability: new Float64Array(n) };
}

/** The weighted sum, written into `out` (no allocation: this runs on every slider move and stability draw). */
export function scoreInto(matrix: CriteriaMatrix, vector: WeightVector, out: Scores): Scores {
  const { normalised, siteCount: n, criterionCount: m } = matrix;
  const { weights, inverted } = vector;
  let totalWeight = 0;
  for (let j = 0; j < m; j++) totalWeight += weights[j]!;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let known = 0;
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const w = weights[j]!;
      const v = normalised[base + j]!;
      if (w === 0 || Number.isNaN(v)) continue; // NaN: "non renseigné"
      sum += w * (inverted[j] ? 1 - v : v);
      known += w;
    }
    out.score[i] = known > 0 ? sum / known : Number.NaN;
    out.reliability[i] = totalWeight > 0 ? known / totalWeight : 0;
  }
  return out;
}

export function scoreSites(matrix: CriteriaMatrix, profile: ScoringProfile): Scores {
  return scoreInto(matrix, weightVector(matrix, profile), allocateScores(matrix.siteCount));
}

/**
 * Ranking order: score descending, then reliability descending (better documented first), then file order.
 * Sites excluded or without any renseigné criterion are not ranked.
 */
export function compareSites(scores: Scores, a: number, b: number): number {
  return scores.score[b]! - scores.score[a]! || scores.reliability[b]! - scores.reliability[a]! || a - b;
}

export function isRankable(matrix: CriteriaMatrix, scores: Scores, i: number): boolean {
  return matrix.eligible[i] === 1 && !Number.isNaN(scores.score[i]!);
}

export interface Ranking extends Scores {
  /** Ranked site indexes, best first. */
  order: Int32Array;
  /** 1-based rank per site; 0 = not ranked. */
  rank: Int32Array;
}

export function rankInto(matrix: CriteriaMatrix, scores: Scores): Ranking {
  const n = matrix.siteCount;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (isRankable(matrix, scores, i)) candidates.push(i);
  candidates.sort((a, b) => compareSites(scores, a, b));
  const rank = new Int32Array(n);
  candidates.forEach((site, k) => {
    rank[site] = k + 1;
  });
  return { ...scores, order: Int32Array.from(candidates), rank };
}

/** Scores and ranks every site for a profile: the whole cost of a weight change (no geometry involved). */
export function rankSites(matrix: CriteriaMatrix, profile: ScoringProfile): Ranking {
  return rankInto(matrix, scoreSites(matrix, profile));
}
