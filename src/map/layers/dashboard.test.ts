import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { LAYER, SOURCE } from '../ids.ts';
import { numberedSiteLayers } from './dashboard.ts';

describe('numbered shortlist sites', () => {
  const spec = numberedSiteLayers([
    { id: 's1', number: 1, name: 'Ancienne sucrerie', point: { type: 'Point', coordinates: [1.61, 50.72] } },
    { id: 's9', number: 2, name: 'Garage <b>', point: { type: 'Point', coordinates: [1.7, 50.6] } },
  ]);

  it('is a valid MapLibre style fragment', () => {
    const errors = validateStyleMin({
      version: 8,
      sources: spec.sources as never,
      layers: spec.layers,
    } as never);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('numbers the sites as the list beside the map does, discs under their numbers', () => {
    const source = spec.sources[SOURCE.dashboardSites];
    expect(source?.type).toBe('geojson');
    const data = (source as { data: GeoJSON.FeatureCollection }).data;
    expect(data.features.map((f) => f.properties?.number)).toEqual([1, 2]);
    expect(spec.layers.map((l) => l.id)).toEqual([LAYER.dashboardSites, LAYER.dashboardSiteLabels]);
  });
});
