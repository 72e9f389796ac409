/**
 * A big inventory in team mode (issue #18 item 8): the points are drawn from the team server's vector tiles
 * (`/api/tiles/lights/{z}/{x}/{y}.mvt`, one feature per point with its record id from zoom 13) instead of a
 * GeoJSON source holding every point, which MapLibre would have to copy to its worker and cluster again at
 * each filter change.
 *
 * The tiles carry the server's raw columns only; how the app reads a record (status deduced from other
 * columns, facteur 4 / 2 from the lighting settings, compliance) and whether it matches the lights panel's
 * filter are the app's rules (src/domain/lights), so they reach the tiles' paint as feature state keyed on
 * the record id: 0 = not matching (not drawn), k + 1 = drawn in colour k of the legend. Every filter of the
 * panel therefore works on the tiles exactly as on the list and the legend, whose counts stay the app's own
 * figures (the records the API returned), never counts of rendered features.
 *
 * Below zoom 13 a tile would hold tens of thousands of points: the overview is a grid of the filtered points
 * (one feature per occupied screen cell, with the counts per legend category for the cluster rings) computed
 * here from the same points, so its figures are the panel's figures too. The server's own clustered tiles are
 * not used: their cells cannot know the app's categories nor its filter.
 */
import type { FeatureCollection, Point } from 'geojson';
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import type { LightsMapStyle } from '../../domain/lights/index.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';
import { clusterRing } from './clusterRing.ts';
import { type LightMapFeature, type LightMapProperties, pointColour, ringCategories } from './lights.ts';

/** From this zoom the points come from the server's tiles (the server sends single points from 13 on). */
export const TILE_POINTS_MIN_ZOOM = 13;
/** Tiles beyond this zoom are the zoom-16 tile overzoomed: every point is already in it. */
const TILE_MAX_ZOOM = 16;
/** The tile layer of the team server (src/server/tiles.ts). */
export const TILE_SOURCE_LAYER = 'lights';
/** Feature-state key read by the tile paint. */
export const TILE_STATE_KEY = 's';
/** Side of an overview cell on screen, px (about a cluster disc and its ring). */
export const CELL_PX = 56;
const CLUSTER_COLOUR = '#12305a';

/** Legend position of a point (its ring category) for a colouring. */
export function legendIndex(properties: LightMapProperties, style: LightsMapStyle): number {
  const keys = ringCategories(style).map((c) => c.key);
  const key = style === 'compliance' ? (properties.compliance ?? 'notAssessed') : properties.category;
  return keys.indexOf(key);
}

/** The feature state of the matching points, by record id (`ids[i]` is point i's id); others are absent. */
export function tileStates(
  ids: readonly string[],
  features: readonly LightMapFeature[],
  filtered: ArrayLike<number>,
  style: LightsMapStyle,
): Map<string, number> {
  const states = new Map<string, number>();
  for (let k = 0; k < filtered.length; k++) {
    const i = filtered[k]!;
    const f = features[i];
    const id = ids[i];
    if (f && id !== undefined) states.set(id, legendIndex(f.properties, style) + 1);
  }
  return states;
}

export interface CellProperties {
  point_count: number;
  /** Zoom a click on the cell eases to (src/map/camera.ts). */
  expand_zoom: number;
  [count: `n_${string}`]: number;
}

/** Web Mercator position in [0, 1]² (x east, y south). */
function mercator(lon: number, lat: number): [number, number] {
  const s = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

/**
 * The filtered points grouped by screen cell at an integer zoom (MapLibre's 512 px tiles): a cell of one point
 * is that point's own feature (id = its index, so a click opens its sheet), a bigger cell is a cluster at its
 * points' mean position, with `point_count` and `n_<category>` like MapLibre's clusters so the rings apply.
 */
export function overviewCells(
  features: readonly LightMapFeature[],
  filtered: ArrayLike<number>,
  style: LightsMapStyle,
  zoom: number,
): FeatureCollection<Point> {
  const keys = ringCategories(style).map((c) => c.key);
  const perSide = (512 * 2 ** Math.floor(zoom)) / CELL_PX;
  const cells = new Map<number, { first: number; n: number; lon: number; lat: number; counts: number[] }>();
  for (let k = 0; k < filtered.length; k++) {
    const i = filtered[k]!;
    const f = features[i];
    if (!f) continue;
    const [lon, lat] = f.geometry.coordinates as [number, number];
    const [x, y] = mercator(lon, lat);
    const key = Math.floor(y * perSide) * Math.ceil(perSide) + Math.floor(x * perSide);
    let cell = cells.get(key);
    if (!cell) {
      cell = { first: i, n: 0, lon: 0, lat: 0, counts: keys.map(() => 0) };
      cells.set(key, cell);
    }
    cell.n++;
    cell.lon += lon;
    cell.lat += lat;
    cell.counts[legendIndex(f.properties, style)]!++;
  }
  const out: FeatureCollection<Point>['features'] = [];
  for (const cell of cells.values()) {
    if (cell.n === 1) {
      out.push(features[cell.first]!);
      continue;
    }
    const properties: CellProperties = {
      point_count: cell.n,
      expand_zoom: Math.min(Math.floor(zoom) + 2, TILE_POINTS_MIN_ZOOM),
    };
    keys.forEach((key, j) => {
      properties[`n_${key}`] = cell.counts[j]!;
    });
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cell.lon / cell.n, cell.lat / cell.n] },
      properties,
    });
  }
  return { type: 'FeatureCollection', features: out };
}

