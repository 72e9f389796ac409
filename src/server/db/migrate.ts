import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type pg from 'pg';

export const MIGRATIONS_DIR = resolve(import.meta.dirname, 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  /** Versions applied by this run, in order (empty when already up to date). */
  applied: number[];
  /** Highest applied version after the run. */
  current: number;
}

/** `NNNN_name.sql` files, sorted by version; a gap or a duplicate version is a programming error. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(resolve(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.version} hors séquence (attendu ${i + 1}).`);
  });
  return migrations;
}

const LOCK_KEY = 7_401_724; // any constant: one migrator at a time per database

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock (two servers starting
 * together do not race). Idempotent. Refuses to run when an applied file was edited afterwards.
 * `target` stops at a version (tests migrate step by step with data in between).
 */
export async function migrate(
  client: pg.ClientBase,
  options: { target?: number; migrations?: Migration[] } = {},
): Promise<MigrateResult> {
  const migrations = options.migrations ?? loadMigrations();
  const target = options.target ?? migrations.length;
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS public.schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; checksum: string }>(
      'SELECT version, checksum FROM public.schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((r) => [r.version, r.checksum]));
    for (const m of migrations) {
      const checksum = done.get(m.version);
      if (checksum !== undefined && checksum !== m.checksum) {
        throw new Error(
          `La migration ${m.version} (${m.name}) a été modifiée après son application : créez une nouvelle migration.`,
        );
      }
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (m.version > target || done.has(m.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO public.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
          [m.version, m.name, m.checksum],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(`Échec de la migration ${m.version} (${m.name}) : ${detail}`);
      }
      applied.push(m.version);
    }
    const current = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM public.schema_migrations',
    );
    return { applied, current: current.rows[0]?.v ?? 0 };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
