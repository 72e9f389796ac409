import { expression as styleExpression, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Brownfield } from '../../domain/friches/types.ts';
import { LAYER, SOURCE } from '../ids.ts';
import {
  classColour,
  classLabel,
  contextFeatures,
  frichePoints,
  fricheSurfaces,
  frichesLayers,
  SCORE_CLASSES,
  scoreClass,
  scoreColour,
  scoreColourExpression,
  surfaceColourExpression,
  UNRANKED_COLOUR,
} from './friches.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.6, 50.7],
      [1.601, 50.7],
      [1.601, 50.701],
      [1.6, 50.701],
      [1.6, 50.7],
    ],
  ],
};

const site = (id: string, surface: Polygon | null): Brownfield =>
  ({
    id,
    name: `Site ${id}`,
    point: { type: 'Point', coordinates: [1.6005, 50.7005] },
    surface,
  }) as Brownfield;

const sites = [site('A', square), site('B', null), site('C', square)];
const scores = [
  { score: 0.83, rank: 1 },
  { score: 0.55, rank: 2 },
  { score: null, rank: null },
];

function evaluate(expression: unknown, properties: Record<string, unknown>): string {
  const compiled = styleExpression.createExpression(
    expression as never,
    {
      type: 'color',
      'property-type': 'data-driven',
      expression: { interpolated: false, parameters: ['zoom', 'feature'] },
    } as never,
  );
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  const value: unknown = compiled.value.evaluate({ zoom: 12 }, { properties, type: 'Point' } as never);
  if (value && typeof value === 'object' && 'r' in value) {
    const { r, g, b, a } = value as { r: number; g: number; b: number; a: number };
    // Style-spec colours are premultiplied by alpha.
    const hex = (c: number) =>
      Math.round((c / (a || 1)) * 255)
        .toString(16)
        .padStart(2, '0');
    return `#${hex(r)}${hex(g)}${hex(b)}`;
  }
  return String(value).toLowerCase();
}

describe('brownfield map layers', () => {
  it('colours the map with the same classes as the legend (one classifier)', () => {
    const cases: [number | null, number | null][] = [
      [0, 1],
      [0.2, 2],
      [0.49, 3],
      [0.5, 1],
      [0.61, 1],
      [0.7, 1],
      [0.79, 1],
      [0.8, 1],
      [1, 1],
      [0.9, null],
      [null, null],
      [Number.NaN, 1],
    ];
    const sitesOf = cases.map((_, i) => ({ ...sites[0]!, id: `K${i}` }));
    const points = frichePoints(sitesOf, (i) => ({ score: cases[i]![0], rank: cases[i]![1] }), new Set());
    points.features.forEach((f, i) => {
      const [score, rank] = cases[i]!;
      const k = scoreClass(score, rank);
      // The point's class id is the legend's class; the map expression turns it into that class colour.
      expect(f.properties.cls).toBe(k);
      expect(evaluate(scoreColourExpression(), { ...f.properties })).toBe(classColour(k));
      expect(classColour(k)).toBe(
        k < 0 ? UNRANKED_COLOUR : SCORE_CLASSES.find((c) => c.label === classLabel(k))!.colour,
      );
    });
    // An unranked site (outside the territory, set aside) is grey even with a high score.
    expect(scoreClass(0.9, null)).toBe(-1);
    expect(evaluate(scoreColourExpression(), { cls: -1 })).toBe(UNRANKED_COLOUR);
    expect(scoreColour(null)).toBe(UNRANKED_COLOUR);
    expect(scoreColour(0.85)).toBe(SCORE_CLASSES[0].colour);
    expect(scoreColour(0.1)).toBe(SCORE_CLASSES.at(-1)!.colour);
  });

  it('puts rank, score and shortlist on the points, perimeters apart', () => {
    const points = frichePoints(sites, (i) => scores[i]!, new Set(['A', 'C']));
    expect(points.features.map((f) => f.properties)).toEqual([
      { id: 'A', name: 'Site A', score: 0.83, rank: 1, cls: 0, outside: 0, shortlisted: 1, label: '1' },
      { id: 'B', name: 'Site B', score: 0.55, rank: 2, cls: 3, outside: 0, shortlisted: 0, label: '' },
      { id: 'C', name: 'Site C', score: -1, rank: 0, cls: -1, outside: 0, shortlisted: 1, label: '–' },
    ]);
    expect(fricheSurfaces(sites).features.map((f) => f.properties.id)).toEqual(['A', 'C']);
    const surfaceColour = surfaceColourExpression(sites, (i) => scores[i]!);
    expect(evaluate(surfaceColour, { id: 'A' })).toBe(scoreColour(0.83));
    expect(evaluate(surfaceColour, { id: 'C' })).toBe(UNRANKED_COLOUR);
  });

  it('is a valid MapLibre style with the selection and hover as filters', () => {
    const spec = frichesLayers({
      points: frichePoints(sites, (i) => scores[i]!, new Set(['A'])),
      surfaces: fricheSurfaces(sites),
      surfaceColour: surfaceColourExpression(sites, (i) => scores[i]!),
      context: contextFeatures([
        {
          role: 'stations',
          layer: {
            type: 'FeatureCollection',
            features: [
              { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1.6, 50.7] } },
            ],
          },
        },
      ]),
      selected: 'A',
      hovered: null,
    });
    const errors = validateStyleMin({
      version: 8,
      sources: spec.sources as never,
      layers: spec.layers,
    } as never);
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(Object.keys(spec.sources)).toEqual([
      SOURCE.frichesContext,
      SOURCE.frichesSurfaces,
      SOURCE.frichesPoints,
    ]);
    const selected = spec.layers.find((l) => l.id === LAYER.frichesSelected)!;
    expect('filter' in selected && selected.filter).toEqual(['==', ['get', 'id'], 'A']);
    const context = spec.sources[SOURCE.frichesContext]!;
    expect(context.type === 'geojson' && context.data).toMatchObject({
      features: [{ properties: { role: 'stations' } }],
    });
  });
});
