import type { PreparedContext } from './context.ts';
import { CRITERIA, type Criterion } from './criteria/index.ts';

/** The data part of a criterion (no functions): what the matrix carries across a worker boundary. */
export type CriterionInfo = Pick<
  Criterion,
  'id' | 'label' | 'unit' | 'needs' | 'description' | 'weight' | 'levels'
> & {
  /** French thresholds of renaturation's own value function, when the criterion has one. */
  renaturationDescription?: string;
};

import type { Brownfield, ContextRole } from './types.ts';

/**
 * Raw and normalised values of every criterion for every site, computed once per site/context change.
 * Row-major: cell (site i, criterion j) at i · criterionCount + j; NaN = "non renseigné".
 * Re-weighting only reads `normalised`, so a slider move never touches geometry. Plain data and typed
 * arrays only: it can be posted from the worker that computed it (structured clone, arrays transferable).
 */
export interface CriteriaMatrix {
  siteIds: string[];
  criteria: readonly CriterionInfo[];
  siteCount: number;
  criterionCount: number;
  raw: Float64Array;
  /** Construction value functions (`criterion.normalise`). */
  normalised: Float64Array;
  /** Renaturation value functions (`criterion.renaturation`, else the construction one); same NaN cells. */
  renaturation: Float64Array;
  /** 1 = may be ranked; 0 = excluded (see `exclusion`). */
  eligible: Uint8Array;
  /** 1 = the site lies outside the territory: kept, flagged, scored for information, never ranked. */
  outside: Uint8Array;
  /** French reason a site is left out of the ranking, or null. */
  exclusion: (string | null)[];
  /** Per criterion: context layers it needs that are not loaded (then the whole column is NaN). */
  missingLayers: ContextRole[][];
  /** Evaluations that failed (degenerate geometry...): the cell is NaN and the reason kept for the sheet. */
  failures: { site: number; criterion: string; reason: string }[];
}

/** Reconverted sites are no longer brownfields: they stay in the inventory but are never ranked. */
export function exclusionReason(site: Brownfield): string | null {
  return site.status === 'friche reconvertie' ? 'friche reconvertie, ce n’est plus une friche' : null;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function computeCriteriaMatrix(
  sites: readonly Brownfield[],
  ctx: PreparedContext,
  criteria: readonly Criterion[] = CRITERIA,
): CriteriaMatrix {
  const n = sites.length;
  const m = criteria.length;
  const raw = new Float64Array(n * m).fill(Number.NaN);
  const normalised = new Float64Array(n * m).fill(Number.NaN);
  const renaturation = new Float64Array(n * m).fill(Number.NaN);
  const missingLayers = criteria.map((c) => c.needs.filter((role) => !ctx.available.has(role)));
  const failures: CriteriaMatrix['failures'] = [];
  for (let j = 0; j < m; j++) {
    if (missingLayers[j]!.length > 0) continue;
    const criterion = criteria[j]!;
    for (let i = 0; i < n; i++) {
      let value: number | null;
      try {
        value = criterion.evaluate(sites[i]!, ctx);
      } catch (error) {
        failures.push({ site: i, criterion: criterion.id, reason: (error as Error).message });
        continue;
      }
      if (value === null || !Number.isFinite(value)) continue;
      raw[i * m + j] = value;
      normalised[i * m + j] = clamp01(criterion.normalise(value));
      renaturation[i * m + j] = clamp01((criterion.renaturation ?? criterion).normalise(value));
    }
  }
  const exclusion = sites.map(exclusionReason);
  return {
    siteIds: sites.map((s) => s.id),
    criteria: criteria.map(({ id, label, unit, needs, description, weight, levels, renaturation }) => ({
      id,
      label,
      unit,
      needs: [...needs],
      description,
      weight,
      ...(levels ? { levels: [...levels] } : {}),
      ...(renaturation ? { renaturationDescription: renaturation.description } : {}),
    })),
    siteCount: n,
    criterionCount: m,
    raw,
    normalised,
    renaturation,
    eligible: Uint8Array.from(exclusion, (reason) => (reason ? 0 : 1)),
    outside: Uint8Array.from(sites, (s) => (s.territoryInsee === null ? 1 : 0)),
    exclusion,
    missingLayers,
    failures,
  };
}
