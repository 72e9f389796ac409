import { expression as styleExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { TEST_COMMUNES, testData } from '../../domain/indicators/testData.ts';
import type { Dataset } from '../../domain/indicators/types.ts';
import { territoryLayers } from '../../map/layers/territory.ts';
import { DEFAULT_DASHBOARD_MAP } from '../../state/dashboardSlice.ts';
import type { DatasetStatus } from './data.ts';
import { CHOROPLETH_FILL_OPACITY, legendRows, methodLine } from './legend.ts';
import { buildDashboardChoropleth } from './mapModel.ts';

const one = (id: Dataset): DatasetStatus => ({ id, label: id, loaded: true, source: null });
const current = buildDashboardChoropleth(
  {
    data: testData(),
    status: { lights: one('lights'), advice: one('advice'), brownfields: one('brownfields') },
    epciSirens: ['A', 'B'],
    pcaetIndicators: [],
    pcaetValues: [],
  },
  { ...DEFAULT_DASHBOARD_MAP, indicator: 'adviceSessions', classes: 3 },
);
const empty = { type: 'FeatureCollection' as const, features: [] };
const spec = territoryLayers({
  communes: empty,
  epci: empty,
  outline: empty,
  centres: empty,
  colourByEpci: false,
  fillColour: current.choropleth!.paint as never,
  fillOpacity: CHOROPLETH_FILL_OPACITY,
});
const fill = spec.layers.find((l) => l.id === 'communes-fill')!;
const paint = (fill as { paint: Record<string, unknown> }).paint;

function evaluate(value: unknown, type: 'color' | 'number', properties: object, state: object): unknown {
  const compiled = styleExpression.createExpression(
    value as never,
    {
      type,
      'property-type': 'data-driven',
      expression: { interpolated: false, parameters: ['zoom', 'feature', 'feature-state'] },
    } as never,
  );
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  return compiled.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties } as never, state as never);
}

describe('map = legend', () => {
  it('draws every commune opaque, hovered, selected or not: the palette alone sets the colours', () => {
    for (const state of [{}, { hover: true }, { selected: true }]) {
      expect(evaluate(paint['fill-opacity'], 'number', { insee: '62001' }, state)).toBe(1);
    }
  });

  it('paints each commune with its legend swatch colour, exactly', () => {
    const swatches = new Set(legendRows(current).map((r) => r.color.toLowerCase()));
    for (const c of TEST_COMMUNES) {
      const colour = evaluate(paint['fill-color'], 'color', { insee: c.insee, epciSiren: c.epciSiren }, {});
      const hex = String(colour).toLowerCase();
      expect(swatches.has(hex)).toBe(true);
      expect(hex).toBe(current.choropleth!.classOf(c.insee).color.toLowerCase());
    }
  });
});

describe('part de l’objectif map', () => {
  it('classifies around 100 % with a diverging palette: red shades below the target, blue above', () => {
    const share = buildDashboardChoropleth(
      {
        data: testData(),
        status: { lights: one('lights'), advice: one('advice'), brownfields: one('brownfields') },
        epciSirens: ['A', 'B'],
        pcaetIndicators: [],
        pcaetValues: [],
      },
      { ...DEFAULT_DASHBOARD_MAP, indicator: 'objectif:adviceConversion', level: 'epci', method: 'jenks' },
    );
    const c = share.choropleth!;
    expect(c.method).toBe('manual');
    expect(c.breaks.slice(0, 5)).toEqual([0, 25, 50, 75, 100]);
    const red = ['#b2182b', '#d6604d', '#f4a582', '#fddbc7'];
    const blue = ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac'];
    expect(c.classes.slice(0, 4).every((k) => red.includes(k.color))).toBe(true);
    expect(c.classes.slice(4).every((k) => blue.includes(k.color))).toBe(true);
    // EPCI A: 20 of 22 mature sessions with works = 90.9 % ÷ 90 % = 101 %: just beyond the target.
    expect(share.values.get('A')).toBeCloseTo(101.01, 1);
    expect(blue).toContain(c.classOf('A').color);
    expect(methodLine(share)).toContain('100 % = taux de passage à l’acte égal au seuil du contrat (90');
    // The legend rows are the map's classes.
    expect(legendRows(share).map((r) => r.color)).toContain(c.classOf('A').color);
  });
});
