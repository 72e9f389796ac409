import { brownfieldsFromImport } from '../../domain/friches/mapping.ts';
import {
  IMPORT_MODE_LABELS,
  type ImportMode,
  importedRecords,
  planImport,
} from '../../domain/importModes.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { hypothesisLabel } from '../../io/crs/index.ts';
import { importFile } from '../../io/import/importFile.ts';
import { boundsOf, countByCommune } from '../../io/import/records.ts';
import type { ColumnMapping, CrsCode, ImportResult, LayerKind } from '../../io/types.ts';
import { crsOption, option, parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';
import { readInputFile } from '../input.ts';
import { loadTerritory } from '../territoryData.ts';

const KINDS: readonly LayerKind[] = ['lights', 'advice', 'friches', 'context'];

export interface ImportSummary {
  kind: LayerKind;
  encoding: string | null;
  delimiter: string | null;
  crs: CrsCode | null;
  swappedAxes: boolean;
  rows: number;
  accepted: number;
  rejected: number;
  outsideTerritory: number;
  errors: { row: number; reason: string }[];
  byCommune: Record<string, number>;
  /** [minLon, minLat, maxLon, maxLat] (WGS84) of the accepted rows with a position; null when none. */
  bbox: [number, number, number, number] | null;
  /** Only when several systems fit the values: the codes the user could pass as --crs. */
  crsCandidates?: CrsCode[];
  /** With --base: what --mode would do to the base file's records (see domain/importModes.ts). */
  added?: number;
  updated?: number;
  unchanged?: number;
}

/**
 * `atlas import <file> --kind lights|advice|friches|context [--crs auto|EPSG:…]
 *  [--layer NAME] [--mode replace|add|merge --base FILE] [--id COL] [--x COL] [--y COL] [--wkt COL] [--insee COL] [--commune COL] [--postcode COL] --json`
 */
export async function run(args: string[]): Promise<ImportSummary> {
  const { positional, options } = parseArgs(args);
  const file = positional[0];
  if (!file) throw new CliError('Indiquez le fichier à importer : atlas import <fichier> --kind friches', 2);
  const kind = option(options, 'kind');
  if (!kind || !(KINDS as readonly string[]).includes(kind)) {
    throw new CliError(`Option --kind obligatoire : ${KINDS.join(', ')}.`, 2);
  }
  const crs = crsOption(options);
  const mapping: Partial<ColumnMapping> = {};
  for (const key of ['id', 'x', 'y', 'wkt', 'insee', 'commune', 'postcode'] as const) {
    const value = option(options, key);
    if (value !== undefined) mapping[key] = value === '' ? null : value;
  }

  const mode = option(options, 'mode') ?? 'merge';
  if (!(mode in IMPORT_MODE_LABELS)) throw new CliError('Option --mode : replace, add ou merge.', 2);
  const baseFile = option(options, 'base');

  const communes = buildCommuneIndex(loadTerritory().communes);
  const layer = option(options, 'layer') ?? null;
  const load = (name: string) => {
    // Size checked before reading (src/cli/input.ts).
    const { path, bytes } = readInputFile(name);
    return importFile(bytes, { layer, kind: kind as LayerKind, fileName: path, crs, mapping, communes });
  };
  const result = await load(file);
  if (!result.ok) throw new CliError(result.errors[0]?.reason ?? 'Import impossible.');
  const { summary, warnings } = summarizeImport(result);
  for (const warning of warnings) process.stderr.write(`Avertissement : ${warning}\n`);
  if (baseFile !== undefined) {
    // The base file stands for the data already there: the same plan the app previews before validation.
    const base = await load(baseFile);
    if (!base.ok) throw new CliError(`Fichier de base : ${base.errors[0]?.reason ?? 'import impossible.'}`);
    const plan = planImport({
      mode: mode as ImportMode,
      current: importedRecords(base),
      incoming: importedRecords(result),
      idOf: (r) => r.id,
      fingerprintOf: (r) => r.fingerprint,
    });
    summary.added = plan.added;
    summary.updated = plan.updated;
    summary.unchanged = plan.unchanged;
  }
  const candidates = result.crsCandidates ?? [];
  if (!result.crs && candidates.length > 0) {
    throw new CliError(
      `Système de coordonnées ambigu : les valeurs conviennent à ${candidates.map(hypothesisLabel).join(', ')}. Relancez avec --crs ${summary.crsCandidates!.join(' | ')}.`,
      3,
      summary,
    );
  }
  return summary;
}

/**
 * The report JSON of an accepted engine result, shared by `atlas import` and the server's POST /api/imports
 * (one implementation, so both print the same figures for the same file).
 */
export function summarizeImport(result: ImportResult): { summary: ImportSummary; warnings: string[] } {
  const friches = result.kind === 'friches' ? frichesCounts(result) : null;
  const counts = countByCommune(result.features);
  const byCommune: Record<string, number> = {};
  for (const code of Object.keys(counts).sort()) byCommune[code] = counts[code]!;
  const summary: ImportSummary = {
    kind: result.kind,
    encoding: result.encoding,
    delimiter: result.delimiter,
    crs: result.crs,
    swappedAxes: result.swappedAxes,
    rows: result.rows,
    accepted: result.features.count,
    rejected: result.errors.length,
    outsideTerritory: result.outsideTerritory,
    errors: result.errors.map(({ row, reason }) => ({ row, reason })),
    byCommune,
    bbox: boundsOf(result.features),
    ...friches?.counts,
  };
  const candidates = result.crsCandidates ?? [];
  if (candidates.length > 0) summary.crsCandidates = [...new Set(candidates.map((c) => c.crs))];
  return { summary, warnings: friches?.warnings ?? result.warnings };
}

/**
 * Friches go through the same validation as `atlas friches` (tolerant enumerations, non-conformant sites kept),
 * so that both commands agree on which rows are valid.
 */
function frichesCounts(result: ImportResult) {
  const { sites, report } = brownfieldsFromImport(result);
  const byCommune: Record<string, number> = {};
  const codes = sites.flatMap((s) => (s.territoryInsee ? [s.territoryInsee] : [])).sort();
  for (const code of codes) byCommune[code] = (byCommune[code] ?? 0) + 1;
  return {
    warnings: report.warnings,
    counts: {
      accepted: report.valid,
      rejected: report.rejected.length,
      outsideTerritory: report.outsideTerritory,
      errors: report.rejected.map(({ row, reason }) => ({ row, reason })),
      byCommune,
    } satisfies Partial<ImportSummary>,
  };
}
