import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as v from 'valibot';
import { summarizeImport } from '../cli/commands/import.ts';
import { buildCommuneIndex, type CommuneIndex } from '../geo/communeIndex.ts';
import { DEFAULT_MAX_BYTES, importFile } from '../io/import/importFile.ts';
import type { ImportResult } from '../io/types.ts';
import { agree } from '../lib/plural.ts';
import { withAdviceKeys } from './adviceImport.ts';
import { requireUser } from './auth.ts';
import { dropIndexesForBulk } from './bulkIndexes.ts';
import { stagingChunks } from './copyLines.ts';
import { asUser } from './db/pool.ts';
import { MODULE_DEFS, type ModuleName } from './modules.ts';
import { fieldErrors, ImportQuery } from './schemas.ts';
import type { SessionUser } from './users.ts';

export type ImportMode = 'replace' | 'add' | 'merge';

export interface AppliedImport {
  mode: ImportMode;
  inserted: number;
  updated: number;
  deleted: number;
  /** `add` keeps existing records with the same id unchanged: those rows are counted here. */
  skipped: number;
}

// Advice sessions are pseudonymous: columns that name or locate a person are not stored by the server.
const PERSONAL_COLUMN =
  /^(nom|prenom|prénom|name|nom_?prenom|telephone|téléphone|tel|phone|e?-?mail|courriel|adresse|address)$/i;

/** The attribute columns written to the record's properties (advice: without personal columns). */
const propertyNames = (result: ImportResult, dropped: Set<string>) =>
  Object.keys(result.features.attributes).filter((n) => !dropped.has(n));

/**
 * The set-based statements that write the staging rows: UPDATE of the ids already there, then, once those
 * ids are taken out of the staging table, a plain INSERT of the rest. Not INSERT … ON CONFLICT … RETURNING
 * (a speculative insertion and a returned row per line: a third of the write time on 100,000 rows), nor an
 * INSERT … WHERE NOT EXISTS: into a just-emptied table the planner probes it by sequential scan for every
 * line while the INSERT fills it (a 1 M-row import ran for more than 10 minutes).
 */
function writeSql(
  kind: ModuleName,
  mode: ImportMode,
  attributes: number,
): { update: string; known: string; insert: string } {
  // $1: the attribute names, in the order of the staging columns a0, a1…
  const properties = `jsonb_object($1::text[], ARRAY[${Array.from({ length: attributes }, (_, c) => `s.a${c}`).join(', ')}]::text[])`;
  const point = 'CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END';
  const values: [string, string][] =
    kind === 'friches'
      ? [
          ['insee', 's.insee'],
          ['geom', point],
          ['surface', 'ST_SetSRID(ST_GeomFromGeoJSON(s.geojson), 4326)'],
          ['properties', properties],
        ]
      : kind === 'advice'
        ? [
            ['insee', 's.insee'],
            ['properties', properties],
          ]
        : [
            ['insee', 's.insee'],
            ['geom', point],
            ['properties', properties],
          ];
  const set = values
    .map(([c, e]) => (c === 'properties' && mode === 'merge' ? `${c} = t.properties || ${e}` : `${c} = ${e}`))
    .join(', ');
  // `add` only revives deleted ids and leaves live ones untouched; `merge`/`replace` update existing ones.
  const update = `UPDATE atlas.${kind} t SET ${set}, deleted = false FROM pg_temp.staging s
    WHERE t.id = s.id${mode === 'add' ? ' AND t.deleted' : ''}`;
  // Ids the user can see are updated or skipped (`add`); an id only outside its scope stays, and the
  // INSERT then fails on the primary key (409), as before.
  const known = `DELETE FROM pg_temp.staging s USING atlas.${kind} t WHERE t.id = s.id`;
  const insert = `INSERT INTO atlas.${kind} (id, ${values.map(([c]) => c).join(', ')})
    SELECT s.id, ${values.map(([, e]) => e).join(', ')} FROM pg_temp.staging s`;
  return { update, known, insert };
}

export async function loadCommuneIndex(pool: pg.Pool): Promise<CommuneIndex> {
  const { rows } = await pool.query<{ insee: string; geometry: string }>(
    'SELECT insee, ST_AsGeoJSON(geom) AS geometry FROM atlas.communes WHERE geom IS NOT NULL ORDER BY insee',
  );
  return buildCommuneIndex({
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      properties: { insee: r.insee },
      geometry: JSON.parse(r.geometry),
    })),
  });
}

/** Milliseconds of each step of an applied import, sent as a Server-Timing header (benchmarks read it). */
export interface ImportTimings {
  stage: number;
  write: number;
  commit: number;
}

