/**
 * The dashboard's "current data" for headless commands: each module's file (the seeded sample datasets
 * by default) read through the import engine and the module's own mapping, then summarised for the
 * indicators exactly as the app does. A missing file leaves its dataset unloaded (no data, not zero) and
 * says so on stderr.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mapAdviceImport } from '../domain/advice/mapping.ts';
import { plural } from '../domain/choropleth/format.ts';
import { prepareContext } from '../domain/friches/context.ts';
import {
  contextLayerFromImport,
  isImportableRole,
  withContextLayer,
} from '../domain/friches/contextImport.ts';
import { brownfieldsFromImport } from '../domain/friches/mapping.ts';
import { computeCriteriaMatrix } from '../domain/friches/matrix.ts';
import { defaultProfile } from '../domain/friches/presets.ts';
import { rankSites } from '../domain/friches/scoring.ts';
import type { ContextLayers } from '../domain/friches/types.ts';
import { adviceInput, brownfieldsInput, lightsInput } from '../domain/indicators/adapters.ts';
import type { CommuneRef, Dataset, IndicatorData } from '../domain/indicators/types.ts';
import { DEFAULT_LIGHTING_SETTINGS } from '../domain/lights/energy.ts';
import { mapLights } from '../domain/lights/mapping.ts';
import { DEFAULT_PERIOD_SCOPE, type PeriodScope } from '../domain/period.ts';
import { buildCommuneIndex, type CommuneIndex } from '../geo/communeIndex.ts';
import { importFile } from '../io/import/importFile.ts';
import type { ImportResult, LayerKind } from '../io/types.ts';
import { CliError } from './errors.ts';
import { generatedPath, loadTerritory, type TerritoryData } from './territoryData.ts';

export interface DataSources {
  lights?: string;
  advice?: string;
  friches?: string;
  /** Data date (ISO); default: the sample datasets' reference date, else today. */
  asOf?: string;
  /** Datasets to load (default all): an indicator only pays for the files it reads. */
  datasets?: readonly Dataset[];
  /** Period rule (domain/period.ts); default the contract period. */
  scope?: PeriodScope;
}

const SAMPLE_FILES: Record<'lights' | 'advice' | 'friches', string> = {
  lights: 'sample-lights.csv',
  advice: 'sample-advice.csv',
  friches: 'sample-friches.csv',
};

const note = (text: string) => process.stderr.write(`${text}\n`);

function readBytes(path: string, label: string): Uint8Array | null {
  if (!existsSync(path)) {
    note(`Note : ${label} absent (${path}) — indicateurs correspondants sans donnée. Lancez npm run setup.`);
    return null;
  }
  return readFileSync(path);
}

async function importAs(
  kind: LayerKind,
  explicit: string | undefined,
  index: CommuneIndex,
): Promise<ImportResult | null> {
  const sample = generatedPath(SAMPLE_FILES[kind as keyof typeof SAMPLE_FILES]);
  const path = explicit ? resolve(process.cwd(), explicit) : sample;
  const bytes = readBytes(
    path,
    explicit ? `Fichier ${explicit}` : `Jeu d'exemple ${SAMPLE_FILES[kind as 'lights']}`,
  );
  if (!bytes) {
    if (explicit) throw new CliError(`Fichier introuvable : ${explicit}`);
    return null;
  }
  const result = await importFile(bytes, { kind, fileName: path, communes: index });
  if (!result.ok) throw new CliError(`${path} : ${result.errors[0]?.reason ?? 'import impossible'}`);
  if (result.errors.length > 0)
    note(`Note : ${path} : ${plural(result.errors.length, 'ligne rejetée', 'lignes rejetées')} à l’import.`);
  return result;
}

