/**
 * Value labels on the map, offered when few areas are drawn (the 3 EPCI): each area's value, formatted
 * as in the table and the tooltip, at a point inside it. Off by default; not kept in the project.
 */
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { create } from 'zustand';
import { memoLast } from '../../lib/memo.ts';
import type { MapSpec } from '../../map/spec.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import type { DashboardChoropleth } from './mapModel.ts';
import { valueText } from './selection.ts';

/** Above this many areas the labels would hide the map: the option is not offered. */
export const MAX_VALUE_LABELS = 12;
export const VALUE_LABELS_SOURCE = 'dashboard-value-labels';
export const VALUE_LABELS_LAYER = 'dashboard-value-labels';

export const useValueLabels = create<{ on: boolean; setOn: (on: boolean) => void }>((set) => ({
  on: false,
  setOn: (on) => set({ on }),
}));

export function valueLabelsOffered(current: DashboardChoropleth): boolean {
  return current.values.size > 0 && current.values.size <= MAX_VALUE_LABELS;
}

/** One point per area drawn: inside each EPCI polygon, or the commune's centre. */
const anchorsOf = memoLast((territory: TerritoryData, level: 'commune' | 'epci'): Map<string, Point> => {
  if (level === 'commune')
    return new Map(territory.centres.features.map((f) => [f.properties.insee, f.geometry]));
  return new Map(
    territory.epci.features.map((f) => [String(f.properties.siren), pointOnFeature(f).geometry]),
  );
});

export function valueLabelLayers(current: DashboardChoropleth, territory: TerritoryData): MapSpec {
  const anchors = anchorsOf(territory, current.level);
  const features: Feature<Point, { label: string }>[] = [];
  for (const [place, value] of current.values) {
    const point = anchors.get(place);
    if (point)
      features.push({ type: 'Feature', geometry: point, properties: { label: valueText(current, value) } });
  }
  const data: FeatureCollection<Point, { label: string }> = { type: 'FeatureCollection', features };
  return {
    sources: { [VALUE_LABELS_SOURCE]: { type: 'geojson', data } },
    layers: [
      {
        id: VALUE_LABELS_LAYER,
        type: 'symbol',
        source: VALUE_LABELS_SOURCE,
        layout: {
          'text-field': ['get', 'label'],
          'text-font': ['sans-serif'],
          'text-size': 22,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 2.5 },
      },
    ],
  };
}
