import type { Brownfield, CriteriaMatrix, Ranking, Stability } from '../../domain/friches/index.ts';

export interface FricheRow {
  index: number;
  site: Brownfield;
  score: number | null;
  rank: number | null;
  reliability: number;
  /** null while the stability of a large inventory is being recomputed. */
  top5: number | null;
  exclusion: string | null;
}

/** Table rows: ranked sites best first, then the unranked ones (reconverted, or nothing renseigné). */
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
    rank: ranking.rank[i]! || null,
    reliability: ranking.reliability[i]!,
    top5: stability ? stability.topProbability[i]! : null,
    exclusion: ranking.exclusion[i] ?? null,
  });
  const rows = Array.from(ranking.order, row);
  for (let i = 0; i < matrix.siteCount; i++) if (ranking.rank[i] === 0) rows.push(row(i));
  return rows;
}
