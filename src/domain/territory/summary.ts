import type { CommuneCollection, EpciProps } from './types.ts';

export interface TerritorySummary {
  name: string;
  communes: number;
  population: number;
  epci: { siren: string; nom: string; communes: number; population: number }[];
  source: string;
}

/** Counts are recomputed from the communes themselves, so the summary cannot drift from the data shown. */
export function summarizeTerritory(
  name: string,
  communes: CommuneCollection,
  epciOrder: Pick<EpciProps, 'siren' | 'name'>[],
  source: string,
): TerritorySummary {
  const epci = epciOrder.map(({ siren, name: nom }) => {
    const members = communes.features.filter((f) => f.properties.epciSiren === siren);
    return {
      siren,
      nom,
      communes: members.length,
      population: members.reduce((sum, f) => sum + f.properties.population, 0),
    };
  });
  return {
    name,
    communes: communes.features.length,
    population: communes.features.reduce((sum, f) => sum + f.properties.population, 0),
    epci,
    source,
  };
}
