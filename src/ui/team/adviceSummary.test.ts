import { describe, expect, it } from 'vitest';
import { fetchAdviceSummary, sessionsFromSummary } from './adviceSummary.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('advice session counts from the team server', () => {
  it('reads the counts, leaves malformed rows out and tells expiry and network failure apart', async () => {
    const rows = [
      { insee: '62160', date: '2026-02-03', status: 'worksDone', n: 2 },
      { insee: '62160', date: 'hier', status: null, n: 1 },
      { insee: '62268', date: '2026-02-04', status: null, n: 0 },
    ];
    expect(await fetchAdviceSummary(async () => json({ items: rows }))).toEqual({
      ok: true,
      rows: [rows[0]],
    });
    expect(await fetchAdviceSummary(async () => json({}, 401))).toMatchObject({ ok: false, expired: true });
    expect(
      await fetchAdviceSummary(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toMatchObject({ ok: false, expired: false });
    expect(await fetchAdviceSummary(async () => json({ error: 'x' }, 503))).toMatchObject({ ok: false });
  });

  it('expands each count into that many sessions of the commune, date and status, and nothing more', () => {
    const sessions = sessionsFromSummary([
      { insee: '62160', date: '2026-02-03', status: 'worksDone', n: 2 },
      { insee: '62268', date: '2026-03-01', status: 'bogus', n: 1 },
    ]);
    expect(sessions.map((s) => [s.insee, s.date, s.followUp.status])).toEqual([
      ['62160', '2026-02-03', 'worksDone'],
      ['62160', '2026-02-03', 'worksDone'],
      ['62268', '2026-03-01', 'toRemind'],
    ]);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(3);
    expect(sessions[0]).toMatchObject({ channel: 'unknown', topics: [], followUp: { contacts: [] } });
  });
});
