import { exclusionsFor } from './exclusions.ts';
import type { CriteriaMatrix } from './matrix.ts';
import { type ScoringProfile, valueSetOf } from './presets.ts';

/*
 * Ranking rule (documented in docs/friches-scoring.md and the panel):
 * - Only the territory's sites are ranked; sites outside it are scored for information, never ranked.
 * - score = Σ wⱼ · ṽⱼ / Σ wⱼ over the weighted criteria, where ṽⱼ is the normalised value under the profile's
 *   value functions (construction, or renaturation's own), or 1 − value for a criterion the user inverts, and, when the site's value is unknown, the **territory median** of that
 *   criterion (over the territory's ranked-eligible sites that know it). A criterion nobody knows does not
 *   discriminate and is left out. Absence of evidence is thus an average site, never a perfect one: a site
 *   known by 3 favourable criteria cannot outrank one known by 12 of which 11 are favourable.
 * - Bounds: scoreMin / scoreMax put every unknown criterion at its worst (0) / best (1) value, over all weighted
 *   criteria. The ranking score always lies between them.
 * - reliability = Σ weights of known criteria / Σ all weights.
 */

/** Weights and directions laid out in matrix column order, ready for the hot loop. */
export interface WeightVector {
  weights: Float64Array;
  inverted: Uint8Array;
  /** The normalised values this profile reads (matrix.normalised or matrix.renaturation). */
  values: Float64Array;
}

/** The matrix of normalised values under the profile's value functions. */
export function profileValues(matrix: CriteriaMatrix, profile: Pick<ScoringProfile, 'values'>): Float64Array {
  return valueSetOf(profile) === 'renaturation' ? matrix.renaturation : matrix.normalised;
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
  return { weights, inverted, values: profileValues(matrix, profile) };
}

export interface Scores {
  /** Ranking score (unknown criteria at the territory median); NaN when no weighted criterion is known. */
  score: Float64Array;
  /** Unknown criteria at their worst value (0). */
  scoreMin: Float64Array;
  /** Unknown criteria at their best value (1). */
  scoreMax: Float64Array;
  /** Share (0..1) of the total weight whose criterion is renseigné. */
  reliability: Float64Array;
}

export function allocateScores(n: number): Scores {
  return {
    score: new Float64Array(n),
    scoreMin: new Float64Array(n),
    scoreMax: new Float64Array(n),
    reliability: new Float64Array(n),
  };
}

/** 1 for sites that may be ranked at all: in the territory and not reconverted (before preset exclusions). */
export function territoryEligible(matrix: CriteriaMatrix, i: number): boolean {
  return matrix.eligible[i] === 1 && matrix.outside[i] !== 1;
}

const medianCache = new WeakMap<Float64Array, Float64Array>();

/**
 * Per criterion: median normalised value (under the given value functions, construction by default) over the
 * territory's eligible sites that know it (NaN: nobody).
 */
export function territoryMedians(
  matrix: CriteriaMatrix,
  normalised: Float64Array = matrix.normalised,
): Float64Array {
  const cached = medianCache.get(normalised);
  if (cached) return cached;
  const { siteCount: n, criterionCount: m } = matrix;
  const medians = new Float64Array(m).fill(Number.NaN);
  const values: number[] = [];
  for (let j = 0; j < m; j++) {
    values.length = 0;
    for (let i = 0; i < n; i++) {
      const v = normalised[i * m + j]!;
      if (!Number.isNaN(v) && territoryEligible(matrix, i)) values.push(v);
    }
    if (values.length === 0) continue;
    values.sort((a, b) => a - b);
    const h = values.length >> 1;
    medians[j] = values.length % 2 ? values[h]! : (values[h - 1]! + values[h]!) / 2;
  }
  medianCache.set(normalised, medians);
  return medians;
}

/** The weighted sums, written into `out` (no allocation: this runs on every slider move). */
export function scoreInto(matrix: CriteriaMatrix, vector: WeightVector, out: Scores): Scores {
  const { siteCount: n, criterionCount: m } = matrix;
  const { weights, inverted, values: normalised } = vector;
  const medians = territoryMedians(matrix, normalised);
  let totalWeight = 0;
  for (let j = 0; j < m; j++) totalWeight += weights[j]!;
  for (let i = 0; i < n; i++) {
    let known = 0;
    let sum = 0;
    let imputedWeight = 0;
    let imputedSum = 0;
    const base = i * m;
    for (let j = 0; j < m; j++) {
      const w = weights[j]!;
      if (w === 0) continue;
      const v = normalised[base + j]!;
      if (Number.isNaN(v)) {
        const med = medians[j]!;
        if (Number.isNaN(med)) continue;
        imputedWeight += w;
        imputedSum += w * (inverted[j] ? 1 - med : med);
      } else {
        sum += w * (inverted[j] ? 1 - v : v);
        known += w;
      }
    }
    out.score[i] = known > 0 ? (sum + imputedSum) / (known + imputedWeight) : Number.NaN;
    out.scoreMin[i] = totalWeight > 0 ? sum / totalWeight : Number.NaN;
    out.scoreMax[i] = totalWeight > 0 ? (sum + totalWeight - known) / totalWeight : Number.NaN;
    out.reliability[i] = totalWeight > 0 ? known / totalWeight : 0;
  }
  return out;
}

export function scoreSites(matrix: CriteriaMatrix, profile: ScoringProfile): Scores {
  return scoreInto(matrix, weightVector(matrix, profile), allocateScores(matrix.siteCount));
}

/** Ranking order: score descending, then reliability descending (better documented first), then file order. */
export function compareSites(scores: Pick<Scores, 'score' | 'reliability'>, a: number, b: number): number {
  return scores.score[b]! - scores.score[a]! || scores.reliability[b]! - scores.reliability[a]! || a - b;
}

export interface Ranking extends Scores {
  /** Ranked site indexes (territory only), best first. */
  order: Int32Array;
  /** 1-based rank per site; 0 = not ranked. */
  rank: Int32Array;
  /** French reason a site is set aside (reconverted, or an eliminatory condition of the profile), or null. */
  exclusion: (string | null)[];
}

/**
 * Which sites compete: territory, not reconverted, not excluded by the profile, at least one weighted
 * criterion known. The same set for the ranking and every stability draw.
 */
export function rankableMask(
  matrix: CriteriaMatrix,
  scores: Pick<Scores, 'reliability'>,
  exclusion: readonly (string | null)[],
): Uint8Array {
  const mask = new Uint8Array(matrix.siteCount);
  for (let i = 0; i < matrix.siteCount; i++) {
    mask[i] = territoryEligible(matrix, i) && !exclusion[i] && scores.reliability[i]! > 0 ? 1 : 0;
  }
  return mask;
}

export function rankInto(
  matrix: CriteriaMatrix,
  scores: Scores,
  exclusion: (string | null)[] = matrix.exclusion,
): Ranking {
  const n = matrix.siteCount;
  const mask = rankableMask(matrix, scores, exclusion);
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i]) candidates.push(i);
  candidates.sort((a, b) => compareSites(scores, a, b));
  const rank = new Int32Array(n);
  candidates.forEach((site, k) => {
    rank[site] = k + 1;
  });
  return { ...scores, order: Int32Array.from(candidates), rank, exclusion };
}

/** Scores and ranks every site for a profile: the whole cost of a weight change (no geometry involved). */
export function rankSites(matrix: CriteriaMatrix, profile: ScoringProfile): Ranking {
  return rankInto(matrix, scoreSites(matrix, profile), exclusionsFor(matrix, profile));
}
