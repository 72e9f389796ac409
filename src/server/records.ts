import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type pg from 'pg';
import * as v from 'valibot';
import { requireUser } from './auth.ts';
import { asUser, createSlots } from './db/pool.ts';
import { MODULE_DEFS, MODULES, type ModuleDef, type ModuleName } from './modules.ts';
import {
  Bodies,
  fieldErrors,
  ListQuery,
  type ListQueryValue,
  MergedProperties,
  RecordId,
} from './schemas.ts';
import type { SessionUser } from './users.ts';

const DEFAULT_LIMIT = 50_000;
const MAX_LIMIT = 100_000;

/** SQL of one record as JSON (alias t): a GeoJSON Feature for geometric modules, a plain object otherwise. */
function recordJson(def: ModuleDef, withDeleted: boolean, author = 'atlas.user_email(t.updated_by)'): string {
  // updatedBy: the author of the current version (conflict view, history); null for imports and seeds.
  const common = `'id', t.id, 'insee', t.insee, 'version', t.version, 'updatedAt', t.updated_at, 'updatedBy', ${author}${withDeleted ? ", 'deleted', t.deleted" : ''}`;
  if (def.geometric)
    return `json_build_object('type', 'Feature', 'id', t.id, 'geometry', ${def.geometrySql}, 'properties', t.properties, ${common})`;
  const contact =
    def.name === 'advice'
      ? `, 'contact', (SELECT json_build_object('name', c.name, 'phone', c.phone, 'email', c.email, 'address', c.address)
           FROM atlas.advice_contacts c WHERE c.advice_id = t.id)`
      : '';
  return `json_build_object(${common}, 'properties', t.properties${contact})`;
}

export async function fetchRecord(
  client: pg.ClientBase,
  def: ModuleDef,
  id: string,
): Promise<unknown | null> {
  const { rows } = await client.query<{ r: unknown }>(
    `SELECT ${recordJson(def, false)} AS r FROM atlas.${def.name} t WHERE t.id = $1 AND NOT t.deleted`,
    [id],
  );
  return rows[0]?.r ?? null;
}

