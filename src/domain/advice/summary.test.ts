import { describe, expect, it } from 'vitest';
import { summarizeAdvice } from './summary.ts';
import { makeSession as s } from './testSessions.ts';

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
    const summary = summarizeAdvice(sessions, { asOf });
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
    });
    expect(Object.keys(summary)).toEqual([
      'sessions',
      'mature',
      'withWorks',
      'conversionRate',
      'dueReminders',
      'byCommune',
    ]);
  });
  it('gives a null rate without mature sessions', () => {
    expect(summarizeAdvice([], { asOf: '2026-10-31' })).toEqual({
      sessions: 0,
      mature: 0,
      withWorks: 0,
      conversionRate: null,
      dueReminders: 0,
      byCommune: {},
    });
  });
});
