/**
 * « Part de l'objectif » maps: each commune's (or EPCI's) value divided by its own target, in %, so the
 * map reads against the target rather than against the other communes. 100 % = target reached.
 * - conversion: the place's rate ÷ the contract's rate threshold (e.g. 90 %), small samples kept apart;
 * - sessions and renovated points: the place's count ÷ its share of the contract target, shared out as in
 *   « Avancement COTRI » (population for advice, light points for lighting) — the same parts, so the
 *   shares of the EPCI are the ratio of their communes' sums.
 * One classification (fixed bounds around 100 %, diverging palette centred on 100 %) feeds map and legend.
 */
import { formatNumber, formatPercent } from '../choropleth/format.ts';
import type { ContractConfig } from '../territory/types.ts';
import { cotriProgress } from './composite.ts';
import { computeIndicator, indicatorById, type Level } from './registry.ts';
import type { IndicatorData } from './types.ts';

export type TargetShareId = 'adviceConversion' | 'adviceSessions' | 'lightsRenovated';

export interface TargetShareDefinition {
  id: TargetShareId;
  label: string;
  /** French: what 100 % means for this map. */
  target: (contract: ContractConfig) => string;
  requires: readonly ('advice' | 'lights')[];
}

export const TARGET_SHARES: readonly TargetShareDefinition[] = [
  {
    id: 'adviceConversion',
    label: 'Part de l’objectif — taux de passage à l’acte',
    target: (c) =>
      `100 % = taux de passage à l’acte égal au seuil du contrat (${formatPercent(c.targets.adviceConversionRate)})`,
    requires: ['advice'],
  },
  {
    id: 'adviceSessions',
    label: 'Part de l’objectif — conseils réalisés',
    target: (c) =>
      `100 % = part de l’objectif de ${formatNumber(c.targets.adviceSessions)} conseils répartie au prorata de la population`,
    requires: ['advice'],
  },
  {
    id: 'lightsRenovated',
    label: 'Part de l’objectif — points lumineux rénovés',
    target: (c) =>
      `100 % = part de l’objectif de ${formatNumber(c.targets.lightsRenovated)} points rénovés répartie au prorata du parc`,
    requires: ['lights'],
  },
];

/** Bounds of the share classes (%): four shades below the target, two above, the target as a bound. */
export const TARGET_SHARE_BREAKS: readonly number[] = [0, 25, 50, 75, 100, 125, 150];
export const TARGET_SHARE_MIDPOINT = 100;

export function targetShareById(id: string): TargetShareDefinition | undefined {
  return TARGET_SHARES.find((t) => t.id === id);
}

export interface TargetShareValues {
  values: Map<string, number | null>;
  smallSample: Set<string>;
}

export function targetShareValues(id: TargetShareId, data: IndicatorData, level: Level): TargetShareValues {
  const values = new Map<string, number | null>();
  const smallSample = new Set<string>();
  if (id === 'adviceConversion') {
    const threshold = data.contract.targets.adviceConversionRate;
    const rates = computeIndicator(indicatorById('adviceConversionRate')!, data, level);
    for (const [place, v] of rates) {
      values.set(place, v.value === null || threshold <= 0 ? null : v.value / threshold);
      if (v.smallSample) smallSample.add(place);
    }
    return { values, smallSample };
  }
  const part = id === 'adviceSessions' ? 'advice' : 'lights';
  for (const [place, v] of computeIndicator(cotriProgress, data, level)) {
    const p = v.parts?.[part];
    values.set(place, p && p.denominator > 0 ? (100 * p.numerator) / p.denominator : null);
  }
  return { values, smallSample };
}
