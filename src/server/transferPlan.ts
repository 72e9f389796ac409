/**
 * « Envoyer mon espace local vers l'équipe », the merge plan: each record of an uploaded workspace is classified
 * against what the server holds — added (new id), updated (differs, and the server still has the version the
 * local copy was taken from), conflicting (differs, and the server moved on or the copy never came from it),
 * unchanged, or refused with its reason (role, scope, invalid data, id taken outside the user's scope). The same
 * plan is computed for the preview and again inside the applying transaction, so what is applied is what the
 * user inspected (its digest must match). Generic over modules; how two records compare is per module (lights:
 * through the inventory mapping, so a file's own column names and vocabulary never read as a change).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import * as v from 'valibot';
import { pointsFromRecords, propertiesPatch } from '../domain/lights/serverRecords.ts';
import type { CommuneIndex } from '../geo/communeIndex.ts';
import { MODULE_DEFS, type ModuleName } from './modules.ts';
import { Bodies, fieldErrors, MergedProperties, RecordId } from './schemas.ts';
import type { SessionUser } from './users.ts';

export type Outcome = 'added' | 'updated' | 'conflict' | 'unchanged' | 'refused';

/** One record as the app sends it: the module's create body, its id required, and the version it came from. */
export interface TransferRecord {
  id: string;
  geometry?: { type: string; coordinates: unknown } | null;
  insee?: string | null;
  properties: Record<string, unknown>;
  /** Server version the local record was copied from (« Travailler hors ligne sur une copie »), if any. */
  baseVersion?: number | null;
}

export interface Change {
  field: string;
  mine: unknown;
  theirs: unknown;
}

export interface PlannedRecord {
  id: string;
  outcome: Outcome;
  reason?: string;
  /** The server's current version (null: not on the server). */
  version: number | null;
  changes?: Change[];
  updatedBy?: string | null;
  updatedAt?: string | null;
}

/** What the applying statements need, kept out of the answer. */
export interface PlannedWrite {
  id: string;
  kind: 'insert' | 'revive' | 'update';
  insee: string | null;
  geometry: string | null;
  /** Full properties for insert/revive, changed ones for update (merged by the server). */
  properties: Record<string, unknown>;
}

export interface ModulePlan {
  records: PlannedRecord[];
  /** Writes per planned id (added, updated and conflicting records). */
  writes: Map<string, PlannedWrite>;
}

interface Current {
  id: string;
  version: number;
  deleted: boolean;
  insee: string | null;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
  updatedBy: string | null;
  updatedAt: string;
}

const BaseVersion = v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))));
// The module's create body with its id required; `contact` is left out: a transfer never carries personal data.
const RecordSchemas = Object.fromEntries(
  (Object.keys(Bodies) as ModuleName[]).map((m) => {
    const { contact: _contact, ...entries } = Bodies[m].create.entries as Record<string, v.GenericSchema>;
    return [m, v.strictObject({ ...entries, id: RecordId, baseVersion: BaseVersion })];
  }),
) as unknown as Record<ModuleName, v.GenericSchema<unknown, TransferRecord>>;

/** Values as the server compares them: imports store text, the app sends numbers; empty text is no value. */
const text = (value: unknown): string | null =>
  value === null || value === undefined || value === '' ? null : String(value);

const round = (g: unknown) => JSON.stringify(g, (_k, x) => (typeof x === 'number' ? Math.round(x * 1e7) : x));

/** Changed properties of a record (under the current record's names) and whether the geometry moved. */
type Diff = { patch: Record<string, unknown>; moved: boolean } | { error: string };

function genericDiff(mine: TransferRecord, current: Current): Diff {
  const patch: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(mine.properties))
    if (text(value) !== text(current.properties[k])) patch[k] = value;
  const moved = !!mine.geometry && round(mine.geometry) !== round(current.geometry);
  return { patch, moved };
}

/** Light points compare as the app reads them (inventory mapping), written under the record's own columns. */
function lightsDiff(mine: TransferRecord, current: Current): Diff {
  const local = pointsFromRecords([{ ...mine, insee: current.insee }]);
  if (local.unreadable.length) return { error: local.unreadable[0]!.reason };
  const theirs = pointsFromRecords([current]).points[0];
  if (!theirs) return genericDiff(mine, current);
  const patch = propertiesPatch(theirs, local.points[0]!, Object.keys(current.properties)) ?? {};
  return { patch, moved: !!mine.geometry && round(mine.geometry) !== round(current.geometry) };
}

