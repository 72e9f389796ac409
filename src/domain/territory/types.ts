import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';

export interface CommuneProps {
  insee: string;
  name: string;
  epciSiren: string;
  epciName: string;
  /** Legal population (population municipale) from @etalab/decoupage-administratif. */
  population: number;
  areaKm2: number;
  /**
   * La Poste codes (`codesPostaux` of @etalab/decoupage-administratif): commune names and postcodes locate
   * the rows of files without INSEE codes (src/io/communes.ts). Empty in territory data built before them.
   */
  postcodes?: string[];
}

export interface EpciProps {
  siren: string;
  name: string;
  communes: number;
  population: number;
}

export type CommuneFeature = Feature<Polygon | MultiPolygon, CommuneProps>;
export type CommuneCollection = FeatureCollection<Polygon | MultiPolygon, CommuneProps>;
export type EpciCollection = FeatureCollection<Polygon | MultiPolygon, EpciProps>;
/** One point inside each commune, used for labels and as the default "commune centre". */
export type CommuneCentreCollection = FeatureCollection<
  Point,
  { insee: string; name: string; population: number }
>;

export interface ContractTargets {
  adviceSessions: number;
  adviceConversionRate: number;
  lightsRenovated: number;
  lightsFactor4: number;
  lightsFactor2: number;
  brownfieldsShortlisted: number;
}

export interface ContractConfig {
  name: string;
  /** ISO dates (yyyy-mm-dd). */
  start: string;
  end: string;
  targets: ContractTargets;
}

export interface TerritoryConfig {
  id: string;
  name: string;
  epci: string[];
  contract: ContractConfig;
}

export interface TerritoryMeta {
  name: string;
  contract: ContractConfig;
  source: string;
  licence: string;
  builtAt: string;
  communes: number;
  population: number;
  epci: EpciProps[];
}
