import { toCsv } from '../../io/csv/write.ts';
import type { CriteriaMatrix } from './matrix.ts';
import type { Ranking } from './scoring.ts';
import type { Pin } from './shortlist.ts';
import type { Stability } from './stability.ts';
import type { Brownfield } from './types.ts';

export const RANKING_CSV_HEADER = [
  'rang',
  'site_id',
  'site_nom',
  'commune',
  'score',
  'score_min',
  'score_max',
  'fiabilite',
  'proba_top5',
  'hors_territoire',
  'ecarte',
  'raison_ecartement',
  'liste_restreinte',
  'justification',
];

const round = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 10_000) / 10_000);

/**
 * The ranking as a spreadsheet: every site of the inventory, ranked ones first (best first), then the ones set
 * aside with their reason (« écarté : … », the profile's eliminatory conditions and reconverted sites), then the
 * sites outside the territory. The same figures as the table (rounded to 4 decimals, French decimal comma).
 */
export function rankingCsv(
  sites: readonly Brownfield[],
  matrix: CriteriaMatrix,
  ranking: Ranking,
  stability: Stability | null,
  pins: readonly Pin[],
): string {
  const notes = new Map(pins.map((p) => [p.siteId, p.note]));
  const order = [
    ...ranking.order,
    ...sites.map((_, i) => i).filter((i) => ranking.rank[i] === 0 && matrix.outside[i] !== 1),
    ...sites.map((_, i) => i).filter((i) => ranking.rank[i] === 0 && matrix.outside[i] === 1),
  ];
  const rows = order.map((i) => {
    const site = sites[i]!;
    const reason = ranking.exclusion[i] ?? null;
    return [
      ranking.rank[i] || null,
      site.id,
      site.name,
      site.communeName ?? site.insee,
      round(ranking.score[i]!),
      round(ranking.scoreMin[i]!),
      round(ranking.scoreMax[i]!),
      round(ranking.reliability[i]!),
      stability ? round(stability.topProbability[i]!) : null,
      matrix.outside[i] === 1,
      reason !== null,
      reason,
      notes.has(site.id),
      notes.get(site.id) ?? null,
    ];
  });
  return toCsv(RANKING_CSV_HEADER, rows, { bom: true, decimalComma: true });
}
