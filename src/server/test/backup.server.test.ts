import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../cli/commands/db.ts';
import { databaseAt } from './globalSetup.ts';
import { hasDatabase, lightBody, templateDb, useTeam } from './harness.ts';

/** Every table of the application (atlas + the migrations table) with an md5 of its rows in a fixed order. */
async function checksums(client: pg.ClientBase): Promise<Record<string, { rows: number; md5: string }>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
     WHERE schemaname = 'atlas' OR (schemaname = 'public' AND tablename = 'schema_migrations') ORDER BY 1`,
  );
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ rows: number; md5: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5
       FROM ${name} t`,
    );
    out[name] = rows[0]!;
  }
  const { rows: seqs } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, sequencename) AS name FROM pg_sequences WHERE schemaname = 'atlas' ORDER BY 1`,
  );
  for (const { name } of seqs) {
    const { rows } = await client.query<{ v: string | null }>(`SELECT last_value::text AS v FROM ${name}`);
    out[`sequence ${name}`] = { rows: 1, md5: rows[0]!.v ?? 'null' };
  }
  return out;
}

describe.skipIf(!hasDatabase)('atlas db backup → restore into a fresh database (real PostgreSQL)', () => {
  // Data through the API, so that versions, audit lines, sessions and soft deletions are all there.
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'conseil@fr.fr', role: 'adviser', scope: { structure: 'France Rénov’ Boulonnais' } },
  ]);
  const api = team.api('admin@pays.fr');
  const adviser = team.api('conseil@fr.fr');
  const dir = mkdtempSync(resolve(tmpdir(), 'atlas-backup-'));
  const fresh = `atlas_t_${templateDb?.slice('atlas_tpl_'.length)}_restored`;
  let admin: pg.Client;

  beforeAll(async () => {
    for (let i = 0; i < 30; i++)
      await api(
        'POST',
        '/api/lights',
        lightBody(`EP-${i}`, 1.6 + i / 1000, 50.72, { note: `l’été « ${i} »` }),
      );
    await api('PATCH', '/api/lights/EP-1', { properties: { statut: 'rénové' } }, { 'if-match': '"1"' });
    await api('DELETE', '/api/lights/EP-2');
    await api('POST', '/api/friches', {
      id: 'FR-1',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [1.6, 50.72],
            [1.61, 50.72],
            [1.61, 50.73],
            [1.6, 50.72],
          ],
        ],
      },
      properties: { nom: 'Filature' },
    });
    await adviser('POST', '/api/advice', {
      id: 'CS-1',
      insee: '62160',
      properties: { date: '2026-02-01', type: 'premier conseil' },
      contact: { name: 'Mme Exemple', phone: '03 21 00 00 00' },
    });
    await api('POST', '/api/pcaet', {
      id: 'P-1',
      properties: { indicatorId: 'ges', date: '2026-01-01', value: 12.5, type: 'value' },
    });
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${fresh}`);
    await admin.query(`CREATE DATABASE ${fresh}`);
  });
  afterAll(async () => {
    await admin?.query(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives identical per-table checksums, and the restored database still enforces its policies', async () => {
    const file = resolve(dir, 'atlas.dump');
    backupDatabase(team.db.url, file);
    const restoredUrl = databaseAt(process.env.DATABASE_URL!, fresh);
    restoreDatabase(restoredUrl, file);

    const source = await team.db.pool.connect();
    const target = new pg.Client({ connectionString: restoredUrl });
    await target.connect();
    try {
      const before = await checksums(source);
      const after = await checksums(target);
      expect(Object.keys(before).length).toBeGreaterThanOrEqual(14);
      expect(before['atlas.lights']!.rows).toBe(30);
      expect(before['atlas.communes']!.rows).toBe(74);
      expect(before['atlas.audit_log']!.rows).toBeGreaterThan(30);
      expect(after).toEqual(before);
      // Row-level security, triggers and views came back with the data.
      await target.query('BEGIN');
      await target.query('SET LOCAL ROLE atlas_app');
      const hidden = await target.query('SELECT count(*)::int AS n FROM atlas.lights');
      expect(hidden.rows[0].n).toBe(0); // no request user: no rows
      await target.query('ROLLBACK');
      const view = await target.query('SELECT count(*)::int AS n FROM qgis.points_lumineux_l93');
      expect(view.rows[0].n).toBe(29);
      await target.query("UPDATE atlas.lights SET properties = '{}' WHERE id = 'EP-3'");
      const bumped = await target.query("SELECT version FROM atlas.lights WHERE id = 'EP-3'");
      expect(bumped.rows[0].version).toBe(2);
    } finally {
      source.release();
      await target.end();
    }
  });

  it('refuses a missing or corrupt file with a French message and leaves the target untouched', async () => {
    const url = databaseAt(process.env.DATABASE_URL!, fresh);
    expect(() => restoreDatabase(url, resolve(dir, 'absent.dump'))).toThrow(/Fichier introuvable/);
    const junk = resolve(dir, 'junk.dump');
    writeFileSync(junk, 'PGDMP pas une sauvegarde');
    expect(() => restoreDatabase(url, junk)).toThrow(/Restauration impossible/);
  });
});
