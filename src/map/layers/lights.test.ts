import { describe, expect, it } from 'vitest';
import {
  buildLightsTable,
  complianceCodes,
  DEFAULT_COMPLIANCE_SETTINGS,
  DEFAULT_LIGHTING_SETTINGS,
  LIGHT_CATEGORIES,
  LIGHT_CATEGORY_STYLE,
  type LightPoint,
  VERDICT_STYLE,
  VERDICTS,
} from '../../domain/lights/index.ts';
import { LAYER, SOURCE } from '../ids.ts';
import { LIGHTS_CLUSTER_MAX_ZOOM, lightFeatures, lightsLayers, pickFeatures } from './lights.ts';

const base = (id: string, extra: Partial<LightPoint> = {}): LightPoint => ({
  id,
  insee: '62893',
  lon: 1.6,
  lat: 50.77,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  status: 'toRenovate',
  ...extra,
});

const points: LightPoint[] = [
  base('A'),
  base('B', { status: 'scheduled', lon: 1.61 }),
  base('C', {
    status: 'renovated',
    renovation: { technologyAfter: 'led', powerAfterW: 30, regime: { kind: 'none' }, date: '2026-01-02' },
  }),
  base('D', {
    status: 'renovated',
    renovation: { technologyAfter: 'led', powerAfterW: 60, regime: { kind: 'none' }, date: '2026-01-02' },
  }),
  base('E', {
    status: 'renovated',
    renovation: { technologyAfter: 'led', powerAfterW: 0, regime: { kind: 'none' }, date: '2026-01-02' },
  }),
];

describe('lights map layer', () => {
  const table = buildLightsTable(points, DEFAULT_LIGHTING_SETTINGS);
  const features = lightFeatures(table);

  it('gives each point its index as id and its legend category', () => {
    expect(features.map((f) => f.id)).toEqual([0, 1, 2, 3, 4]);
    // 150 W → 30 W is ÷ 5 (facteur 4); 150 W → 60 W is ÷ 2.5 (facteur 2); 0 W is a removed lamp.
    expect(features.map((f) => f.properties.category)).toEqual([
      'toRenovate',
      'scheduled',
      'factor4',
      'factor2',
      'decommissioned',
    ]);
    expect(features[1]!.geometry.coordinates).toEqual([1.61, 50.77]);
  });

  it('reuses the features of points an edit left alone, and only those', () => {
    const edited = points.slice();
    edited[0] = { ...points[0]!, status: 'scheduled' };
    const next = lightFeatures(buildLightsTable(edited, DEFAULT_LIGHTING_SETTINGS), features);
    expect(next[0]).not.toBe(features[0]);
    expect(next[0]!.properties.category).toBe('scheduled');
    for (let i = 1; i < points.length; i++) expect(next[i]).toBe(features[i]);
    const moved = points.slice();
    moved[1] = { ...points[1]!, lat: 50.8 };
    expect(lightFeatures(buildLightsTable(moved, DEFAULT_LIGHTING_SETTINGS), features)[1]).not.toBe(
      features[1],
    );
  });

  it('picks the filtered features by index, sharing the objects, skipping unknown indices', () => {
    const picked = pickFeatures(features, Uint32Array.from([4, 0, 99]));
    expect(picked.features).toHaveLength(2);
    expect(picked.features[0]).toBe(features[4]);
    expect(picked.features[1]).toBe(features[0]);
  });

  it('clusters the filtered points and draws the selection unclustered on top', () => {
    const spec = lightsLayers({
      points: pickFeatures(features, [0, 1]),
      selected: pickFeatures(features, [2]),
    });
    const source = spec.sources[SOURCE.lights];
    expect(source).toMatchObject({ type: 'geojson', cluster: true, clusterMaxZoom: LIGHTS_CLUSTER_MAX_ZOOM });
    expect(spec.sources[SOURCE.lightsSelected]).not.toHaveProperty('cluster');
    const ids = spec.layers.map((l) => l.id);
    // Ring bands (the first one is the click target), the core disc, its count, then the points.
    expect(ids[0]).toBe(LAYER.lightsClusters);
    expect(ids.slice(-4)).toEqual([
      `${LAYER.lightsClusters}-core`,
      LAYER.lightsClusterCount,
      LAYER.lightsPoints,
      LAYER.lightsSelected,
    ]);
    const count = spec.layers.find((l) => l.id === LAYER.lightsClusterCount)!;
    expect(count.type === 'symbol' && count.layout?.['text-font']).toEqual(['sans-serif']);
  });

  it('colours points with the same colours as the legend', () => {
    const layer = lightsLayers({
      points: pickFeatures(features, []),
      selected: pickFeatures(features, []),
    }).layers.find((l) => l.id === LAYER.lightsPoints)!;
    const colour = JSON.stringify(layer.type === 'circle' ? layer.paint?.['circle-color'] : null);
    for (const { color } of Object.values(LIGHT_CATEGORY_STYLE)) expect(colour).toContain(color);
  });

  it('rings clusters with the legend colours, counting each category in cluster properties', () => {
    const spec = lightsLayers({ points: pickFeatures(features, []), selected: pickFeatures(features, []) });
    const source = spec.sources[SOURCE.lights] as { clusterProperties?: Record<string, unknown> };
    expect(Object.keys(source.clusterProperties ?? {})).toEqual(LIGHT_CATEGORIES.map((c) => `n_${c}`));
    const paints = JSON.stringify(spec.layers.filter((l) => l.id.startsWith(LAYER.lightsClusters)));
    for (const { color } of Object.values(LIGHT_CATEGORY_STYLE)) expect(paints).toContain(color);
  });

  it('colours by compliance with the arrêté of 2018 when asked, removed points not assessed', () => {
    const codes = complianceCodes(points, DEFAULT_COMPLIANCE_SETTINGS);
    const byCompliance = lightFeatures(table, features, codes);
    // SHP in place ≈ 2 000 K but no ULR: unknown; the removed lamp (E) is not assessed.
    expect(byCompliance.map((f) => f.properties.compliance)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      undefined,
    ]);
    expect(byCompliance[4]).toBe(features[4]);
    const spec = lightsLayers({
      points: pickFeatures(byCompliance, []),
      selected: pickFeatures(byCompliance, []),
      style: 'compliance',
    });
    const source = spec.sources[SOURCE.lights] as { clusterProperties?: Record<string, unknown> };
    expect(Object.keys(source.clusterProperties ?? {})).toEqual([
      'n_nonCompliant',
      'n_unknown',
      'n_compliant',
      'n_notAssessed',
    ]);
    const layer = spec.layers.find((l) => l.id === LAYER.lightsPoints)!;
    const colour = JSON.stringify(layer.type === 'circle' ? layer.paint?.['circle-color'] : null);
    for (const v of VERDICTS) expect(colour).toContain(VERDICT_STYLE[v].color);
  });
});
