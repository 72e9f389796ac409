import { expression as styleExpression } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/random.ts';
import { buildChoropleth, type Choropleth, type ChoroplethInput } from './choropleth.ts';
import { CLASSIFICATION_METHODS } from './classify.ts';
import { NO_DATA_COLOR, PALETTES, type PaletteId, SMALL_SAMPLE_COLOR } from './palettes.ts';

/**
 * The expression is checked with MapLibre's own expression engine (@maplibre/maplibre-gl-style-spec,
 * installed with maplibre-gl): what it evaluates for each commune is what the map will draw.
 */
const FILL_COLOR_SPEC = {
  type: 'color',
  'property-type': 'data-driven',
  expression: { interpolated: false, parameters: ['zoom', 'feature'] },
} as const;

function toHex(value: unknown): string {
  if (value && typeof value === 'object' && 'r' in value && 'g' in value && 'b' in value) {
    const { r, g, b, a } = value as { r: number; g: number; b: number; a: number };
    // Style-spec colours are premultiplied by alpha.
    const channel = (c: number) =>
      Math.round((c / (a || 1)) * 255)
        .toString(16)
        .padStart(2, '0');
    return `#${channel(r)}${channel(g)}${channel(b)}`;
  }
  return String(value).toLowerCase();
}

function evaluateWithMapLibre(choropleth: Choropleth, ids: string[]): Map<string, string> {
  const compiled = styleExpression.createExpression(
    choropleth.paint as Parameters<typeof styleExpression.createExpression>[0],
    FILL_COLOR_SPEC as unknown as Parameters<typeof styleExpression.createExpression>[1],
  );
  if (compiled.result !== 'success') {
    throw new Error(`MapLibre refuse l'expression : ${JSON.stringify(compiled.value)}`);
  }
  const out = new Map<string, string>();
  for (const id of ids) {
    const feature = { type: 'Polygon', properties: { [choropleth.idProperty]: id } };
    out.set(id, toHex(compiled.value.evaluate({ zoom: 10 }, feature as never)));
  }
  return out;
}

/** Every drawn colour matches the legend entry of the commune, and legend counts match the map. */
function expectLegendAndMapAgree(choropleth: Choropleth, ids: string[], outside: string[] = []) {
  const drawn = evaluateWithMapLibre(choropleth, [...ids, ...outside]);
  // A feature the choropleth never heard of is drawn as "no data", like classOf says.
  for (const id of outside) expect(drawn.get(id)).toBe(NO_DATA_COLOR);
  const counted = new Map<string, number>();
  for (const id of ids) {
    const assigned = choropleth.classOf(id);
    expect(drawn.get(id)).toBe(assigned.color);
    const key = assigned.kind === 'class' ? `class-${assigned.index}` : assigned.kind;
    counted.set(key, (counted.get(key) ?? 0) + 1);
    if (assigned.kind === 'class') expect(choropleth.classes[assigned.index]!.color).toBe(assigned.color);
  }
  choropleth.classes.forEach((c, i) => {
    expect(counted.get(`class-${i}`) ?? 0).toBe(c.count);
  });
  expect(counted.get('noData') ?? 0).toBe(choropleth.noData.count);
  expect(counted.get('smallSample') ?? 0).toBe(choropleth.smallSample.count);
  // Legend colours are distinct from each other and from the two special entries.
  const legendColors = choropleth.classes.map((c) => c.color);
  expect(new Set(legendColors).size).toBe(legendColors.length);
  expect(legendColors).not.toContain(NO_DATA_COLOR);
  expect(legendColors).not.toContain(SMALL_SAMPLE_COLOR);
}

const communeIds = Array.from({ length: 74 }, (_, i) => `62${String(100 + i * 7).padStart(3, '0')}`);

