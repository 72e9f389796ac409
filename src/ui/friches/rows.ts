import type { Brownfield, CriteriaMatrix, Ranking, Stability } from '../../domain/friches/index.ts';

export interface FricheRow {
  index: number;
  site: Brownfield;
  score: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  rank: number | null;
  /** Outside the territory: kept and shown on request, never ranked. */
  outside: boolean;
  reliability: number;
  /** null while the stability of a large inventory is being recomputed. */
  top5: number | null;
  exclusion: string | null;
}

/** Table rows: ranked sites best first, then the territory's unranked ones, then the sites outside it. */
export function buildRows(
  sites: readonly Brownfield[],
  matrix: CriteriaMatrix,
  ranking: Ranking,
  stability: Stability | null,
): FricheRow[] {
  const row = (i: number): FricheRow => ({
    index: i,
    site: sites[i]!,
    score: Number.isNaN(ranking.score[i]!) ? null : ranking.score[i]!,
    scoreMin: Number.isNaN(ranking.scoreMin[i]!) ? null : ranking.scoreMin[i]!,
    scoreMax: Number.isNaN(ranking.scoreMax[i]!) ? null : ranking.scoreMax[i]!,
    rank: ranking.rank[i]! || null,
    outside: matrix.outside[i] === 1,
    reliability: ranking.reliability[i]!,
    top5: stability ? stability.topProbability[i]! : null,
    exclusion: ranking.exclusion[i] ?? null,
  });
  const rows = Array.from(ranking.order, row);
  const outside: FricheRow[] = [];
  for (let i = 0; i < matrix.siteCount; i++) {
    if (ranking.rank[i] === 0) (matrix.outside[i] ? outside : rows).push(row(i));
  }
  return [...rows, ...outside];
}
