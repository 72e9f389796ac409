/**
 * Local PostgreSQL/PostGIS cluster for the team mode: `npm run db:start` creates it the first time under
 * `.data/pg` (or ATLAS_PG_DIR), starts it on a free 127.0.0.1 port and prints its DATABASE_URL on stdout;
 * `npm run db:stop` stops it by the PID PostgreSQL recorded. When run as root the cluster runs as the
 * unprivileged `postgres` system user (Debian creates it with the package; created here when missing).
 * The password is random, written once to `<dir>/../pg.env` (mode 600) and never printed elsewhere.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIR = resolve(process.env.ATLAS_PG_DIR ?? resolve(ROOT, '.data/pg'));
const ENV_FILE = resolve(dirname(DIR), `${DIR.split('/').pop()}.env`);
const LOG_FILE = resolve(dirname(DIR), `${DIR.split('/').pop()}.log`);
const BIN = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'].find(
  (d) => existsSync(`${d}/pg_ctl`),
);
const DB_USER = 'atlas';
const DB_NAME = 'atlas';
const RUN_AS = 'postgres';

/**
 * Settings for imports of a whole inventory (1 M rows in one transaction), durability unchanged (fsync,
 * synchronous_commit and full-page writes stay on): a larger cache so the table and its indexes stay in
 * memory during the write (128 MB by default, less than a 1 M-point layer), WAL room and a checkpoint
 * interval so that no checkpoint starts mid-import (each one makes the following writes log whole pages),
 * and staging tables in memory (temp_buffers: 8 MB by default, taken per session only when used).
 */
const TUNING = [
  'shared_buffers=512MB',
  'max_wal_size=4GB',
  'checkpoint_timeout=15min',
  'wal_compression=on',
  'temp_buffers=128MB',
]
  .map((setting) => `-c ${setting}`)
  .join(' ');

const say = (text: string) => process.stderr.write(`${text}\n`);

function fail(text: string): never {
  say(`Erreur : ${text}`);
  process.exit(1);
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as `postgres` when we are root (PostgreSQL refuses to run as root). */
function pg(bin: string, args: string[], input?: string): string {
  if (!BIN) fail('PostgreSQL 15 introuvable : installez postgresql-15 et postgresql-15-postgis-3.');
  const command = isRoot ? 'runuser' : `${BIN}/${bin}`;
  const argv = isRoot ? ['-u', RUN_AS, '--', `${BIN}/${bin}`, ...args] : args;
  const result = spawnSync(command, argv, { input, encoding: 'utf8', cwd: '/tmp' });
  if (result.status !== 0) fail(`${bin} a échoué : ${result.stderr || result.stdout}`);
  return result.stdout;
}

function ensureSystemUser(): void {
  if (!isRoot) return;
  if (spawnSync('id', [RUN_AS]).status === 0) return;
  execFileSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', RUN_AS]);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function readEnv(): { password: string; port: number } | null {
  if (!existsSync(ENV_FILE)) return null;
  const text = readFileSync(ENV_FILE, 'utf8');
  const password = /PGPASSWORD=(\S+)/.exec(text)?.[1];
  const port = Number(/PGPORT=(\d+)/.exec(text)?.[1]);
  return password && port ? { password, port } : null;
}

function writeEnv(password: string, port: number): void {
  writeFileSync(ENV_FILE, `PGPASSWORD=${password}\nPGPORT=${port}\n`, { mode: 0o600 });
  chmodSync(ENV_FILE, 0o600);
}

function pidOf(): number | null {
  const file = resolve(DIR, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

const url = (password: string, port: number) =>
  `postgres://${DB_USER}:${password}@127.0.0.1:${port}/${DB_NAME}`;

function chown(path: string): void {
  if (isRoot) execFileSync('chown', ['-R', `${RUN_AS}:`, path]);
}

async function start(): Promise<void> {
  ensureSystemUser();
  let env = readEnv();
  const fresh = !existsSync(resolve(DIR, 'PG_VERSION'));
  if (fresh) {
    say(`Création du cluster PostgreSQL dans ${DIR}…`);
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(dirname(DIR), { recursive: true, mode: 0o755 });
    mkdirSync(DIR, { mode: 0o700 });
    chown(DIR);
    const password = randomBytes(18).toString('base64url');
    const pwfile = resolve(mkdtempSync(resolve(tmpdir(), 'atlas-pg-')), 'pw');
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    chown(dirname(pwfile));
    pg('initdb', [
      '-D',
      DIR,
      '-U',
      DB_USER,
      `--pwfile=${pwfile}`,
      '--auth-local=scram-sha-256',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
    ]);
    rmSync(dirname(pwfile), { recursive: true, force: true });
    env = { password, port: await freePort() };
    writeEnv(env.password, env.port);
  }
  if (!env) fail(`Fichier ${ENV_FILE} absent : supprimez ${DIR} pour recréer le cluster.`);
  if (!pidOf()) {
    // The recorded port may have been taken since: pick another one then.
    if (!(await portIsFree(env.port))) {
      env.port = await freePort();
      writeEnv(env.password, env.port);
    }
    const options = `-p ${env.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${DIR} ${TUNING}`;
    if (isRoot && !existsSync(LOG_FILE)) {
      writeFileSync(LOG_FILE, '');
      chown(LOG_FILE);
    }
    pg('pg_ctl', ['-D', DIR, '-l', LOG_FILE, '-o', options, '-w', '-t', '60', 'start']);
  }
  const psql = (sql: string, db = 'postgres') =>
    spawnSync(
      isRoot ? 'runuser' : `${BIN}/psql`,
      [
        ...(isRoot ? ['-u', RUN_AS, '--', `${BIN}/psql`] : []),
        '-h',
        '127.0.0.1',
        '-p',
        String(env.port),
        '-U',
        DB_USER,
        '-d',
        db,
        '-tAc',
        sql,
      ],
      { encoding: 'utf8', cwd: '/tmp', env: { ...process.env, PGPASSWORD: env.password } },
    );
  const exists = psql(`SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'`);
  if (exists.status !== 0) fail(`connexion impossible : ${exists.stderr}`);
  if (exists.stdout.trim() !== '1') psql(`CREATE DATABASE ${DB_NAME}`);
  say(`PostgreSQL démarré (PID ${pidOf()}, port ${env.port}). Ensuite : npm run -s atlas -- db migrate`);
  process.stdout.write(`DATABASE_URL=${url(env.password, env.port)}\n`);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)));
  });
}

async function stop(): Promise<void> {
  const pid = pidOf();
  if (!pid) {
    say('PostgreSQL ne tourne pas.');
    return;
  }
  // SIGINT = PostgreSQL's "fast" shutdown: open sessions are ended, data is flushed.
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 600 && pidOf(); i++) await new Promise((r) => setTimeout(r, 100));
  if (pidOf()) fail(`PostgreSQL (PID ${pid}) ne s’est pas arrêté.`);
  say(`PostgreSQL arrêté (PID ${pid}).`);
}

function printUrl(): void {
  const env = readEnv();
  if (!env) fail('Aucun cluster local : lancez npm run db:start.');
  process.stdout.write(`DATABASE_URL=${url(env.password, env.port)}\n`);
}

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'stop') await stop();
else if (command === 'url') printUrl();
else fail('Usage : tsx scripts/db.ts start|stop|url');
