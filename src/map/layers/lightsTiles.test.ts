import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import {
  buildLightsTable,
  complianceCodes,
  DEFAULT_COMPLIANCE_SETTINGS,
  DEFAULT_LIGHTING_SETTINGS,
  LIGHT_CATEGORIES,
  LIGHT_CATEGORY_STYLE,
  type LightPoint,
} from '../../domain/lights/index.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';
import { MapSync } from '../sync.ts';
import { lightFeatures, pickFeatures } from './lights.ts';
import {
  legendIndex,
  lightsTileLayers,
  overviewCells,
  TILE_POINTS_MIN_ZOOM,
  TILE_SOURCE_LAYER,
  TILE_STATE_KEY,
  tileStates,
} from './lightsTiles.ts';

const point = (id: string, lon: number, extra: Partial<LightPoint> = {}): LightPoint => ({
  id,
  insee: '62893',
  lon,
  lat: 50.77,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  status: 'toRenovate',
  ...extra,
});

// Three points a few metres apart in Boulogne, one 20 km east (Desvres side).
const points: LightPoint[] = [
  point('EP-A', 1.6),
  point('EP-B', 1.6001, { status: 'scheduled' }),
  point('EP-C', 1.6002, {
    status: 'renovated',
    renovation: { technologyAfter: 'led', powerAfterW: 30, regime: { kind: 'none' }, date: '2026-01-02' },
  }),
  point('EP-D', 1.9),
];
const table = buildLightsTable(points, DEFAULT_LIGHTING_SETTINGS);
const features = lightFeatures(table);
const ids = points.map((p) => p.id);

describe('big lights layer from the team server tiles', () => {
  it('gives the matching points their legend colour as feature state, the others none', () => {
    const states = tileStates(ids, features, Uint32Array.from([0, 2, 3]), 'status');
    expect([...states]).toEqual([
      ['EP-A', LIGHT_CATEGORIES.indexOf('toRenovate') + 1],
      ['EP-C', LIGHT_CATEGORIES.indexOf('factor4') + 1],
      ['EP-D', LIGHT_CATEGORIES.indexOf('toRenovate') + 1],
    ]);
    expect(states.has('EP-B')).toBe(false);
    const byCompliance = lightFeatures(table, features, complianceCodes(points, DEFAULT_COMPLIANCE_SETTINGS));
    const compliance = tileStates(ids, byCompliance, Uint32Array.from([0]), 'compliance');
    expect(compliance.get('EP-A')).toBe(legendIndex(byCompliance[0]!.properties, 'compliance') + 1);
    expect(compliance.get('EP-A')).toBeGreaterThan(0);
  });

  it('groups the filtered points by screen cell below the tiles zoom, counts per category', () => {
    const all = Uint32Array.from([0, 1, 2, 3]);
    const far = overviewCells(features, all, 'status', 9);
    // At zoom 9 the three Boulogne points share a cell; the Desvres one is alone, drawn as itself.
    const cluster = far.features.find((f) => f.properties?.point_count !== undefined)!;
    expect(cluster.properties).toMatchObject({
      point_count: 3,
      n_toRenovate: 1,
      n_scheduled: 1,
      n_factor4: 1,
      n_factor2: 0,
      expand_zoom: 11,
    });
    const single = far.features.find((f) => f.properties?.point_count === undefined)!;
    expect(single).toBe(features[3]);
    // A filter changes the cells: only the scheduled point left, drawn as a point (its index as id).
    expect(overviewCells(features, Uint32Array.from([1]), 'status', 9).features).toEqual([features[1]]);
    // Closer, the points split: never more than one cell per point, never a lost point.
    const near = overviewCells(features, all, 'status', 12);
    const counted = near.features.reduce((n, f) => n + Number(f.properties?.point_count ?? 1), 0);
    expect(counted).toBe(4);
    expect(overviewCells(features, all, 'status', 12.8).features).toEqual(near.features);
  });

  const spec = lightsTileLayers({
    tiles: 'http://127.0.0.1:8080/api/tiles/lights/{z}/{x}/{y}.mvt?v=1',
    cells: overviewCells(features, Uint32Array.from([0, 1, 2, 3]), 'status', 9),
    states: tileStates(ids, features, Uint32Array.from([0, 1]), 'status'),
    selected: pickFeatures(features, [2]),
  });

  it('draws the points from the vector tiles from zoom 13 on, keyed on the record id', () => {
    expect(spec.sources[SOURCE.lightsTiles]).toEqual({
      type: 'vector',
      tiles: ['http://127.0.0.1:8080/api/tiles/lights/{z}/{x}/{y}.mvt?v=1'],
      minzoom: TILE_POINTS_MIN_ZOOM,
      maxzoom: 16,
      promoteId: 'id',
    });
    // No GeoJSON source of every point: only the overview cells and the selection.
    expect(spec.sources[SOURCE.lights]).toBeUndefined();
    const tilePoints = spec.layers.find((l) => l.id === LAYER.lightsTilePoints)!;
    expect(tilePoints).toMatchObject({ source: SOURCE.lightsTiles, 'source-layer': TILE_SOURCE_LAYER });
    expect(tilePoints.minzoom).toBe(TILE_POINTS_MIN_ZOOM);
    for (const l of spec.layers)
      if (l.id !== LAYER.lightsTilePoints && l.id !== LAYER.lightsSelected)
        expect(l.maxzoom, l.id).toBe(TILE_POINTS_MIN_ZOOM);
    expect(spec.featureStates).toEqual([
      {
        source: SOURCE.lightsTiles,
        sourceLayer: TILE_SOURCE_LAYER,
        key: TILE_STATE_KEY,
        values: new Map([
          ['EP-A', 1],
          ['EP-B', 2],
        ]),
      },
    ]);
  });

  it('colours tile points by feature state with the legend colours, hides state 0', () => {
    const tilePoints = spec.layers.find((l) => l.id === LAYER.lightsTilePoints)!;
    const paint = tilePoints.type === 'circle' ? tilePoints.paint! : {};
    const colour = paint['circle-color'] as unknown[];
    expect(colour[0]).toBe('match');
    LIGHT_CATEGORIES.forEach((c, k) => {
      expect(colour[2 + 2 * k]).toBe(k + 1);
      expect(colour[3 + 2 * k]).toBe(LIGHT_CATEGORY_STYLE[c].color);
    });
    expect(JSON.stringify(paint['circle-opacity'])).toContain('feature-state');
  });
});