/** Writes an engine result through a staging table + COPY in one transaction: all rows or none. */
export async function applyImport(
  pool: pg.Pool,
  user: SessionUser,
  result: ImportResult,
  kind: ModuleName,
  mode: ImportMode,
  name: string,
): Promise<AppliedImport & { droppedColumns: string[]; timings: ImportTimings }> {
  const dropped = new Set(kind === 'advice' ? result.fields.filter((f) => PERSONAL_COLUMN.test(f)) : []);
  const timings: ImportTimings = { stage: 0, write: 0, commit: 0 };
  let lap = performance.now();
  const since = () => {
    const now = performance.now();
    const ms = now - lap;
    lap = now;
    return Math.round(ms);
  };
  const applied = await asUser(
    pool,
    user,
    async (client) => {
      since();
      const names = propertyNames(result, dropped);
      const attributes = names.map((_, c) => `, a${c} text`).join('');
      await client.query(`CREATE TEMP TABLE staging (id text, insee text, lon float8, lat float8, geojson text
        ${attributes}) ON COMMIT DROP`);
      await pipeline(
        Readable.from(stagingChunks(result, kind !== 'advice', names)),
        client.query(copyFrom('COPY pg_temp.staging FROM STDIN')),
      );
      // Statistics of the ids only: the writes join on them (the other columns cost a second of sampling).
      await client.query('ANALYZE pg_temp.staging (id)');
      timings.stage = since();
      const rebuild = await dropIndexesForBulk(client, kind, result.features.count);
      let deleted = 0;
      if (mode === 'replace') {
        const r = await client.query(
          `UPDATE atlas.${kind} t SET deleted = true WHERE NOT t.deleted
           AND NOT EXISTS (SELECT FROM pg_temp.staging s WHERE s.id = t.id)`,
        );
        deleted = r.rowCount ?? 0;
      }
      const sql = writeSql(kind, mode, names.length);
      const updated = (await client.query(sql.update, [names])).rowCount ?? 0;
      await client.query(sql.known);
      const inserted = (await client.query(sql.insert, [names])).rowCount ?? 0;
      await rebuild?.();
      const applied = {
        mode,
        inserted,
        updated,
        deleted,
        skipped: result.features.count - inserted - updated,
      };
      await client.query('SELECT atlas.audit_import($1, $2)', [
        kind,
        JSON.stringify({ ...applied, name, rows: result.rows, accepted: result.features.count }),
      ]);
      await client.query(`SELECT pg_notify('atlas_changes', $1)`, [
        JSON.stringify({ module: kind, import: true }),
      ]);
      timings.write = since();
      return applied;
    },
    { bulk: true },
  );
  timings.commit = since();
  return { ...applied, droppedColumns: [...dropped], timings };
}

export function registerImports(app: FastifyInstance, pool: pg.Pool): void {
  let communes: Promise<CommuneIndex> | null = null;
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: DEFAULT_MAX_BYTES },
    (_req, body, done) => done(null, body),
  );
  app.post('/api/imports', { bodyLimit: DEFAULT_MAX_BYTES }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const query = v.safeParse(ImportQuery, request.query);
    if (!query.success)
      return reply.code(422).send({ error: 'Paramètres invalides.', fields: fieldErrors(query.issues) });
    const { kind, mode, crs } = query.output;
    const def = MODULE_DEFS[kind];
    if (!def.write.includes(user.role))
      return reply
        .code(403)
        .send({ error: `Votre rôle (${user.role}) ne permet pas d’importer des ${def.label}.` });
    if (!(request.body instanceof Buffer))
      return reply
        .code(415)
        .send({ error: 'Envoyez le fichier brut (Content-Type: application/octet-stream).' });
    const name = query.output.name ?? 'fichier';
    communes ??= loadCommuneIndex(pool).catch((error) => {
      communes = null;
      throw error;
    });
    const parseStart = performance.now();
    const result = await importFile(
      new Uint8Array(request.body.buffer, request.body.byteOffset, request.body.length),
      {
        kind,
        fileName: name,
        crs: crs ?? 'auto',
        communes: await communes,
      },
    );
    const report = summarizeImport(result).summary;
    if (!result.ok)
      return reply.code(422).send({ ...report, error: result.errors[0]?.reason ?? 'Import impossible.' });
    if (user.communes) {
      const outside = result.features.insee.filter(
        (code) => code === null || !user.communes!.has(code),
      ).length;
      if (outside > 0) {
        return reply.code(403).send({
          ...report,
          error: `${outside.toLocaleString('fr-FR')} ${agree(outside, 'ligne', 'lignes')} hors de votre périmètre : rien n’a été importé.`,
        });
      }
    }
    const parse = Math.round(performance.now() - parseStart);
    // Advice: the session's date and follow-up status under the keys the API and the counts read.
    const stored = kind === 'advice' ? withAdviceKeys(result) : result;
    const { timings, ...applied } = await applyImport(pool, user, stored, kind, mode, name);
    reply.header(
      'server-timing',
      `parse;dur=${parse}, stage;dur=${timings.stage}, write;dur=${timings.write}, commit;dur=${timings.commit}`,
    );
    return { ...report, mode, applied };
  });
}
