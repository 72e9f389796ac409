import { describe, expect, it } from 'vitest';
import { createRandom } from './random.ts';

describe('createRandom', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
  it('draws weighted choices in proportion', () => {
    const r = createRandom(1);
    let heads = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const) === 'a'
      )
        heads++;
    expect(heads / 10_000).toBeGreaterThan(0.72);
    expect(heads / 10_000).toBeLessThan(0.78);
  });
});
