import { describe, expect, it } from 'vitest';
import { bucketOf, countDueReminders, nextReminder, reminderQueue } from './reminders.ts';
import { makeSession as s } from './testSessions.ts';

describe('nextReminder', () => {
  it('is due 3 months after the session when nobody has called yet', () => {
    const r = nextReminder(s('a', '2026-01-15'));
    expect(r).toMatchObject({
      dueDate: '2026-04-15',
      step: 1,
      steps: 3,
      anchor: 'session',
      anchorDate: '2026-01-15',
    });
  });
  it('lands on +6 and +12 from the session when calls are on time', () => {
    const one = s('a', '2026-01-15', 'worksPlanned', {
      contacts: [{ date: '2026-04-15', statusAfter: 'worksPlanned' }],
    });
    expect(nextReminder(one)).toMatchObject({ dueDate: '2026-07-15', step: 2, anchor: 'contact' });
    const two = s('a', '2026-01-15', 'worksPlanned', {
      contacts: [
        { date: '2026-04-15', statusAfter: 'worksPlanned' },
        { date: '2026-07-15', statusAfter: 'worksPlanned' },
      ],
    });
    expect(nextReminder(two)).toMatchObject({ dueDate: '2027-01-15', step: 3 });
  });
  it('counts from the last contact when a call was late, whatever the contacts order', () => {
    const late = s('a', '2026-01-15', 'toRemind', {
      contacts: [{ date: '2026-05-20', statusAfter: 'toRemind' }],
    });
    expect(nextReminder(late)).toMatchObject({ dueDate: '2026-08-20', anchorDate: '2026-05-20' });
    const unordered = s('a', '2026-01-15', 'toRemind', {
      contacts: [
        { date: '2026-08-01', statusAfter: 'toRemind' },
        { date: '2026-04-10', statusAfter: 'noAnswer' },
      ],
    });
    expect(nextReminder(unordered)).toMatchObject({ dueDate: '2027-02-01', step: 3 });
  });
  it('stops for works done or abandoned, and after the last step', () => {
    expect(nextReminder(s('a', '2026-01-15', 'worksDone'))).toBeNull();
    expect(nextReminder(s('a', '2026-01-15', 'abandoned'))).toBeNull();
    expect(nextReminder(s('a', '2026-01-15', 'worksStarted'))).not.toBeNull();
    const exhausted = s('a', '2025-01-15', 'noAnswer', {
      contacts: ['2025-04-15', '2025-07-15', '2026-01-15'].map((date) => ({
        date,
        statusAfter: 'noAnswer' as const,
      })),
    });
    expect(nextReminder(exhausted)).toBeNull();
  });
  it('follows configured offsets', () => {
    const one = s('a', '2026-01-31', 'toRemind', {
      contacts: [{ date: '2026-02-28', statusAfter: 'toRemind' }],
    });
    expect(nextReminder(s('a', '2026-01-31'), { offsetsMonths: [1, 2] })?.dueDate).toBe('2026-02-28');
    expect(nextReminder(one, { offsetsMonths: [1, 2] })?.dueDate).toBe('2026-03-28');
    expect(nextReminder(one, { offsetsMonths: [1] })).toBeNull();
  });
});

describe('reminderQueue', () => {
  const today = '2026-10-14'; // a Wednesday
  const sessions = [
    s('late', '2026-06-01'), // due 2026-09-01: overdue by 43 days
    s('today', '2026-07-14'), // due today
    s('week', '2026-07-21'), // due in 7 days
    s('next', '2026-07-22'), // due in 8 days: later
    s('done', '2026-06-01', 'worksDone'),
  ];
  it('sorts by due date and counts overdue / today / within 7 days', () => {
    const q = reminderQueue(sessions, today);
    expect(q.items.map((i) => [i.sessionId, i.bucket, i.daysLate])).toEqual([
      ['late', 'overdue', 43],
      ['today', 'today', 0],
      ['week', 'thisWeek', 0],
      ['next', 'later', 0],
    ]);
    expect([q.overdue, q.today, q.thisWeek, q.later, q.due]).toEqual([1, 1, 1, 1, 2]);
    expect(countDueReminders(sessions, today)).toBe(2);
  });
  it('buckets dates around today', () => {
    expect(bucketOf('2026-10-13', today)).toBe('overdue');
    expect(bucketOf('2026-10-21', today)).toBe('thisWeek');
    expect(bucketOf('2026-10-22', today)).toBe('later');
  });
});
