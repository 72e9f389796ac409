import type { ContractConfig } from '../territory/types.ts';
import type { LightsContext } from './context.ts';
import type { LightingSettings } from './energy.ts';
import { computeProgress } from './progress.ts';
import type { LightPoint } from './types.ts';

/**
 * The headless contract of issue 4 (`atlas lights <file> --json`): field names are public, keep them.
 * Counts are over every renovated point of the territory, whatever its date (« toutes dates »); `gauges` count
 * only works dated inside the contract period (« travaux datés dans la période du contrat »).
 */
export interface LightsSummary {
  /** Points of the territory (those outside it are in `outsideTerritory`). */
  points: number;
  renovated: number;
  facteur4: number;
  facteur2: number;
  belowTarget: number;
  toRenovate: number;
  kwhSavedPerYear: number;
  byCommune: Record<string, { points: number; renovated: number; facteur4: number; facteur2: number }>;
  /** Kept points outside the territory: flagged, counted toward nothing (issue 14). */
  outsideTerritory: number;
  /** Points counted toward each contract target (works dated in the contract period, `contractGauges`). */
  gauges: { factor4: number; factor2: number; total: number };
  /** « Objectifs atteints »: the three gauges are full. */
  targetsMet: boolean;
}

export function summarizeLights(
  points: readonly LightPoint[],
  settings: LightingSettings,
  contract: ContractConfig,
  context: Pick<LightsContext, 'epciOf'>,
): LightsSummary {
  const progress = computeProgress(points, settings, contract, context);
  const { totals, byCommune } = progress;
  const { gauges } = progress.contract;
  const communes: LightsSummary['byCommune'] = {};
  for (const insee of Object.keys(byCommune).sort()) {
    const c = byCommune[insee]!;
    communes[insee] = { points: c.points, renovated: c.renovated, facteur4: c.factor4, facteur2: c.factor2 };
  }
  return {
    points: totals.points,
    renovated: totals.renovated,
    facteur4: totals.factor4,
    facteur2: totals.factor2,
    belowTarget: totals.belowTarget,
    toRenovate: totals.toRenovate,
    // 0.1 kWh is far below what any input wattage can claim; it keeps float noise out of the JSON.
    kwhSavedPerYear: Math.round(totals.kwhSavedPerYear * 10) / 10,
    byCommune: communes,
    outsideTerritory: progress.outsideTerritory,
    gauges: { factor4: gauges.factor4.counted, factor2: gauges.factor2.counted, total: gauges.total.counted },
    targetsMet: progress.contract.targetsMet,
  };
}
