import type { GeoJSON } from 'geojson';
import type { FilterSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import { featureCollectionDiff } from './geojsonDiff.ts';
import type { FeatureStateSpec, GeoJsonSourceSpec, MapSpec, SourceSpec } from './spec.ts';

type Props = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value ?? null);
const featureCount = (data: GeoJSON) => (data.type === 'FeatureCollection' ? data.features.length : 1);

/** Options that cannot be changed on a live source: a change recreates it. */
function sourceKey(spec: SourceSpec): string {
  if (spec.type === 'geojson') {
    const { data: _data, ...options } = spec as GeoJsonSourceSpec;
    return json(options);
  }
  return json(spec);
}

function layerKey(layer: LayerSpecification): string {
  return json({
    type: layer.type,
    source: 'source' in layer ? layer.source : null,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
  });
}

/** The source as MapLibre takes it: without our own options, which its style validation would reject. */
function mapLibreSource(spec: SourceSpec): SourceSpec {
  if (spec.type !== 'geojson' || spec.updateById === undefined) return spec;
  const { updateById: _ours, ...source } = spec;
  return source;
}

/**
 * Makes a MapLibre map match a declarative MapSpec (the react-map-gl idea without the dependency):
 * only what changed is touched, so GeoJSON data is re-sent to the map worker only when its object changes.
 */
export class MapSync {
  private sources = new Map<string, SourceSpec>();
  private layers = new Map<string, LayerSpecification>();
  /** Feature state last applied, per `source/sourceLayer/key`; forgotten when its source is recreated. */
  private states = new Map<string, FeatureStateSpec>();

  constructor(private readonly map: MapLibreMap) {}

  apply(spec: MapSpec): void {
    const map = this.map;
    const wantedLayers = new Set(spec.layers.map((l) => l.id));
    for (const id of [...this.layers.keys()]) {
      if (!wantedLayers.has(id)) {
        if (map.getLayer(id)) map.removeLayer(id);
        this.layers.delete(id);
      }
    }
    for (const [id, previous] of [...this.sources]) {
      const next = spec.sources[id];
      if (!next || sourceKey(next) !== sourceKey(previous)) {
        for (const [layerId, layer] of [...this.layers]) {
          if ('source' in layer && layer.source === id) {
            if (map.getLayer(layerId)) map.removeLayer(layerId);
            this.layers.delete(layerId);
          }
        }
        if (map.getSource(id)) map.removeSource(id);
        this.sources.delete(id);
        for (const [k, state] of [...this.states]) if (state.source === id) this.states.delete(k);
      }
    }
    for (const [id, next] of Object.entries(spec.sources)) {
      const previous = this.sources.get(id);
      if (!previous) map.addSource(id, mapLibreSource(next));
      else if (next.type === 'geojson' && (previous as GeoJsonSourceSpec).data !== next.data) {
        const source = map.getSource(id) as GeoJSONSource;
        const diff = next.updateById
          ? featureCollectionDiff((previous as GeoJsonSourceSpec).data, next.data)
          : null;
        // A diff replacing most of the features (a new inventory) costs more than new data: MapLibre
        // applies a diff to its own copy on the main thread (seconds for a million points), then to its
        // index feature by feature.
        if (!diff || diff.add.length > featureCount(next.data) / 2) source.setData(next.data);
        else if (diff.remove.length > 0 || diff.add.length > 0) void source.updateData(diff);
      }
      this.sources.set(id, next);
    }
    for (const layer of spec.layers) {
      const previous = this.layers.get(layer.id);
      if (previous && layerKey(previous) !== layerKey(layer)) {
        map.removeLayer(layer.id);
        this.layers.delete(layer.id);
      }
      if (!this.layers.has(layer.id)) {
        map.addLayer(layer);
      } else {
        this.updateLayer(previous!, layer);
      }
      this.layers.set(layer.id, layer);
    }
    // Re-stack in spec order (moveLayer without beforeId puts a layer on top).
    const current = map
      .getStyle()
      .layers.map((l) => l.id)
      .filter((id) => wantedLayers.has(id));
    const desired = spec.layers.map((l) => l.id);
    if (json(current) !== json(desired)) for (const id of desired) map.moveLayer(id);
    this.applyFeatureStates(spec.featureStates ?? []);
  }

  /** Sets only the ids whose value changed (a filter change touches the points it hides or shows). */
  private applyFeatureStates(wanted: readonly FeatureStateSpec[]): void {
    const map = this.map;
    const seen = new Set<string>();
    for (const next of wanted) {
      const k = `${next.source}/${next.sourceLayer}/${next.key}`;
      seen.add(k);
      const previous = this.states.get(k);
      if (previous?.values === next.values || !map.getSource(next.source)) continue;
      const target = (id: string) => ({ source: next.source, sourceLayer: next.sourceLayer, id });
      for (const [id, value] of next.values)
        if (previous?.values.get(id) !== value) map.setFeatureState(target(id), { [next.key]: value });
      if (previous)
        for (const id of previous.values.keys())
          if (!next.values.has(id)) map.setFeatureState(target(id), { [next.key]: 0 });
      this.states.set(k, next);
    }
    for (const k of [...this.states.keys()]) if (!seen.has(k)) this.states.delete(k);
  }

  private updateLayer(previous: LayerSpecification, next: LayerSpecification): void {
    const map = this.map;
    const prevPaint = (previous.paint ?? {}) as Props;
    const nextPaint = (next.paint ?? {}) as Props;
    for (const key of new Set([...Object.keys(prevPaint), ...Object.keys(nextPaint)])) {
      // Keys and values come from a LayerSpecification already checked by TypeScript where it was written.
      if (json(prevPaint[key]) !== json(nextPaint[key]))
        map.setPaintProperty(next.id, key as never, nextPaint[key] as never);
    }
    const prevLayout = (previous.layout ?? {}) as Props;
    const nextLayout = (next.layout ?? {}) as Props;
    for (const key of new Set([...Object.keys(prevLayout), ...Object.keys(nextLayout)])) {
      if (json(prevLayout[key]) !== json(nextLayout[key]))
        map.setLayoutProperty(next.id, key as never, nextLayout[key] as never);
    }
    const prevFilter = 'filter' in previous ? previous.filter : undefined;
    const nextFilter = 'filter' in next ? next.filter : undefined;
    if (json(prevFilter) !== json(nextFilter))
      map.setFilter(next.id, (nextFilter ?? null) as FilterSpecification | null);
  }
}
