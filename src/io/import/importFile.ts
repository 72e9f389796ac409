import type { Geometry } from 'geojson';
import type { CommuneIndex } from '../../geo/communeIndex.ts';
import { agree } from '../../lib/plural.ts';
import { CsvTextColumn } from '../csv/columns.ts';
import { checkFileSize, MAX_FILE_BYTES } from '../fileSize.ts';
import { EMPTY_MAPPING, guessMapping, malformedInseeColumn, resolveMapping } from '../mapping.ts';
import type { ColumnMapping, CrsCode, ImportResult, LayerKind, RowError, StringColumn } from '../types.ts';
import { locateByCommune, postcodeColumnProblem, resolverOf } from './communeRows.ts';
import { readSource, type SourceRows, sampleValues } from './source.ts';
import {
  type Joined,
  joinCommunes,
  type Located,
  locateByInsee,
  locateGeometries,
  locateXY,
  RowErrors,
  rejectDuplicateIds,
} from './stages.ts';

export interface ImportOptions {
  kind: LayerKind;
  fileName: string;
  crs?: 'auto' | CrsCode;
  mapping?: Partial<ColumnMapping>;
  communes?: CommuneIndex | null;
  onProgress?: (rowsRead: number, totalEstimate: number) => void;
  signal?: AbortSignal;
  maxBytes?: number;
  /** GeoPackage layer (see SourceOptions.layer). */
  layer?: string | null;
  /**
   * Filled with wall times per stage when given (the benchmark's per-stage medians): parse = reading the
   * table, reproject = coordinates → numbers → WGS84 (CRS decision included), join = point → commune.
   */
  stageTimes?: ImportStageTimes;
}

export interface ImportStageTimes {
  parseMs: number;
  reprojectMs: number;
  joinMs: number;
}

/** One limit, in decimal Mo like the docs, the UI and file explorers (src/io/fileSize.ts). */
export const DEFAULT_MAX_BYTES = MAX_FILE_BYTES;

/** « a, b, c … et 99 990 autres colonnes »: a message never echoes a whole 100,000-name header. */
export function listWithCount(items: readonly string[], one: string, many: string, shown = 10): string {
  const listed = items.slice(0, shown).map((item) => (item.length > 60 ? `${item.slice(0, 60)}…` : item));
  const others = items.length - shown;
  if (others <= 0) return listed.join(', ');
  return `${listed.join(', ')} … et ${others.toLocaleString('fr-FR')} ${others === 1 ? `autre ${one}` : `autres ${many}`}`;
}

/** A result for a file refused as a whole: `ok: false`, the reason as the error of row 0. */
export function failedImport(
  kind: LayerKind,
  reason: string,
  extra: Partial<Pick<ImportResult, 'encoding' | 'delimiter' | 'fields' | 'mapping' | 'warnings'>> = {},
): ImportResult {
  return {
    ok: false,
    kind,
    encoding: extra.encoding ?? null,
    delimiter: extra.delimiter ?? null,
    crs: null,
    swappedAxes: false,
    crsCandidates: [],
    rows: 0,
    fields: extra.fields ?? [],
    mapping: extra.mapping ?? { ...EMPTY_MAPPING },
    features: {
      count: 0,
      row: new Int32Array(0),
      lon: new Float64Array(0),
      lat: new Float64Array(0),
      geometry: null,
      insee: [],
      crossed: null,
      attributes: {},
    },
    errors: [{ row: 0, reason }],
    warnings: extra.warnings ?? [],
    outsideTerritory: 0,
  };
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return !!signal?.aborted || (error instanceof Error && error.name === 'AbortError');
}

/** Lets a worker receive its cancel message between chunks; a no-op cost when nobody can cancel. */
function checkpointFor(options: ImportOptions) {
  const { signal, onProgress } = options;
  return async (rowsRead: number, totalEstimate: number) => {
    onProgress?.(rowsRead, totalEstimate);
    if (signal) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal.throwIfAborted();
    }
  };
}

/**
 * Any supported file (CSV, GeoJSON, zipped shapefile) → validated WGS84 features joined to communes.
 * Every data row ends up either accepted or in `errors` with a French reason; rows outside the territory
 * are accepted with `insee: null` and counted in `outsideTerritory`. Throws only an AbortError on cancel.
 */
