import { randomUUID } from 'node:crypto';
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
import { requireUser } from './auth.ts';
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

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Staging rows (id, insee, lon, lat, geometry GeoJSON, properties JSON), 2,000 lines per chunk. */
function* stagingLines(result: ImportResult, kind: ModuleName, dropped: Set<string>): Generator<string> {
  const f = result.features;
  const names = Object.keys(f.attributes).filter((n) => !dropped.has(n));
  const columns = names.map((n) => f.attributes[n]!);
  const idColumn = result.mapping.id ? f.attributes[result.mapping.id] : undefined;
  let chunk = '';
  for (let i = 0; i < f.count; i++) {
    const props: Record<string, string | null> = {};
    for (let c = 0; c < names.length; c++) props[names[c]!] = columns[c]!.get(i);
    const id = idColumn?.get(i) ?? randomUUID();
    const geometry = f.geometry?.[i];
    const lon = f.lon[i]!;
    const lat = f.lat[i]!;
    const geo =
      kind === 'advice' ? null : geometry && geometry.type !== 'Point' ? JSON.stringify(geometry) : null;
    chunk += `${copyText(id)}\t${copyText(f.insee[i] ?? null)}\t${Number.isFinite(lon) ? lon : '\\N'}\t${Number.isFinite(lat) ? lat : '\\N'}\t${copyText(geo)}\t${copyText(JSON.stringify(props))}\n`;
    if ((i + 1) % 2000 === 0) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

function applySql(kind: ModuleName, mode: ImportMode): string {
  const point = 'CASE WHEN s.lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END';
  const columns =
    kind === 'friches'
      ? 'id, insee, geom, surface, properties'
      : kind === 'advice'
        ? 'id, insee, properties'
        : 'id, insee, geom, properties';
  const values =
    kind === 'friches'
      ? `s.id, s.insee, ${point}, ST_SetSRID(ST_GeomFromGeoJSON(s.geojson), 4326), s.properties`
      : kind === 'advice'
        ? 's.id, s.insee, s.properties'
        : `s.id, s.insee, ${point}, s.properties`;
  const set = columns
    .split(', ')
    .filter((c) => c !== 'id')
    .map((c) =>
      c === 'properties' && mode === 'merge'
        ? `properties = t.properties || EXCLUDED.properties`
        : `${c} = EXCLUDED.${c}`,
    )
    .join(', ');
  // `add` only revives deleted ids; `merge`/`replace` update existing ones. xmax = 0 marks a fresh insert.
  const conflict =
    mode === 'add'
      ? `DO UPDATE SET ${set}, deleted = false WHERE t.deleted`
      : `DO UPDATE SET ${set}, deleted = false`;
  return `WITH w AS (
      INSERT INTO atlas.${kind} AS t (${columns}) SELECT ${values} FROM pg_temp.staging s
      ON CONFLICT (id) ${conflict} RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM w`;
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

/** Writes an engine result through a staging table + COPY in one transaction: all rows or none. */
export async function applyImport(
  pool: pg.Pool,
  user: SessionUser,
  result: ImportResult,
  kind: ModuleName,
  mode: ImportMode,
  name: string,
): Promise<AppliedImport & { droppedColumns: string[] }> {
  const dropped = new Set(kind === 'advice' ? result.fields.filter((f) => PERSONAL_COLUMN.test(f)) : []);
  return asUser(
    pool,
    user,
    async (client) => {
      await client.query(`CREATE TEMP TABLE staging (id text, insee text, lon float8, lat float8, geojson text,
        properties jsonb) ON COMMIT DROP`);
      await pipeline(
        Readable.from(stagingLines(result, kind, dropped)),
        client.query(copyFrom('COPY pg_temp.staging FROM STDIN')),
      );
      let deleted = 0;
      if (mode === 'replace') {
        const r = await client.query(
          `UPDATE atlas.${kind} t SET deleted = true WHERE NOT t.deleted
           AND NOT EXISTS (SELECT FROM pg_temp.staging s WHERE s.id = t.id)`,
        );
        deleted = r.rowCount ?? 0;
      }
      const { rows } = await client.query<{ inserted: number; updated: number }>(applySql(kind, mode));
      const { inserted, updated } = rows[0]!;
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
      return { ...applied, droppedColumns: [...dropped] };
    },
    { bulk: true },
  );
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
          error: `${outside.toLocaleString('fr-FR')} ligne(s) hors de votre périmètre : rien n’a été importé.`,
        });
      }
    }
    const applied = await applyImport(pool, user, result, kind, mode, name);
    return { ...report, mode, applied };
  });
}
