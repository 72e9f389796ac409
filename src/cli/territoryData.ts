import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  EpciCollection,
  TerritoryMeta,
} from '../domain/territory/types.ts';
import { CliError } from './errors.ts';

const GENERATED = resolve(import.meta.dirname, '../../public/data/generated');

export interface TerritoryData {
  meta: TerritoryMeta;
  communes: CommuneCollection;
  epci: EpciCollection;
  centres: CommuneCentreCollection;
}

let cached: TerritoryData | undefined;

/** The built territory, as the app loads it. Fails with a French hint when `npm run setup` has not run. */
export function loadTerritory(): TerritoryData {
  if (cached) return cached;
  const file = (name: string) => {
    const path = resolve(GENERATED, name);
    if (!existsSync(path)) {
      throw new CliError(`Données du territoire absentes (${name}). Lancez d'abord : npm run setup`);
    }
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  };
  cached = {
    meta: file('territory.meta.json') as TerritoryMeta,
    communes: file('communes.geojson') as CommuneCollection,
    epci: file('epci.geojson') as EpciCollection,
    centres: file('centres.geojson') as CommuneCentreCollection,
  };
  return cached;
}

/** Path of a file in the generated data folder (sample datasets live there too). */
export function generatedPath(name: string): string {
  return resolve(GENERATED, name);
}