/** The MapLibre calls MapSync makes, recorded. */
function fakeMap() {
  const calls: string[] = [];
  const sources = new Set<string>();
  const layers: string[] = [];
  const map = {
    addSource: (id: string) => sources.add(id),
    getSource: (id: string) => (sources.has(id) ? {} : undefined),
    removeSource: (id: string) => sources.delete(id),
    addLayer: (l: { id: string }) => layers.push(l.id),
    getLayer: (id: string) => layers.includes(id),
    removeLayer: (id: string) => layers.splice(layers.indexOf(id), 1),
    moveLayer: () => undefined,
    getStyle: () => ({ layers: layers.map((id) => ({ id })) }),
    setFeatureState: (f: { id: string }, state: Record<string, number>) =>
      calls.push(`${f.id}=${state[TILE_STATE_KEY]}`),
  };
  return { map: map as unknown as MapLibreMap, calls };
}

describe('MapSync feature state', () => {
  const withStates = (values: Map<string, number>, tiles = 'http://h/{z}/{x}/{y}.mvt'): MapSpec => ({
    sources: { [SOURCE.lightsTiles]: { type: 'vector', tiles: [tiles] } },
    layers: [],
    featureStates: [
      { source: SOURCE.lightsTiles, sourceLayer: TILE_SOURCE_LAYER, key: TILE_STATE_KEY, values },
    ],
  });

  it('sets only the ids whose state changed, resets the ids that left, all again on a new source', () => {
    const { map, calls } = fakeMap();
    const sync = new MapSync(map);
    const first = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    sync.apply(withStates(first));
    expect(calls.splice(0)).toEqual(['a=1', 'b=2']);
    sync.apply(withStates(first));
    expect(calls).toEqual([]);
    sync.apply(
      withStates(
        new Map([
          ['a', 1],
          ['c', 3],
        ]),
      ),
    );
    expect(calls.splice(0)).toEqual(['c=3', 'b=0']);
    // A new tile URL recreates the source, which forgets its state: every id is set again.
    sync.apply(withStates(new Map([['a', 1]]), 'http://h/{z}/{x}/{y}.mvt?v=2'));
    expect(calls.splice(0)).toEqual(['a=1']);
  });
});