function listSql(def: ModuleDef, q: ListQueryValue): { sql: string; params: unknown[] } | { error: string } {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (q.since) where.push(`t.txid >= ${p(q.since)}::xid8`);
  else where.push('NOT t.deleted');
  if (q.commune) where.push(`t.insee = ANY(${p(q.commune.split(','))}::text[])`);
  if (q.epci)
    where.push(
      `t.insee IN (SELECT insee FROM atlas.communes WHERE epci_siren = ANY(${p(q.epci.split(','))}::text[]))`,
    );
  if (q.bbox) {
    if (!def.geometric) return { error: `bbox : les ${def.label} n’ont pas de géométrie.` };
    const [w, s, e, n] = q.bbox.split(',').map(Number) as [number, number, number, number];
    if (!(w < e && s < n && w >= -180 && e <= 180 && s >= -90 && n <= 90))
      return { error: 'bbox : ouest < est et sud < nord, en degrés WGS84.' };
    where.push(`t.geom && ST_MakeEnvelope(${p(w)}, ${p(s)}, ${p(e)}, ${p(n)}, 4326)`);
  }
  if (q.after) where.push(`t.id > ${p(q.after)}`);
  const limit = Math.min(Number(q.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
  const sql = `SELECT coalesce(json_agg(r ORDER BY id), '[]')::text AS items, count(*)::int AS n, max(id) AS last
    FROM (SELECT t.id, ${recordJson(def, !!q.since, 'au.email')} AS r FROM atlas.${def.name} t
          LEFT JOIN atlas.authors() au ON au.id = t.updated_by
          WHERE ${where.join(' AND ')} ORDER BY t.id LIMIT ${p(Math.max(1, limit))}) x`;
  return { sql, params };
}

export type RecordError = { status: 403 | 404 | 409 | 422; body: Record<string, unknown> };

const forbidden = (def: ModuleDef, user: SessionUser): RecordError => ({
  status: 403,
  body: { error: `Votre rôle (${user.role}) ne permet pas de modifier les ${def.label}.` },
});

/** Why a record the user cannot lock is unavailable: absent (404) or outside the user's scope (403). */
async function missing(pool: pg.Pool, def: ModuleDef, id: string): Promise<RecordError> {
  const { rowCount } = await pool.query(`SELECT 1 FROM atlas.${def.name} WHERE id = $1 AND NOT deleted`, [
    id,
  ]);
  return rowCount
    ? { status: 403, body: { error: `Cet enregistrement est hors de votre périmètre.` } }
    : { status: 404, body: { error: `Enregistrement introuvable : ${id}` } };
}

/** Geometry columns of a record and their SQL from a GeoJSON parameter (friches keep point + surface). */
export function geometryColumns(def: ModuleDef, param: string): [string, string][] {
  const g = `ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326)`;
  if (def.name === 'friches')
    return [
      ['geom', `ST_PointOnSurface(${g})`],
      ['surface', `CASE WHEN GeometryType(${g}) = 'POINT' THEN NULL ELSE ${g} END`],
    ];
  return [['geom', g]];
}

const communeOf = (param: string) =>
  `(SELECT c.insee FROM atlas.communes c WHERE ST_Intersects(c.geom, ST_PointOnSurface(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))) ORDER BY c.insee LIMIT 1)`;

async function invalidGeometry(client: pg.ClientBase, geometry: unknown): Promise<string | null> {
  if (!geometry) return null;
  const { rows } = await client.query<{ reason: string }>(
    'SELECT ST_IsValidReason(ST_GeomFromGeoJSON($1)) AS reason',
    [JSON.stringify(geometry)],
  );
  const reason = rows[0]?.reason ?? 'Valid Geometry';
  return reason === 'Valid Geometry' ? null : `Géométrie invalide (${reason}).`;
}

async function saveContact(
  client: pg.ClientBase,
  user: SessionUser,
  id: string,
  contact: object,
): Promise<void> {
  const c = contact as {
    name?: string | null;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
  };
  await client.query(
    `INSERT INTO atlas.advice_contacts (advice_id, structure, name, phone, email, address)
     VALUES ($1, coalesce($2, 'Pays'), $3, $4, $5, $6)
     ON CONFLICT (advice_id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, email = EXCLUDED.email,
       address = EXCLUDED.address`,
    [id, user.scope.structure, c.name ?? null, c.phone ?? null, c.email ?? null, c.address ?? null],
  );
}

type Body = {
  id?: string;
  geometry?: unknown;
  properties?: Record<string, unknown>;
  insee?: string | null;
  contact?: object;
};

async function createRecord(
  pool: pg.Pool,
  def: ModuleDef,
  user: SessionUser,
  body: Body,
): Promise<RecordError | { record: unknown }> {
  const id = body.id ?? randomUUID();
  return asUser(pool, user, async (client) => {
    const bad = await invalidGeometry(client, body.geometry);
    if (bad) return { status: 422, body: { error: 'Données invalides.', fields: { geometry: bad } } };
    const params: unknown[] = [id, JSON.stringify(body.properties ?? {})];
    let columns = 'id, properties';
    let values = '$1, $2::jsonb';
    if (def.geometric) {
      params.push(JSON.stringify(body.geometry));
      const geometry = geometryColumns(def, '$3');
      columns += `, insee, ${geometry.map(([c]) => c).join(', ')}`;
      values += `, ${communeOf('$3')}, ${geometry.map(([, e]) => e).join(', ')}`;
    } else {
      params.push(body.insee ?? null);
      columns += ', insee';
      values += ', $3';
      if (def.name === 'advice') {
        params.push(user.scope.structure);
        columns += ', structure';
        values += ', $4';
      }
    }
    // A deleted record's id may be created again (a PCAET slot typed anew, a site drawn back): the row is
    // revived with the new content and its version goes on, so the change feeds and the history follow it.
    const revived = columns
      .split(', ')
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    const inserted = await client.query(
      `INSERT INTO atlas.${def.name} AS t (${columns}) VALUES (${values})
       ON CONFLICT (id) DO UPDATE SET ${revived}, deleted = false WHERE t.deleted RETURNING id`,
      params,
    );
    if (!inserted.rowCount) {
      const current = await fetchRecord(client, def, id);
      return { status: 409, body: { error: `L’identifiant ${id} existe déjà.`, current } };
    }
    if (def.name === 'advice' && body.contact) await saveContact(client, user, id, body.contact);
    return { record: await fetchRecord(client, def, id) };
  });
}

async function changeRecord(
  pool: pg.Pool,
  def: ModuleDef,
  user: SessionUser,
  id: string,
  expected: number | null,
  body: Body | null,
): Promise<RecordError | { record: unknown }> {
  const result = await asUser(
    pool,
    user,
    async (client): Promise<RecordError | { record: unknown } | null> => {
      // FOR UPDATE serialises concurrent writers: the second one then sees the new version and gets 409.
      const { rows } = await client.query<{ version: number; properties: Record<string, unknown> }>(
        `SELECT version, properties FROM atlas.${def.name} WHERE id = $1 AND NOT deleted FOR UPDATE`,
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      if (expected !== null && row.version !== expected) {
        return {
          status: 409,
          body: {
            error: `Enregistrement modifié entre-temps (version ${row.version}, vous aviez la version ${expected}) : rechargez-le.`,
            current: await fetchRecord(client, def, id),
          },
        };
      }
      if (!body) {
        await client.query(`UPDATE atlas.${def.name} SET deleted = true WHERE id = $1`, [id]);
        if (def.name === 'advice')
          await client.query('DELETE FROM atlas.advice_contacts WHERE advice_id = $1', [id]);
        return { record: null };
      }
      const merged = { ...row.properties, ...(body.properties ?? {}) };
      const check = v.safeParse(MergedProperties[def.name], merged);
      if (!check.success) {
        const fields = fieldErrors(check.issues);
        return { status: 422, body: { error: 'Données invalides.', fields: prefixed(fields, 'properties') } };
      }
      const bad = await invalidGeometry(client, body.geometry);
      if (bad) return { status: 422, body: { error: 'Données invalides.', fields: { geometry: bad } } };
      const params: unknown[] = [id, JSON.stringify(merged)];
      const sets = ['properties = $2::jsonb'];
      if (body.geometry) {
        params.push(JSON.stringify(body.geometry));
        sets.push(...geometryColumns(def, '$3').map(([c, e]) => `${c} = ${e}`), `insee = ${communeOf('$3')}`);
      } else if (body.insee !== undefined) {
        params.push(body.insee);
        sets.push('insee = $3');
      }
      await client.query(`UPDATE atlas.${def.name} SET ${sets.join(', ')} WHERE id = $1`, params);
      if (def.name === 'advice' && body.contact) await saveContact(client, user, id, body.contact);
      return { record: await fetchRecord(client, def, id) };
    },
  );
  return result ?? missing(pool, def, id);
}

function prefixed(fields: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, m]) => [k === '(corps)' ? prefix : `${prefix}.${k}`, m]),
  );
}

