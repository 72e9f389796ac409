import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { applyEdit, isIsoDate, undoEdit } from './edit.ts';
import { assessRenovation, DEFAULT_LIGHTING_SETTINGS as S } from './energy.ts';
import type { LightPoint } from './types.ts';

const points: LightPoint[] = [
  makePoint('a', { address: '1 rue du Port', installYear: 1992, ulrPercent: 12 }),
  makePoint('b', { status: 'scheduled', scheduledDate: '2025-09-01' }),
  renovated('c', 20, '2025-02-01'),
  makePoint('d'),
];
const frozen = JSON.stringify(points);

describe('applyEdit', () => {
  it('marks a selection renovated with date, technology, power and dimming', () => {
    const result = applyEdit(points, ['a', 'b'], {
      kind: 'renovate',
      date: '2025-03-12',
      works: {
        technologyAfter: 'led',
        powerAfterW: 35,
        regime: { kind: 'dimming', hours: 6, level: 0.5 },
        colourTemperatureK: 3000,
      },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.changed).toBe(2);
    expect(result.undo.label).toBe('2 points marqués « rénové » (12/03/2025)');
    const a = result.points[0]!;
    expect(a).toEqual({
      ...points[0],
      status: 'renovated',
      renovation: {
        technologyAfter: 'led',
        powerAfterW: 35,
        regime: { kind: 'dimming', hours: 6, level: 0.5 },
        colourTemperatureK: 3000,
        date: '2025-03-12',
      },
    });
    // inventory data kept, schedule dropped once done
    expect(a.installYear).toBe(1992);
    expect(result.points[1]!.scheduledDate).toBeUndefined();
    // 150 W → 35 W dimmed 50 % 6 h: factor ≈ 5.85
    expect(assessRenovation(a, S).factorClass).toBe('factor4');
    // pure: input untouched, untouched points shared
    expect(JSON.stringify(points)).toBe(frozen);
    expect(result.points).not.toBe(points);
    expect(result.points[3]).toBe(points[3]);
  });

  it('schedules with a date and optional planned works', () => {
    const result = applyEdit(points, new Set(['d']), {
      kind: 'schedule',
      date: '2026-04-01',
      works: { technologyAfter: 'led', powerAfterW: 30 },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.points[3]).toMatchObject({
      status: 'scheduled',
      scheduledDate: '2026-04-01',
      renovation: { technologyAfter: 'led', powerAfterW: 30, regime: { kind: 'none' } },
    });
    expect(result.undo.label).toBe('1 point marqué « programmé » (01/04/2026)');
  });

  it('resets a point to « à rénover »', () => {
    const result = applyEdit(points, ['c'], { kind: 'reset' });
    if (!result.ok) throw new Error(result.reason);
    expect(result.points[2]!.status).toBe('toRenovate');
    expect(result.points[2]!.renovation).toBeUndefined();
  });

  it('reports ids that are not in the inventory', () => {
    const result = applyEdit(points, ['a', 'zz'], { kind: 'reset' });
    expect(result.ok && result.notFound).toEqual(['zz']);
    expect(result.ok && result.changed).toBe(1);
  });

  it('refuses invalid input with a French reason and changes nothing', () => {
    const works = { technologyAfter: 'led' as const, powerAfterW: 30 };
    const cases = [
      [{ kind: 'renovate', date: '', works }, /date des travaux/],
      [{ kind: 'renovate', date: '2025-02-30', works }, /Date invalide/],
      [{ kind: 'renovate', date: '12/03/2025', works }, /AAAA-MM-JJ/],
      [{ kind: 'renovate', date: '2025-03-12', works: { ...works, powerAfterW: -1 } }, /positif/],
      [{ kind: 'renovate', date: '2025-03-12', works: { ...works, powerAfterW: Number.NaN } }, /positif/],
      [
        { kind: 'renovate', date: '2025-03-12', works: { ...works, technologyAfter: 'plasma' } },
        /Technologie/,
      ],
      [
        {
          kind: 'renovate',
          date: '2025-03-12',
          works: { ...works, regime: { kind: 'dimming', hours: 6, level: 2 } },
        },
        /Niveau/,
      ],
      [{ kind: 'schedule', works: { ...works, colourTemperatureK: 300 } }, /température de couleur/],
    ] as const;
    for (const [edit, reason] of cases) {
      const result = applyEdit(points, ['a'], edit as Parameters<typeof applyEdit>[2]);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(reason);
    }
  });

  it('accepts power 0 (point removed)', () => {
    const result = applyEdit(points, ['a'], {
      kind: 'renovate',
      date: '2025-03-12',
      works: { technologyAfter: 'other', powerAfterW: 0 },
    });
    expect(result.ok && assessRenovation(result.points[0]!, S).factorClass).toBe('decommissioned');
  });
});

describe('undoEdit', () => {
  it('restores exactly the previous points', () => {
    const result = applyEdit(points, ['a', 'c'], {
      kind: 'renovate',
      date: '2025-06-01',
      works: { technologyAfter: 'led', powerAfterW: 40 },
    });
    if (!result.ok) throw new Error(result.reason);
    const restored = undoEdit(result.points, result.undo);
    expect(restored).toEqual(points);
    expect(restored[0]).toBe(points[0]);
  });

  it('finds points by id when positions moved', () => {
    const result = applyEdit(points, ['c'], { kind: 'reset' });
    if (!result.ok) throw new Error(result.reason);
    const shuffled = [makePoint('new'), ...result.points.slice().reverse()];
    const restored = undoEdit(shuffled, result.undo);
    expect(restored.find((p) => p.id === 'c')).toBe(points[2]);
    expect(restored).toHaveLength(5);
  });

  it('undo of an edit that changed nothing is harmless', () => {
    const result = applyEdit(points, ['zz'], { kind: 'reset' });
    if (!result.ok) throw new Error(result.reason);
    expect(undoEdit(result.points, result.undo)).toEqual(points);
  });
});

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });
});
