import type { GeoJSON } from 'geojson';
import type { LayerSpecification, RasterSourceSpecification } from 'maplibre-gl';

export interface GeoJsonSourceSpec {
  type: 'geojson';
  /** Compared by reference: give a new object to update the map, the same one to leave it alone. */
  data: GeoJSON;
  promoteId?: string;
  cluster?: boolean;
  clusterRadius?: number;
  clusterMaxZoom?: number;
  /** MapLibre cluster aggregates, `{ name: [operator, mapExpression] }` (e.g. counts per status). */
  clusterProperties?: Record<string, unknown>;
  /**
   * Send data changes as a diff by feature id (`updateData`) instead of the whole collection: features need
   * unique ids, and unchanged features must stay the same objects from one data object to the next.
   */
  updateById?: boolean;
  attribution?: string;
}

/** Vector tiles served by the team server (MVT), e.g. `/api/tiles/lights/{z}/{x}/{y}.mvt`. */
export interface VectorSourceSpec {
  type: 'vector';
  /** Absolute URLs: MapLibre fetches tiles from its worker, where a relative URL has no base. */
  tiles: string[];
  minzoom?: number;
  maxzoom?: number;
  /** Tile property used as feature id, so that feature state can be keyed on the record's id. */
  promoteId?: string;
}

export type SourceSpec = GeoJsonSourceSpec | VectorSourceSpec | RasterSourceSpecification;

/**
 * Feature state of a tiled source's features, by feature id: how data the tiles do not carry (the app's own
 * reading of each record: its legend category, whether it matches the filter) reaches their paint. One number
 * per id; ids absent from `values` get 0. Compared by reference like GeoJSON data: give a new Map to update.
 */
export interface FeatureStateSpec {
  source: string;
  sourceLayer: string;
  /** Name of the state key the layers read (`['feature-state', key]`). */
  key: string;
  values: ReadonlyMap<string, number>;
}

/** Everything the map should show, as plain data; `syncMap` makes the map match it. */
export interface MapSpec {
  sources: Record<string, SourceSpec>;
  /** Bottom to top. */
  layers: LayerSpecification[];
  featureStates?: FeatureStateSpec[];
}

export function mergeSpecs(...specs: MapSpec[]): MapSpec {
  return {
    sources: Object.assign({}, ...specs.map((s) => s.sources)),
    layers: specs.flatMap((s) => s.layers),
    featureStates: specs.flatMap((s) => s.featureStates ?? []),
  };
}
