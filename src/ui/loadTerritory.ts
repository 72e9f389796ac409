import type { TerritoryData } from '../state/territorySlice.ts';

const BASE = `${import.meta.env.BASE_URL}data/generated/`;

async function getJson<T>(name: string): Promise<T> {
  const response = await fetch(`${BASE}${name}`);
  if (!response.ok) throw new Error(`${name} : HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** Loads the territory built by `npm run setup`; a missing build is explained in French, not a blank map. */
export async function loadTerritoryData(): Promise<TerritoryData> {
  try {
    const [meta, communes, epci, outline, centres] = await Promise.all([
      getJson<TerritoryData['meta']>('territory.meta.json'),
      getJson<TerritoryData['communes']>('communes.geojson'),
      getJson<TerritoryData['epci']>('epci.geojson'),
      getJson<TerritoryData['outline']>('territory.geojson'),
      getJson<TerritoryData['centres']>('centres.geojson'),
    ]);
    return { meta, communes, epci, outline, centres };
  } catch (error) {
    throw new Error(
      `Les données du territoire sont introuvables (${(error as Error).message}). ` +
        'Lancez « npm run setup » (hors ligne : COMMUNES_SOURCE=chemin/vers/communes.geojson npm run setup).',
    );
  }
}
