import type { FactorClass, LightStatus } from './types.ts';

/**
 * What a light point is shown as on the map: its status, and its class once renovated. One list feeds the
 * map paint expression and the legend so they cannot disagree.
 */
export const LIGHT_CATEGORIES = [
  'toRenovate',
  'scheduled',
  'factor4',
  'factor2',
  'belowTarget',
  'notClassifiable',
  'decommissioned',
  'outsideTerritory',
] as const;
export type LightCategory = (typeof LIGHT_CATEGORIES)[number];

/** What colours the points: renovation status and class, or compliance with the arrêté of 2018. */
export type LightsMapStyle = 'status' | 'compliance';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const LIGHT_CATEGORY_STYLE: Readonly<Record<LightCategory, { label: string; color: string }>> = {
  toRenovate: { label: 'À rénover', color: '#D55E00' },
  scheduled: { label: 'Programmé', color: '#E69F00' },
  factor4: { label: 'Rénové — facteur 4', color: '#009E73' },
  factor2: { label: 'Rénové — facteur 2', color: '#56B4E9' },
  belowTarget: { label: 'Rénové — sous l’objectif', color: '#CC79A7' },
  notClassifiable: { label: 'Rénové — non classable', color: '#999999' },
  decommissioned: { label: 'Point déposé', color: '#444444' },
  outsideTerritory: { label: 'Hors du territoire (non compté)', color: '#D0D0D0' },
};

export function lightCategory(
  status: LightStatus,
  factorClass: FactorClass | null,
  outsideTerritory = false,
): LightCategory {
  // Greyed whatever its status: it counts toward nothing, and must not look like a territory point.
  if (outsideTerritory) return 'outsideTerritory';
  if (status !== 'renovated') return status;
  return factorClass ?? 'notClassifiable';
}

/** Legend entries in display order, with counts when given. */
export function lightLegend(counts?: Partial<Record<LightCategory, number>>) {
  return LIGHT_CATEGORIES.map((category) => ({
    category,
    ...LIGHT_CATEGORY_STYLE[category],
    count: counts?.[category] ?? 0,
  }));
}

/** MapLibre `match` expression colouring features by their `category` property (plain JSON, no MapLibre import). */
export function lightCategoryColorExpression(property = 'category'): unknown[] {
  return [
    'match',
    ['get', property],
    ...LIGHT_CATEGORIES.flatMap((c) => [c, LIGHT_CATEGORY_STYLE[c].color]),
    LIGHT_CATEGORY_STYLE.notClassifiable.color,
  ];
}
