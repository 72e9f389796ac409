import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import { HTTP_CSP_DIRECTIVES } from '../security/csp.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, registerAuth } from './auth.ts';
import { isUnavailable } from './db/pool.ts';
import { registerRecords } from './records.ts';

export interface ServerOptions {
  pool: pg.Pool;
  sessionSecret: string;
  login?: Partial<LoginLimits>;
  /** Requests per minute and address on POST /api/session (a second line of defence). */
  loginRequestsPerMinute?: number;
  origins?: string[];
  secureCookie?: boolean;
  /** The built app (dist/), served at / when present. */
  staticDir?: string | null;
  /** Extra routes (imports, events, tiles) registered by their modules. */
  plugins?: ((app: FastifyInstance) => void | Promise<void>)[];
  logger?: boolean;
}

/** Rejects a missing or guessable SESSION_SECRET (a French sentence), null when acceptable. */
export function sessionSecretProblem(secret: string | undefined, env: string | undefined): string | null {
  if (env === 'development') return null;
  if (!secret)
    return 'SESSION_SECRET est obligatoire (32 caractères aléatoires au moins, ex. openssl rand -base64 48).';
  if (secret.length < 32 || new Set(secret).size < 10)
    return 'SESSION_SECRET trop faible : 32 caractères aléatoires au moins (ex. openssl rand -base64 48).';
  return null;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Requête mal formée (JSON invalide ?).',
  404: 'Adresse inconnue.',
  406: 'Format de réponse non disponible.',
  413: 'Corps de requête trop volumineux.',
  415: 'Type de contenu non pris en charge : JSON (application/json) ou fichier brut (application/octet-stream).',
  429: 'Trop de requêtes : réessayez dans un instant.',
};

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Prototype keys in JSON bodies are refused (400), never merged into objects.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: false,
  });
  // The app's own policy (src/security/csp.ts), in its HTTP form: the import worker needs WebAssembly.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: Object.fromEntries(Object.entries(HTTP_CSP_DIRECTIVES).map(([k, v]) => [k, [...v]])),
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  app.setErrorHandler((error, request, reply) => {
    if (isUnavailable(error))
      return reply
        .code(503)
        .send({ error: 'La base de données est indisponible : réessayez dans un instant.' });
    const pgCode = (error as { code?: string }).code;
    if (pgCode === '42501')
      return reply.code(403).send({ error: 'Action hors de votre rôle ou de votre périmètre.' });
    // An id already taken by a record the user cannot see (an import's INSERT of « new » ids).
    if (pgCode === '23505')
      return reply.code(409).send({
        error: 'Un identifiant existe déjà, hors de votre périmètre : rien n’a été enregistré.',
      });
    if (pgCode === '23503')
      return reply
        .code(422)
        .send({ error: 'Données invalides.', fields: { insee: 'Commune inconnue du territoire.' } });
    if (pgCode && /^(22|XX000)/.test(pgCode))
      return reply
        .code(422)
        .send({ error: 'Données invalides.', fields: { '(corps)': 'valeur refusée par la base.' } });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ error: STATUS_MESSAGES[status] ?? 'Requête refusée.' });
    }
    request.log.error(error);
    return reply.code(500).send({ error: 'Erreur interne du serveur.' });
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: STATUS_MESSAGES[404] });
    return reply.code(404).type('text/plain; charset=utf-8').send('Page introuvable.');
  });

  app.get('/api/health', async (_request, reply) => {
    try {
      const { rows } = await options.pool.query<{ postgis: string; migrations: number }>(
        'SELECT postgis_lib_version() AS postgis, (SELECT count(*)::int FROM public.schema_migrations) AS migrations',
      );
      return { ok: true, database: 'ok', postgis: rows[0]!.postgis, migrations: rows[0]!.migrations };
    } catch {
      // The contract's body, nothing more: the app recognises the server by `database` even when it is down.
      return reply.code(503).send({ ok: false, database: 'unavailable' });
    }
  });

  app.register(async (scoped) => {
    registerAuth(scoped, {
      pool: options.pool,
      secret: options.sessionSecret,
      limits: { ...DEFAULT_LOGIN_LIMITS, ...options.login },
      origins: options.origins ?? [],
      secureCookie: options.secureCookie ?? false,
      loginRequestsPerMinute: options.loginRequestsPerMinute ?? 30,
    });
    registerRecords(scoped, options.pool);
    for (const plugin of options.plugins ?? []) await plugin(scoped);
  });

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/' });
  }
  return app;
}
