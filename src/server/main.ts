/**
 * `npm run server`: the team API and the built app on PORT (default 8080). Needs DATABASE_URL (a migrated
 * database: `npm run -s atlas -- db migrate`) and SESSION_SECRET (refused when missing or weak, except with
 * NODE_ENV=development). SIGTERM/SIGINT: stop accepting, finish in-flight requests, close the pool, exit.
 */
import { resolve } from 'node:path';
import { buildServer, sessionSecretProblem } from './app.ts';
import { createPool } from './db/pool.ts';
import { serverPlugins } from './plugins.ts';

const fail = (message: string): never => {
  process.stderr.write(`Erreur : ${message}\n`);
  process.exit(1);
};

const url = process.env.DATABASE_URL ?? fail('DATABASE_URL est obligatoire (npm run db:start l’affiche).');
const problem = sessionSecretProblem(process.env.SESSION_SECRET, process.env.NODE_ENV);
if (problem) fail(problem);
const secret = process.env.SESSION_SECRET || 'development-only-secret-not-for-production';
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

const pool = createPool(url, Number(process.env.DATABASE_POOL_SIZE ?? 20));
const plugins = await serverPlugins(pool, url);
const app = await buildServer({
  pool,
  sessionSecret: secret,
  origins: (process.env.ALLOWED_ORIGINS ?? '').split(',').filter(Boolean),
  secureCookie: process.env.COOKIE_SECURE === '1',
  staticDir: resolve(import.meta.dirname, '../../dist'),
  plugins: plugins.register,
  logger: process.env.LOG === '1',
});

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  process.stderr.write(`${signal} reçu : fin des requêtes en cours…\n`);
  await plugins.close();
  const closed = app.close();
  // A kept-alive connection becomes idle after its last response, and server.close() would wait for the
  // client's keep-alive timeout (72 s): close idle connections as they appear, so the drain ends with the
  // last in-flight request.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  await closed;
  clearInterval(sweep);
  await pool.end();
  process.stderr.write('Serveur arrêté.\n');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

try {
  const address = await app.listen({ port, host });
  process.stderr.write(`Atlas COTRI, mode équipe : ${address}\n`);
  // Machine-readable for scripts and tests that start the server on port 0.
  if (process.env.ATLAS_PRINT_ADDRESS === '1') process.stdout.write(`${address}\n`);
} catch (error) {
  fail(`démarrage impossible : ${(error as Error).message}`);
}
