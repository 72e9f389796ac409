import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { migrate } from '../../server/db/migrate.ts';
import { seedTerritory } from '../../server/db/territory.ts';
import { parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { loadTerritory } from '../territoryData.ts';

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new CliError(
      'Variable DATABASE_URL absente : lancez npm run db:start et exportez l’URL affichée.',
      2,
    );
  return url;
}

/** pg_dump/pg_restore of the server's major version (Debian keeps several side by side). */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  for (const v of [15, 16, 17]) {
    const path = `/usr/lib/postgresql/${v}/bin/${name}`;
    if (existsSync(path)) return path;
  }
  return name;
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(`Connexion à PostgreSQL impossible : ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function runTool(name: 'pg_dump' | 'pg_restore', args: string[], what: string): void {
  const result = spawnSync(pgTool(name), args, { encoding: 'utf8' });
  if (result.error) throw new CliError(`${what} impossible : ${name} introuvable (${result.error.message}).`);
  if (result.status !== 0) throw new CliError(`${what} impossible : ${result.stderr.trim()}`);
}

/** pg_dump custom format (compressed, restorable table by table). */
export function backupDatabase(url: string, path: string): void {
  runTool('pg_dump', ['--format=custom', `--file=${path}`, url], 'Sauvegarde');
}

/** pg_restore in one transaction: a failing restore leaves the target database as it was. */
export function restoreDatabase(url: string, path: string): void {
  if (!existsSync(path)) throw new CliError(`Fichier introuvable : ${path}`);
  runTool(
    'pg_restore',
    ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${url}`, path],
    'Restauration',
  );
}

/**
 * `atlas db migrate [--to N]` → `{applied, current, territory:{epci, communes}}`;
 * `atlas db backup <file>` / `atlas db restore <file>` (pg_dump custom format) → `{file, bytes}` / `{file}`.
 */
export async function run(args: string[]): Promise<unknown> {
  const { positional, options } = parseArgs(args);
  const [action, file] = positional;
  if (action === 'migrate') {
    const to = options.get('to')?.[0];
    return withClient(async (client) => {
      const result = await migrate(client, to ? { target: Number(to) } : {});
      const territory = result.current >= 1 ? await seedTerritory(client, loadTerritory()) : null;
      return { ...result, territory };
    });
  }
  if (action === 'backup' || action === 'restore') {
    if (!file) throw new CliError(`Indiquez le fichier : atlas db ${action} <fichier>`, 2);
    const path = resolve(process.cwd(), file);
    if (action === 'restore') {
      restoreDatabase(databaseUrl(), path);
      return { file: path };
    }
    backupDatabase(databaseUrl(), path);
    return { file: path, bytes: statSync(path).size };
  }
  throw new CliError('Usage : atlas db migrate | db backup <fichier> | db restore <fichier>', 2);
}
