/**
 * Brownfield files into sites and context layers, for the sample and for user files alike: the import engine
 * (`runImport`, kind 'friches' or 'context') then the module's mappings — the same path as `atlas friches`.
 */
import {
  type Brownfield,
  brownfieldsFromImport,
  CONTEXT_ROLE_LABELS,
  type ContextLayerResult,
  communeNamesOf,
  contextLayerFromImport,
  detectContextRole,
  type FrichesImportReport,
  type ImportableRole,
  isImportableRole,
} from '../../domain/friches/index.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import type { FrichesContext } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { fetchGenerated, type RunImportControls, runImport } from '../data/importService.ts';
import { fetchSampleMeta, sampleLoader } from '../data/sample.ts';
import { type ModuleOutcome, splitFileErrors } from '../import/outcome.ts';

export const SAMPLE_FILE = 'sample-friches.csv';
const SAMPLE_META = 'sample-friches.meta.json';

export interface InventoryImport {
  sites: Brownfield[];
  report: FrichesImportReport;
  /** Set when the file as a whole could not be read. */
  fatal: string | null;
}

function communes() {
  const { territory } = useAppStore.getState();
  if (!territory) throw new Error('Le territoire n’est pas encore chargé.');
  return territory.communes;
}

export async function importInventory(
  bytes: Uint8Array,
  fileName: string,
  controls: RunImportControls = {},
): Promise<InventoryImport> {
  const result = await runImport(bytes, communes(), { kind: 'friches', fileName }, controls);
  const { sites, report } = brownfieldsFromImport(result, communeNamesOf(communes()));
  return { sites, report, fatal: result.ok ? null : (result.errors[0]?.reason ?? 'Fichier illisible.') };
}

export async function importContextLayer(
  bytes: Uint8Array,
  fileName: string,
  role: ImportableRole,
  controls: RunImportControls = {},
): Promise<ContextLayerResult> {
  const result = await runImport(bytes, communes(), { kind: 'context', fileName }, controls);
  return contextLayerFromImport(result, role);
}

/** The CNIG mapping as the import dialog reports it: invalid sites rejected, kept sites with remarks flagged. */
export function inventoryImportOutcome(result: ImportResult): ModuleOutcome<InventoryImport> {
  const { sites, report } = brownfieldsFromImport(result, communeNamesOf(communes()));
  const { fatal, rows } = splitFileErrors(report.rejected);
  const fileFatal = result.ok ? null : (result.errors[0]?.reason ?? 'Fichier illisible.');
  const state = useAppStore.getState();
  const keepsWork = state.frichesSource?.kind !== 'sample' && state.frichesSites.length > 0;
  return {
    value: { sites, report, fatal: fileFatal },
    accepted: sites.length,
    errors: rows,
    flagged: report.flagged.map((f) => ({ row: f.row, reason: `${f.siteId} : ${f.issues.join(' ; ')}` })),
    outsideTerritory: report.outsideTerritory,
    warnings: report.warnings,
    fatal: fileFatal ?? fatal,
    unit: ['site retenu', 'sites retenus'],
    notice: keepsWork
      ? `Valider remplace les ${state.frichesSites.length} sites actuels : pensez à exporter l’inventaire actuel avant.`
      : 'Valider remplace les données d’exemple par ces sites.',
  };
}

/**
 * A context layer as the import dialog reports it. The layer keeps only usable features (points with a
 * position, or polygons for area roles): every other row is listed as rejected with its reason.
 */
export function contextImportOutcome(
  result: ImportResult,
  role: ImportableRole,
): ModuleOutcome<ContextLayerResult> {
  const layer = contextLayerFromImport(result, role);
  const engineErrors = result.ok ? result.errors : [];
  if (!layer.ok)
    return {
      value: layer,
      accepted: 0,
      errors: engineErrors,
      outsideTerritory: 0,
      warnings: [],
      fatal: layer.reason,
    };
  const detected = detectContextRole(result.fields);
  const roleWarning =
    detected && detected.role !== role
      ? [
          `Ce fichier ressemble à une couche ${detected.source} : rôle conseillé « ${CONTEXT_ROLE_LABELS[detected.role]} » (rôle choisi : « ${CONTEXT_ROLE_LABELS[role]} »).`,
        ]
      : [];
  const kept = new Set(layer.layer.features.map((f) => Number(f.properties?.row)));
  const isArea = layer.layer.features[0]?.geometry.type !== 'Point';
  const { features } = result;
  const dropped: RowError[] = [];
  let outside = 0;
  for (let i = 0; i < features.count; i++) {
    const row = features.row[i]!;
    if (!kept.has(row))
      dropped.push({
        row,
        reason: isArea
          ? 'élément non surfacique : une zone (polygone) est attendue'
          : 'élément sans position exploitable',
      });
    else if (result.outsideTerritory > 0 && features.insee[i] === null) outside++;
  }
  return {
    value: layer,
    accepted: layer.count,
    errors: [...engineErrors, ...dropped].sort((a, b) => a.row - b.row),
    outsideTerritory: outside,
    warnings: [...roleWarning, ...layer.warnings],
    fatal: null,
    unit: ['élément retenu', 'éléments retenus'],
    // The import modes' preview says what validating does to the current layer of this role.
    info:
      `${detected?.role === role ? `Couche reconnue : ${detected.source}. ` : ''}` +
      `Valider charge cette couche comme « ${CONTEXT_ROLE_LABELS[role]} ».`,
  };
}

interface SampleMeta {
  seed?: number;
  context?: Record<string, string>;
}

async function sampleContext(meta: Partial<SampleMeta>): Promise<FrichesContext> {
  const context: FrichesContext = {};
  for (const [role, file] of Object.entries(meta.context ?? {})) {
    if (!isImportableRole(role)) continue;
    const layer = await importContextLayer(await fetchGenerated(file), file, role);
    if (!layer.ok) throw new Error(layer.reason);
    context[role] = {
      role,
      layer: layer.layer,
      source: { kind: 'sample', label: 'exemple fictif' },
      count: layer.count,
    };
  }
  return context;
}

/**
 * Loads the generated sample (40 fictional sites and fictional context layers) when the module has no data
 * once the saved workspace is restored (the rules of `sampleLoader`: one load, never over data that arrived).
 */
export const ensureFrichesSample = sampleLoader({
  isEmpty: (s) => !s.frichesSource && s.frichesSites.length === 0,
  load: async () => {
    const meta = await fetchSampleMeta<SampleMeta>(SAMPLE_META);
    const inventory = await importInventory(await fetchGenerated(SAMPLE_FILE), SAMPLE_FILE);
    if (inventory.fatal || inventory.sites.length === 0)
      throw new Error(inventory.fatal ?? 'Jeu d’exemple sans site valide.');
    return { sites: inventory.sites, context: await sampleContext(meta), meta };
  },
  apply: ({ sites, context, meta }, now) => {
    // Context first: a user's own layers restored from storage are kept, samples only fill empty roles.
    now.setFrichesContext({ ...context, ...now.frichesContext });
    now.replaceFrichesSites(sites, {
      kind: 'sample',
      label: "Données d'exemple",
      ...(typeof meta.seed === 'number' ? { seed: meta.seed } : {}),
    });
  },
});