/** Reference date of the sample datasets (their `*.meta.json`), the latest one. */
function sampleReferenceDate(): string | null {
  let latest: string | null = null;
  for (const file of Object.values(SAMPLE_FILES)) {
    const meta = generatedPath(file.replace(/\.csv$/, '.meta.json'));
    if (!existsSync(meta)) continue;
    try {
      const { referenceDate } = JSON.parse(readFileSync(meta, 'utf8')) as { referenceDate?: unknown };
      if (typeof referenceDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
        if (!latest || referenceDate > latest) latest = referenceDate;
      }
    } catch {
      // An unreadable meta file only loses the default date.
    }
  }
  return latest;
}

function communeRefs(territory: TerritoryData): CommuneRef[] {
  return territory.communes.features.map(({ properties: p }) => ({
    insee: p.insee,
    name: p.name,
    epciSiren: p.epciSiren,
    population: p.population,
  }));
}

/**
 * Context layers of the sample inventory (roles and files listed in sample-friches.meta.json), so sample
 * scores are those the friches screen shows; a user inventory is scored on the built-in layers only.
 */
async function sampleContextLayers(
  territory: TerritoryData,
  index: CommuneIndex,
  useSample: boolean,
): Promise<ContextLayers> {
  let layers: ContextLayers = { communes: territory.communes, communeCentres: territory.centres };
  const metaPath = generatedPath('sample-friches.meta.json');
  if (!useSample || !existsSync(metaPath)) return layers;
  let roles: Record<string, unknown> = {};
  try {
    roles =
      (JSON.parse(readFileSync(metaPath, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  } catch {
    note('Note : sample-friches.meta.json illisible — couches de contexte d’exemple ignorées.');
  }
  for (const [role, file] of Object.entries(roles)) {
    if (!isImportableRole(role) || typeof file !== 'string') continue;
    const path = generatedPath(file);
    if (!existsSync(path)) continue;
    const imported = await importFile(readFileSync(path), {
      kind: 'context',
      fileName: path,
      communes: index,
    });
    const layer = contextLayerFromImport(imported, role);
    if (layer.ok) layers = withContextLayer(layers, role, layer.layer);
    else note(`Note : couche de contexte ${file} ignorée : ${layer.reason}`);
  }
  return layers;
}

export async function loadIndicatorData(sources: DataSources = {}): Promise<IndicatorData> {
  const territory = loadTerritory();
  const { contract } = territory.meta;
  const communes = communeRefs(territory);
  const asOf = sources.asOf ?? sampleReferenceDate() ?? new Date().toISOString().slice(0, 10);
  const index = buildCommuneIndex(territory.communes);
  const scope = sources.scope ?? DEFAULT_PERIOD_SCOPE;
  const wanted = new Set<Dataset>(sources.datasets ?? ['lights', 'advice', 'brownfields']);

  const lightsResult = wanted.has('lights') ? await importAs('lights', sources.lights, index) : null;
  const lights = lightsResult
    ? lightsInput(mapLights(lightsResult).points, DEFAULT_LIGHTING_SETTINGS, contract, communes, scope)
    : null;

  const adviceResult = wanted.has('advice') ? await importAs('advice', sources.advice, index) : null;
  const advice = adviceResult
    ? adviceInput(
        mapAdviceImport(adviceResult, { communes, asOf, pseudonymKey: randomBytes(32).toString('hex') })
          .sessions,
        contract,
        communes,
        asOf,
        scope,
      )
    : null;

  const frichesResult = wanted.has('brownfields') ? await importAs('friches', sources.friches, index) : null;
  let brownfields: IndicatorData['brownfields'] = null;
  if (frichesResult) {
    const { sites } = brownfieldsFromImport(frichesResult);
    const layers = await sampleContextLayers(territory, index, !sources.friches);
    const context = prepareContext(layers);
    const matrix = computeCriteriaMatrix(sites, context);
    brownfields = brownfieldsInput(sites, matrix, rankSites(matrix, defaultProfile()));
  }

  return { communes, contract, asOf, scope, lights, advice, brownfields };
}
