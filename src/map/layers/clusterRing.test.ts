import type { ExpressionSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { CORE_RADIUS, clusterRing, RING_WIDTH } from './clusterRing.ts';

const match = (v: string): ExpressionSpecification => ['==', ['get', 'category'], v];
const ring = clusterRing(
  'src',
  'clusters',
  [
    { key: 'a', color: '#111111', match: match('a') },
    { key: 'b', color: '#222222', match: match('b') },
    { key: 'c', color: '#333333', match: match('c') },
  ],
  '#000000',
);

/** Evaluates the few expression operators the ring uses, on one cluster's properties (no MapLibre). */
function evaluate(expr: unknown, props: Record<string, number>): number {
  if (typeof expr === 'number') return expr;
  const [op, ...args] = expr as [string, ...unknown[]];
  const v = (i: number) => evaluate(args[i], props);
  switch (op) {
    case 'get':
      return props[args[0] as string] ?? 0;
    case '+':
      return args.reduce<number>((s, _, i) => s + v(i), 0);
    case '-':
      return v(0) - v(1);
    case '*':
      return v(0) * v(1);
    case '/':
      return v(0) / v(1);
    case 'max':
      return Math.max(v(0), v(1));
    case 'step': {
      const input = v(0);
      let out = v(1);
      for (let i = 2; i < args.length; i += 2) if (input >= v(i)) out = v(i + 1);
      return out;
    }
    default:
      throw new Error(`unexpected operator ${op}`);
  }
}

describe('cluster ring spec', () => {
  it('counts each category with a cluster property', () => {
    expect(ring.clusterProperties).toEqual({
      n_a: ['+', ['case', match('a'), 1, 0]],
      n_b: ['+', ['case', match('b'), 1, 0]],
      n_c: ['+', ['case', match('c'), 1, 0]],
    });
  });

  it('draws one band per category, the first (full disc) carrying the click id, then the core', () => {
    expect(ring.layers.map((l) => l.id)).toEqual([
      'clusters',
      'clusters-ring-b',
      'clusters-ring-c',
      'clusters-core',
    ]);
    for (const l of ring.layers)
      expect(l).toMatchObject({ type: 'circle', source: 'src', filter: ['has', 'point_count'] });
  });

  it('makes each visible band as thick as its share: 60 a, 30 b, 10 c', () => {
    const props = { point_count: 100, n_a: 60, n_b: 30, n_c: 10 };
    const core = evaluate(CORE_RADIUS, props);
    const radii = ring.layers.map((l) =>
      evaluate((l.paint as Record<string, unknown>)['circle-radius'], props),
    );
    expect(radii[0]).toBeCloseTo(core + RING_WIDTH, 9);
    // Visible thickness of band k = its radius − the next (smaller) one drawn above it.
    expect(radii[0]! - radii[1]!).toBeCloseTo(RING_WIDTH * 0.6, 9);
    expect(radii[1]! - radii[2]!).toBeCloseTo(RING_WIDTH * 0.3, 9);
    expect(radii[2]! - radii[3]!).toBeCloseTo(RING_WIDTH * 0.1, 9);
    expect(radii[3]).toBe(core);
  });

  it('a single-category cluster is one full band', () => {
    const props = { point_count: 7, n_a: 0, n_b: 7, n_c: 0 };
    const radii = ring.layers.map((l) =>
      evaluate((l.paint as Record<string, unknown>)['circle-radius'], props),
    );
    expect(radii[0]).toBeCloseTo(radii[1]!, 9);
    expect(radii[1]! - radii[2]!).toBeCloseTo(RING_WIDTH, 9);
  });
});