export async function importFile(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const { kind } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) return failedImport(kind, checkFileSize(bytes.length, maxBytes)!);
  if (bytes.length === 0) return failedImport(kind, 'Fichier vide.');
  try {
    const started = performance.now();
    const read = await readSource(bytes, options.fileName, {
      checkpoint: checkpointFor(options),
      layer: options.layer,
    });
    if (options.stageTimes) options.stageTimes.parseMs = performance.now() - started;
    if (!read.ok) return failedImport(kind, read.reason);
    return await importRows(read.source, options);
  } catch (error) {
    if (isAbort(error, options.signal)) throw error;
    // The library's own (English) message would tell the user nothing: the file is named, the error is not.
    return failedImport(
      kind,
      'Erreur inattendue pendant la lecture du fichier : son contenu ne correspond pas à son format. Vérifiez-le, ou transmettez-le au support.',
    );
  }
}

async function importRows(source: SourceRows, options: ImportOptions): Promise<ImportResult> {
  const { kind } = options;
  const warnings = [...source.warnings];
  const samples = source.fields.map((name) => ({
    name,
    values: sampleValues(source.columns.get(name)!, source.count),
  }));
  const guess = guessMapping(samples, kind);
  const { mapping, problems } = resolveMapping(source.fields, guess, options.mapping);
  warnings.push(...problems);
  if (source.geometries) {
    // Features carry their geometry: coordinate columns do not apply.
    mapping.x = null;
    mapping.y = null;
    mapping.wkt = null;
  } else if (!mapping.x || !mapping.y) {
    mapping.x = null;
    mapping.y = null;
  }
  const context = {
    encoding: source.encoding,
    delimiter: source.delimiter,
    fields: source.fields,
    mapping,
    warnings,
  };
  const byCommune = !!(mapping.insee || mapping.commune || mapping.postcode);
  if (!source.geometries && !mapping.x && !mapping.wkt && !byCommune) {
    const insee = options.mapping?.insee === undefined ? malformedInseeColumn(samples) : null;
    if (insee) {
      const shown = insee.malformed.slice(0, 3).map((v) => `« ${v.length > 20 ? `${v.slice(0, 20)}…` : v} »`);
      return failedImport(
        kind,
        `La colonne « ${insee.name} » devrait contenir des codes INSEE de commune, mais ${insee.malformed.length} valeur${insee.malformed.length > 1 ? 's' : ''} sur ${insee.checked} examinée${insee.checked > 1 ? 's' : ''} n’en ${insee.malformed.length > 1 ? 'sont' : 'est'} pas (${shown.join(', ')}) : un code INSEE a 5 caractères, par exemple 62160 ou 2A004. Corrigez cette colonne, ou indiquez des colonnes de coordonnées.`,
        context,
      );
    }
    return failedImport(
      kind,
      `Aucune colonne de coordonnées (X/Y, longitude/latitude), de géométrie WKT, de code INSEE, de nom de commune ni de code postal reconnue parmi : ${listWithCount(source.fields, 'colonne', 'colonnes')}. Indiquez les colonnes à utiliser.`,
      context,
    );
  }

  const n = source.count;
  const errors = new RowErrors(n, source.problems);
  const forced = options.crs && options.crs !== 'auto' ? options.crs : null;
  const communes = options.communes ?? null;

  let located: Located | null = null;
  let codes: (string | null)[] | null = null;
  const area = communes?.bounds ?? null;
  const locateStarted = performance.now();
  if (source.geometries || mapping.wkt) located = locateGeometries(source, mapping, forced, errors, area);
  else if (mapping.x) located = locateXY(source, mapping, forced, errors, area);
  else {
    const resolver = resolverOf(communes);
    const refused = postcodeColumnProblem(source, mapping, resolver);
    if (refused) return failedImport(kind, refused, context);
    if (!mapping.commune && !mapping.postcode) codes = locateByInsee(source, mapping, errors, warnings);
    else if (resolver) codes = locateByCommune(source, mapping, resolver, errors, warnings);
    else if (mapping.insee) codes = locateByInsee(source, mapping, errors, warnings);
    else
      return failedImport(
        kind,
        'Les noms et codes postaux des communes ne sont pas disponibles ici : indiquez une colonne de code INSEE ou de coordonnées.',
        context,
      );
    warnings.push(
      'Aucune colonne de coordonnées : les lignes sont rattachées à leur commune (code INSEE, nom ou code postal), sans position sur la carte.',
    );
  }
  if (located) warnings.push(...located.warnings);
  if (options.stageTimes) options.stageTimes.reprojectMs = performance.now() - locateStarted;
  options.signal?.throwIfAborted();

  if (mapping.id) rejectDuplicateIds(source.columns.get(mapping.id)!, source.rowNumber, errors, mapping.id);

  let joined: Joined | null = null;
  const joinStarted = performance.now();
  if (located && communes) joined = joinCommunes(located, communes, errors);
  if (options.stageTimes) options.stageTimes.joinMs = performance.now() - joinStarted;
  if (!communes)
    warnings.push('Communes du territoire non fournies : rattachement aux communes non effectué.');
  options.signal?.throwIfAborted();

  // Accepted rows, in file order.
  const flags = errors.flags;
  const accepted = n - errors.size;
  const positions = acceptedPositions(flags, accepted);
  const codeOf = communes?.codes ?? [];
  let insee: (string | null)[] = new Array<string | null>(accepted).fill(null);
  let outside = 0;
  if (joined) ({ insee, outside } = codesOfCommunes(joined.commune, positions, codeOf));
  else if (codes && communes) {
    const known = new Set(codeOf);
    for (let k = 0; k < accepted; k++) {
      const code = codes[positions[k]!]!;
      if (known.has(code)) insee[k] = code;
      else outside++;
    }
  }
  if (joined && mapping.insee) {
    const mismatches = countInseeMismatches(source.columns.get(mapping.insee)!, positions, insee);
    if (mismatches > 0) {
      warnings.push(
        `${mismatches.toLocaleString('fr-FR')} ${agree(mismatches, 'ligne', 'lignes')} : le code INSEE du fichier (colonne ${mapping.insee}) diffère de la commune où se trouve la géométrie ; la position fait foi.`,
      );
    }
  }

  const allAccepted = accepted === n;
  const pick = (array: Float64Array) =>
    allAccepted && array.length === n ? array : gatherFloat(array, positions);
  const lon = located ? pick(located.lon) : new Float64Array(accepted).fill(Number.NaN);
  const lat = located ? pick(located.lat) : new Float64Array(accepted).fill(Number.NaN);
  const row = gatherInt(source.rowNumber, positions);

  let geometry: (Geometry | null)[] | null = null;
  if (located?.geometries && positions.some((i) => located.geometries![i]?.type !== 'Point')) {
    geometry = Array.from(positions, (i) => located.geometries![i] ?? null);
  }
  let crossed: (string[] | null)[] | null = null;
  if (joined?.crossed) {
    const list = joined.crossed;
    crossed = Array.from(positions, (i) => list[i]?.map((c) => codeOf[c]!) ?? null);
  }
  const attributes: Record<string, StringColumn> = {};
  for (const field of source.fields) {
    const column = source.columns.get(field)!;
    attributes[field] = allAccepted ? column : column.select(positions);
  }

  const errorList: RowError[] = [...errors.reasons.keys()]
    .sort((a, b) => a - b)
    .map((i) => ({ row: source.rowNumber[i]!, reason: errors.reasons.get(i)! }));
  options.onProgress?.(n, n);
  return {
    ok: true,
    kind,
    encoding: source.encoding,
    delimiter: source.delimiter,
    crs: located?.crs ?? null,
    swappedAxes: located?.swapped ?? false,
    crsCandidates: located?.candidates ?? [],
    rows: n,
    fields: source.fields,
    mapping,
    features: { count: accepted, row, lon, lat, geometry, insee, crossed, attributes },
    errors: errorList,
    warnings,
    outsideTerritory: outside,
  };
}

