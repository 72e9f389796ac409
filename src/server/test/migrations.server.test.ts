import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { databaseAt } from './globalSetup.ts';
import { hasDatabase, templateDb } from './harness.ts';

describe.skipIf(!hasDatabase)('migrations (real PostgreSQL)', () => {
  const name = `atlas_t_${templateDb?.slice('atlas_tpl_'.length)}_mig`;
  let admin: pg.Client;
  let client: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    client = new pg.Client({ connectionString: databaseAt(process.env.DATABASE_URL!, name) });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  it('applies each version on top of the previous one with data in it, then is idempotent', async () => {
    const all = loadMigrations();
    expect(all.map((m) => m.version)).toEqual(all.map((_, i) => i + 1));
    expect(await migrate(client, { target: 1 })).toEqual({ applied: [1], current: 1 });
    // Version 1 data: an EPCI, a commune, a light point.
    await client.query(`INSERT INTO atlas.epci (siren, name) VALUES ('246200729', 'CA du Boulonnais')`);
    await client.query(
      `INSERT INTO atlas.communes (insee, name, epci_siren) VALUES ('62160', 'Boulogne-sur-Mer', '246200729')`,
    );
    await client.query(
      `INSERT INTO atlas.lights (id, insee, geom, properties) VALUES ('EP-1', '62160', ST_SetSRID(ST_MakePoint(1.61, 50.72), 4326), '{"statut":"rénové"}')`,
    );

    expect(await migrate(client, { target: 2 })).toEqual({ applied: [2], current: 2 });
    // 0002 adds triggers: an update of the old row now bumps its version and writes the audit log.
    await client.query(
      `UPDATE atlas.lights SET properties = properties || '{"puissance_w":"40"}' WHERE id = 'EP-1'`,
    );
    const light = await client.query('SELECT version, properties FROM atlas.lights');
    expect(light.rows).toEqual([{ version: 2, properties: { statut: 'rénové', puissance_w: '40' } }]);
    const audit = await client.query(
      "SELECT module, record_id, action, before->>'version' AS before FROM atlas.audit_log",
    );
    expect(audit.rows).toEqual([{ module: 'lights', record_id: 'EP-1', action: 'update', before: '1' }]);

    const rest = await migrate(client);
    expect(rest.applied).toEqual(all.slice(2).map((m) => m.version));
    // 0003's views expose the version-1 row in Lambert-93 with French column names.
    const view = await client.query(
      'SELECT identifiant, commune, statut, round(ST_X(geom)) > 600000 AS lambert93, ST_SRID(geom) AS srid FROM qgis.points_lumineux_l93',
    );
    expect(view.rows).toEqual([
      { identifiant: 'EP-1', commune: 'Boulogne-sur-Mer', statut: 'rénové', lambert93: true, srid: 2154 },
    ]);

    // 0006 checks references per statement instead of per-row foreign keys: the same refusals (23503).
    await expect(
      client.query(`INSERT INTO atlas.lights (id, insee) VALUES ('EP-X', '99999')`),
    ).rejects.toMatchObject({ code: '23503' });
    // An import's INSERT skips the row trigger (column defaults instead): an unknown author is still refused.
    await client.query('BEGIN');
    await client.query(`SELECT set_config('atlas.bulk', 'on', true)`);
    await expect(
      client.query(`INSERT INTO atlas.lights (id, insee, updated_by) VALUES ('EP-X', '62160', 424242)`),
    ).rejects.toMatchObject({ code: '23503' });
    await client.query('ROLLBACK');
    await expect(client.query(`DELETE FROM atlas.communes WHERE insee = '62160'`)).rejects.toMatchObject({
      code: '23503',
    });
    // An import (atlas.bulk = on) queues no per-row audit line; its rows still start at version 1.
    await client.query('BEGIN');
    await client.query(`SELECT set_config('atlas.bulk', 'on', true)`);
    await client.query(`INSERT INTO atlas.lights (id, insee) VALUES ('EP-2', '62160')`);
    await client.query(`UPDATE atlas.lights SET properties = '{}' WHERE id = 'EP-1'`);
    await client.query('COMMIT');
    const after = await client.query('SELECT id, version FROM atlas.lights ORDER BY id');
    expect(after.rows).toEqual([
      { id: 'EP-1', version: 3 },
      { id: 'EP-2', version: 1 },
    ]);
    expect((await client.query('SELECT count(*)::int AS n FROM atlas.audit_log')).rows[0].n).toBe(1);

    expect(await migrate(client)).toEqual({ applied: [], current: all.length });
    const versions = await client.query('SELECT version FROM public.schema_migrations ORDER BY 1');
    expect(versions.rows.map((r) => r.version)).toEqual(all.map((m) => m.version));
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const edited = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'changed' } : m));
    await expect(migrate(client, { migrations: edited })).rejects.toThrow(/modifiée après son application/);
  });
});
