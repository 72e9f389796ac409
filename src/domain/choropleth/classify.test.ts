import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClassificationError,
  classIndex,
  classifyNumbers,
  equalIntervalBreaks,
  jenksBreaks,
  quantileBreaks,
  validateClassificationOptions,
  withinClassSquares,
} from './classify.ts';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Reference for Jenks: try every way of cutting the sorted distinct values into k contiguous groups. */
function bruteForceJenks(values: number[], k: number): { cost: number; breaks: number[] } {
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  let best = { cost: Number.POSITIVE_INFINITY, breaks: [] as number[] };
  // cuts = indices (in distinct) of the last value of each class but the last one.
  const choose = (from: number, left: number, cuts: number[]) => {
    if (left === 0) {
      const breaks = [distinct[0]!, ...cuts.map((c) => distinct[c]!), distinct[distinct.length - 1]!];
      const cost = withinClassSquares(sorted, breaks);
      if (cost < best.cost - 1e-9) best = { cost, breaks };
      return;
    }
    for (let c = from; c <= distinct.length - 1 - left; c++) choose(c + 1, left - 1, [...cuts, c]);
  };
  choose(0, Math.min(k, distinct.length) - 1, []);
  return best;
}

describe('quantile breaks (inverse empirical distribution, R type 1)', () => {
  it('splits 1..10 into five classes of two', () => {
    // R: quantile(1:10, probs = seq(0, 1, 0.2), type = 1) → 1 2 4 6 8 10
    const result = classifyNumbers(range(1, 10), { method: 'quantile', classes: 5 });
    expect(result.breaks).toEqual([1, 2, 4, 6, 8, 10]);
    expect(result.counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('handles unsorted input and a count not divisible by k', () => {
    expect(quantileBreaks([1, 2, 3, 4, 5, 7, 9, 11, 13], 3)).toEqual([1, 3, 7, 13]);
    const result = classifyNumbers([7, 1, 3, 9, 5, 11, 13, 2, 4], { method: 'quantile', classes: 3 });
    expect(result.breaks).toEqual([1, 3, 7, 13]);
    expect(result.counts).toEqual([3, 3, 3]);
    // 10 values in 3 classes: 4 / 3 / 3 (R type 1 gives 4 and 7 as tertiles).
    expect(classifyNumbers(range(1, 10), { method: 'quantile', classes: 3 }).counts).toEqual([4, 3, 3]);
  });

  it('merges classes when ties dominate, without empty or duplicated classes', () => {
    const result = classifyNumbers([0, 0, 0, 0, 0, 0, 1, 2], { method: 'quantile', classes: 4 });
    expect(result.breaks).toEqual([0, 0, 2]);
    expect(result.counts).toEqual([6, 2]);
    expect(result.warnings[0]).toMatch(/2 classes au lieu de 4/);
  });
});

describe('Fisher–Jenks natural breaks', () => {
  it('separates two obvious groups', () => {
    expect(jenksBreaks([4, 5, 9, 10], 2)).toEqual([4, 5, 10]);
    expect(
      jenksBreaks(
        [10, 9, 5, 4].sort((a, b) => a - b),
        2,
      ),
    ).toEqual([4, 5, 10]);
  });

  it('finds three clusters (hand-checked)', () => {
    const result = classifyNumbers([1, 2, 3, 10, 11, 12, 20, 21, 22], { method: 'jenks', classes: 3 });
    expect(result.breaks).toEqual([1, 3, 12, 22]);
    expect(result.counts).toEqual([3, 3, 3]);
  });

  it('matches an exhaustive search over every break combination on 12 values', () => {
    const values = [2, 3, 5, 8, 13, 14, 15, 29, 31, 47, 52, 90];
    for (const k of [2, 3, 4, 5, 6, 7]) {
      const sorted = [...values].sort((a, b) => a - b);
      const dp = jenksBreaks(sorted, k);
      const reference = bruteForceJenks(values, k);
      expect(withinClassSquares(sorted, dp)).toBeCloseTo(reference.cost, 9);
      expect(dp).toEqual(reference.breaks);
    }
  });

  it('is optimal on random small samples, ties included (property test)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 7 }),
        (values, k) => {
          const sorted = [...values].sort((a, b) => a - b);
          const dp = jenksBreaks(sorted, k);
          const reference = bruteForceJenks(values, k);
          expect(withinClassSquares(sorted, dp)).toBeCloseTo(reference.cost, 6);
          // Ties never straddle a break: each distinct value is in exactly one class.
          for (const v of new Set(sorted)) expect(classIndex(dp, v)).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives each distinct value its own class when there are fewer distinct values than classes', () => {
    const result = classifyNumbers([3, 3, 7, 7, 7], { method: 'jenks', classes: 5 });
    expect(result.breaks).toEqual([3, 3, 7]);
    expect(result.counts).toEqual([2, 3]);
  });
});

describe('equal intervals', () => {
  it('cuts the range into classes of equal width', () => {
    const result = classifyNumbers(
      range(0, 10).map((v) => v * 10),
      { method: 'equalInterval', classes: 4 },
    );
    expect(result.breaks).toEqual([0, 25, 50, 75, 100]);
    expect(result.counts).toEqual([3, 3, 2, 3]);
  });

  it('keeps an empty class rather than distort the scale', () => {
    const result = classifyNumbers([0, 1, 2, 100], { method: 'equalInterval', classes: 3 });
    expect(result.breaks[1]).toBeCloseTo(100 / 3, 12);
    expect(result.counts).toEqual([3, 0, 1]);
    expect(equalIntervalBreaks([0.1, 0.7], 3).at(-1)).toBe(0.7);
  });
});

describe('manual breaks', () => {
  it('uses the given bounds and widens the outer ones to the data', () => {
    const result = classifyNumbers([5, 15, 30, 60], {
      method: 'manual',
      classes: 0,
      manualBreaks: [0, 10, 20, 50],
    });
    expect(result.breaks).toEqual([0, 10, 20, 60]);
    expect(result.counts).toEqual([1, 1, 2]);
    expect(result.warnings.join(' ')).toMatch(/Borne supérieure relevée à 60/);
  });

  it('puts a value equal to a bound in the lower class', () => {
    const result = classifyNumbers([10, 20, 21], {
      method: 'manual',
      classes: 3,
      manualBreaks: [0, 10, 20, 30],
    });
    expect(result.counts).toEqual([1, 1, 1]);
  });
});

describe('small numbers and invalid options', () => {
  it('classifies all-equal values into a single class', () => {
    for (const method of ['quantile', 'jenks', 'equalInterval'] as const) {
      const result = classifyNumbers([4, 4, 4, 4], { method, classes: 5 });
      expect(result.breaks).toEqual([4, 4]);
      expect(result.counts).toEqual([4]);
    }
  });

  it('returns no class for no value, and ignores non-finite values', () => {
    expect(classifyNumbers([], { method: 'jenks', classes: 4 }).breaks).toEqual([]);
    const result = classifyNumbers([Number.NaN, 1, 2, 3, Number.POSITIVE_INFINITY], {
      method: 'quantile',
      classes: 3,
    });
    expect(result.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('rejects class counts outside 3–7 and bad manual bounds, in French', () => {
    expect(validateClassificationOptions({ method: 'quantile', classes: 2 })[0]).toMatch(/de 3 à 7/);
    expect(validateClassificationOptions({ method: 'jenks', classes: 8 })).toHaveLength(1);
    expect(validateClassificationOptions({ method: 'jenks', classes: 4.5 })).toHaveLength(1);
    expect(
      validateClassificationOptions({ method: 'manual', classes: 3, manualBreaks: [0, 20, 10, 30] })[0],
    ).toMatch(/strictement croissantes/);
    expect(validateClassificationOptions({ method: 'manual', classes: 3, manualBreaks: [0, 1] })[0]).toMatch(
      /de 4 à 8 bornes/,
    );
    expect(() => classifyNumbers([1, 2, 3], { method: 'quantile', classes: 9 })).toThrow(ClassificationError);
  });

  it('classIndex is right-closed and rejects values outside the bounds', () => {
    const breaks = [0, 10, 20, 30];
    expect(classIndex(breaks, 0)).toBe(0);
    expect(classIndex(breaks, 10)).toBe(0);
    expect(classIndex(breaks, 10.0001)).toBe(1);
    expect(classIndex(breaks, 30)).toBe(2);
    expect(classIndex(breaks, 31)).toBe(-1);
    expect(classIndex(breaks, -1)).toBe(-1);
    expect(classIndex(breaks, Number.NaN)).toBe(-1);
  });
});
