import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ExpressionSpecification } from 'maplibre-gl';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  EpciCollection,
} from '../../domain/territory/types.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const EPCI_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#F0E442'] as const;

export interface TerritoryLayerInput {
  communes: CommuneCollection;
  epci: EpciCollection;
  outline: FeatureCollection<Polygon | MultiPolygon>;
  centres: CommuneCentreCollection;
  /** Fill communes by EPCI (the territory view); modules showing their own data pass false. */
  colourByEpci: boolean;
  /** Overrides the fill colour (e.g. a choropleth expression). */
  fillColour?: ExpressionSpecification | string;
  fillOpacity?: number;
}

export function epciColourExpression(epci: EpciCollection): ExpressionSpecification {
  const pairs = epci.features.flatMap((f, i) => [f.properties.siren, EPCI_COLOURS[i % EPCI_COLOURS.length]!]);
  return ['match', ['get', 'epciSiren'], ...pairs, '#cccccc'] as unknown as ExpressionSpecification;
}

export function territoryLayers(input: TerritoryLayerInput): MapSpec {
  const fill = input.fillColour ?? (input.colourByEpci ? epciColourExpression(input.epci) : '#f4f1ea');
  const hovered: ExpressionSpecification = ['boolean', ['feature-state', 'hover'], false];
  const selected: ExpressionSpecification = ['boolean', ['feature-state', 'selected'], false];
  return {
    sources: {
      [SOURCE.communes]: { type: 'geojson', data: input.communes, promoteId: 'insee' },
      [SOURCE.epci]: { type: 'geojson', data: input.epci },
      [SOURCE.territory]: { type: 'geojson', data: input.outline },
      [SOURCE.centres]: { type: 'geojson', data: input.centres },
    },
    layers: [
      {
        id: LAYER.communesFill,
        type: 'fill',
        source: SOURCE.communes,
        paint: {
          'fill-color': fill,
          'fill-opacity': [
            'case',
            selected,
            Math.min(1, (input.fillOpacity ?? 0.45) + 0.35),
            hovered,
            Math.min(1, (input.fillOpacity ?? 0.45) + 0.2),
            input.fillOpacity ?? 0.45,
          ],
        },
      },
      {
        id: LAYER.communesLine,
        type: 'line',
        source: SOURCE.communes,
        paint: {
          'line-color': ['case', selected, '#111111', '#ffffff'],
          'line-width': ['case', selected, 2.5, hovered, 1.8, 0.8],
        },
      },
      {
        id: LAYER.epciLine,
        type: 'line',
        source: SOURCE.epci,
        paint: { 'line-color': '#3d3d3d', 'line-width': 2.2 },
      },
      {
        id: LAYER.territoryLine,
        type: 'line',
        source: SOURCE.territory,
        paint: { 'line-color': '#1a1a1a', 'line-width': 3.5 },
      },
      {
        id: LAYER.communeLabels,
        type: 'symbol',
        source: SOURCE.centres,
        layout: {
          'text-field': ['get', 'name'],
          // No glyph server: MapLibre draws these system fonts locally (TinySDF), so labels work offline.
          'text-font': ['sans-serif'],
          'text-size': ['interpolate', ['linear'], ['zoom'], 9, 10, 12, 14],
          'symbol-sort-key': ['-', 0, ['get', 'population']],
          'text-max-width': 8,
        },
        paint: { 'text-color': '#1d1d1d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
      },
    ],
  };
}
