/**
 * Per-commune indicators of the three contract modules. Conventions:
 * - every territory commune gets an entry; a dataset that is not loaded gives "no data" everywhere,
 *   a loaded dataset with nothing in a commune gives 0 for counts;
 * - rates carry numerator and denominator so EPCI values are ratios of sums (aggregate.ts);
 * - a rate with a zero denominator has no value (a commune without points has no renovation rate).
 */
import { SMALL_SAMPLE_THRESHOLD } from '../advice/conversion.ts';
import type {
  CommuneAdviceSummary,
  CommuneLightsSummary,
  IndicatorData,
  IndicatorDefinition,
  IndicatorValue,
} from './types.ts';

const LIGHTS_SOURCE = 'Inventaire de l’éclairage public importé (points lumineux, statut, puissances)';
const ADVICE_SOURCE = 'Registre des conseils France Rénov’ importé ou saisi (suivi des ménages)';
const FRICHES_SOURCE =
  'Inventaire des friches (standard CNIG « Friches », Cartofriches) et scores de reconversion';
const POPULATION_SOURCE = 'population municipale INSEE (découpage administratif Etalab)';

function perCommune(
  data: IndicatorData,
  compute: (insee: string, population: number) => IndicatorValue,
): Map<string, IndicatorValue> {
  return new Map(data.communes.map((c) => [c.insee, compute(c.insee, c.population)]));
}

function lightsIndicator(
  pick: (s: CommuneLightsSummary) => IndicatorValue,
): (data: IndicatorData) => Map<string, IndicatorValue> {
  return (data) =>
    perCommune(data, (insee) => {
      if (!data.lights) return { value: null };
      return pick(data.lights.byCommune.get(insee) ?? EMPTY_LIGHTS);
    });
}

function adviceIndicator(
  pick: (s: CommuneAdviceSummary, population: number) => IndicatorValue,
): (data: IndicatorData) => Map<string, IndicatorValue> {
  return (data) =>
    perCommune(data, (insee, population) => {
      if (!data.advice) return { value: null };
      return pick(data.advice.byCommune.get(insee) ?? EMPTY_ADVICE, population);
    });
}

const EMPTY_LIGHTS: CommuneLightsSummary = {
  points: 0,
  renovated: 0,
  factor4: 0,
  factor2: 0,
  kwhSavedPerYear: 0,
  contractCounted: 0,
};
const EMPTY_ADVICE: CommuneAdviceSummary = {
  sessions: 0,
  mature: 0,
  withWorks: 0,
  smallSample: true,
  contractSessions: 0,
};

const ratio = (numerator: number, denominator: number, scale: number): IndicatorValue => ({
  value: denominator > 0 ? (scale * numerator) / denominator : null,
  numerator,
  denominator,
});

export const lightsRenovated: IndicatorDefinition = {
  id: 'lightsRenovated',
  period: 'scoped',
  label: 'Points lumineux rénovés',
  unit: 'points',
  direction: 'up',
  kind: 'count',
  source: LIGHTS_SOURCE,
  formula:
    'Nombre de points lumineux au statut « rénové » dans la commune dont la date des travaux est dans la période retenue (toutes classes de performance).',
  requires: ['lights'],
  aggregation: { kind: 'sum' },
  compute: lightsIndicator((s) => ({ value: s.renovated })),
};

export const lightsRenovatedShare: IndicatorDefinition = {
  id: 'lightsRenovatedShare',
  period: 'scoped',
  label: 'Part du parc d’éclairage rénovée',
  unit: '%',
  direction: 'up',
  kind: 'rate',
  source: LIGHTS_SOURCE,
  formula:
    'Points rénovés dans la période retenue ÷ points de l’inventaire actuel de la commune × 100. Sans point inventorié : pas de donnée.',
  requires: ['lights'],
  noDataLabel: 'Aucun point lumineux inventorié',
  aggregation: { kind: 'ratio', scale: 100 },
  compute: lightsIndicator((s) => ratio(s.renovated, s.points, 100)),
};

export const lightsFactor4: IndicatorDefinition = {
  id: 'lightsFactor4',
  period: 'scoped',
  label: 'Points rénovés en facteur 4',
  unit: 'points',
  direction: 'up',
  kind: 'count',
  source: LIGHTS_SOURCE,
  formula: 'Points rénovés dont la consommation annuelle est divisée par 4 ou plus.',
  requires: ['lights'],
  aggregation: { kind: 'sum' },
  compute: lightsIndicator((s) => ({ value: s.factor4 })),
};

export const lightsFactor2: IndicatorDefinition = {
  id: 'lightsFactor2',
  period: 'scoped',
  label: 'Points rénovés en facteur 2',
  unit: 'points',
  direction: 'up',
  kind: 'count',
  source: LIGHTS_SOURCE,
  formula: 'Points rénovés dont la consommation annuelle est divisée par 2 à 4.',
  requires: ['lights'],
  aggregation: { kind: 'sum' },
  compute: lightsIndicator((s) => ({ value: s.factor2 })),
};