export interface LightsTileInput {
  /** Absolute URL template of the tiles, with the server-side filter parameters if any. */
  tiles: string;
  /** `overviewCells` of the filtered points at the map's zoom (drawn below TILE_POINTS_MIN_ZOOM). */
  cells: FeatureCollection<Point>;
  /** `tileStates` of the filtered points. */
  states: ReadonlyMap<string, number>;
  selected: FeatureCollection<Point, LightMapProperties>;
  style?: LightsMapStyle;
}

const below = (layer: LayerSpecification): LayerSpecification => ({
  ...layer,
  maxzoom: TILE_POINTS_MIN_ZOOM,
});

export function lightsTileLayers(input: LightsTileInput): MapSpec {
  const style = input.style ?? 'status';
  const categories = ringCategories(style);
  const ring = clusterRing(SOURCE.lightsCells, LAYER.lightsClusters, categories, CLUSTER_COLOUR);
  const state: ExpressionSpecification = ['to-number', ['feature-state', TILE_STATE_KEY], 0];
  const drawn: ExpressionSpecification = ['case', ['>', state, 0], 1, 0];
  const tileColour = [
    'match',
    state,
    ...categories.flatMap((c, k) => [k + 1, c.color]),
    '#000000',
  ] as unknown as DataDrivenPropertyValueSpecification<string>;
  return {
    sources: {
      [SOURCE.lightsCells]: { type: 'geojson', data: input.cells },
      [SOURCE.lightsTiles]: {
        type: 'vector',
        tiles: [input.tiles],
        minzoom: TILE_POINTS_MIN_ZOOM,
        maxzoom: TILE_MAX_ZOOM,
        promoteId: 'id',
      },
      [SOURCE.lightsSelected]: { type: 'geojson', data: input.selected, updateById: true },
    },
    layers: [
      ...ring.layers.map(below),
      below({
        id: LAYER.lightsClusterCount,
        type: 'symbol',
        source: SOURCE.lightsCells,
        filter: ['has', 'point_count'],
        layout: {
          'text-field': ['to-string', ['get', 'point_count']],
          'text-font': ['sans-serif'],
          'text-size': 12,
          'text-allow-overlap': true,
        },
        paint: { 'text-color': '#ffffff' },
      }),
      below({
        id: LAYER.lightsPoints,
        type: 'circle',
        source: SOURCE.lightsCells,
        filter: ['!', ['has', 'point_count']],
        paint: {
          'circle-color': pointColour(style),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 14, 5],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 0.6,
        },
      }),
      {
        id: LAYER.lightsTilePoints,
        type: 'circle',
        source: SOURCE.lightsTiles,
        'source-layer': TILE_SOURCE_LAYER,
        minzoom: TILE_POINTS_MIN_ZOOM,
        paint: {
          'circle-color': tileColour,
          'circle-opacity': drawn,
          'circle-stroke-opacity': drawn,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 13, 4, 14, 5, 18, 8],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 13, 0.6, 16, 1.2],
        },
      },
      {
        id: LAYER.lightsSelected,
        type: 'circle',
        source: SOURCE.lightsSelected,
        paint: {
          'circle-color': pointColour(style),
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 6, 18, 10],
          'circle-stroke-color': '#111111',
          'circle-stroke-width': 2,
        },
      },
    ],
    featureStates: [
      {
        source: SOURCE.lightsTiles,
        sourceLayer: TILE_SOURCE_LAYER,
        key: TILE_STATE_KEY,
        values: input.states,
      },
    ],
  };
}
