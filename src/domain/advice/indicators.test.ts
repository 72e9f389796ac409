import { describe, expect, it } from 'vitest';
import {
  communeIndicators,
  deliverySummary,
  epciIndicators,
  monthlyProgress,
  trajectoryAt,
} from './indicators.ts';
import { makeSession as s } from './testSessions.ts';

const contract = {
  start: '2025-01-01',
  end: '2027-12-31',
  targets: { adviceSessions: 2000, adviceConversionRate: 0.9 },
};

describe('trajectory', () => {
  it('is linear in days from 0 before the start to 2,000 at the end', () => {
    expect(trajectoryAt('2024-12-31', contract)).toBe(0);
    expect(trajectoryAt('2025-01-01', contract)).toBeCloseTo(2000 / 1095, 10);
    // 2025 has 365 of the contract's 1,095 days.
    expect(trajectoryAt('2025-12-31', contract)).toBeCloseTo(666.667, 3);
    expect(trajectoryAt('2027-12-31', contract)).toBe(2000);
    expect(trajectoryAt('2030-01-01', contract)).toBe(2000);
  });
  it('gives cumulative sessions by month against the trajectory, null after as-of', () => {
    const sessions = [
      s('a', '2024-12-15'), // before the contract: not counted
      s('b', '2025-01-10'),
      s('c', '2025-01-31'),
      s('d', '2025-03-01'),
    ];
    const rows = monthlyProgress(sessions, contract, '2025-03-15');
    expect(rows).toHaveLength(36);
    expect(rows.slice(0, 4)).toEqual([
      { month: '2025-01', sessions: 2, cumulative: 2, trajectory: 56.6 }, // 2000 × 31/1095
      { month: '2025-02', sessions: 0, cumulative: 2, trajectory: 107.8 }, // × 59/1095
      { month: '2025-03', sessions: 1, cumulative: 3, trajectory: 164.4 }, // × 90/1095
      { month: '2025-04', sessions: null, cumulative: null, trajectory: 219.2 },
    ]);
    expect(rows[35]).toEqual({ month: '2027-12', sessions: null, cumulative: null, trajectory: 2000 });
  });
  it('summarises delivery against the expected trajectory and the 90 % target', () => {
    const sessions = [
      s('a', '2024-12-15'),
      s('b', '2025-01-10', 'worksDone'),
      s('c', '2025-02-10', 'abandoned'),
    ];
    const d = deliverySummary(sessions, contract, { asOf: '2025-12-31' });
    expect(d).toMatchObject({ delivered: 2, target: 2000, expected: 666.7, gap: -664.7, outsideContract: 1 });
    expect(d.progress).toBe(0.001);
    expect(d.conversion).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, smallSample: true });
    expect(d.conversionTarget).toBe(0.9);
  });
});

describe('per-commune and per-EPCI tables', () => {
  const communes = [
    { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: '246200729', population: 40000 },
    { insee: '62893', name: 'Wimereux', epciSiren: '246200729', population: 6000 },
    { insee: '62268', name: 'Desvres', epciSiren: '200018083', population: 5000 },
  ];
  const sessions = [
    ...['worksDone', 'worksStarted', 'worksDone', 'abandoned', 'noAnswer', 'worksDone'].map((st, i) =>
      s(`b${i}`, '2025-06-01', st as 'worksDone', { insee: '62160' }),
    ),
    s('b9', '2026-10-01', 'toRemind', { insee: '62160' }),
    s('w1', '2025-06-01', 'worksDone', { insee: '62893' }),
    s('x1', '2025-06-01', 'worksDone', { insee: '59350' }), // outside: ignored
  ];
  const asOf = '2026-10-31';
  it('lists every commune with sessions per 1,000, conversion and the small-sample flag', () => {
    const rows = communeIndicators(sessions, communes, { asOf });
    expect(rows).toEqual([
      {
        insee: '62160',
        name: 'Boulogne-sur-Mer',
        epciSiren: '246200729',
        population: 40000,
        sessions: 7,
        sessionsPer1000: 0.175,
        mature: 6,
        withWorks: 4,
        conversionRate: 4 / 6,
        unknownShare: 1 / 6,
        smallSample: false,
      },
      expect.objectContaining({
        insee: '62893',
        sessions: 1,
        mature: 1,
        conversionRate: 1,
        smallSample: true,
      }),
      expect.objectContaining({
        insee: '62268',
        sessions: 0,
        sessionsPer1000: 0,
        conversionRate: null,
        smallSample: true,
      }),
    ]);
  });
  it('aggregates by EPCI', () => {
    const rows = epciIndicators(
      sessions,
      communes,
      [
        { siren: '246200729', name: 'CA du Boulonnais' },
        { siren: '200018083', name: 'CC de Desvres-Samer' },
      ],
      { asOf },
    );
    expect(rows[0]).toMatchObject({
      siren: '246200729',
      population: 46000,
      sessions: 8,
      mature: 7,
      withWorks: 5,
    });
    expect(rows[1]).toMatchObject({ siren: '200018083', sessions: 0, conversionRate: null });
  });
});
