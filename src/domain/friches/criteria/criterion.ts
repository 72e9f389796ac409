import type { PreparedContext } from '../context.ts';
import type { Brownfield, ContextRole } from '../types.ts';

export type CriterionId =
  | 'area'
  | 'stationDistance'
  | 'centreDistance'
  | 'population1km'
  | 'floodShare'
  | 'protectedShare'
  | 'corridorShare'
  | 'pollution'
  | 'zoning'
  | 'siteStatus'
  | 'buildingCondition'
  | 'buildingVacancy'
  | 'heritage'
  | 'publicOwnership';

/** Which value functions a profile reads: those of a reconversion that builds, or renaturation's own. */
export type ValueSet = 'construction' | 'renaturation';

/**
 * One scoring criterion. `evaluate` measures (raw value in `unit`, or a level index for categorical
 * criteria); `normalise` turns it into 0..1 where 1 is the most favourable to a reconversion that builds.
 * Every value function spans the whole 0..1 range over its documented thresholds (the least favourable
 * level or threshold gives 0, the most favourable 1), so that a weight means the same thing for every
 * criterion: how much going from its worst to its best value is worth. `renaturation` is the criterion's own
 * value function for renaturation when the aim changes what is favourable (not 1 − `normalise`).
 */
export interface Criterion {
  id: CriterionId;
  /** French, short (table header, slider). */
  label: string;
  /** Unit of the raw value ('m²', 'm', 'hab.', '%'), '' for categorical criteria. */
  unit: string;
  /** Context layers required; when one is missing the criterion is "non renseigné" (null). */
  needs: readonly ContextRole[];
  /** French: what is measured, from which data, and the thresholds of `normalise`. */
  description: string;
  /** Default weight (balanced profile, used when no preset is chosen). */
  weight: number;
  /** null = "non renseigné" (missing field or layer): never counted as 0. */
  evaluate(site: Brownfield, ctx: PreparedContext): number | null;
  normalise(raw: number): number;
  /** Renaturation's value function and its French thresholds; absent = the same as `normalise`. */
  renaturation?: { normalise(raw: number): number; description: string };
  /** Categorical criteria: the level values, raw value = index (exclusion rules name levels). */
  levels?: readonly string[];
  /** French display of a raw value (e.g. "1,2 ha", "pollution avérée"). */
  format(raw: number): string;
}

/** Linear interpolation through (x, y) breakpoints sorted by x; flat beyond both ends. */
export function piecewise(points: readonly (readonly [number, number])[]): (x: number) => number {
  return (x) => {
    const first = points[0]!;
    const last = points[points.length - 1]!;
    if (x <= first[0]) return first[1];
    if (x >= last[0]) return last[1];
    for (let i = 1; i < points.length; i++) {
      const [x1, y1] = points[i]!;
      const [x0, y0] = points[i - 1]!;
      if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
    return last[1];
  };
}

/** Breakpoints written for the description, e.g. "≤ 500 m → 1 ; 2 000 m → 0,4". */
export function describeBreakpoints(points: readonly (readonly [number, number])[], unit: string): string {
  const fmt = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 2 });
  return points.map(([x, y]) => `${fmt(x)}${unit ? ` ${unit}` : ''} → ${fmt(y)}`).join(' ; ');
}

export interface Level {
  /** CNIG value (or our own category name). */
  value: string;
  score: number;
  /** Score for renaturation when the criterion has its own renaturation value function. */
  renaturation?: number;
}

const fr = (n: number) => n.toLocaleString('fr-FR');

/** French scale of levels, e.g. « U » → 1 ; « N » → 0. */
export function describeLevels(levels: readonly Level[], pick: (l: Level) => number | undefined): string {
  return levels.map((l) => `« ${l.value} » → ${fr(pick(l) ?? 0)}`).join(' ; ');
}

/**
 * A criterion read from one CNIG enumeration. The raw value is the index of the level; values that carry
 * no information ("inconnu", "autre", "sans objet") or are absent give null.
 */
export function categorical(spec: {
  id: CriterionId;
  label: string;
  description: string;
  weight: number;
  levels: readonly Level[];
  read: (site: Brownfield) => string | null;
}): Criterion {
  const { levels } = spec;
  const detail = describeLevels(levels, (l) => l.score);
  const ownRenaturation = levels.some((l) => l.renaturation !== undefined);
  return {
    id: spec.id,
    label: spec.label,
    unit: '',
    needs: [],
    description: `${spec.description} Barème : ${detail}. « inconnu », « autre », « sans objet » ou vide : non renseigné.`,
    weight: spec.weight,
    levels: levels.map((l) => l.value),
    evaluate(site) {
      const value = spec.read(site);
      if (value === null) return null;
      const i = levels.findIndex((l) => l.value === value);
      return i >= 0 ? i : null;
    },
    normalise: (raw) => levels[raw]?.score ?? 0,
    ...(ownRenaturation
      ? {
          renaturation: {
            normalise: (raw: number) => levels[raw]?.renaturation ?? 0,
            description: `Barème renaturation : ${describeLevels(levels, (l) => l.renaturation)}.`,
          },
        }
      : {}),
    format: (raw) => levels[raw]?.value ?? '',
  };
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('fr-FR', { maximumFractionDigits: digits });
}

export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${formatNumber(metres / 1000, 1)} km` : `${formatNumber(metres)} m`;
}

export function formatShare(share: number): string {
  return `${formatNumber(share * 100, 1)} %`;
}
