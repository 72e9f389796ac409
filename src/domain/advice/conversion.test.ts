import { describe, expect, it } from 'vitest';
import {
  conversionByCommune,
  conversionByEpci,
  conversionStats,
  isMature,
  maturityCutoff,
} from './conversion.ts';
import { makeSession as s } from './testSessions.ts';

const asOf = '2026-10-31';

describe('maturity', () => {
  it('is inclusive at exactly 6 months and excludes the day after', () => {
    expect(maturityCutoff({ asOf })).toBe('2026-04-30');
    expect(isMature({ date: '2026-04-30' }, { asOf })).toBe(true);
    expect(isMature({ date: '2026-05-01' }, { asOf })).toBe(false);
    expect(isMature({ date: '2026-04-30' }, { asOf: '2026-10-30' })).toBe(true);
    expect(isMature({ date: '2026-04-30' }, { asOf: '2026-10-29' })).toBe(false);
  });
  it('clamps month ends (31 August − 6 months = 28 February) and honours a configured maturity', () => {
    expect(maturityCutoff({ asOf: '2026-08-31' })).toBe('2026-02-28');
    expect(isMature({ date: '2026-07-31' }, { asOf, maturityMonths: 3 })).toBe(true);
    expect(isMature({ date: '2026-08-01' }, { asOf, maturityMonths: 3 })).toBe(false);
  });
});

describe('conversionStats', () => {
  // 10 sessions: 8 mature (≤ 2026-04-30), 2 recent.
  const sessions = [
    s('a', '2025-03-01', 'worksDone'),
    s('b', '2025-06-10', 'worksStarted'),
    s('c', '2025-09-15', 'worksDone'),
    s('d', '2025-11-02', 'worksPlanned'),
    s('e', '2026-01-20', 'abandoned'),
    s('f', '2026-02-14', 'noAnswer'),
    s('g', '2026-03-03', 'toRemind'),
    s('h', '2026-04-30', 'worksStarted'),
    s('i', '2026-05-01', 'worksDone'), // not mature: excluded from both terms
    s('j', '2026-10-01', 'toRemind'),
  ];
  it('divides works engaged or done by mature sessions and reports the unknown share', () => {
    const stats = conversionStats(sessions, { asOf });
    expect(stats).toEqual({
      sessions: 10,
      numerator: 4, // a, b, c, h
      denominator: 8,
      rate: 0.5,
      unknown: 2, // f (sans réponse), g (à relancer)
      unknownShare: 0.25,
      smallSample: false,
    });
  });
  it('returns a null rate rather than dividing by zero, and flags small samples', () => {
    const recent = conversionStats([s('x', '2026-10-01', 'worksDone')], { asOf });
    expect(recent.rate).toBeNull();
    expect(recent.unknownShare).toBeNull();
    expect(recent.smallSample).toBe(true);
    const four = conversionStats(sessions.slice(0, 4), { asOf });
    expect(four.denominator).toBe(4);
    expect(four.rate).toBe(0.75);
    expect(four.smallSample).toBe(true);
    const five = conversionStats(sessions.slice(0, 5), { asOf });
    expect(five.smallSample).toBe(false);
  });
  it('groups by commune (listing communes without session) and by EPCI', () => {
    const mixed = [
      s('a', '2025-03-01', 'worksDone', { insee: '62160' }),
      s('b', '2025-03-01', 'abandoned', { insee: '62160' }),
      s('c', '2025-03-01', 'worksStarted', { insee: '62893' }),
      s('d', '2026-10-01', 'toRemind', { insee: '62893' }),
    ];
    const byCommune = conversionByCommune(mixed, { asOf, communes: ['62160', '62893', '62268'] });
    expect(byCommune.get('62160')).toMatchObject({ sessions: 2, numerator: 1, denominator: 2, rate: 0.5 });
    expect(byCommune.get('62893')).toMatchObject({ sessions: 2, numerator: 1, denominator: 1, rate: 1 });
    expect(byCommune.get('62268')).toMatchObject({
      sessions: 0,
      denominator: 0,
      rate: null,
      smallSample: true,
    });
    const epciOf = new Map([
      ['62160', '246200729'],
      ['62893', '246200729'],
      ['62268', '200018083'],
    ]);
    const byEpci = conversionByEpci(mixed, epciOf, { asOf });
    expect(byEpci.get('246200729')).toMatchObject({ sessions: 4, numerator: 2, denominator: 3 });
    expect(byEpci.get('246200729')?.rate).toBeCloseTo(2 / 3, 12);
    expect(byEpci.get('200018083')).toMatchObject({ sessions: 0, rate: null });
  });
});