/** What counts toward the lighting target: the headline « points rénovés (facteur 4 ou 2) ». */
export const lightsCounted: IndicatorDefinition = {
  id: 'lightsCounted',
  period: 'scoped',
  label: 'Points rénovés en facteur 4 ou 2',
  unit: 'points',
  direction: 'up',
  kind: 'count',
  source: LIGHTS_SOURCE,
  formula:
    'Points rénovés en facteur 4 ou en facteur 2 dont la date des travaux est dans la période retenue (ce qui compte pour l’objectif du contrat).',
  requires: ['lights'],
  aggregation: { kind: 'sum' },
  compute: lightsIndicator((s) => ({ value: s.factor4 + s.factor2 })),
};

export const lightsKwhSaved: IndicatorDefinition = {
  id: 'lightsKwhSaved',
  period: 'scoped',
  label: 'Énergie économisée par l’éclairage rénové',
  unit: 'kWh/an',
  direction: 'up',
  kind: 'count',
  source: `${LIGHTS_SOURCE} ; durée annuelle de fonctionnement des paramètres de l’éclairage`,
  formula:
    'Somme, sur les points rénovés, de la consommation annuelle avant travaux moins celle après travaux.',
  requires: ['lights'],
  aggregation: { kind: 'sum' },
  compute: lightsIndicator((s) => ({ value: s.kwhSavedPerYear })),
};

export const adviceSessions: IndicatorDefinition = {
  id: 'adviceSessions',
  period: 'scoped',
  label: 'Conseils énergie réalisés',
  unit: 'conseils',
  direction: 'up',
  kind: 'count',
  source: ADVICE_SOURCE,
  formula: 'Nombre de conseils enregistrés pour un logement de la commune dans la période retenue.',
  requires: ['advice'],
  aggregation: { kind: 'sum' },
  compute: adviceIndicator((s) => ({ value: s.sessions })),
};

export const adviceSessionsPer1000: IndicatorDefinition = {
  id: 'adviceSessionsPer1000',
  period: 'scoped',
  label: 'Conseils pour 1 000 habitants',
  unit: '‰ hab.',
  direction: 'up',
  kind: 'density',
  source: `${ADVICE_SOURCE} ; ${POPULATION_SOURCE}`,
  formula: 'Conseils ÷ population municipale × 1 000.',
  requires: ['advice'],
  aggregation: { kind: 'ratio', scale: 1000 },
  compute: adviceIndicator((s, population) => ratio(s.sessions, population, 1000)),
};

export const adviceConversionRate: IndicatorDefinition = {
  id: 'adviceConversionRate',
  period: 'scoped',
  label: 'Taux de passage à l’acte',
  unit: '%',
  direction: 'up',
  kind: 'rate',
  source: ADVICE_SOURCE,
  formula: `Conseils suivis de travaux engagés ou réalisés ÷ conseils arrivés à maturité (au moins 6 mois) × 100, dans la période retenue ; si la période du contrat ne compte aucun conseil mûr, sur tous les conseils importés (indiqué). Moins de ${SMALL_SAMPLE_THRESHOLD} conseils mûrs : effectif trop faible, figuré à part.`,
  requires: ['advice'],
  noDataLabel: 'Aucun conseil arrivé à maturité',
  smallSampleLabel: `Moins de ${SMALL_SAMPLE_THRESHOLD} conseils arrivés à maturité`,
  aggregation: { kind: 'ratio', scale: 100, minDenominator: SMALL_SAMPLE_THRESHOLD },
  compute: adviceIndicator((s) => ({
    ...ratio(s.withWorks, s.mature, 100),
    smallSample: s.mature < SMALL_SAMPLE_THRESHOLD,
  })),
};

export const brownfieldsCount: IndicatorDefinition = {
  id: 'brownfieldsCount',
  period: 'undated',
  label: 'Friches recensées',
  unit: 'friches',
  direction: 'up',
  kind: 'count',
  source: FRICHES_SOURCE,
  formula: 'Nombre de sites de l’inventaire des friches situés dans la commune.',
  requires: ['brownfields'],
  aggregation: { kind: 'sum' },
  compute: (data) => {
    const counts = new Map<string, number>();
    for (const site of data.brownfields?.sites ?? []) {
      if (site.insee) counts.set(site.insee, (counts.get(site.insee) ?? 0) + 1);
    }
    return perCommune(data, (insee) => ({ value: data.brownfields ? (counts.get(insee) ?? 0) : null }));
  },
};

export const brownfieldsBestScore: IndicatorDefinition = {
  id: 'brownfieldsBestScore',
  period: 'undated',
  label: 'Meilleur score de reconversion',
  unit: '/ 100',
  direction: 'up',
  kind: 'score',
  source: FRICHES_SOURCE,
  formula:
    'Score le plus élevé parmi les friches de la commune (moyenne pondérée des critères renseignés, sur 100).',
  requires: ['brownfields'],
  noDataLabel: 'Aucune friche notée',
  aggregation: { kind: 'max' },
  compute: (data) => {
    const best = new Map<string, number>();
    for (const site of data.brownfields?.sites ?? []) {
      if (!site.insee || site.score === null || !Number.isFinite(site.score)) continue;
      const score = Math.round(site.score * 1000) / 10;
      best.set(site.insee, Math.max(best.get(site.insee) ?? Number.NEGATIVE_INFINITY, score));
    }
    return perCommune(data, (insee) => ({ value: best.get(insee) ?? null }));
  },
};
