import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import * as v from 'valibot';
import {
  createSession,
  deleteSession,
  findUserByEmail,
  type SessionUser,
  sessionUser,
  verifyPassword,
} from './users.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

export const SESSION_COOKIE = 'atlas_session';
const SESSION_LIFETIME_MS = 12 * 3600_000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface LoginLimits {
  /** Failed attempts per e-mail + address before 429 (counted over `windowMs`). */
  maxFailures: number;
  windowMs: number;
  /** Delay before answering a failed attempt: base × 2^(failures − 1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  maxFailures: 10,
  windowMs: 15 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 8000,
};

export interface AuthOptions {
  pool: pg.Pool;
  secret: string;
  limits: LoginLimits;
  /** Extra origins allowed for unsafe methods besides the server's own (e.g. behind a proxy). */
  origins: string[];
  secureCookie: boolean;
  loginRequestsPerMinute: number;
}

const LoginBody = v.object({
  email: v.pipe(v.string(), v.maxLength(254)),
  password: v.pipe(v.string(), v.maxLength(1024)),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice(7).trim() || null;
}

/**
 * Sessions (cookie for browsers, `Authorization: Bearer` token for scripts), CSRF protection by Origin,
 * login with progressive delay and lock-out. Sets `request.user` on every /api request.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  const { pool, secret, limits } = options;
  const failures = new Map<string, { count: number; first: number }>();

  app.decorateRequest('user', null);

  // CSRF: a browser always sends Origin on unsafe requests; a cross-site one carries the attacker's.
  // Bearer-token clients send no cookie, so they cannot be forged by a page and need no Origin.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || !UNSAFE.has(request.method) || bearer(request)) return;
    const origin = request.headers.origin;
    const own = `${request.protocol}://${request.host}`;
    if (!origin || (origin !== own && !options.origins.includes(origin))) {
      return reply.code(403).send({
        error:
          'Requête refusée : en-tête Origin absent ou d’une autre origine (protection contre la falsification de requêtes).',
      });
    }
  });

  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = bearer(request) ?? request.cookies[SESSION_COOKIE];
    if (token && token.length <= 200) request.user = await sessionUser(pool, secret, token);
  });

  const loginConfig = { config: { rateLimit: { max: options.loginRequestsPerMinute, timeWindow: 60_000 } } };
  app.post('/api/session', loginConfig, async (request, reply) => {
    const parsed = v.safeParse(LoginBody, request.body);
    if (!parsed.success)
      return reply.code(422).send({ error: 'Indiquez une adresse e-mail et un mot de passe.' });
    const { email, password } = parsed.output;
    const key = `${request.ip}|${email.trim().toLowerCase()}`;
    const now = Date.now();
    let entry = failures.get(key);
    if (entry && now - entry.first > limits.windowMs) {
      failures.delete(key);
      entry = undefined;
    }
    if (entry && entry.count >= limits.maxFailures) {
      const retry = Math.ceil((entry.first + limits.windowMs - now) / 1000);
      return reply
        .code(429)
        .header('Retry-After', String(retry))
        .send({ error: `Trop de tentatives de connexion : réessayez dans ${Math.ceil(retry / 60)} min.` });
    }
    const user = await findUserByEmail(pool, email);
    const ok = await verifyPassword(user?.password_hash ?? null, password);
    if (!ok || !user) {
      const next = { count: (entry?.count ?? 0) + 1, first: entry?.first ?? now };
      failures.set(key, next);
      await sleep(Math.min(limits.baseDelayMs * 2 ** (next.count - 1), limits.maxDelayMs));
      return reply.code(401).send({ error: 'E-mail ou mot de passe incorrect.' });
    }
    failures.delete(key);
    const token = await createSession(pool, secret, user.id, 'browser', SESSION_LIFETIME_MS);
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secureCookie,
      path: '/',
      maxAge: SESSION_LIFETIME_MS / 1000,
    });
    return reply.code(204).send();
  });

  app.delete('/api/session', async (request, reply) => {
    const token = bearer(request) ?? request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(pool, secret, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    return { email: user.email, role: user.role, scope: user.scope };
  });
}

/** The request's user, or a 401 already sent (then return the reply). */
export function requireUser(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
  if (request.user) return request.user;
  reply.code(401).send({ error: 'Connectez-vous pour accéder à l’espace d’équipe.' });
  return null;
}
