/**
 * Inventory files into light points, for the sample and for users' files alike: the import engine then
 * `mapLights` — the same code path as `atlas lights` — both in the import worker (`runLightsImport`).
 */
import { type LightColumns, resolveLightColumns } from '../../domain/lights/columns.ts';
import type { LightsImport } from '../../domain/lights/index.ts';
import {
  interpretLightValue,
  LIGHT_DIALOG_FIELDS,
  LIGHT_FIELD_LABELS,
} from '../../domain/lights/interpret.ts';
import type { CrsCode } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';
import { fetchGenerated, type RunImportControls, runLightsImport } from '../data/importService.ts';
import { fetchSampleMeta, sampleLoader } from '../data/sample.ts';
import type { ModuleColumns, ModuleMappingSpec } from '../import/moduleMapping.ts';
import { type ModuleOutcome, splitFileErrors } from '../import/outcome.ts';
import type { ModuleImporter } from '../import/useImportFlow.ts';

export const SAMPLE_FILE = 'sample-lights.csv';

/**
 * What the import dialog hands to the panel: the mapped inventory, outside points included (flagged), with
 * each point's import-plan fingerprint when the worker computed it.
 */
export type LightsFileImport = LightsImport & { fingerprints?: readonly string[] };

export async function importLightsFile(
  bytes: Uint8Array,
  fileName: string,
  crs: 'auto' | CrsCode = 'auto',
  controls: RunImportControls = {},
): Promise<LightsFileImport> {
  const territory = useAppStore.getState().territory;
  if (!territory) throw new Error('Le territoire n’est pas encore chargé.');
  const { onProgress, signal } = controls;
  const { mapped } = await runLightsImport(
    bytes,
    territory.communes,
    { fileName, crs },
    {},
    {
      ...(signal ? { signal } : {}),
      onProgress: (done, total, phase) => {
        if (phase === 'engine') onProgress?.(done, total);
      },
    },
  );
  return mapped;
}

type DialogField = (typeof LIGHT_DIALOG_FIELDS)[number];
const isDialogField = (key: string): key is DialogField =>
  (LIGHT_DIALOG_FIELDS as readonly string[]).includes(key);

/** The columns chosen in the dialog, as `mapLights` overrides (only the module's own fields). */
export function lightColumnOverrides(columns: ModuleColumns | null): Partial<LightColumns> {
  const out: Partial<LightColumns> = {};
  for (const [key, value] of Object.entries(columns ?? {})) if (isDialogField(key)) out[key] = value;
  return out;
}

/** Every field the module reads, in the mapping step: detected column, preview, interpretation. */
export const LIGHTS_MAPPING: ModuleMappingSpec = {
  fields: LIGHT_DIALOG_FIELDS.map((key) => ({ key, label: LIGHT_FIELD_LABELS[key] })),
  guess: (fields) => {
    const found = resolveLightColumns(fields, null);
    return Object.fromEntries(LIGHT_DIALOG_FIELDS.map((key) => [key, found[key]]));
  },
  interpret: (key, value) => (isDialogField(key) ? interpretLightValue(key, value) : value),
};

/** The inventory mapping as the import dialog reports it: rows it refuses are listed with the engine's. */
function lightsOutcome(mapped: LightsImport): ModuleOutcome<LightsFileImport> {
  const { fatal, rows } = splitFileErrors(mapped.errors);
  const current = useAppStore.getState().lightPoints.length;
  return {
    value: mapped,
    accepted: mapped.points.length,
    errors: rows,
    // Kept and flagged (`outsideTerritory` on the point), drawn greyed, counted toward no gauge.
    outsideTerritory: mapped.outsideTerritory,
    warnings: mapped.warnings,
    fatal: fatal ?? (mapped.ok ? null : 'Fichier inutilisable comme inventaire.'),
    unit: ['point lumineux retenu', 'points lumineux retenus'],
    notice: `Valider remplace l’inventaire actuel (${current.toLocaleString('fr-FR')} points) par ces points.`,
  };
}

/** The import dialog's run: engine and mapping in the worker, cancellable, progress through both. */
export const lightsImporter: ModuleImporter<LightsFileImport> = async (bytes, options, columns, controls) => {
  const territory = useAppStore.getState().territory;
  if (!territory) throw new Error('Le territoire n’est pas encore chargé.');
  const { result, mapped } = await runLightsImport(
    bytes,
    territory.communes,
    options,
    lightColumnOverrides(columns),
    controls,
  );
  return { result, outcome: lightsOutcome(mapped) };
};

/**
 * Loads the generated sample when the module has no data at all, once the saved workspace has been
 * restored (the rules of `sampleLoader`: one load, never over data that arrived meanwhile).
 */
export const ensureLightsSample = sampleLoader({
  isEmpty: (s) => !s.lightsSource && s.lightPoints.length === 0,
  load: async () => {
    const [bytes, meta] = await Promise.all([
      fetchGenerated(SAMPLE_FILE),
      fetchSampleMeta<{ seed: number; generatedAt: string }>('sample-lights.meta.json'),
    ]);
    const mapped = await importLightsFile(bytes, SAMPLE_FILE);
    if (!mapped.ok) throw new Error(mapped.errors[0]?.reason ?? 'Jeu d’exemple illisible.');
    return { points: mapped.points, meta };
  },
  apply: ({ points, meta }, now) =>
    now.replaceLights(points, {
      kind: 'sample',
      label: "Données d'exemple",
      ...(typeof meta.seed === 'number' ? { seed: meta.seed } : {}),
      ...(typeof meta.generatedAt === 'string' ? { generatedAt: meta.generatedAt } : {}),
    }),
});