/* Million-row loops in small functions of their own, so that V8 optimises each once (see stages.ts). */

function acceptedPositions(flags: Uint8Array, accepted: number): Int32Array {
  const positions = new Int32Array(accepted);
  for (let i = 0, k = 0; k < accepted; i++) if (!flags[i]) positions[k++] = i;
  return positions;
}

function codesOfCommunes(
  commune: Int32Array,
  positions: Int32Array,
  codes: readonly string[],
): { insee: (string | null)[]; outside: number } {
  const insee = new Array<string | null>(positions.length).fill(null);
  let outside = 0;
  for (let k = 0; k < positions.length; k++) {
    const c = commune[positions[k]!]!;
    if (c >= 0) insee[k] = codes[c]!;
    else outside++;
  }
  return { insee, outside };
}

function gatherFloat(array: Float64Array, positions: Int32Array): Float64Array {
  const out = new Float64Array(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = array[positions[k]!]!;
  return out;
}

function gatherInt(array: Int32Array, positions: Int32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = array[positions[k]!]!;
  return out;
}

function countInseeMismatches(column: StringColumn, positions: Int32Array, insee: (string | null)[]): number {
  if (column instanceof CsvTextColumn) return column.countDifferent(insee, positions);
  let mismatches = 0;
  for (let k = 0; k < positions.length; k++) {
    const text = column.get(positions[k]!);
    if (insee[k] && text !== null && text !== insee[k]) mismatches++;
  }
  return mismatches;
}
