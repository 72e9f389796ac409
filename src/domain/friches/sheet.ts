import { criterionById } from './criteria/index.ts';
import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { profileValues, type Ranking, territoryMedians } from './scoring.ts';
import type { Stability } from './stability.ts';
import { CONTEXT_ROLE_LABELS } from './types.ts';

export interface CriterionLine {
  id: string;
  label: string;
  unit: string;
  description: string;
  /** Raw measure (or level index); null = non renseigné. */
  raw: number | null;
  /** French display of the raw value, "non renseigné" when missing. */
  rawText: string;
  /** 0..1 under the profile's value functions (construction, or renaturation's own). */
  normalised: number | null;
  /** True when this profile reads the criterion the other way round. */
  inverted: boolean;
  /** Value entering the sum: normalised, or 1 − normalised when inverted. */
  value: number | null;
  weight: number;
  /** Share of the weight among the renseigné criteria (Σ over lines = 1 when anything is renseigné). */
  weightShare: number | null;
  /** Unknown criterion: the territory median used in its place (directional), else null. */
  imputed: number | null;
  /** (value or imputed) × weightShare: the bars of the chart; Σ contributions = score. */
  contribution: number | null;
  /** French, why the value is missing; null when renseigné. */
  missing: string | null;
}

export interface SiteSheet {
  siteId: string;
  rank: number | null;
  score: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  reliability: number;
  topProbability: number | null;
  outsideTerritory: boolean;
  exclusion: string | null;
  lines: CriterionLine[];
}

/** Everything the per-site sheet shows, derived from the matrix (no recomputation of criteria). */
export function siteSheet(
  matrix: CriteriaMatrix,
  profile: ScoringProfile,
  ranking: Ranking,
  stability: Stability | null,
  site: number,
): SiteSheet {
  const m = matrix.criterionCount;
  const inverted = new Set<string>(profile.inverted);
  const values = profileValues(matrix, profile);
  const medians = territoryMedians(matrix, values);
  // Same denominator as the score: known criteria plus the unknown ones imputed at the territory median.
  let counted = 0;
  for (let j = 0; j < m; j++) {
    const w = Math.max(0, profile.weights[matrix.criteria[j]!.id] ?? 0);
    if (!Number.isNaN(values[site * m + j]!) || !Number.isNaN(medians[j]!)) counted += w;
  }
  const hasScore = !Number.isNaN(ranking.score[site]!);
  const lines = matrix.criteria.map((criterion, j): CriterionLine => {
    const rawValue = matrix.raw[site * m + j]!;
    const norm = values[site * m + j]!;
    const weight = Math.max(0, profile.weights[criterion.id] ?? 0);
    const isInverted = inverted.has(criterion.id);
    const present = !Number.isNaN(norm);
    const value = present ? (isInverted ? 1 - norm : norm) : null;
    const median = medians[j]!;
    const imputed = !present && hasScore && !Number.isNaN(median) ? (isInverted ? 1 - median : median) : null;
    const weightShare = (present || imputed !== null) && hasScore && counted > 0 ? weight / counted : null;
    const failure = matrix.failures.find((f) => f.site === site && f.criterion === criterion.id);
    const layers = matrix.missingLayers[j]!;
    let missing: string | null = null;
    if (!present) {
      if (layers.length > 0)
        missing = `couche non chargée : ${layers.map((r) => CONTEXT_ROLE_LABELS[r]).join(', ')}`;
      else if (failure) missing = `calcul impossible (${failure.reason})`;
      else missing = 'information absente pour ce site';
    }
    return {
      id: criterion.id,
      label: criterion.label,
      unit: criterion.unit,
      description:
        values === matrix.renaturation && criterion.renaturationDescription
          ? `${criterion.description} ${criterion.renaturationDescription}`
          : criterion.description,
      raw: present ? rawValue : null,
      rawText: present
        ? (criterionById(criterion.id)?.format(rawValue) ?? String(rawValue))
        : 'non renseigné',
      normalised: present ? norm : null,
      inverted: isInverted,
      value,
      weight,
      weightShare,
      imputed,
      contribution: weightShare !== null ? (value ?? imputed ?? 0) * weightShare : null,
      missing,
    };
  });
  return {
    siteId: matrix.siteIds[site]!,
    rank: ranking.rank[site]! || null,
    score: Number.isNaN(ranking.score[site]!) ? null : ranking.score[site]!,
    scoreMin: Number.isNaN(ranking.scoreMin[site]!) ? null : ranking.scoreMin[site]!,
    scoreMax: Number.isNaN(ranking.scoreMax[site]!) ? null : ranking.scoreMax[site]!,
    reliability: ranking.reliability[site]!,
    topProbability: stability ? stability.topProbability[site]! : null,
    outsideTerritory: matrix.outside[site] === 1,
    exclusion: ranking.exclusion[site] ?? null,
    lines,
  };
}
