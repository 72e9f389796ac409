import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { territoryEligible } from './scoring.ts';

/** The profile's main criteria: the heaviest ones that together carry at least half of the total weight. */
export function mainCriteria(matrix: CriteriaMatrix, profile: ScoringProfile): number[] {
  const weighted = matrix.criteria
    .map((c, j) => ({ j, w: profile.weights[c.id] ?? 0 }))
    .filter((c) => c.w > 0)
    .sort((a, b) => b.w - a.w || a.j - b.j);
  const total = weighted.reduce((s, c) => s + c.w, 0);
  const main: number[] = [];
  let carried = 0;
  for (const c of weighted) {
    if (carried >= total / 2) break;
    main.push(c.j);
    carried += c.w;
  }
  return main;
}

export interface Coverage {
  /** Per main criterion: share (0..1) of the territory's eligible sites where it is known. */
  criteria: { id: string; label: string; known: number }[];
  /** French, or null when the main criteria are known for most sites. */
  warning: string | null;
}

/** Below this share of territory sites knowing a main criterion, the criterion counts as "mostly unknown". */
export const MOSTLY_UNKNOWN_BELOW = 0.5;

/**
 * Says when a preset ranks on criteria that are unknown for most of the territory's sites (e.g. renaturation
 * with no flood, nature or corridor layer loaded): the panel and the CLI show the warning.
 */
export function profileCoverage(matrix: CriteriaMatrix, profile: ScoringProfile): Coverage {
  const { siteCount: n, criterionCount: m } = matrix;
  let sites = 0;
  for (let i = 0; i < n; i++) if (territoryEligible(matrix, i)) sites++;
  const criteria = mainCriteria(matrix, profile).map((j) => {
    let known = 0;
    for (let i = 0; i < n; i++) {
      if (territoryEligible(matrix, i) && !Number.isNaN(matrix.normalised[i * m + j]!)) known++;
    }
    const c = matrix.criteria[j]!;
    return { id: c.id, label: c.label, known: sites > 0 ? known / sites : 0 };
  });
  const unknown = criteria.filter((c) => c.known < MOSTLY_UNKNOWN_BELOW);
  const warning =
    sites > 0 && unknown.length * 2 > criteria.length
      ? `Les critères principaux de ce profil sont non renseignés pour la plupart des sites du territoire : ${unknown
          .map((c) => `${c.label} (${Math.round(c.known * 100)} % des sites)`)
          .join(
            ', ',
          )}. Le classement repose surtout sur des valeurs imputées : chargez les couches de contexte ` +
        'ou complétez l’inventaire avant de le présenter.'
      : null;
  return { criteria, warning };
}