const DIFFS: Partial<Record<ModuleName, (mine: TransferRecord, current: Current) => Diff>> = {
  lights: lightsDiff,
};

/** A new light point must be readable by the app once on the server (same rule as the sync engine's reads). */
function unreadableNew(module: ModuleName, mine: TransferRecord): string | null {
  if (module !== 'lights') return null;
  return pointsFromRecords([{ ...mine, insee: null }]).unreadable[0]?.reason ?? null;
}

async function currentRecords(client: pg.ClientBase, module: ModuleName, ids: string[], lock: boolean) {
  const def = MODULE_DEFS[module];
  const geometry = def.geometric ? `${def.geometrySql}` : 'NULL::json';
  const { rows } = await client.query<Current>(
    `SELECT t.id, t.version, t.deleted, t.insee, t.properties, ${geometry} AS geometry, au.email AS "updatedBy",
       t.updated_at AS "updatedAt"
     FROM atlas.${module} t LEFT JOIN atlas.authors() au ON au.id = t.updated_by
     WHERE t.id = ANY($1::text[])${lock ? ' FOR UPDATE OF t' : ''}`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Ids that exist on the server but outside what the user may see (owner-side: RLS hides them). */
async function hiddenIds(pool: pg.Pool, module: ModuleName, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM atlas.${module} WHERE id = ANY($1::text[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** Reasons for invalid polygons (points are always valid), by id. */
async function invalidGeometries(
  client: pg.ClientBase,
  records: TransferRecord[],
): Promise<Map<string, string>> {
  const areas = records.filter((r) => r.geometry && r.geometry.type !== 'Point');
  if (!areas.length) return new Map();
  const { rows } = await client.query<{ id: string; reason: string }>(
    `SELECT x.id, ST_IsValidReason(ST_GeomFromGeoJSON(x.geometry)) AS reason
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, geometry text)`,
    [JSON.stringify(areas.map((r) => ({ id: r.id, geometry: JSON.stringify(r.geometry) })))],
  );
  return new Map(rows.filter((r) => r.reason !== 'Valid Geometry').map((r) => [r.id, r.reason]));
}

function communeOf(index: CommuneIndex, record: TransferRecord): string | null {
  const g = record.geometry;
  if (!g) return record.insee ?? null;
  const found =
    g.type === 'Point'
      ? index.locate(...((g.coordinates as number[]).slice(0, 2) as [number, number]))
      : index.locatePolygon(g as Parameters<CommuneIndex['locatePolygon']>[0]).index;
  return found >= 0 ? index.codes[found]! : null;
}

const idOf = (raw: unknown, i: number) =>
  raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
    ? String((raw as { id: string }).id).slice(0, 200)
    : `(enregistrement n° ${i + 1})`;

export interface PlanContext {
  client: pg.ClientBase;
  pool: pg.Pool;
  user: SessionUser;
  communes: CommuneIndex;
  /** Inside the applying transaction: lock the current rows so nothing changes between plan and write. */
  lock: boolean;
}

export async function planModule(ctx: PlanContext, module: ModuleName, raw: unknown[]): Promise<ModulePlan> {
  const def = MODULE_DEFS[module];
  const { user } = ctx;
  const records: PlannedRecord[] = [];
  const writes = new Map<string, PlannedWrite>();
  const refuse = (id: string, reason: string, version: number | null = null): void => {
    records.push({ id, outcome: 'refused', reason, version });
  };
  if (!def.write.includes(user.role)) {
    const reason = `Votre rôle (${user.role}) ne permet pas de modifier les ${def.label}.`;
    raw.forEach((r, i) => {
      refuse(idOf(r, i), reason);
    });
    return { records, writes };
  }
  const valid: TransferRecord[] = [];
  const seen = new Set<string>();
  raw.forEach((r, i) => {
    const parsed = v.safeParse(RecordSchemas[module], r);
    if (!parsed.success) {
      const [path, message] = Object.entries(fieldErrors(parsed.issues))[0]!;
      refuse(idOf(r, i), `${path} : ${message}`);
    } else if (seen.has(parsed.output.id)) refuse(parsed.output.id, 'Identifiant en double dans l’envoi.');
    else {
      seen.add(parsed.output.id);
      valid.push(parsed.output);
    }
  });
  const ids = valid.map((r) => r.id);
  const current = await currentRecords(ctx.client, module, ids, ctx.lock);
  const hidden = await hiddenIds(
    ctx.pool,
    module,
    ids.filter((id) => !current.has(id)),
  );
  const badGeometry = await invalidGeometries(ctx.client, valid);
  const { rows: known } = await ctx.client.query<{ insee: string }>('SELECT insee FROM atlas.communes');
  const territory = new Set(known.map((c) => c.insee));
  for (const mine of valid) {
    const bad = badGeometry.get(mine.id);
    if (bad) {
      refuse(mine.id, `Géométrie invalide (${bad}).`);
      continue;
    }
    const insee = communeOf(ctx.communes, mine);
    if (!def.geometric && insee !== null && !territory.has(insee)) {
      refuse(mine.id, `Commune inconnue du territoire : ${insee}.`);
      continue;
    }
    if (user.communes && (insee === null || !user.communes.has(insee))) {
      refuse(
        mine.id,
        insee
          ? `Hors de votre périmètre (commune ${insee}).`
          : 'Hors du territoire, donc hors de votre périmètre.',
      );
      continue;
    }
    const geometry = mine.geometry ? JSON.stringify(mine.geometry) : null;
    const cur = current.get(mine.id);
    if (!cur) {
      if (hidden.has(mine.id)) {
        refuse(mine.id, 'Identifiant déjà utilisé dans l’espace d’équipe, hors de votre périmètre.');
        continue;
      }
      const unreadable = unreadableNew(module, mine);
      if (unreadable) {
        refuse(mine.id, unreadable);
        continue;
      }
      records.push({ id: mine.id, outcome: 'added', version: null });
      writes.set(mine.id, { id: mine.id, kind: 'insert', insee, geometry, properties: mine.properties });
      continue;
    }
    const who = { version: cur.version, updatedBy: cur.updatedBy, updatedAt: cur.updatedAt };
    if (cur.deleted) {
      // Deleted by the team: a record the copy knew is a conflict (they removed it), otherwise it comes back.
      const outcome = mine.baseVersion ? 'conflict' : 'added';
      records.push({ id: mine.id, outcome, reason: 'Supprimé dans l’espace d’équipe.', ...who });
      writes.set(mine.id, { id: mine.id, kind: 'revive', insee, geometry, properties: mine.properties });
      continue;
    }
    const diff = (DIFFS[module] ?? genericDiff)(mine, cur);
    if ('error' in diff) {
      refuse(mine.id, diff.error, cur.version);
      continue;
    }
    const fields = Object.keys(diff.patch);
    if (!fields.length && !diff.moved) {
      records.push({ id: mine.id, outcome: 'unchanged', ...who });
      continue;
    }
    const merged = v.safeParse(MergedProperties[module], { ...cur.properties, ...diff.patch });
    if (!merged.success) {
      const [path, message] = Object.entries(fieldErrors(merged.issues))[0]!;
      refuse(mine.id, `properties.${path} : ${message}`, cur.version);
      continue;
    }
    // Listed for a person: fields whose stored text changes (a cell the mapping reads differently but that
    // stays empty, e.g. a scheduling date the status implied, is still written, not shown as « vide → vide »).
    const shown = fields.filter((f) => text(diff.patch[f]) !== text(cur.properties[f]));
    const changes: Change[] = shown.map((f) => ({
      field: f,
      mine: diff.patch[f],
      theirs: cur.properties[f] ?? null,
    }));
    if (diff.moved) changes.push({ field: 'géométrie', mine: mine.geometry, theirs: cur.geometry });
    const outcome = mine.baseVersion === cur.version ? 'updated' : 'conflict';
    records.push({ id: mine.id, outcome, changes, ...who });
    writes.set(mine.id, {
      id: mine.id,
      kind: 'update',
      insee: diff.moved ? insee : cur.insee,
      geometry: diff.moved ? geometry : null,
      properties: diff.patch,
    });
  }
  return { records, writes };
}

/** Digest of a plan: the same outcomes on the same server versions, or the apply is refused (409). */
export function planDigest(plans: Partial<Record<ModuleName, ModulePlan>>): string {
  const hash = createHash('sha256');
  for (const module of Object.keys(plans).sort()) {
    const lines = plans[module as ModuleName]!.records.map(
      (r) => `${r.id}\u0000${r.outcome}\u0000${r.version}`,
    );
    hash.update(`${module}\n${lines.sort().join('\n')}\n`);
  }
  return hash.digest('hex');
}