function sampleValues(seed: number) {
  const random = createRandom(seed);
  const values = new Map<string, number | null>();
  const smallSample = new Set<string>();
  for (const id of communeIds) {
    const roll = random.next();
    if (roll < 0.08) values.set(id, null);
    else if (roll < 0.1) values.set(id, Number.NaN);
    else values.set(id, Math.round(random.next() ** 2 * 1000) / 10);
    if (random.next() < 0.1) smallSample.add(id);
  }
  return { values, smallSample };
}

describe('buildChoropleth', () => {
  it('draws exactly what the legend says, for every method and palette (MapLibre evaluation)', () => {
    const { values, smallSample } = sampleValues(7);
    for (const method of CLASSIFICATION_METHODS) {
      for (const palette of PALETTES) {
        for (let classes = 3; classes <= 7; classes++) {
          const input: ChoroplethInput = {
            indicator: { id: 'test', unit: '%' },
            values,
            method,
            classes,
            palette: palette.kind === 'diverging' ? { id: palette.id, midpoint: 30 } : palette.id,
            smallSample,
            universe: [...communeIds, '62999'],
            manualBreaks: [0, 10, 25, 50, 100].slice(0, Math.min(5, classes + 1)),
          };
          let choropleth: Choropleth;
          try {
            choropleth = buildChoropleth(input);
          } catch (error) {
            // Diverging palettes legitimately refuse > 5 classes on one side of the midpoint.
            expect(String(error)).toMatch(/point milieu/);
            continue;
          }
          expectLegendAndMapAgree(choropleth, [...communeIds, '62999'], ['99999']);
          const total =
            choropleth.classes.reduce((s, c) => s + c.count, 0) +
            choropleth.noData.count +
            choropleth.smallSample.count;
          expect(total).toBe(communeIds.length + 1);
        }
      }
    }
  });

  it('agrees with the map on random inputs with heavy ties (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }), { minLength: 0, maxLength: 30 }),
        fc.constantFrom(...(['quantile', 'jenks', 'equalInterval'] as const)),
        fc.integer({ min: 3, max: 7 }),
        fc.constantFrom<PaletteId>('YlGnBu', 'Viridis', 'Purples'),
        (raw, method, classes, palette) => {
          const ids = raw.map((_, i) => `59${String(i).padStart(3, '0')}`);
          const values = new Map(ids.map((id, i) => [id, raw[i]!]));
          const smallSample = new Set(ids.filter((_, i) => i % 5 === 4));
          const choropleth = buildChoropleth({
            indicator: { id: 'p', unit: '' },
            values,
            method,
            classes,
            palette,
            smallSample,
          });
          expectLegendAndMapAgree(choropleth, ids);
          // No empty duplicate classes for data-driven methods other than equal intervals.
          if (method !== 'equalInterval')
            for (const c of choropleth.classes) expect(c.count).toBeGreaterThan(0);
          expect(choropleth.classes.length).toBeLessThanOrEqual(classes);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('separates no data and small samples from the classes, with French legend entries', () => {
    const values = new Map<string, number | null>([
      ['62001', 10],
      ['62002', 20],
      ['62003', 30],
      ['62004', 40],
      ['62005', 100],
      ['62006', null],
      ['62007', 0],
    ]);
    const choropleth = buildChoropleth({
      indicator: { id: 'conversionRate', unit: '%' },
      values,
      method: 'quantile',
      classes: 3,
      palette: 'Blues',
      smallSample: new Set(['62005', '62006']),
      smallSampleLabel: 'Moins de 5 conseils arrivés à maturité',
      universe: [...values.keys(), '62008'],
    });
    // 62005 (small sample) is left out of the breaks: its 100 % rests on too few cases.
    // Type-1 tertiles of [0, 10, 20, 30, 40]: the 2nd and 4th values (ceil(5·j/3)).
    expect(choropleth.breaks).toEqual([0, 10, 30, 40]);
    expect(choropleth.classes.map((c) => c.label)).toEqual([
      '0 à 10\u202F%',
      'plus de 10 à 30\u202F%',
      'plus de 30 à 40\u202F%',
    ]);
    expect(choropleth.classes.map((c) => c.count)).toEqual([2, 2, 1]);
    // 62006 has no value at all: no data wins over small sample. 62008 is absent from the values.
    expect(choropleth.noData).toMatchObject({ count: 2, label: 'Pas de donnée', color: NO_DATA_COLOR });
    expect(choropleth.smallSample).toMatchObject({
      count: 1,
      label: 'Moins de 5 conseils arrivés à maturité',
    });
    expect(choropleth.classOf('62005').kind).toBe('smallSample');
    expect(choropleth.classOf('62008').kind).toBe('noData');
    expect(choropleth.classOf('62003')).toEqual({
      kind: 'class',
      index: 1,
      color: choropleth.classes[1]!.color,
    });
  });

  it('falls back to a constant colour when nothing can be classified', () => {
    const choropleth = buildChoropleth({
      indicator: { id: 'x', unit: '' },
      values: new Map([['62001', null]]),
      method: 'jenks',
      classes: 5,
      palette: 'YlGnBu',
    });
    expect(choropleth.paint).toBe(NO_DATA_COLOR);
    expect(choropleth.classes).toEqual([]);
    expect(choropleth.noData.count).toBe(1);
  });

  it('uses the EPCI id property when asked', () => {
    const choropleth = buildChoropleth({
      indicator: { id: 'x', unit: '' },
      values: new Map([
        ['246200729', 5],
        ['200018083', 8],
        ['246200380', 13],
      ]),
      method: 'equalInterval',
      classes: 3,
      palette: 'Greens',
      idProperty: 'siren',
    });
    expect(choropleth.paint).toEqual([
      'match',
      ['get', 'siren'],
      ['246200729'],
      '#e5f5e0',
      ['200018083'],
      '#a1d99b',
      ['246200380'],
      '#31a354',
      NO_DATA_COLOR,
    ]);
  });
});

describe('labels of whole counts (integer)', () => {
  const nb = (text: string) => text.replace(/\u202f/g, ' ');
  const build = (values: number[], breaks: number[] | null) =>
    buildChoropleth({
      indicator: { id: 'count', unit: 'friches' },
      values: new Map(values.map((v, i) => [`c${i}`, v])),
      method: breaks ? 'manual' : 'quantile',
      classes: breaks ? breaks.length - 1 : 3,
      ...(breaks ? { manualBreaks: breaks } : {}),
      palette: 'YlGnBu',
      integer: true,
    });

  it('lists the integers each right-closed class holds, in the engine’s « a à b » wording', () => {
    // The sample's friches per commune: quantiles give the bounds 0, 0, 1, 10.
    const c = build([0, 0, 0, 0, 1, 1, 1, 2, 7, 10], null);
    expect(c.breaks).toEqual([0, 0, 1, 10]);
    expect(c.classes.map((k) => nb(k.label))).toEqual(['0 friche', '1 friche', '2 à 10 friches']);
    expect(c.classes.map((k) => k.count)).toEqual([4, 3, 3]);
    const wide = build([0, 3, 4, 7, 8], [0, 3.5, 7, 8]);
    expect(wide.classes.map((k) => nb(k.label))).toEqual(['0 à 3 friches', '4 à 7 friches', '8 friches']);
  });

  it('keeps the bounds’ labels when a value is not whole, or a class holds no integer', () => {
    expect(build([0.5, 3, 9], [0, 1, 5, 10]).classes.map((k) => nb(k.label))).toEqual([
      '0 à 1 friches',
      'plus de 1 à 5 friches',
      'plus de 5 à 10 friches',
    ]);
    expect(build([3, 4], [3, 3.2, 3.8, 4]).classes.map((k) => nb(k.label))[1]).toBe(
      'plus de 3,2 à 3,8 friches',
    );
  });
});
