import { describe, expect, it } from 'vitest';
import { deliverySummary } from './indicators.ts';
import { summarizeAdvice } from './summary.ts';
import { makeSession as s } from './testSessions.ts';

const contract = { start: '2025-01-01', end: '2027-12-31' };

describe('summarizeAdvice (CLI contract)', () => {
  it('counts sessions, mature ones, works and due reminders, by commune', () => {
    const asOf = '2026-10-31';
    const sessions = [
      s('a', '2025-03-01', 'worksDone', { insee: '62893' }),
      s('b', '2026-01-10', 'worksStarted', { insee: '62160' }), // reminder due 2026-04-10: overdue
      s('c', '2026-04-30', 'abandoned', { insee: '62160' }),
      s('d', '2026-07-31', 'toRemind', { insee: '62160' }), // not mature; first reminder due 2026-10-31: today
      s('e', '2026-09-01', 'toRemind', { insee: '62160' }), // due 2026-12-01: later
    ];
    const summary = summarizeAdvice(sessions, { asOf, contract });
    expect(summary).toEqual({
      sessions: 5,
      mature: 3,
      withWorks: 2,
      conversionRate: 2 / 3,
      dueReminders: 2,
      byCommune: {
        '62160': { sessions: 4, mature: 2, withWorks: 1 },
        '62893': { sessions: 1, mature: 1, withWorks: 1 },
      },
      period: 'dans la période du contrat',
      conversionScope: 'dans la période du contrat',
    });
    expect(Object.keys(summary)).toEqual([
      'sessions',
      'mature',
      'withWorks',
      'conversionRate',
      'dueReminders',
      'byCommune',
      'period',
      'conversionScope',
    ]);
  });
  it('gives a null rate without mature sessions', () => {
    expect(summarizeAdvice([], { asOf: '2026-10-31', contract })).toEqual({
      sessions: 0,
      mature: 0,
      withWorks: 0,
      conversionRate: null,
      dueReminders: 0,
      byCommune: {},
      period: 'dans la période du contrat',
      conversionScope: 'dans la période du contrat',
    });
  });

  it('counts what the dashboard counts, in each scope (period, conversion fallback)', () => {
    const asOf = '2026-10-31';
    const dashboardContract = { ...contract, targets: { adviceSessions: 2000, adviceConversionRate: 0.9 } };
    const before = [
      s('p1', '2024-01-15', 'worksDone', { insee: '62160' }),
      s('p2', '2024-02-15', 'abandoned', { insee: '62893' }),
    ];
    const young = [s('y1', '2026-09-15', 'toRemind', { insee: '62160' })];
    const late = [s('l1', '2026-12-01', 'toRemind', { insee: '62160' })]; // after the data date
    for (const sessions of [before, [...before, ...young], [...before, ...young, ...late]])
      for (const scope of ['contract', 'all'] as const) {
        const cli = summarizeAdvice(sessions, { asOf, contract, scope });
        const panel = deliverySummary(sessions, dashboardContract, { asOf, scope });
        expect([scope, cli.sessions]).toEqual([scope, panel.delivered]);
        expect(cli.conversionRate).toBe(panel.conversion.rate);
        expect(cli.mature).toBe(panel.conversion.denominator);
        const sum = (k: 'sessions' | 'mature' | 'withWorks') =>
          Object.values(cli.byCommune).reduce((n, c) => n + c[k], 0);
        expect([sum('sessions'), sum('mature'), sum('withWorks')]).toEqual([
          cli.sessions,
          cli.mature,
          cli.withWorks,
        ]);
      }
    const fallback = summarizeAdvice([...before, ...young], { asOf, contract });
    expect(fallback).toMatchObject({ sessions: 1, mature: 2, withWorks: 1, conversionRate: 0.5 });
    expect(fallback.conversionScope).toMatch(/^toutes dates/);
  });
});
