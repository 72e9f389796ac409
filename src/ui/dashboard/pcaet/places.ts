import type { PcaetLevel } from '../../../domain/pcaet/types.ts';
import type { PcaetPlaces } from '../../../domain/pcaet/validate.ts';
import { memoLast } from '../../../lib/memo.ts';
import type { TerritoryData } from '../../../state/territorySlice.ts';

export interface PlaceOption {
  id: string;
  name: string;
}

export interface TerritoryPlaces {
  places: PcaetPlaces;
  communes: PlaceOption[];
  epci: PlaceOption[];
  nameOf: Map<string, string>;
}

export const territoryPlaces = memoLast((territory: TerritoryData): TerritoryPlaces => {
  const communes = territory.communes.features
    .map((f) => ({ id: f.properties.insee, name: f.properties.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  const epci = territory.meta.epci.map((e) => ({ id: e.siren, name: e.name }));
  return {
    places: { communes: new Set(communes.map((c) => c.id)), epci: new Set(epci.map((e) => e.id)) },
    communes,
    epci,
    nameOf: new Map([...communes, ...epci].map((p) => [p.id, p.name])),
  };
});

export function optionsFor(level: PcaetLevel, places: TerritoryPlaces): PlaceOption[] {
  return level === 'commune' ? places.communes : level === 'epci' ? places.epci : [];
}
