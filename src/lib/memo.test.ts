import { describe, expect, it } from 'vitest';
import { memoLast } from './memo.ts';

function counted<A extends unknown[]>(fn: (...args: A) => unknown) {
  const calls = { n: 0 };
  const memo = memoLast((...args: A) => {
    calls.n++;
    return fn(...args);
  });
  return { memo, calls };
}

describe('memoLast', () => {
  it('returns the remembered result while the arguments are the same values', () => {
    const { memo, calls } = counted((list: number[], k: number) => list.map((x) => x * k));
    const list = [1, 2];
    const first = memo(list, 2);
    expect(memo(list, 2)).toBe(first);
    expect(calls.n).toBe(1);
  });

  it('recomputes when an argument changes, comparing objects by reference', () => {
    const { memo, calls } = counted((list: number[]) => list.length);
    memo([1]);
    memo([1]);
    expect(calls.n).toBe(2);
  });

  it('remembers only the last arguments', () => {
    const { memo, calls } = counted((x: number) => x + 1);
    memo(1);
    memo(2);
    memo(1);
    expect(calls.n).toBe(3);
  });

  it('compares with Object.is: NaN is unchanged, -0 differs from +0', () => {
    const { memo, calls } = counted((x: number) => 1 / x);
    memo(Number.NaN);
    memo(Number.NaN);
    expect(calls.n).toBe(1);
    expect(memo(0)).toBe(Number.POSITIVE_INFINITY);
    expect(memo(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(calls.n).toBe(3);
  });

  it('recomputes when the number of arguments changes', () => {
    const { memo, calls } = counted((...xs: (number | undefined)[]) => xs.length);
    expect(memo(1)).toBe(1);
    expect(memo(1, undefined)).toBe(2);
    expect(calls.n).toBe(2);
  });
});
