import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from './ranking.ts';

/** The reference: sort the filtered indices by the same key (biggest first, ties by index), keep the head. */
const naive = (kwh: number[], filtered: number[], limit: number) =>
  [...filtered].sort((a, b) => kwh[b]! - kwh[a]! || a - b).slice(0, limit);

describe('firstInOrder', () => {
  it('equals sorting the filtered points and keeping the first ones', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 0, max: 70 }),
        (kwh, keep, limit) => {
          const all = kwh.map((_, i) => i);
          const order = Uint32Array.from(naive(kwh, all, all.length));
          const filtered = all.filter((i) => keep[i]);
          const got = firstInOrder(order, Uint32Array.from(filtered), kwh.length, limit);
          expect([...got]).toEqual(naive(kwh, filtered, limit));
        },
      ),
    );
  });

  it('handles empty inputs', () => {
    expect([...firstInOrder(new Uint32Array(0), new Uint32Array(0), 0, 200)]).toEqual([]);
    expect([...firstInOrder(Uint32Array.from([1, 0]), Uint32Array.from([0, 1]), 2, 0)]).toEqual([]);
  });
});