function send(reply: FastifyReply, outcome: RecordError | { record: unknown }, okStatus: number) {
  if ('status' in outcome) return reply.code(outcome.status).send(outcome.body);
  const version = (outcome.record as { version?: number } | null)?.version;
  if (version !== undefined) reply.header('ETag', `"${version}"`);
  return outcome.record === null ? reply.code(204).send() : reply.code(okStatus).send(outcome.record);
}

function parseIfMatch(header: string | undefined): number | null | 'invalid' {
  if (header === undefined) return null;
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  return m ? Number(m[1]) : 'invalid';
}

const invalid = (reply: FastifyReply, issues: readonly v.BaseIssue<unknown>[]) =>
  reply.code(422).send({ error: 'Données invalides.', fields: fieldErrors(issues) });

/** GET/POST /api/<module>, PATCH/DELETE /api/<module>/<id> for the four modules. */
export function registerRecords(app: FastifyInstance, pool: pg.Pool): void {
  // A quarter of the pool for list reads (at least 2), the rest stays free for writes and small reads.
  const listSlots = createSlots(Math.max(2, Math.floor(pool.options.max / 4)));
  for (const name of MODULES) {
    const def = MODULE_DEFS[name as ModuleName];
    const allowed = (user: SessionUser, mode: 'read' | 'write') => def[mode].includes(user.role);

    app.get(`/api/${name}`, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      if (!allowed(user, 'read'))
        return reply
          .code(403)
          .send({ error: `Votre rôle (${user.role}) ne donne pas accès aux ${def.label}.` });
      const query = v.safeParse(ListQuery, request.query);
      if (!query.success) return invalid(reply, query.issues);
      const built = listSql(def, query.output);
      if ('error' in built)
        return reply.code(422).send({ error: built.error, fields: { bbox: built.error } });
      // A client that left while its read waited for a slot (closed tab, timed-out script) costs nothing:
      // queued full-layer reads of gone clients used to delay every later one by seconds each.
      const read = await listSlots(() =>
        request.raw.socket.destroyed
          ? Promise.resolve(null)
          : asUser(pool, user, async (client) => {
              // A whole EPCI's layer is sorted by id: in memory rather than in an external merge on disk (4 MB).
              await client.query("SET LOCAL work_mem = '32MB'");
              // The cursor is taken before reading: every transaction older than it is visible to the read below.
              const c = await client.query<{ cursor: string }>(
                'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS cursor',
              );
              const r = await client.query<{ items: string; n: number; last: string | null }>(
                built.sql,
                built.params,
              );
              return { cursor: c.rows[0]!.cursor, ...r.rows[0]! };
            }),
      );
      if (!read) return reply.code(503).send({ error: 'Requête abandonnée par le client.' });
      const { cursor, items, n, last } = read;
      const limit = Math.min(Number(query.output.limit ?? DEFAULT_LIMIT), MAX_LIMIT);
      const next = n >= limit && last ? JSON.stringify(last) : 'null';
      const head = def.geometric ? '{"type":"FeatureCollection",' : '{';
      const list = def.geometric ? 'features' : 'items';
      reply.type('application/json; charset=utf-8');
      return reply.send(`${head}"cursor":${JSON.stringify(cursor)},"next":${next},"${list}":${items}}`);
    });

    app.post(`/api/${name}`, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      if (!allowed(user, 'write')) return send(reply, forbidden(def, user), 201);
      const body = v.safeParse(Bodies[name].create, request.body);
      if (!body.success) return invalid(reply, body.issues);
      return send(reply, await createRecord(pool, def, user, body.output as Body), 201);
    });

    app.patch(`/api/${name}/:id`, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      if (!allowed(user, 'write')) return send(reply, forbidden(def, user), 200);
      const id = v.safeParse(RecordId, (request.params as { id: string }).id);
      if (!id.success) return invalid(reply, id.issues);
      const expected = parseIfMatch(request.headers['if-match']);
      if (expected === null)
        return reply
          .code(428)
          .send({ error: 'En-tête If-Match obligatoire : la version que vous modifiez, ex. "3".' });
      if (expected === 'invalid')
        return reply.code(422).send({
          error: 'If-Match : une version entre guillemets, ex. "3".',
          fields: { 'If-Match': 'version attendue' },
        });
      const body = v.safeParse(Bodies[name].patch, request.body);
      if (!body.success) return invalid(reply, body.issues);
      return send(reply, await changeRecord(pool, def, user, id.output, expected, body.output as Body), 200);
    });

    app.delete(`/api/${name}/:id`, async (request, reply) => {
      const user = requireUser(request, reply);
      if (!user) return reply;
      if (!allowed(user, 'write')) return send(reply, forbidden(def, user), 204);
      const id = v.safeParse(RecordId, (request.params as { id: string }).id);
      if (!id.success) return invalid(reply, id.issues);
      const expected = parseIfMatch(request.headers['if-match']);
      if (expected === 'invalid')
        return reply.code(422).send({ error: 'If-Match : une version entre guillemets, ex. "3".' });
      return send(reply, await changeRecord(pool, def, user, id.output, expected, null), 204);
    });
  }
}
