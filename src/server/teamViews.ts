import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import * as v from 'valibot';
import { requireUser } from './auth.ts';
import { asUser } from './db/pool.ts';
import { MODULE_DEFS, MODULES, type ModuleName } from './modules.ts';
import { fieldErrors, RecordId } from './schemas.ts';
import type { SessionUser } from './users.ts';

/** One changed field of an audit line: `properties.statut`, `commune`, `position` (geometry). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  at: string;
  /** The author's e-mail; null for changes made by the server itself (migrations, scripts). */
  by: string | null;
  action: 'insert' | 'update' | 'delete' | 'import';
  version: number | null;
  changes: FieldChange[];
}

type Row = Record<string, unknown> | null;

// Columns of the audit's row snapshots that are bookkeeping, not the record's content.
const BOOKKEEPING = new Set(['id', 'version', 'updated_at', 'updated_by', 'deleted', 'structure', 'txid']);
const FIELD_NAMES: Record<string, string> = { insee: 'commune', geom: 'position', surface: 'surface' };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What changed between two row snapshots: each property, then the commune and geometry columns. */
export function diffRows(before: Row, after: Row): FieldChange[] {
  const changes: FieldChange[] = [];
  const bp = (before?.properties ?? {}) as Record<string, unknown>;
  const ap = (after?.properties ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(bp), ...Object.keys(ap)])].sort())
    if (!same(bp[key], ap[key]))
      changes.push({ field: key, before: bp[key] ?? null, after: ap[key] ?? null });
  for (const column of Object.keys({ ...before, ...after })) {
    if (column === 'properties' || BOOKKEEPING.has(column)) continue;
    const b = before?.[column] ?? null;
    const a = after?.[column] ?? null;
    // Geometries are compared, not shown: a WKB hex string means nothing to a reader.
    if (!same(b, a))
      changes.push(
        column === 'geom' || column === 'surface'
          ? { field: FIELD_NAMES[column]!, before: null, after: null }
          : { field: FIELD_NAMES[column] ?? column, before: b, after: a },
      );
  }
  return changes;
}

interface AuditRow {
  at: Date;
  email: string | null;
  action: HistoryEntry['action'];
  module: string;
  record_id: string | null;
  before: Row;
  after: Row;
}

function entryOf(row: AuditRow): HistoryEntry {
  const version = (row.after?.version ?? row.before?.version ?? null) as number | null;
  return {
    at: row.at.toISOString(),
    by: row.email,
    action: row.action,
    version: row.action === 'import' ? null : version,
    // An import line holds counts (`after`), not a record.
    changes: row.action === 'import' ? [] : diffRows(row.before, row.after),
  };
}

const AUDIT_SELECT = `SELECT a.at, u.email, a.action, a.module, a.record_id, a.before, a.after
  FROM atlas.audit_log a LEFT JOIN atlas.users u ON u.id = a.user_id`;

const HistoryLimit = v.optional(
  v.pipe(v.string(), v.regex(/^\d{1,3}$/, 'limit : nombre entier de 1 à 200.'), v.transform(Number)),
  '20',
);

const adminOnly = (user: SessionUser) => user.role === 'admin';

/**
 * GET /api/history/<module>/<id>: the record's recent changes, for whoever may read the record (checked under
 * row-level security first, so a scoped user gets 404 for another EPCI's point). The audit log itself is
 * admin-only in the database, so the lines are read by the server once the record is known to be visible;
 * advice contact data lives in another table and never appears in them.
 * GET /api/admin/users and /api/admin/changes: accounts with role and scope, and the last changes (admin only).
 * GET /api/advice/summary: session counts per commune, date and follow-up status, for every role (the
 * dashboard of a viewer, who may not read sessions), within the user's scope. Session properties are flat
 * (the API stores scalars): the follow-up status is `followUpStatus` (src/storage/adviceRecord.ts).
 */
export function registerTeamViews(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/api/history/:module/:id', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const params = request.params as { module: string; id: string };
    const module = params.module as ModuleName;
    if (!(MODULES as readonly string[]).includes(module))
      return reply.code(404).send({ error: `Module inconnu : ${params.module}.` });
    const def = MODULE_DEFS[module];
    if (!def.read.includes(user.role))
      return reply
        .code(403)
        .send({ error: `Votre rôle (${user.role}) ne donne pas accès aux ${def.label}.` });
    const id = v.safeParse(RecordId, params.id);
    if (!id.success)
      return reply.code(422).send({ error: 'Données invalides.', fields: fieldErrors(id.issues) });
    const limit = v.safeParse(HistoryLimit, (request.query as { limit?: string }).limit);
    if (!limit.success || limit.output < 1 || limit.output > 200)
      return reply.code(422).send({ error: 'limit : nombre entier de 1 à 200.' });
    const seen = await asUser(pool, user, (client) =>
      client.query(`SELECT 1 FROM atlas.${module} WHERE id = $1`, [id.output]),
    );
    if (!seen.rowCount) return reply.code(404).send({ error: `Enregistrement introuvable : ${id.output}` });
    const { rows } = await pool.query<AuditRow>(
      `${AUDIT_SELECT} WHERE a.module = $1 AND a.record_id = $2 ORDER BY a.id DESC LIMIT $3`,
      [module, id.output, limit.output],
    );
    return { items: rows.map(entryOf) };
  });

  app.get('/api/admin/users', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!adminOnly(user)) return reply.code(403).send({ error: 'Réservé aux administrateurs.' });
    const { rows } = await pool.query(
      `SELECT u.email, u.role, u.structure, u.disabled,
         ARRAY(SELECT epci_siren FROM atlas.memberships m WHERE m.user_id = u.id AND epci_siren IS NOT NULL ORDER BY 1) AS epci,
         ARRAY(SELECT commune_insee FROM atlas.memberships m WHERE m.user_id = u.id AND commune_insee IS NOT NULL ORDER BY 1) AS communes,
         (SELECT max(at) FROM atlas.audit_log a WHERE a.user_id = u.id) AS "lastChange"
       FROM atlas.users u ORDER BY u.role, u.email`,
    );
    return { items: rows };
  });

  app.get('/api/admin/changes', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    if (!adminOnly(user)) return reply.code(403).send({ error: 'Réservé aux administrateurs.' });
    const limit = v.safeParse(HistoryLimit, (request.query as { limit?: string }).limit);
    if (!limit.success || limit.output < 1 || limit.output > 200)
      return reply.code(422).send({ error: 'limit : nombre entier de 1 à 200.' });
    const { rows } = await pool.query<AuditRow>(`${AUDIT_SELECT} ORDER BY a.id DESC LIMIT $1`, [
      limit.output,
    ]);
    return {
      items: rows.map((r) => ({
        ...entryOf(r),
        module: r.module,
        id: r.record_id,
        ...(r.action === 'import' ? { detail: r.after } : {}),
      })),
    };
  });

  app.get('/api/advice/summary', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    // Counts only: no id, household, note or contact, so every role may have them.
    const { rows } = await pool.query<{ insee: string; date: string; status: string | null; n: number }>(
      `SELECT insee, properties ->> 'date' AS date, properties ->> 'followUpStatus' AS status, count(*)::int AS n
       FROM atlas.advice WHERE NOT deleted AND insee IS NOT NULL AND ($1::text[] IS NULL OR insee = ANY($1))
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [user.communes ? [...user.communes] : null],
    );
    return { items: rows };
  });
}
