import type { Feature, FeatureCollection, Point } from 'geojson';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import {
  FACTOR_CLASS_CODES,
  LIGHT_CATEGORIES,
  LIGHT_CATEGORY_STYLE,
  type LightCategory,
  type LightsMapStyle,
  type LightsTable,
  lightCategory,
  lightCategoryColorExpression,
  NOT_ASSESSED,
  VERDICT_STYLE,
  VERDICTS,
  type Verdict,
} from '../../domain/lights/index.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';
import { clusterRing, type RingCategory } from './clusterRing.ts';

/**
 * The properties the map needs per point; everything else is read from the store on click. `compliance` is
 * set only while the map is coloured by compliance with the arrêté of 2018 (absent = not assessed).
 */
export interface LightMapProperties {
  category: LightCategory;
  compliance?: Verdict;
}

/** Colour of points the compliance view does not assess (removed lamps, points outside the territory). */
export const NOT_ASSESSED_STYLE = { label: 'Non jugé (déposé ou hors du territoire)', color: '#D0D0D0' };

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
export function lightFeatures(
  table: LightsTable,
  previous?: readonly LightMapFeature[],
  compliance?: Uint8Array,
): LightMapFeature[] {
  const { points, factorClass } = table;
  const out = new Array<LightMapFeature>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const category = lightCategory(
      p.status,
      FACTOR_CLASS_CODES[factorClass[i]!] ?? null,
      p.outsideTerritory === true,
    );
    const code = compliance?.[i];
    const verdict = code === undefined || code === NOT_ASSESSED ? undefined : VERDICTS[code];
    const old = previous?.[i];
    const [lon, lat] = old?.geometry.coordinates ?? [];
    out[i] =
      old &&
      old.properties.category === category &&
      old.properties.compliance === verdict &&
      lon === p.lon &&
      lat === p.lat
        ? old
        : {
            type: 'Feature',
            id: i,
            geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
            properties: verdict ? { category, compliance: verdict } : { category },
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
  /** Default: by status. */
  style?: LightsMapStyle;
}

const unclustered: ExpressionSpecification = ['!', ['has', 'point_count']];

/** The categories of the cluster rings and the point colours, in legend order, for a style. */
export function ringCategories(style: LightsMapStyle): RingCategory[] {
  if (style === 'compliance')
    return [
      ...VERDICTS.map((v) => ({
        key: v,
        color: VERDICT_STYLE[v].color,
        match: ['==', ['get', 'compliance'], v] as ExpressionSpecification,
      })),
      {
        key: 'notAssessed',
        color: NOT_ASSESSED_STYLE.color,
        match: ['!', ['has', 'compliance']] as ExpressionSpecification,
      },
    ];
  return LIGHT_CATEGORIES.map((c) => ({
    key: c,
    color: LIGHT_CATEGORY_STYLE[c].color,
    match: ['==', ['get', 'category'], c] as ExpressionSpecification,
  }));
}

/** Point colour by the point's own properties (GeoJSON features), as the legend. */
export function pointColour(style: LightsMapStyle): DataDrivenPropertyValueSpecification<string> {
  if (style === 'status')
    return lightCategoryColorExpression() as DataDrivenPropertyValueSpecification<string>;
  return [
    'match',
    ['coalesce', ['get', 'compliance'], 'none'],
    ...VERDICTS.flatMap((v) => [v, VERDICT_STYLE[v].color]),
    NOT_ASSESSED_STYLE.color,
  ] as unknown as DataDrivenPropertyValueSpecification<string>;
}

export function lightsLayers(input: LightsLayerInput): MapSpec {
  const style = input.style ?? 'status';
  const colour = pointColour(style);
  const ring = clusterRing(SOURCE.lights, LAYER.lightsClusters, ringCategories(style), CLUSTER_COLOUR);
  return {
    sources: {
      [SOURCE.lights]: {
        type: 'geojson',
        data: input.points,
        cluster: true,
        clusterRadius: 45,
        clusterMaxZoom: LIGHTS_CLUSTER_MAX_ZOOM,
        clusterProperties: ring.clusterProperties,
        updateById: true,
      },
      [SOURCE.lightsSelected]: { type: 'geojson', data: input.selected, updateById: true },
    },
    layers: [
      ...ring.layers,
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
