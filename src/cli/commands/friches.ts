import { analyseFriches, type RankingRow, rankingRows } from '../../domain/friches/analysis.ts';
import {
  contextLayerFromImport,
  detectContextRole,
  isImportableRole,
  roleList,
  withContextLayer,
} from '../../domain/friches/contextImport.ts';
import { profileCoverage } from '../../domain/friches/coverage.ts';
import { brownfieldsFromImport, communeNamesOf } from '../../domain/friches/mapping.ts';
import { defaultProfile, isPresetId, PRESETS } from '../../domain/friches/presets.ts';
import type { ContextLayers } from '../../domain/friches/types.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import type { LayerKind } from '../../io/types.ts';
import { parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { readInputFile } from '../input.ts';
import { loadTerritory } from '../territoryData.ts';

export interface FrichesSummary {
  sites: number;
  valid: number;
  invalid: number;
  ranking: RankingRow[];
  shortlist: string[];
}

const note = (text: string) => process.stderr.write(`${text}\n`);

/**
 * `atlas friches <file> [--context <role>=<file> ...] [--preset habitat|economie|equipement|renaturation]
 *  [--pin <site_id>[=justification] ...] --json`. Reports (rejected rows, flags, warnings) go to stderr.
 */
export async function run(args: string[]): Promise<FrichesSummary> {
  const { positional, options } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError('Indiquez l’inventaire des friches : atlas friches <fichier> --json', 2);
  const presetId = options.get('preset')?.at(-1);
  if (presetId !== undefined && !isPresetId(presetId)) {
    throw new CliError(`Option --preset : ${Object.keys(PRESETS).join(', ')}.`, 2);
  }
  const profile = presetId ? PRESETS[presetId].profile : defaultProfile();

  const territory = loadTerritory();
  const communes = buildCommuneIndex(territory.communes);
  const load = async (path: string, bytes: Uint8Array, kind: LayerKind) =>
    importFile(bytes, { kind, fileName: path, communes });

  const inventory = readInputFile(file);
  const imported = await load(inventory.path, inventory.bytes, 'friches');
  if (!imported.ok) throw new CliError(imported.errors[0]?.reason ?? 'Import impossible.');
  const { sites, report } = brownfieldsFromImport(imported, communeNamesOf(territory.communes));
  for (const warning of report.warnings) note(`Avertissement : ${warning}`);
  for (const { row, reason } of report.rejected) note(`Ligne ${row} rejetée : ${reason}`);
  if (report.outsideTerritory > 0) {
    const n = report.outsideTerritory;
    note(
      n === 1
        ? '1 site hors du territoire : conservé et signalé (« outsideTerritory »), jamais classé.'
        : `${n} sites hors du territoire : conservés et signalés (« outsideTerritory »), jamais classés.`,
    );
  }
  for (const { row, issues } of report.flagged)
    for (const issue of issues) note(`Ligne ${row} signalée : ${issue}`);

  let layers: ContextLayers = { communes: territory.communes, communeCentres: territory.centres };
  for (const spec of options.get('context') ?? []) {
    // `--context <rôle>=<fichier>`, or `--context <fichier>` for a file in a recognised official schema.
    const eq = spec.indexOf('=');
    const named = eq > 0 ? spec.slice(0, eq) : '';
    if (named && !isImportableRole(named)) {
      throw new CliError(
        `Option --context <rôle>=<fichier> : rôle « ${named} » inconnu. Rôles : ${roleList()}.`,
        2,
      );
    }
    const context = readInputFile(named ? spec.slice(eq + 1) : spec);
    const imported = await load(context.path, context.bytes, 'context');
    const detected = detectContextRole(imported.fields, context.path);
    const role = named && isImportableRole(named) ? named : detected?.role;
    if (!role) {
      throw new CliError(
        `Option --context ${spec} : rôle de la couche non reconnu, précisez-le (--context <rôle>=<fichier>). Rôles : ${roleList()}.`,
        2,
      );
    }
    if (!named && detected) note(`Couche ${context.path} : ${detected.source}, rôle « ${role} ».`);
    else if (detected && detected.role !== role) {
      note(
        `Avertissement : ${context.path} ressemble à ${detected.source} (rôle « ${detected.role} »), chargé comme « ${role} ».`,
      );
    }
    const layer = contextLayerFromImport(imported, role);
    if (!layer.ok) throw new CliError(layer.reason);
    for (const warning of layer.warnings) note(`Avertissement : ${warning}`);
    layers = withContextLayer(layers, role, layer.layer);
  }

  const pins = (options.get('pin') ?? []).map((spec) => {
    const eq = spec.indexOf('=');
    return eq > 0 ? { siteId: spec.slice(0, eq), note: spec.slice(eq + 1) } : { siteId: spec, note: '' };
  });
  const analysis = analyseFriches(sites, layers, profile, { pins });
  for (const warning of analysis.review?.warnings ?? []) note(`Liste restreinte : ${warning}`);
  const unfed = analysis.matrix.criteria.filter((_, j) => analysis.matrix.missingLayers[j]!.length > 0);
  if (unfed.length > 0) {
    const roles = [...new Set(unfed.flatMap((c) => c.needs))].filter(
      (r) => !analysis.context.available.has(r),
    );
    note(
      `Critères non renseignés faute de couche de contexte : ${unfed.map((c) => c.label).join(', ')} ` +
        `(ajoutez --context ${roles.map((r) => `${r}=<fichier>`).join(' --context ')}).`,
    );
  }
  const coverage = profileCoverage(analysis.matrix, profile);
  if (coverage.warning) note(`Avertissement : ${coverage.warning}`);
  if (analysis.shortlist.length === 0) {
    note(
      'Liste restreinte vide : aucun site du territoire n’est classé (sites hors du territoire, écartés ou ' +
        'sans aucun critère renseigné).',
    );
  }
  for (const failure of analysis.matrix.failures) {
    note(
      `Critère ${failure.criterion} non calculé pour ${analysis.matrix.siteIds[failure.site]} : ${failure.reason}`,
    );
  }
  return {
    sites: report.sites,
    valid: report.valid,
    invalid: report.invalid,
    ranking: rankingRows(analysis),
    shortlist: analysis.shortlist,
  };
}
