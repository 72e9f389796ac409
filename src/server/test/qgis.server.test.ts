import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, hasDatabase, type TestDatabase } from './harness.ts';

const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
const LAYERS = [
  'communes_indicateurs_l93',
  'communes_indicateurs_wgs84',
  'friches_l93',
  'friches_wgs84',
  'points_lumineux_l93',
  'points_lumineux_wgs84',
];

/**
 * What a GIS officer does in QGIS, with GDAL's PostgreSQL driver (the one QGIS uses): connect as a login
 * role member of atlas_lecture (the README's read-only role), list the `qgis` views, read them in both CRS.
 */
describe.skipIf(!hasDatabase)('QGIS views read with ogrinfo as the read-only role (real PostGIS)', () => {
  let db: TestDatabase;
  // A login role of the test's own (roles are cluster-wide): member of atlas_lecture, nothing else.
  const role = `atlas_lecture_t_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  let connection: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.pool.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE atlas_lecture`);
    await db.pool.query(`
      INSERT INTO atlas.lights (id, insee, geom, properties) VALUES
        ('EP-1', '62160', ST_SetSRID(ST_MakePoint(1.6145, 50.7264), 4326), '{"statut":"rénové","technologie":"LED","puissance_w":40}'),
        ('EP-2', '62160', ST_SetSRID(ST_MakePoint(1.6150, 50.7260), 4326), '{"statut":"à rénover","puissance_w":150}'),
        ('EP-3', '62268', ST_SetSRID(ST_MakePoint(1.8353, 50.6686), 4326), '{"statut":"à rénover"}');
      INSERT INTO atlas.friches (id, insee, geom, properties) VALUES
        ('FR-1', '62160', ST_SetSRID(ST_MakePoint(1.60, 50.72), 4326), '{"site_nom":"Ancienne filature"}');
      INSERT INTO atlas.advice (id, insee, properties) VALUES ('CS-1', '62160', '{"date":"2026-01-05"}');
      INSERT INTO atlas.advice_contacts (advice_id, structure, name) VALUES ('CS-1', 'FR', 'Mme Secret');`);
    const u = new URL(db.url);
    connection = `PG:host=${u.hostname} port=${u.port} dbname=${u.pathname.slice(1)} user=${role} schemas=qgis`;
  });
  afterAll(async () => {
    await db?.drop();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const ogrinfo = (...args: string[]) =>
    execFileSync('ogrinfo', ['-ro', ...args], {
      encoding: 'utf8',
      env: { ...process.env, PGPASSWORD: password },
    });

  it.skipIf(!hasOgrinfo && process.env.CI !== 'true')(
    'lists the six views and reads them in Lambert-93 and WGS84 with French columns',
    () => {
      const listed = [...ogrinfo(connection).matchAll(/^\d+: (\S+) \(/gm)].map((m) => m[1]).sort();
      expect(listed).toEqual(LAYERS);

      const l93 = ogrinfo('-so', connection, 'points_lumineux_l93');
      expect(l93).toMatch(/Feature Count: 3/);
      expect(l93).toMatch(/Lambert-93/);
      for (const column of ['identifiant', 'code_insee', 'commune', 'siren_epci', 'statut', 'puissance_w'])
        expect(l93).toMatch(new RegExp(`^${column}: `, 'm'));
      // Boulogne-sur-Mer in Lambert-93 metres, and the same point in degrees in the WGS84 view.
      const one = ogrinfo(connection, '-where', "identifiant = 'EP-1'", 'points_lumineux_l93');
      expect(one).toMatch(/commune \(String\) = Boulogne-sur-Mer/);
      expect(one).toMatch(/statut \(String\) = rénové/);
      const [x, y] = /POINT \((\d+\.?\d*) (\d+\.?\d*)\)/.exec(one)!.slice(1).map(Number) as [number, number];
      expect(x).toBeGreaterThan(590_000);
      expect(x).toBeLessThan(610_000);
      expect(y).toBeGreaterThan(7_060_000);
      expect(y).toBeLessThan(7_080_000);
      const wgs = ogrinfo(connection, '-where', "identifiant = 'EP-1'", 'points_lumineux_wgs84');
      expect(wgs).toMatch(/POINT \(1\.6145\d* 50\.7264\d*\)/);
      expect(ogrinfo('-so', connection, 'points_lumineux_wgs84')).toMatch(/ID\["EPSG",4326\]\]$/m);

      expect(ogrinfo(connection, 'friches_l93')).toMatch(/nom \(String\) = Ancienne filature/);
      const communes = ogrinfo('-so', connection, 'communes_indicateurs_l93');
      expect(communes).toMatch(/Feature Count: 74/);
      const boulogne = ogrinfo(connection, '-where', "code_insee = '62160'", 'communes_indicateurs_wgs84');
      expect(boulogne).toMatch(/points_lumineux \(Integer64\) = 2/);
      expect(boulogne).toMatch(/conseils \(Integer64\) = 1/);
      expect(boulogne).toMatch(/friches \(Integer64\) = 1/);
      expect(boulogne).toMatch(/MULTIPOLYGON/);
      // No personal data in any view.
      expect(ogrinfo(connection, '-al')).not.toMatch(/Mme Secret/);
    },
  );

  it('gives the read-only role no access to the tables, and no write at all', async () => {
    const u = new URL(db.url);
    u.username = role;
    u.password = password;
    const reader = new pg.Client({ connectionString: u.toString() });
    await reader.connect();
    try {
      const views = await reader.query('SELECT count(*)::int AS n FROM qgis.points_lumineux_wgs84');
      expect(views.rows[0].n).toBe(3);
      for (const sql of [
        'SELECT * FROM atlas.lights',
        'SELECT * FROM atlas.advice_contacts',
        'SELECT * FROM atlas.users',
        'CREATE TABLE qgis.t (a int)',
        'CREATE TABLE public.t (a int)',
      ])
        await expect(reader.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      // The views are granted SELECT only (joins make them non-updatable anyway).
      for (const layer of LAYERS) {
        const { rows } = await reader.query(
          `SELECT has_table_privilege($1, 'SELECT') AS r,
             has_table_privilege($1, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER') AS w`,
          [`qgis.${layer}`],
        );
        expect(rows[0], layer).toEqual({ r: true, w: false });
      }
      await expect(reader.query("UPDATE qgis.points_lumineux_l93 SET statut = 'x'")).rejects.toThrow();
      const still = await db.pool.query(
        "SELECT properties->>'statut' AS s FROM atlas.lights WHERE id = 'EP-1'",
      );
      expect(still.rows[0].s).toBe('rénové');
    } finally {
      await reader.end();
    }
  });
});
