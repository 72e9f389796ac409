/**
 * POST /api/imports?kind=advice stores each session's date and follow-up status under the keys the record API
 * and GET /api/advice/summary read (`date`, ISO; `followUpStatus`, the code), read by the same advice rules
 * as the app's import: the counts a viewer gets are the counts an adviser computes from the sessions.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedPath, loadTerritory } from '../../cli/territoryData.ts';
import { sessionsFromSummary } from '../../domain/advice/countedSessions.ts';
import { mapAdviceImport } from '../../domain/advice/mapping.ts';
import { summarizeAdvice } from '../../domain/advice/summary.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { hasDatabase, useTeam } from './harness.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe.skipIf(!hasDatabase)('advice imports through the server (real PostgreSQL)', () => {
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'conseil@eie.fr', role: 'adviser', scope: { structure: 'EIE Boulonnais' } },
    { email: 'lecteur@pays.fr', role: 'viewer' },
  ]);
  const admin = team.api('admin@pays.fr');
  const adviser = team.api('conseil@eie.fr');
  const viewer = team.api('lecteur@pays.fr');

  it('stores the sample’s dates and statuses as the advice mapping reads them; counts match', async () => {
    const bytes = new Uint8Array(readFileSync(generatedPath('sample-advice.csv')));
    const res = await admin('POST', '/api/imports?kind=advice&mode=replace&name=sample-advice.csv', bytes);
    expect(res.status).toBe(200);

    const territory = loadTerritory();
    const engine = await importFile(bytes, {
      kind: 'advice',
      fileName: 'sample-advice.csv',
      communes: buildCommuneIndex(territory.communes),
    });
    const communes = territory.communes.features.map((f) => ({
      insee: f.properties.insee,
      name: f.properties.name,
    }));
    const { sessions } = mapAdviceImport(engine, { communes });
    expect(sessions.length).toBeGreaterThan(400);

    const { rows } = await team.db.pool.query<{ id: string; properties: Record<string, unknown> }>(
      'SELECT id, properties FROM atlas.advice WHERE NOT deleted',
    );
    const stored = new Map(rows.map((r) => [r.id, r.properties]));
    expect(stored.size).toBe(sessions.length);
    for (const s of sessions) {
      const p = stored.get(s.id)!;
      expect({ id: s.id, date: p.date, status: p.followUpStatus }).toEqual({
        id: s.id,
        date: s.date,
        status: s.followUp.status,
      });
      // The file's own date and status columns gave way to the stored keys; the rest is kept.
      expect(p).not.toHaveProperty('date_conseil');
      expect(p).not.toHaveProperty('statut_suivi');
      expect(p).toHaveProperty('historique_relances');
    }

    // The summary every role may read counts with the same rule as the adviser’s dashboard.
    const summary = await viewer('GET', '/api/advice/summary');
    expect(summary.status).toBe(200);
    const counted = sessionsFromSummary((summary.json as { items: never[] }).items);
    const options = { asOf: '2026-12-04', maturityMonths: 6, contract: territory.meta.contract };
    const a = summarizeAdvice(sessions, options);
    const b = summarizeAdvice(counted, options);
    expect({
      sessions: b.sessions,
      mature: b.mature,
      withWorks: b.withWorks,
      byCommune: b.byCommune,
    }).toEqual({
      sessions: a.sessions,
      mature: a.mature,
      withWorks: a.withWorks,
      byCommune: a.byCommune,
    });
  });

  it('an imported session can then be edited through the record API (its date is there)', async () => {
    const list = await adviser('GET', '/api/advice');
    const first = (list.json as { items: { id: string; version: number }[] }).items[0]!;
    const res = await adviser(
      'PATCH',
      `/api/advice/${encodeURIComponent(first.id)}`,
      { properties: { followUpStatus: 'worksDone' } },
      { 'if-match': `"${first.version}"` },
    );
    expect(res.status).toBe(200);
  });

  it('without a status column, the latest contact of the history; an unknown status is kept as typed', async () => {
    const file = utf8(
      [
        'id_conseil;date_conseil;code_insee;historique_relances',
        'X-1;03/02/2025;62160;10/03/2025 travaux envisagés | 01/06/2025 travaux engagés',
        'X-2;2025-02-04;62160;',
      ].join('\n'),
    );
    expect((await admin('POST', '/api/imports?kind=advice&mode=add&name=x.csv', file)).status).toBe(200);
    const other = utf8(['id_conseil;date;code_insee;statut', 'Y-1;05/02/2025;62160;peut-être'].join('\n'));
    expect((await admin('POST', '/api/imports?kind=advice&mode=add&name=y.csv', other)).status).toBe(200);
    const { rows } = await team.db.pool.query<{ id: string; properties: Record<string, unknown> }>(
      `SELECT id, properties FROM atlas.advice WHERE id IN ('X-1', 'X-2', 'Y-1') ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.properties.date, r.properties.followUpStatus])).toEqual([
      ['X-1', '2025-02-03', 'worksStarted'],
      ['X-2', '2025-02-04', 'toRemind'],
      ['Y-1', '2025-02-05', 'peut-être'],
    ]);
  });
});
