/**
 * POST /api/transfer/preview and /api/transfer/apply: a local workspace (or project file) sent to the team.
 * The preview answers, per module, what would be added, updated or conflicting (and what is refused, with why);
 * the apply recomputes that plan inside one transaction with the rows locked, refuses if it no longer matches
 * what the user inspected (409 with the new preview), then writes every accepted record or none. Conflicting
 * records are written only where the user chose « garder la mienne » (`keepMine`); others keep the team's.
 */
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import * as v from 'valibot';
import type { CommuneIndex } from '../geo/communeIndex.ts';
import { requireUser } from './auth.ts';
import { asUser } from './db/pool.ts';
import { loadCommuneIndex } from './imports.ts';
import { MODULE_DEFS, MODULES, type ModuleName } from './modules.ts';
import { geometryColumns } from './records.ts';
import { fieldErrors, RecordId } from './schemas.ts';
import { type ModulePlan, type Outcome, type PlannedWrite, planDigest, planModule } from './transferPlan.ts';
import type { SessionUser } from './users.ts';

/** A 25,000-point workspace is about 10 MB of JSON; a whole territory's inventory stays well below this. */
const BODY_LIMIT = 200 * 1024 * 1024;
const MAX_RECORDS = 1_000_000;

const ModuleKey = v.picklist(MODULES, `Module inconnu : ${MODULES.join(', ')}.`);
const TransferBody = v.strictObject(
  {
    modules: v.pipe(
      v.record(
        ModuleKey,
        v.pipe(v.array(v.unknown(), 'Liste d’enregistrements attendue.'), v.maxLength(MAX_RECORDS)),
      ),
      v.check((m) => Object.keys(m).length > 0, 'Au moins un module.'),
    ),
    plan: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'Empreinte de l’aperçu attendue.'))),
    keepMine: v.optional(v.record(ModuleKey, v.array(RecordId))),
  },
  'Corps attendu : {modules, plan, keepMine}.',
);
type TransferBodyValue = v.InferOutput<typeof TransferBody>;

const OUTCOMES: readonly Outcome[] = ['added', 'updated', 'conflict', 'unchanged', 'refused'];

/** The preview of one module: counts, and every record that is not unchanged (the list a person inspects). */
function modulePreview(module: ModuleName, plan: ModulePlan) {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of plan.records) counts[r.outcome]++;
  return {
    label: MODULE_DEFS[module].label,
    counts,
    records: plan.records.filter((r) => r.outcome !== 'unchanged'),
  };
}

async function buildPlans(
  client: pg.ClientBase,
  pool: pg.Pool,
  user: SessionUser,
  communes: CommuneIndex,
  body: TransferBodyValue,
  lock: boolean,
): Promise<Partial<Record<ModuleName, ModulePlan>>> {
  const plans: Partial<Record<ModuleName, ModulePlan>> = {};
  for (const module of MODULES) {
    const raw = body.modules[module];
    if (raw) plans[module] = await planModule({ client, pool, user, communes, lock }, module, raw);
  }
  return plans;
}

const preview = (plans: Partial<Record<ModuleName, ModulePlan>>) => ({
  plan: planDigest(plans),
  modules: Object.fromEntries(
    Object.entries(plans).map(([m, p]) => [m, modulePreview(m as ModuleName, p as ModulePlan)]),
  ),
});

/** Set-based writes of one module's accepted records (three statements whatever their number). */
async function writeModule(
  client: pg.ClientBase,
  user: SessionUser,
  module: ModuleName,
  writes: PlannedWrite[],
): Promise<void> {
  const def = MODULE_DEFS[module];
  const rows = (kind: PlannedWrite['kind']) => JSON.stringify(writes.filter((w) => w.kind === kind));
  const from = 'jsonb_to_recordset($1::jsonb) AS x(id text, insee text, geometry text, properties jsonb)';
  const geometry = def.geometric ? geometryColumns(def, 'x.geometry') : [];
  const extra = module === 'advice' ? [['structure', '$2::text'] as [string, string]] : [];
  const columns: [string, string][] = [
    ['insee', 'x.insee'],
    ['properties', 'x.properties'],
    ...geometry,
    ...extra,
  ];
  const params = (kind: PlannedWrite['kind']) =>
    extra.length ? [rows(kind), user.scope.structure] : [rows(kind)];
  await client.query(
    `INSERT INTO atlas.${module} (id, ${columns.map(([c]) => c).join(', ')})
     SELECT x.id, ${columns.map(([, e]) => e).join(', ')} FROM ${from}`,
    params('insert'),
  );
  await client.query(
    `UPDATE atlas.${module} t SET deleted = false, ${columns.map(([c, e]) => `${c} = ${e}`).join(', ')}
     FROM ${from} WHERE t.id = x.id`,
    params('revive'),
  );
  // Changed properties are merged over the team's (as a PATCH); the geometry only when it moved.
  const moved = geometry.map(([c, e]) => `${c} = CASE WHEN x.geometry IS NULL THEN t.${c} ELSE ${e} END`);
  await client.query(
    `UPDATE atlas.${module} t SET properties = t.properties || x.properties, insee = x.insee
       ${moved.map((s) => `, ${s}`).join('')}
     FROM ${from} WHERE t.id = x.id`,
    [rows('update')],
  );
}

