/**
 * Server tests run against a real PostgreSQL/PostGIS (DATABASE_URL, e.g. from `npm run db:start`): one
 * template database migrated and seeded once, then each test file clones it (CREATE DATABASE … TEMPLATE).
 * Without DATABASE_URL the suite is skipped with a visible message, except in CI where it fails.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadTerritory } from '../../cli/territoryData.ts';
import { migrate } from '../db/migrate.ts';
import { seedTerritory } from '../db/territory.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string | null;
  }
}

export function databaseAt(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    if (process.env.CI === 'true')
      throw new Error('CI : DATABASE_URL absent, les tests serveur ne peuvent pas être ignorés.');
    process.stderr.write(
      '\n⚠ Tests serveur IGNORÉS : DATABASE_URL absent (lancez npm run db:start puis exportez l’URL).\n\n',
    );
    project.provide('templateDb', null);
    return;
  }
  const template = `atlas_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const client = new pg.Client({ connectionString: databaseAt(url, template) });
  await client.connect();
  await migrate(client);
  await seedTerritory(client, loadTerritory());
  await client.end();
  project.provide('templateDb', template);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'atlas\\_t\\_${process.pid}\\_%' OR datname = $1`,
      [template],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  };
}
