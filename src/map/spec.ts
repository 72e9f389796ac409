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

export type SourceSpec = GeoJsonSourceSpec | RasterSourceSpecification;

/** Everything the map should show, as plain data; `syncMap` makes the map match it. */
export interface MapSpec {
  sources: Record<string, SourceSpec>;
  /** Bottom to top. */
  layers: LayerSpecification[];
}

export function mergeSpecs(...specs: MapSpec[]): MapSpec {
  return {
    sources: Object.assign({}, ...specs.map((s) => s.sources)),
    layers: specs.flatMap((s) => s.layers),
  };
}
