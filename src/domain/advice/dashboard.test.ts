import { describe, expect, it } from 'vitest';
import { TEST_CONTRACT } from '../../../test/fixtures/contract.ts';
import { adviceDashboard } from './dashboard.ts';
import { updateFollowUp } from './form.ts';
import { makeSession as s } from './testSessions.ts';

const territory = {
  communes: [
    { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: '246200729', population: 40000 },
    { insee: '62268', name: 'Desvres', epciSiren: '200018083', population: 5000 },
  ],
  epci: [
    { siren: '246200729', name: 'CA du Boulonnais' },
    { siren: '200018083', name: 'CC de Desvres-Samer' },
  ],
  contract: TEST_CONTRACT,
};

describe('adviceDashboard', () => {
  it('moves a session from the queue to the works indicators when it is updated to « travaux réalisés »', () => {
    const asOf = '2026-10-31';
    const session = s('a', '2026-04-30', 'toRemind', { insee: '62268' }); // due 2026-07-30: overdue
    const before = adviceDashboard([session], territory, { asOf });
    expect(before.queue.overdue).toBe(1);
    expect(before.delivery.conversion).toMatchObject({ numerator: 0, denominator: 1, rate: 0 });
    expect(before.epci[1]).toMatchObject({ siren: '200018083', sessions: 1, withWorks: 0 });

    const after = adviceDashboard([updateFollowUp(session, 'worksDone', asOf)], territory, { asOf });
    expect(after.queue.items).toEqual([]);
    expect(after.delivery.conversion).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(after.communes[1]).toMatchObject({
      insee: '62268',
      withWorks: 1,
      conversionRate: 1,
      smallSample: true,
    });
    expect(after.monthly.find((m) => m.month === '2026-04')?.cumulative).toBe(1);
  });
});
