import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { DEFAULT_LIGHTING_SETTINGS } from './energy.ts';
import { NO_LOSSES } from './losses.ts';

// Nominal powers: the energy formula is pinned with them, gear losses in losses.test.ts.
const S = { ...DEFAULT_LIGHTING_SETTINGS, lossFactors: NO_LOSSES };

import { buildLightsTable, currentLamp, filterLights, rectangle, sortByConsumption } from './filter.ts';

const context = {
  epciOf: new Map([
    ['62160', '246200729'],
    ['62274', '200018083'],
    ['62001', '246200380'],
  ]),
};

// A small grid of points around Boulogne with varied data.
const points = [
  makePoint('a', { lon: 1.0, lat: 50.0, powerBeforeW: 150 }),
  makePoint('b', { lon: 1.2, lat: 50.0, technologyBefore: 'mercury', powerBeforeW: 250, insee: '62274' }),
  makePoint('c', { lon: 1.4, lat: 50.2, powerBeforeW: 70, status: 'scheduled', insee: '62001' }),
  renovated('d', 20, '2025-05-01', { lon: 1.1, lat: 50.1 }), // 100 → 20 W LED, factor 5
  renovated('e', 60, '2025-05-01', { lon: 1.3, lat: 50.3, insee: '62274' }), // 100 → 60 W, factor 1.67
  makePoint('f', { lon: 1.5, lat: 50.5, technologyBefore: 'led', powerBeforeW: 40, insee: '62001' }),
  makePoint('g', { lon: 1.25, lat: 50.05, technologyBefore: 'metalHalide', powerBeforeW: 150 }),
];
const table = buildLightsTable(points, S);
const ids = (indices: ArrayLike<number>) => Array.from(indices, (i) => points[i]!.id);

describe('lights table', () => {
  it('derives the lamp in place today and its class', () => {
    expect(currentLamp(points[3]!)).toEqual({ technology: 'led', powerW: 20 });
    expect(currentLamp(points[0]!)).toEqual({ technology: 'sodiumHighPressure', powerW: 150 });
    expect(table.currentKwh[3]).toBeCloseTo(82, 9);
    expect(table.currentKwh[1]).toBeCloseTo(1025, 9);
    expect(Array.from(table.factorClass)).toEqual([0, 0, 0, 1, 3, 0, 0]);
  });
});

describe('filterLights', () => {
  it('returns every point with an empty filter', () => {
    expect(ids(filterLights(table, {}, context))).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(ids(filterLights(table, { communes: [], statuses: [] }, context))).toHaveLength(7);
  });

  it('filters by commune, EPCI and status', () => {
    expect(ids(filterLights(table, { communes: ['62274'] }, context))).toEqual(['b', 'e']);
    expect(ids(filterLights(table, { epci: ['246200380'] }, context))).toEqual(['c', 'f']);
    expect(ids(filterLights(table, { statuses: ['toRenovate'], communes: ['62160'] }, context))).toEqual([
      'a',
      'g',
    ]);
    expect(ids(filterLights(table, { statuses: ['renovated', 'scheduled'] }, context))).toEqual([
      'c',
      'd',
      'e',
    ]);
  });

  it('filters on the technology and power in place today', () => {
    expect(ids(filterLights(table, { technologies: ['led'] }, context))).toEqual(['d', 'e', 'f']);
    expect(ids(filterLights(table, { technologies: ['sodiumHighPressure'] }, context))).toEqual(['a', 'c']);
    expect(ids(filterLights(table, { powerMinW: 60, powerMaxW: 150 }, context))).toEqual([
      'a',
      'c',
      'e',
      'g',
    ]);
    expect(ids(filterLights(table, { powerMinW: 200 }, context))).toEqual(['b']);
  });

  it('filters on the renovation class', () => {
    expect(ids(filterLights(table, { factorClasses: ['factor4'] }, context))).toEqual(['d']);
    expect(ids(filterLights(table, { factorClasses: ['belowTarget', 'factor2'] }, context))).toEqual(['e']);
    expect(ids(filterLights(table, { factorClasses: [null] }, context))).toEqual(['a', 'b', 'c', 'f', 'g']);
  });

  it('selects inside a drawn rectangle, whichever corner was drawn first', () => {
    expect(ids(filterLights(table, { area: rectangle(0.95, 49.95, 1.22, 50.12) }, context))).toEqual([
      'a',
      'b',
      'd',
    ]);
    expect(ids(filterLights(table, { area: rectangle(1.22, 50.12, 0.95, 49.95) }, context))).toEqual([
      'a',
      'b',
      'd',
    ]);
  });

  it('selects inside a polygon with a hole, and a multipolygon', () => {
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0.9, 49.9],
          [1.35, 49.9],
          [1.35, 50.25],
          [0.9, 50.25],
          [0.9, 49.9],
        ],
        [
          [1.05, 50.05],
          [1.15, 50.05],
          [1.15, 50.15],
          [1.05, 50.15],
          [1.05, 50.05],
        ],
      ],
    };
    // d (1.1, 50.1) is in the hole
    expect(ids(filterLights(table, { area: withHole }, context))).toEqual(['a', 'b', 'g']);
    const multi: Feature<MultiPolygon> = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          rectangle(0.95, 49.95, 1.05, 50.05).coordinates,
          rectangle(1.45, 50.45, 1.55, 50.55).coordinates,
        ],
      },
    };
    expect(ids(filterLights(table, { area: multi }, context))).toEqual(['a', 'f']);
  });

  it('a triangle excludes points inside its bounding box but outside the shape', () => {
    const triangle: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0.9, 49.9],
          [1.6, 49.9],
          [0.9, 50.6],
          [0.9, 49.9],
        ],
      ],
    };
    // inside means x + y < 51.5: c (51.6), e (51.6) and f (52.0) are in the bounding box but out
    expect(ids(filterLights(table, { area: triangle }, context))).toEqual(['a', 'b', 'd', 'g']);
  });

  it('combines criteria', () => {
    const result = filterLights(
      table,
      { statuses: ['toRenovate'], communes: ['62160'], area: rectangle(1.2, 50.0, 1.3, 50.1) },
      context,
    );
    expect(ids(result)).toEqual(['g']);
  });
});

describe('sortByConsumption', () => {
  it('puts the biggest consumers first, ties in index order', () => {
    // a 615, b 1025, c 287, d 82, e 246, f 164, g 615
    const sorted = sortByConsumption(table, filterLights(table, {}, context));
    expect(ids(sorted)).toEqual(['b', 'a', 'g', 'c', 'e', 'f', 'd']);
  });

  it('sorts a subset without touching the input', () => {
    const subset = filterLights(table, { statuses: ['toRenovate'] }, context);
    const before = Array.from(subset);
    expect(ids(sortByConsumption(table, subset))).toEqual(['b', 'a', 'g', 'f']);
    expect(Array.from(subset)).toEqual(before);
  });
});
