import type { Feature, FeatureCollection, Point } from 'geojson';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import {
  FACTOR_CLASS_CODES,
  type LightCategory,
  type LightsTable,
  lightCategory,
  lightCategoryColorExpression,
} from '../../domain/lights/index.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

/** The only property the map needs per point; everything else is read from the store on click. */
export interface LightMapProperties {
  category: LightCategory;
}

export type LightMapFeature = Feature<Point, LightMapProperties>;

/** Above this zoom every point is drawn individually. */
export const LIGHTS_CLUSTER_MAX_ZOOM = 14;
const CLUSTER_COLOUR = '#12305a';

/**
 * One feature per point, `id` = its index in the table (and in the store's point list), built once per
 * table so that a filter change only picks existing objects instead of allocating 25,000 new ones.
 * Features of `previous` that still describe their point (same position and category) are reused, so that
 * after an edit the map is sent only the edited points (sources use `updateById`).
 */
export function lightFeatures(table: LightsTable, previous?: readonly LightMapFeature[]): LightMapFeature[] {
  const { points, factorClass } = table;
  const out = new Array<LightMapFeature>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const category = lightCategory(
      p.status,
      FACTOR_CLASS_CODES[factorClass[i]!] ?? null,
      p.outsideTerritory === true,
    );
    const old = previous?.[i];
    const [lon, lat] = old?.geometry.coordinates ?? [];
    out[i] =
      old && old.properties.category === category && lon === p.lon && lat === p.lat
        ? old
        : {
            type: 'Feature',
            id: i,
            geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
            properties: { category },
          };
  }
  return out;
}

/** The features at the given indices (filtered or selected points), in that order. */
export function pickFeatures(
  features: readonly LightMapFeature[],
  indices: ArrayLike<number>,
): FeatureCollection<Point, LightMapProperties> {
  const picked = new Array<LightMapFeature>(indices.length);
  let n = 0;
  for (let k = 0; k < indices.length; k++) {
    const f = features[indices[k]!];
    if (f) picked[n++] = f;
  }
  picked.length = n;
  return { type: 'FeatureCollection', features: picked };
}

export interface LightsLayerInput {
  /** The filtered points, clustered. */
  points: FeatureCollection<Point, LightMapProperties>;
  /** The selected points, drawn unclustered above everything so a selection stays visible when zoomed out. */
  selected: FeatureCollection<Point, LightMapProperties>;
}

const unclustered: ExpressionSpecification = ['!', ['has', 'point_count']];

export function lightsLayers(input: LightsLayerInput): MapSpec {
  const colour = lightCategoryColorExpression() as DataDrivenPropertyValueSpecification<string>;
  return {
    sources: {
      [SOURCE.lights]: {
        type: 'geojson',
        data: input.points,
        cluster: true,
        clusterRadius: 45,
        clusterMaxZoom: LIGHTS_CLUSTER_MAX_ZOOM,
        updateById: true,
      },
      [SOURCE.lightsSelected]: { type: 'geojson', data: input.selected, updateById: true },
    },
    layers: [
      {
        id: LAYER.lightsClusters,
        type: 'circle',
        source: SOURCE.lights,
        filter: ['has', 'point_count'],
        paint: {
          'circle-color': CLUSTER_COLOUR,
          'circle-opacity': 0.82,
          'circle-radius': ['step', ['get', 'point_count'], 11, 50, 15, 250, 19, 1000, 24],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.5,
        },
      },
      {
        id: LAYER.lightsClusterCount,
        type: 'symbol',
        source: SOURCE.lights,
        filter: ['has', 'point_count'],
        layout: {
          // Full count, not the English-style "1.2k" of point_count_abbreviated.
          'text-field': ['to-string', ['get', 'point_count']],
          // No glyph server: like the commune labels, drawn locally from system fonts.
          'text-font': ['sans-serif'],
          'text-size': 12,
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#ffffff' },
      },
      {
        id: LAYER.lightsPoints,
        type: 'circle',
        source: SOURCE.lights,
        filter: unclustered,
        paint: {
          'circle-color': colour,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 14, 5, 18, 8],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0.4, 16, 1.2],
        },
      },
      {
        id: LAYER.lightsSelected,
        type: 'circle',
        source: SOURCE.lightsSelected,
        paint: {
          'circle-color': colour,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 6, 18, 10],
          'circle-stroke-color': '#111111',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}
