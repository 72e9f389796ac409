import { type PreparedContext, prepareContext } from './context.ts';
import { type CriteriaMatrix, computeCriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { type Ranking, rankSites } from './scoring.ts';
import {
  defaultShortlist,
  type Pin,
  reviewShortlist,
  type ShortlistReview,
  territoryPins,
} from './shortlist.ts';
import { rankStability, type Stability, type StabilityOptions } from './stability.ts';
import type { Brownfield, ContextLayers } from './types.ts';

/**
 * The whole brownfield pipeline in one call, for the CLI and the worker: context indexes and criteria
 * (the expensive part, once per site/context change), then ranking, stability and shortlist review (cheap,
 * redone on every weight change with `rerank`).
 */
export interface FrichesAnalysis {
  sites: Brownfield[];
  context: PreparedContext;
  matrix: CriteriaMatrix;
  profile: ScoringProfile;
  ranking: Ranking;
  stability: Stability;
  /** Pinned site ids, or the top 5 by score when nothing is pinned. */
  shortlist: string[];
  /** Review of the pinned sites (null when nothing is pinned). */
  review: ShortlistReview | null;
}

export interface AnalysisOptions {
  pins?: readonly Pin[];
  stability?: StabilityOptions;
}

export function analyseFriches(
  sites: Brownfield[],
  layers: ContextLayers,
  profile: ScoringProfile,
  options: AnalysisOptions = {},
): FrichesAnalysis {
  const context = prepareContext(layers);
  const matrix = computeCriteriaMatrix(sites, context);
  return { sites, context, matrix, ...rerank(matrix, profile, options, sites) };
}

/** Everything that depends on the weights only: what a slider move recomputes. */
export function rerank(
  matrix: CriteriaMatrix,
  profile: ScoringProfile,
  options: AnalysisOptions = {},
  sites: readonly Brownfield[] = [],
): Pick<FrichesAnalysis, 'profile' | 'ranking' | 'stability' | 'shortlist' | 'review'> {
  const ranking = rankSites(matrix, profile);
  const stability = rankStability(matrix, profile, options.stability);
  const pins = options.pins ?? [];
  const names = new Map(sites.map((s) => [s.id, s.name]));
  return {
    profile,
    ranking,
    stability,
    shortlist: pins.length > 0 ? territoryPins(matrix, pins) : defaultShortlist(matrix, ranking),
    review: pins.length > 0 ? reviewShortlist(pins, matrix, ranking, stability, names) : null,
  };
}

export interface RankingRow {
  site_id: string;
  /** 0..1 (unknown criteria at the territory median), null when no weighted criterion is renseigné. */
  score: number | null;
  /** Unknown criteria at their worst / best value. */
  scoreMin: number | null;
  scoreMax: number | null;
  /** 1 = best; null for sites out of the ranking (outside the territory, excluded, or nothing renseigné). */
  rank: number | null;
  reliability: number;
  top5Probability: number;
  outsideTerritory: boolean;
  /** French reason the site is set aside (« écarté : … »), or null. */
  exclusion: string | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The public ranking list (CLI JSON contract): ranked territory sites best first, then the territory's unranked
 * ones, then the sites outside the territory (always `rank: null`).
 */
export function rankingRows(
  analysis: Pick<FrichesAnalysis, 'matrix' | 'ranking' | 'stability'>,
): RankingRow[] {
  const { matrix, ranking, stability } = analysis;
  const num = (x: number) => (Number.isNaN(x) ? null : round(x, 4));
  const row = (i: number): RankingRow => ({
    site_id: matrix.siteIds[i]!,
    score: num(ranking.score[i]!),
    scoreMin: num(ranking.scoreMin[i]!),
    scoreMax: num(ranking.scoreMax[i]!),
    rank: ranking.rank[i]! || null,
    reliability: round(ranking.reliability[i]!, 4),
    top5Probability: round(stability.topProbability[i]!, 4),
    outsideTerritory: matrix.outside[i] === 1,
    exclusion: ranking.exclusion[i] ?? null,
  });
  const ranked = Array.from(ranking.order, row);
  const unranked: RankingRow[] = [];
  const outside: RankingRow[] = [];
  for (let i = 0; i < matrix.siteCount; i++) {
    if (ranking.rank[i] === 0) (matrix.outside[i] ? outside : unranked).push(row(i));
  }
  return [...ranked, ...unranked, ...outside];
}
