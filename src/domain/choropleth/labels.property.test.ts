/**
 * Property test of the legend labels (issue #16, item 2): over random data and every method, no two
 * labels alike and every value inside the interval its class's label prints (read back from the text).
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/random.ts';
import { buildChoropleth, type Choropleth } from './choropleth.ts';
import type { ClassificationMethod } from './classify.ts';

/** Reads « 0 à 2,5 ‰ », « plus de 2,5 à 5 ‰ », « 0 ‰ », « plus de 5 ‰ » back into an interval. */
function parseLabel(label: string): { low: number; high: number; lowOpen: boolean } {
  const numbers = [...label.matchAll(/-?\d[\d\u202F]*(?:,\d+)?/g)].map((m) =>
    Number(m[0].replaceAll('\u202F', '').replace(',', '.')),
  );
  const lowOpen = label.startsWith('plus de ');
  const low = numbers[0]!;
  const high = numbers.length > 1 ? numbers[1]! : lowOpen ? Number.POSITIVE_INFINITY : low;
  return { low, high, lowOpen };
}

function check(choropleth: Choropleth, values: Map<string, number>): void {
  const labels = choropleth.classes.map((c) => c.label);
  expect(new Set(labels).size).toBe(labels.length);
  for (const [id, value] of values) {
    const a = choropleth.classOf(id);
    if (a.kind !== 'class') continue;
    const { low, high, lowOpen } = parseLabel(labels[a.index]!);
    const inside = (lowOpen ? value > low : value >= low) && value <= high;
    if (!inside) throw new Error(`${value} outside « ${labels[a.index]} » (${labels.join(' | ')})`);
  }
}

const METHODS: ClassificationMethod[] = ['quantile', 'jenks', 'equalInterval', 'manual'];

describe('exact legend labels', () => {
  it('reads every value’s class from its label, labels all different (random data, every method)', () => {
    const r = createRandom(16);
    for (let run = 0; run < 400; run++) {
      const n = r.int(1, 80);
      const scale = r.pick([1, 10, 100, 1000, 0.01]);
      const integers = r.next() < 0.3;
      const values = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const raw = r.next() < 0.15 ? 0 : r.next() * scale;
        values.set(`c${i}`, integers ? Math.round(raw) : Math.round(raw * 1e4) / 1e4);
      }
      const method = r.pick(METHODS);
      const classes = r.int(3, 7);
      const sorted = [...values.values()].sort((a, b) => a - b);
      const manualBreaks =
        method === 'manual'
          ? [
              ...new Set([
                Math.min(0, sorted[0]!),
                ...Array.from({ length: classes - 1 }, () => Math.round(r.next() * scale * 100) / 100),
                Math.max(sorted[sorted.length - 1]!, scale) + 1,
              ]),
            ].sort((a, b) => a - b)
          : undefined;
      if (manualBreaks && manualBreaks.length < 4) continue;
      const choropleth = buildChoropleth({
        indicator: { id: 'x', unit: r.pick(['%', '‰', '', 'kWh/an']) },
        values,
        method,
        classes: manualBreaks ? manualBreaks.length - 1 : classes,
        ...(manualBreaks ? { manualBreaks } : {}),
        palette: 'YlGnBu',
      });
      check(choropleth, values);
    }
  });

  it('fixes the cases reported in the issue', () => {
    // Manual breaks 0 ; 2,5 ; 5 ; 10 with Boulogne at 2,9 ‰.
    const manual = buildChoropleth({
      indicator: { id: 'x', unit: '‰' },
      values: new Map([
        ['boulogne', 2.9],
        ['a', 1],
        ['b', 2.5],
      ]),
      method: 'manual',
      classes: 3,
      manualBreaks: [0, 2.5, 5, 10],
      palette: 'YlGnBu',
    });
    expect(manual.classes.map((c) => c.label)).toEqual([
      '0 à 2,5\u202F‰',
      'plus de 2,5 à 5\u202F‰',
      'plus de 5 à 10\u202F‰',
    ]);
    expect(manual.classOf('boulogne')).toMatchObject({ index: 1 });
    // EPCI rates 69,6 / 71,5 / 87,0 %.
    const epci = new Map([
      ['A', 69.6],
      ['B', 71.5],
      ['C', 87.0],
    ]);
    const rates = buildChoropleth({
      indicator: { id: 'x', unit: '%' },
      values: epci,
      method: 'quantile',
      classes: 3,
      palette: 'YlGnBu',
    });
    check(rates, epci);
    // Each rate in its own class, every label containing its value, with the fewest decimals that do so.
    expect(rates.classes.map((c) => c.label)).toEqual([
      '69 à 70\u202F%',
      'plus de 70 à 72\u202F%',
      'plus de 72 à 87\u202F%',
    ]);
    expect(['A', 'B', 'C'].map((id) => rates.classOf(id))).toMatchObject([
      { index: 0 },
      { index: 1 },
      { index: 2 },
    ]);
    // A quantile bound that is a raw value (1,904762) prints as a short number in the gap above it.
    const shares = new Map([1.2, 1.904762, 2.4, 2.857143, 3.1, 3.556485, 4.2].map((v, i) => [`s${i}`, v]));
    const quantile = buildChoropleth({
      indicator: { id: 'x', unit: '%' },
      values: shares,
      method: 'quantile',
      classes: 3,
      palette: 'YlGnBu',
    });
    check(quantile, shares);
    for (const label of quantile.classes.map((c) => c.label)) expect(label).not.toMatch(/,\d{3}/);
    // Jenks with many zeros: « 0 ‰ » then « plus de 0 à … ».
    const zeros = new Map(Array.from({ length: 20 }, (_, i) => [`z${i}`, i < 12 ? 0 : 0.4 + i / 10]));
    const jenks = buildChoropleth({
      indicator: { id: 'x', unit: '‰' },
      values: zeros,
      method: 'jenks',
      classes: 3,
      palette: 'YlGnBu',
    });
    check(jenks, zeros);
    expect(jenks.classes[0]!.label).toBe('0\u202F‰');
    expect(jenks.classes[1]!.label.startsWith('plus de 0')).toBe(true);
  });
});
