import { describe, expect, it } from 'vitest';
import { type Api, hasDatabase, lightBody, useTeam } from './harness.ts';

const BOULOGNE = [1.6145, 50.7264] as const;

describe.skipIf(!hasDatabase)('concurrent writers on one record (real PostgreSQL)', () => {
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'editeur@cab.fr', role: 'editor', scope: { epci: ['246200729'] } },
  ]);
  const first = team.api('admin@pays.fr');
  const second = team.api('editeur@cab.fr');

  it('two PATCHes of the same version: exactly one 200 and one 409 carrying the winner’s record', async () => {
    for (let round = 0; round < 10; round++) {
      const id = `EP-RACE-${round}`;
      expect((await first('POST', '/api/lights', lightBody(id, ...BOULOGNE))).status).toBe(201);
      const [a, b] = await Promise.all([
        first('PATCH', `/api/lights/${id}`, { properties: { statut: 'rénové' } }, { 'if-match': '"1"' }),
        second('PATCH', `/api/lights/${id}`, { properties: { statut: 'programmé' } }, { 'if-match': '"1"' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
      const won = (winner.json as { properties: { statut: string } }).properties.statut;
      expect(loser.json).toMatchObject({ current: { id, version: 2, properties: { statut: won } } });
      const stored = await team.db.pool.query('SELECT version, properties FROM atlas.lights WHERE id = $1', [
        id,
      ]);
      expect(stored.rows[0]).toMatchObject({ version: 2, properties: { statut: won } });
      const audit = await team.db.pool.query(
        "SELECT count(*)::int AS n FROM atlas.audit_log WHERE record_id = $1 AND action = 'update'",
        [id],
      );
      expect(audit.rows[0].n).toBe(1);
    }
  });

  it('ten writers retrying on 409 with the current version: every change kept, one version each', async () => {
    const id = 'EP-TEN';
    await first('POST', '/api/lights', lightBody(id, ...BOULOGNE));
    let conflicts = 0;
    const writer = async (api: Api, n: number) => {
      let version = 1;
      for (;;) {
        const res = await api(
          'PATCH',
          `/api/lights/${id}`,
          { properties: { [`champ_${n}`]: n } },
          { 'if-match': `"${version}"` },
        );
        if (res.status === 200) return;
        expect(res.status).toBe(409);
        conflicts++;
        version = (res.json as { current: { version: number } }).current.version;
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, n) => writer(n % 2 ? first : second, n)));
    const { rows } = await team.db.pool.query('SELECT version, properties FROM atlas.lights WHERE id = $1', [
      id,
    ]);
    expect(rows[0].version).toBe(11);
    for (let n = 0; n < 10; n++) expect(rows[0].properties[`champ_${n}`]).toBe(n);
    expect(rows[0].properties).toMatchObject({ statut: 'à rénover', puissance_w: 150 });
    // Writers that overlapped were told so (at least the first collision), never silently overwritten.
    expect(conflicts).toBeGreaterThan(0);
  });
});
