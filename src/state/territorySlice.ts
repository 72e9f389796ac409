import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { StateCreator } from 'zustand';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  EpciCollection,
  TerritoryMeta,
} from '../domain/territory/types.ts';
import type { AppState } from './store.ts';

export interface TerritoryData {
  meta: TerritoryMeta;
  communes: CommuneCollection;
  epci: EpciCollection;
  outline: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  centres: CommuneCentreCollection;
}

export interface TerritorySlice {
  territory: TerritoryData | null;
  territoryError: string | null;
  setTerritory: (data: TerritoryData) => void;
  setTerritoryError: (message: string) => void;
}

export const createTerritorySlice: StateCreator<AppState, [], [], TerritorySlice> = (set) => ({
  territory: null,
  territoryError: null,
  setTerritory: (territory) => set({ territory, territoryError: null }),
  setTerritoryError: (territoryError) => set({ territoryError }),
});
