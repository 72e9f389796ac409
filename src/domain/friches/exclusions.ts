import type { CriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';

/**
 * Eliminatory conditions: a weighted sum compensates everything (a site entirely in a flood zone can still top
 * the housing ranking on its other merits); an exclusion does not. A rule reads a criterion's raw value:
 * `above` — raw value strictly above `threshold` (in the criterion's unit; shares are 0..1); `levels` — the
 * categorical value is one of `levels`. Unknown values never exclude (absence of evidence is not evidence).
 */
export type ExclusionRule =
  | { id: string; criterion: string; kind: 'above'; threshold: number; enabled: boolean }
  | { id: string; criterion: string; kind: 'levels'; levels: readonly string[]; enabled: boolean };

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** French sentence for a rule (the panel's checkbox label and the reason shown as « écarté : … »). */
export function describeRule(rule: ExclusionRule, criterionLabel: string): string {
  if (rule.kind === 'levels') return `${criterionLabel} : ${rule.levels.map((l) => `« ${l} »`).join(' ou ')}`;
  return rule.criterion.endsWith('Share')
    ? `${criterionLabel} supérieure à ${percent(rule.threshold)}`
    : `${criterionLabel} supérieure à ${rule.threshold.toLocaleString('fr-FR')}`;
}

/** Per site: why it is set aside (reconverted, or the first matching rule of the profile), or null. */
export function exclusionsFor(matrix: CriteriaMatrix, profile: ScoringProfile): (string | null)[] {
  const rules = (profile.exclusions ?? []).filter((r) => r.enabled);
  if (rules.length === 0) return matrix.exclusion;
  const m = matrix.criterionCount;
  const compiled = rules.flatMap((rule) => {
    const j = matrix.criteria.findIndex((c) => c.id === rule.criterion);
    if (j < 0) return [];
    const info = matrix.criteria[j]!;
    const levelIndexes =
      rule.kind === 'levels' ? new Set(rule.levels.map((l) => info.levels?.indexOf(l) ?? -1)) : null;
    return [{ rule, j, levelIndexes, text: describeRule(rule, info.label) }];
  });
  return matrix.exclusion.map((existing, i) => {
    if (existing) return existing;
    for (const { rule, j, levelIndexes, text } of compiled) {
      const raw = matrix.raw[i * m + j]!;
      if (Number.isNaN(raw)) continue;
      const hit = rule.kind === 'above' ? raw > rule.threshold : levelIndexes!.has(raw);
      if (hit) {
        const value = rule.kind === 'above' && rule.criterion.endsWith('Share') ? ` (${percent(raw)})` : '';
        return `${text}${value}`;
      }
    }
    return null;
  });
}
