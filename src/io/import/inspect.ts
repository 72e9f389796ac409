import { type CrsHypothesis, detectCrs, type Range } from '../crs/index.ts';
import { CsvTextColumn } from '../csv/columns.ts';
import { parseNumberFr } from '../formats/number.ts';
import { parseGeometryText } from '../geometryText.ts';
import type { GpkgLayer } from '../gpkg/read.ts';
import { EMPTY_MAPPING, fileShapeKey, guessMapping } from '../mapping.ts';
import type { ColumnMapping, CrsCode, LayerKind, TextEncoding } from '../types.ts';
import { firstPosition } from './geometry.ts';
import { DEFAULT_MAX_BYTES } from './importFile.ts';
import { type FileFormat, readSource, sampleValues } from './source.ts';

/** What the UI shows before the import: columns, a preview and the proposed mapping to confirm. */
export interface InspectResult {
  ok: boolean;
  /** French reason when the file cannot be read at all. */
  reason: string | null;
  format: FileFormat | null;
  encoding: TextEncoding | null;
  delimiter: string | null;
  fields: string[];
  /** Data rows in the file. */
  rows: number;
  /** First rows (cleaned text), in `fields` order. */
  preview: (string | null)[][];
  /** Proposed mapping (empty geometry columns for GeoJSON/shapefile: their features carry it). */
  mapping: ColumnMapping;
  /** Key under which the UI remembers the confirmed mapping of files with these columns. */
  shapeKey: string;
  /** CRS guessed from the first rows with the proposed mapping, for information. */
  crs: CrsCode | null;
  swappedAxes: boolean;
  crsReason: string | null;
  /** Systems to choose from when the values fit several (see CrsDetection.candidates). */
  crsCandidates: CrsHypothesis[];
  /** GeoPackage: its layers (the user picks one when there are several) and the one inspected. */
  layers: GpkgLayer[];
  layer: string | null;
}

const SAMPLE_ROWS = 2000;

export async function inspectFile(
  bytes: Uint8Array,
  options: {
    fileName: string;
    kind: LayerKind;
    maxBytes?: number;
    previewRows?: number;
    /** The territory's [minLon, minLat, maxLon, maxLat]: preferred when several systems fit. */
    area?: Range | null;
    layer?: string | null;
  },
): Promise<InspectResult> {
  const empty: InspectResult = {
    ok: false,
    reason: null,
    format: null,
    encoding: null,
    delimiter: null,
    fields: [],
    rows: 0,
    preview: [],
    mapping: { ...EMPTY_MAPPING },
    shapeKey: '',
    crs: null,
    swappedAxes: false,
    crsReason: null,
    crsCandidates: [],
    layers: [],
    layer: null,
  };
  if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_BYTES)) {
    return { ...empty, reason: 'Fichier trop volumineux pour être importé.' };
  }
  if (bytes.length === 0) return { ...empty, reason: 'Fichier vide.' };
  const read = await readSource(bytes, options.fileName, { layer: options.layer });
  if (!read.ok) return { ...empty, reason: read.reason };
  const { source } = read;
  const columns = source.fields.map((name) => source.columns.get(name)!);
  const mapping = guessMapping(
    source.fields.map((name, i) => ({ name, values: sampleValues(columns[i]!, source.count) })),
    options.kind,
  );
  const n = Math.min(source.count, SAMPLE_ROWS);
  const xs = new Float64Array(n).fill(Number.NaN);
  const ys = new Float64Array(n).fill(Number.NaN);
  if (source.geometries) {
    mapping.x = null;
    mapping.y = null;
    mapping.wkt = null;
  }
  for (let i = 0; i < n; i++) {
    let position: number[] | null = null;
    if (source.geometries) {
      const g = source.geometries[i];
      position = g ? firstPosition(g) : null;
    } else if (mapping.x && mapping.y) {
      const x = source.columns.get(mapping.x)!;
      const y = source.columns.get(mapping.y)!;
      const number = (c: typeof x) =>
        c instanceof CsvTextColumn ? c.numberAt(i) : (parseNumberFr(c.get(i)) ?? Number.NaN);
      position = [number(x), number(y)];
    } else if (mapping.wkt) {
      const parsed = parseGeometryText(source.columns.get(mapping.wkt)!.get(i));
      position = parsed.ok ? firstPosition(parsed.geometry) : null;
    }
    if (position) {
      xs[i] = position[0]!;
      ys[i] = position[1]!;
    }
  }
  const hasGeometry = !!(source.geometries || mapping.x || mapping.wkt);
  const detection = hasGeometry ? detectCrs(xs, ys, options.area ?? null) : null;
  const previewCount = Math.min(source.count, options.previewRows ?? 10);
  return {
    ok: true,
    reason: null,
    format: source.format,
    encoding: source.encoding,
    delimiter: source.delimiter,
    fields: source.fields,
    rows: source.count,
    preview: Array.from({ length: previewCount }, (_, r) => columns.map((c) => c.get(r))),
    mapping,
    shapeKey: fileShapeKey(source.fields),
    crs: detection?.crs ?? null,
    swappedAxes: detection?.swapped ?? false,
    crsReason: detection?.reason ?? null,
    crsCandidates: detection?.candidates ?? [],
    layers: source.layers ?? [],
    layer: source.layer ?? null,
  };
}
