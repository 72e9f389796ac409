import { describe, expect, it } from 'vitest';
import { aggregateValues, combineValues, type IndicatorValue, toChoroplethValues } from './aggregate.ts';

const groupOf = new Map([
  ['62001', 'A'],
  ['62002', 'A'],
  ['62003', 'B'],
  ['62004', 'B'],
]);

describe('commune → EPCI aggregation', () => {
  it('sums counts and skips communes without data', () => {
    const values = new Map<string, IndicatorValue>([
      ['62001', { value: 3 }],
      ['62002', { value: 4 }],
      ['62003', { value: null }],
      ['62004', { value: 10 }],
    ]);
    const out = aggregateValues(values, groupOf, { kind: 'sum' }, ['A', 'B', 'C']);
    expect(out.get('A')?.value).toBe(7);
    expect(out.get('B')?.value).toBe(10);
    expect(out.get('C')).toEqual({ value: null });
  });

  it('computes rates as a ratio of sums, not an average of rates', () => {
    // Commune 1: 1 conversion / 2 mature (50 %); commune 2: 90 / 100 (90 %).
    const values = new Map<string, IndicatorValue>([
      ['62001', { value: 50, numerator: 1, denominator: 2, smallSample: true }],
      ['62002', { value: 90, numerator: 90, denominator: 100 }],
    ]);
    const a = aggregateValues(values, groupOf, { kind: 'ratio', scale: 100, minDenominator: 5 }).get('A')!;
    expect(a.value).toBeCloseTo((100 * 91) / 102, 10); // 89.2 %, not (50 + 90) / 2 = 70 %
    expect(a).toMatchObject({ numerator: 91, denominator: 102, smallSample: false });
  });

  it('flags a group as small sample when its summed denominator is still small', () => {
    const value = combineValues(
      [
        { value: 100, numerator: 2, denominator: 2 },
        { value: 0, numerator: 0, denominator: 2 },
      ],
      { kind: 'ratio', scale: 100, minDenominator: 5 },
    );
    expect(value).toEqual({ value: 50, numerator: 2, denominator: 4, smallSample: true });
  });

  it('returns no data for a zero denominator, and takes the max for scores', () => {
    expect(
      combineValues([{ value: null, numerator: 0, denominator: 0 }], { kind: 'ratio', scale: 100 }).value,
    ).toBe(null);
    expect(combineValues([{ value: 0.4 }, { value: null }, { value: 0.7 }], { kind: 'max' }).value).toBe(0.7);
  });

  it('lets composite indicators recombine their parts', () => {
    const out = combineValues([{ value: 1 }, { value: 2 }], {
      kind: 'custom',
      combine: (vs) => ({ value: vs.length * 10 }),
    });
    expect(out.value).toBe(20);
  });

  it('splits values and small-sample flags for buildChoropleth', () => {
    const { values, smallSample } = toChoroplethValues(
      new Map<string, IndicatorValue>([
        ['x', { value: 1, smallSample: true }],
        ['y', { value: null }],
      ]),
    );
    expect([...values]).toEqual([
      ['x', 1],
      ['y', null],
    ]);
    expect([...smallSample]).toEqual(['x']);
  });
});