export function registerTransfer(app: FastifyInstance, pool: pg.Pool): void {
  let communes: Promise<CommuneIndex> | null = null;
  const territory = () => {
    communes ??= loadCommuneIndex(pool).catch((error) => {
      communes = null;
      throw error;
    });
    return communes;
  };
  const parse = (body: unknown) => v.safeParse(TransferBody, body);

  app.post('/api/transfer/preview', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const body = parse(request.body);
    if (!body.success)
      return reply.code(422).send({ error: 'Envoi invalide.', fields: fieldErrors(body.issues) });
    const index = await territory();
    return asUser(pool, user, async (client) =>
      preview(await buildPlans(client, pool, user, index, body.output, false)),
    );
  });

  app.post('/api/transfer/apply', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const body = parse(request.body);
    if (!body.success)
      return reply.code(422).send({ error: 'Envoi invalide.', fields: fieldErrors(body.issues) });
    if (!body.output.plan)
      return reply
        .code(428)
        .send({ error: 'Empreinte de l’aperçu obligatoire (plan) : affichez l’aperçu avant d’envoyer.' });
    const index = await territory();
    const outcome = await asUser(
      pool,
      user,
      async (client) => {
        const plans = await buildPlans(client, pool, user, index, body.output, true);
        if (planDigest(plans) !== body.output.plan) return { stale: preview(plans) };
        const applied: Record<string, Record<string, number>> = {};
        for (const [name, plan] of Object.entries(plans) as [ModuleName, ModulePlan][]) {
          const mine = new Set(body.output.keepMine?.[name] ?? []);
          const counts = {
            added: 0,
            updated: 0,
            conflictMine: 0,
            conflictTheirs: 0,
            unchanged: 0,
            refused: 0,
          };
          const writes: PlannedWrite[] = [];
          for (const r of plan.records) {
            if (r.outcome === 'conflict' && !mine.has(r.id)) counts.conflictTheirs++;
            else if (r.outcome === 'conflict') counts.conflictMine++;
            else counts[r.outcome]++;
            // By outcome, not by id alone: a refused duplicate shares its id with the accepted record.
            const accepted = r.outcome === 'added' || r.outcome === 'updated' || mine.has(r.id);
            const write =
              r.outcome === 'refused' || r.outcome === 'unchanged' ? undefined : plan.writes.get(r.id);
            if (write && accepted) writes.push(write);
          }
          if (writes.length) await writeModule(client, user, name, writes);
          await client.query('SELECT atlas.audit_import($1, $2)', [
            name,
            JSON.stringify({ transfer: true, ...counts }),
          ]);
          // Live clients re-read what changed, as after an import (one notification, not one per row).
          if (writes.length)
            await client.query(`SELECT pg_notify('atlas_changes', $1)`, [
              JSON.stringify({ module: name, import: true }),
            ]);
          applied[name] = counts;
        }
        const refused = Object.fromEntries(
          Object.entries(plans).map(([m, p]) => [m, p!.records.filter((r) => r.outcome === 'refused')]),
        );
        return { applied, refused };
      },
      { bulk: true },
    );
    if ('stale' in outcome)
      return reply.code(409).send({
        error:
          'L’espace d’équipe a changé depuis l’aperçu : vérifiez le nouvel aperçu, puis envoyez à nouveau.',
        preview: outcome.stale,
      });
    return outcome;
  });
}
