/**
 * The two reference indicators of ADEME's Territoires en Transitions (TeT) for street lighting, with their
 * target and limit values as the TeT catalogue defines them (../shared/reference/tet-indicateur-definitions.csv):
 * - `cae_20.b` « Consommation annuelle d’électricité pour l’éclairage public », kWh per light point: target
 *   160, limit 220;
 * - `cae_20` « Consommation de l’éclairage public », kWh per inhabitant and year in final energy: target 60
 *   (best TETE communities), limit 90 (ADEME-AITF-EDF-GDF « Énergie et patrimoine communal 2012 », towns).
 * Both are computed from the imported inventory as it stands (undated), on consumed power (gear losses
 * included): a partial inventory gives a partial consumption, which the formula text says.
 */
import type { CommuneLightsSummary, IndicatorDefinition, IndicatorValue } from './types.ts';

export const TET_LIGHTS_REFERENCES = Object.freeze({
  perPoint: { id: 'cae_20.b', target: 160, limit: 220, unit: 'kWh/point lumineux' },
  perInhabitant: { id: 'cae_20', target: 60, limit: 90, unit: 'kWh/hab.an' },
});

const SOURCE =
  'Inventaire de l’éclairage public importé (puissances, appareillage, extinctions) ; durée annuelle de fonctionnement des paramètres de l’éclairage ; valeurs de référence Territoires en Transitions (ADEME)';

type Lookup = (insee: string) => CommuneLightsSummary | undefined;

function perCommune(
  compute: (s: CommuneLightsSummary, population: number) => IndicatorValue,
): IndicatorDefinition['compute'] {
  return (data) => {
    const lookup: Lookup = (insee) => data.lights?.byCommune.get(insee);
    return new Map(
      data.communes.map((c) => {
        const s = data.lights ? lookup(c.insee) : undefined;
        if (!data.lights || s?.currentKwhPerYear === undefined) return [c.insee, { value: null }];
        return [c.insee, compute(s, c.population)];
      }),
    );
  };
}

const ratio = (numerator: number, denominator: number): IndicatorValue => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
});

const { perPoint, perInhabitant } = TET_LIGHTS_REFERENCES;
const fr = (n: number) => n.toLocaleString('fr-FR');

export const lightsKwhPerPoint: IndicatorDefinition = {
  id: 'lightsKwhPerPoint',
  period: 'undated',
  label: 'Consommation de l’éclairage public par point lumineux',
  unit: 'kWh/point/an',
  direction: 'down',
  kind: 'density',
  source: SOURCE,
  formula: `Consommation annuelle des points inventoriés (puissance consommée, pertes des ballasts comprises, × heures de fonctionnement effectives) ÷ nombre de points lumineux. Indicateur Territoires en Transitions ${perPoint.id} : valeur cible ${fr(perPoint.target)}, valeur limite ${fr(perPoint.limit)} ${perPoint.unit}.`,
  requires: ['lights'],
  noDataLabel: 'Aucun point lumineux inventorié',
  aggregation: { kind: 'ratio', scale: 1 },
  compute: perCommune((s) => ratio(s.currentKwhPerYear!, s.points)),
};

export const lightsKwhPerInhabitant: IndicatorDefinition = {
  id: 'lightsKwhPerInhabitant',
  period: 'undated',
  label: 'Consommation de l’éclairage public par habitant',
  unit: 'kWh/hab./an',
  direction: 'down',
  kind: 'density',
  source: `${SOURCE} ; population municipale INSEE (découpage administratif Etalab)`,
  formula: `Consommation annuelle des points inventoriés (énergie finale, pertes des ballasts comprises) ÷ population municipale. Indicateur Territoires en Transitions ${perInhabitant.id} : valeur cible ${fr(perInhabitant.target)}, valeur limite ${fr(perInhabitant.limit)} ${perInhabitant.unit} ; il couvre tout l’éclairage public de la commune (signalisation et mobilier urbain compris) : un inventaire partiel le sous-estime.`,
  requires: ['lights'],
  aggregation: { kind: 'ratio', scale: 1 },
  compute: perCommune((s, population) => ratio(s.currentKwhPerYear!, population)),
};
