/**
 * "Avancement COTRI": one figure summarising the three contract targets, with its formula spelled out
 * in French next to the map (a composite nobody can explain would not survive a council meeting).
 *
 * Territory: mean of the three progress shares, each capped at 100 % (an overshoot on one target must
 * not hide a delay on another).
 * Commune: the advice and lighting targets are shared out — advice in proportion to population,
 * lighting in proportion to the commune's share of the inventory (population when no inventory is
 * loaded) — and the brownfield share is the territory's, because the 5 sites are a common target.
 */
import { formatNumber } from '../choropleth/format.ts';
import type { ContractConfig } from '../territory/types.ts';
import type { IndicatorData, IndicatorDefinition, IndicatorValue } from './types.ts';

type Parts = NonNullable<IndicatorValue['parts']>;
type Ratio = Parts[string];
export type CompositeParts = { advice: Ratio; lights: Ratio; brownfields: Ratio };

const PART_IDS = ['advice', 'lights', 'brownfields'] as const;

export function compositeFormula(contract: ContractConfig): string {
  const t = contract.targets;
  return [
    'Avancement COTRI = moyenne de trois parts, chacune plafonnée à 100 % :',
    `(1) conseils réalisés pendant le contrat ÷ ${formatNumber(t.adviceSessions)} ;`,
    `(2) points lumineux rénovés en facteur 4 ou 2 pendant le contrat ÷ ${formatNumber(t.lightsRenovated)} ;`,
    `(3) friches retenues dans la liste restreinte ÷ ${formatNumber(t.brownfieldsShortlisted)}.`,
    'Pour une commune, les objectifs (1) et (2) sont répartis au prorata de sa population (conseils) et de son parc de points lumineux (éclairage ; population si l’inventaire n’est pas chargé) ; la part (3) est celle du territoire, les friches étant un objectif commun.',
    'Une part dont l’objectif réparti est nul est omise de la moyenne.',
  ].join(' ');
}

/** Mean of the capped shares of the parts that have a target, in % (null when none has). */
export function compositeValue(parts: Parts): number | null {
  const shares = Object.values(parts)
    .filter((p) => p.denominator > 0)
    .map((p) => Math.min(1, Math.max(0, p.numerator / p.denominator)));
  if (shares.length === 0) return null;
  return (100 * shares.reduce((s, v) => s + v, 0)) / shares.length;
}

/** Territory-level parts (also the basis of the EPCI/commune brownfield part). */
export function territoryParts(data: IndicatorData): CompositeParts {
  const t = data.contract.targets;
  return {
    advice: { numerator: data.advice?.contractDelivered ?? 0, denominator: t.adviceSessions },
    lights: { numerator: data.lights?.contract.countedTotal ?? 0, denominator: t.lightsRenovated },
    brownfields: {
      numerator: Math.min(shortlisted(data), t.brownfieldsShortlisted),
      denominator: t.brownfieldsShortlisted,
    },
  };
}

function shortlisted(data: IndicatorData): number {
  return data.brownfields?.sites.filter((s) => s.shortlisted).length ?? 0;
}

function communeParts(data: IndicatorData): Map<string, CompositeParts> {
  const t = data.contract.targets;
  const totalPopulation = data.communes.reduce((s, c) => s + c.population, 0);
  let totalPoints = 0;
  for (const s of data.lights?.byCommune.values() ?? []) totalPoints += s.points;
  const territory = territoryParts(data);
  const out = new Map<string, CompositeParts>();
  for (const c of data.communes) {
    // Without any known population the targets are shared equally, so the shares still add up to 1 and
    // the territory's figure stays the aggregate of its communes'.
    const populationShare = totalPopulation > 0 ? c.population / totalPopulation : 1 / data.communes.length;
    const lights = data.lights?.byCommune.get(c.insee);
    const lightsShare = totalPoints > 0 ? (lights?.points ?? 0) / totalPoints : populationShare;
    out.set(c.insee, {
      advice: {
        numerator: data.advice?.byCommune.get(c.insee)?.contractSessions ?? 0,
        denominator: t.adviceSessions * populationShare,
      },
      lights: { numerator: lights?.contractCounted ?? 0, denominator: t.lightsRenovated * lightsShare },
      brownfields: { ...territory.brownfields },
    });
  }
  return out;
}

/** EPCI: advice and lighting parts add up over communes; the brownfield part stays the territory's. */
function combineComposite(values: readonly IndicatorValue[]): IndicatorValue {
  const parts: Parts = {};
  for (const id of PART_IDS) {
    const present = values.map((v) => v.parts?.[id]).filter((p) => p !== undefined);
    if (present.length === 0) continue;
    parts[id] =
      id === 'brownfields'
        ? { ...present[0]! }
        : {
            numerator: present.reduce((s, p) => s + p.numerator, 0),
            denominator: present.reduce((s, p) => s + p.denominator, 0),
          };
  }
  return { value: compositeValue(parts), parts };
}

export const cotriProgress: IndicatorDefinition = {
  id: 'cotriProgress',
  period: 'contract',
  label: 'Avancement COTRI',
  unit: '%',
  direction: 'up',
  kind: 'rate',
  source:
    'Conseils, inventaire de l’éclairage et liste restreinte des friches ; objectifs et dates du contrat COTRI',
  formula: compositeFormula,
  requires: ['lights', 'advice', 'brownfields'],
  aggregation: { kind: 'custom', combine: combineComposite },
  compute: (data) => {
    const out = new Map<string, IndicatorValue>();
    for (const [insee, parts] of communeParts(data)) out.set(insee, { value: compositeValue(parts), parts });
    return out;
  },
};
