import { describe, expect, it } from 'vitest';
import { monthlyProgress } from '../advice/indicators.ts';
import { makeSession } from '../advice/testSessions.ts';
import { TEST_CONTRACT, testData } from './testData.ts';
import { contractDashboard, elapsedShare, monthlyTrajectory } from './trajectory.ts';

describe('linear trajectory', () => {
  it('runs from 0 before the start to the target at the end of the last day', () => {
    expect(elapsedShare(TEST_CONTRACT, '2024-12-31')).toBe(0);
    expect(elapsedShare(TEST_CONTRACT, '2025-01-01')).toBeCloseTo(1 / 1095, 12);
    expect(elapsedShare(TEST_CONTRACT, '2027-12-31')).toBe(1);
    expect(elapsedShare(TEST_CONTRACT, '2030-01-01')).toBe(1);
  });

  it('lists the 36 months of the contract with the planned cumulative value', () => {
    const rows = monthlyTrajectory(TEST_CONTRACT, 2000, [], '2027-12-31');
    expect(rows).toHaveLength(36);
    expect(rows[0]).toEqual({ month: '2025-01', cumulative: 0, planned: (2000 * 31) / 1095 });
    expect(rows[11]!.planned).toBeCloseTo((2000 * 365) / 1095, 9);
    expect(rows[35]).toEqual({ month: '2027-12', cumulative: 0, planned: 2000 });
  });

  it('accumulates dated events inside the period and stops at the data date', () => {
    const dates = [
      '2024-12-31',
      '2025-01-15',
      '2025-01-31',
      '2025-03-02',
      '2025-03-20',
      '2025-04-01',
      '2028-01-01',
    ];
    const rows = monthlyTrajectory(TEST_CONTRACT, 2000, dates, '2025-03-31');
    expect(rows.slice(0, 4).map((r) => r.cumulative)).toEqual([2, 2, 4, null]);
    expect(rows[35]!.cumulative).toBeNull();
  });

  it('agrees with the advice module own monthly curve', () => {
    const sessions = [
      makeSession('a', '2025-01-10'),
      makeSession('b', '2025-02-10'),
      makeSession('c', '2025-02-11'),
      makeSession('d', '2026-07-01'),
      makeSession('e', '2024-06-01'),
    ];
    const ours = monthlyTrajectory(
      TEST_CONTRACT,
      2000,
      sessions.map((s) => s.date),
      '2026-06-30',
    );
    const theirs = monthlyProgress(sessions, TEST_CONTRACT, '2026-06-30');
    expect(ours.map((r) => r.cumulative)).toEqual(theirs.map((r) => r.cumulative));
    ours.forEach((row, i) => {
      expect(row.planned).toBeCloseTo(theirs[i]!.trajectory, 1);
    });
  });
});

describe('contract dashboard', () => {
  it('reports the three targets with capped shares, expectation and status', () => {
    const dashboard = contractDashboard(testData());
    const [adviceTarget, lightsTarget, brownfields] = dashboard.targets;
    expect(dashboard.elapsed).toBeCloseTo(546 / 1095, 12);
    expect(adviceTarget).toMatchObject({ id: 'advice', achieved: 53, target: 2000, status: 'behind' });
    expect(adviceTarget!.expected).toBeCloseTo((2000 * 546) / 1095, 9);
    expect(adviceTarget!.share).toBeCloseTo(53 / 2000, 12);
    expect(adviceTarget!.trajectory).toHaveLength(36);
    expect(lightsTarget).toMatchObject({ achieved: 68, target: 2000 });
    expect(brownfields).toMatchObject({ achieved: 2, target: 5, trajectory: null });
    expect(dashboard.lightsDetail).toEqual({
      factor4: 50,
      factor4Target: 1500,
      factor2: 18,
      factor2Target: 500,
    });
    expect(dashboard.conversion).toMatchObject({ target: 0.9, numerator: 20, denominator: 22 });
    expect(dashboard.composite.value).toBeCloseTo((100 * (53 / 2000 + 68 / 2000 + 2 / 5)) / 3, 10);
  });

  it('caps the bar at 100 % and says when a target is reached or ahead', () => {
    const data = testData({ asOf: '2025-06-30' });
    data.advice = { ...data.advice!, delivered: 2400 };
    data.lights = {
      ...data.lights!,
      contract: { factor4: 500, factor2: 100, countedTotal: 600 },
      headline: { renovated: 600, factor4: 500, factor2: 100, kwhSavedPerYear: 0 },
    };
    const [adviceTarget, lightsTarget] = contractDashboard(data).targets;
    expect(adviceTarget).toMatchObject({ share: 1, status: 'reached' });
    // 600 achieved vs 2,000 × 181 / 1,095 ≈ 331 expected.
    expect(lightsTarget!.status).toBe('ahead');
  });
});
