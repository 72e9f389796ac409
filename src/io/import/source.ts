import type { Geometry } from 'geojson';
import type { ArrayColumn, CsvTextColumn } from '../csv/columns.ts';
import { readCsv } from '../csv/parse.ts';
import { decodeText } from '../encoding.ts';
import { type FeatureTable, readGeoJson } from '../geojson.ts';
import { type GpkgLayer, isSqlite, readGeoPackage } from '../gpkg/read.ts';
import { readShapefileZip } from '../shapefile.ts';
import { repairDoubleEncodedBytes } from '../textRepair.ts';
import type { CrsCode, TextEncoding } from '../types.ts';
import { isZip } from '../zip.ts';

export type FileFormat = 'csv' | 'geojson' | 'shapefile' | 'geopackage';

/** A column as the pipeline reads it: CSV columns add byte-level fast paths. */
export type SourceColumn = CsvTextColumn | ArrayColumn;

/**
 * Rows of any input format before geometry handling. Index i is the i-th data row; `rowNumber[i]` is the
 * number shown to the user.
 */
export interface SourceRows {
  format: FileFormat;
  count: number;
  rowNumber: Int32Array;
  fields: string[];
  columns: Map<string, SourceColumn>;
  /** Row index → French reason already known (broken CSV record, absent/invalid feature geometry). */
  problems: Map<number, string>;
  /** Feature geometries (GeoJSON, shapefile), in the source CRS; null for CSV. */
  geometries: (Geometry | null)[] | null;
  encoding: TextEncoding | null;
  delimiter: string | null;
  declaredCrs: CrsCode | null;
  warnings: string[];
  /** GeoPackage or archive of shapefiles: every layer of the file, and the one read. */
  layers?: GpkgLayer[];
  layer?: string;
}

export type SourceResult = { ok: true; source: SourceRows } | { ok: false; reason: string };

const EXCEL = /\.(xlsx|xlsm|xls|ods)$/i;

/** Format from the content first (a .csv that is really a zip is still a zip), then from the extension. */
export function detectFormat(fileName: string, bytes: Uint8Array): FileFormat | { unsupported: string } {
  if (isSqlite(bytes)) return 'geopackage';
  if (isZip(bytes)) {
    return EXCEL.test(fileName) ? { unsupported: excelMessage } : 'shapefile';
  }
  if (/\.shp$/i.test(fileName) || /\.(dbf|shx)$/i.test(fileName)) {
    return {
      unsupported:
        'Un shapefile s’importe zippé : compressez ensemble les fichiers .shp, .dbf, .shx et .prj en un .zip.',
    };
  }
  if (
    EXCEL.test(fileName) ||
    (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
  ) {
    return { unsupported: excelMessage };
  }
  let p = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    p < bytes.length &&
    p < 4096 &&
    (bytes[p] === 0x20 || bytes[p] === 0x0a || bytes[p] === 0x0d || bytes[p] === 0x09)
  )
    p++;
  if (bytes[p] === 0x7b || (bytes[p] === 0x5b && /\.(geo)?json$/i.test(fileName))) return 'geojson';
  if (/\.(geo)?json$/i.test(fileName)) return 'geojson';
  return 'csv';
}

const excelMessage =
  'Les classeurs Excel / LibreOffice ne sont pas lus directement : enregistrez la feuille au format CSV (séparateur point-virgule) puis importez ce fichier.';

function fromFeatures(
  format: FileFormat,
  table: FeatureTable,
  encoding: TextEncoding | null,
  warnings: string[],
): SourceRows {
  const columns = new Map<string, SourceColumn>();
  for (const field of table.fields) columns.set(field, table.attributes[field]!);
  if (table.unknownCrs) {
    warnings.push(`Système de coordonnées déclaré non reconnu (${table.unknownCrs}) : déduit des valeurs.`);
  }
  return {
    format,
    count: table.count,
    rowNumber: Int32Array.from({ length: table.count }, (_, i) => i + 1),
    fields: table.fields,
    columns,
    problems: table.problems,
    geometries: table.geometries,
    encoding,
    delimiter: null,
    declaredCrs: table.declaredCrs,
    warnings,
  };
}

export interface SourceOptions {
  checkpoint?: (rowsRead: number, totalEstimate: number) => void | Promise<void>;
  /** GeoPackage or shapefile-archive layer to read (default: the first, with a warning when there are several). */
  layer?: string | null;
}

/** Reads any supported file into SourceRows; a French reason when the file as a whole is unreadable. */
export async function readSource(
  input: Uint8Array,
  fileName: string,
  options: SourceOptions = {},
): Promise<SourceResult> {
  const bom16 = fromUtf16(input);
  const raw = detectFormat(fileName, input);
  // Binary formats hold NUL bytes of their own: only a text file is read as UTF-16 without BOM.
  const bare16 = bom16 || (raw !== 'csv' && raw !== 'geojson') ? null : fromBareUtf16(input);
  const utf16 = bom16 ?? bare16;
  const format = detectFormat(fileName, utf16 ?? input);
  // Text formats only: a zip or a GeoPackage is binary (its DBF / SQLite text is decoded per field).
  const repair = format === 'csv' || format === 'geojson' ? repairDoubleEncodedBytes(utf16 ?? input) : null;
  const result = await readBytes(repair?.bytes ?? utf16 ?? input, fileName, options);
  if (repair && result.ok) result.source.warnings.unshift(repair.warning);
  if (utf16 && result.ok) {
    result.source.warnings.unshift(
      bare16
        ? 'Fichier en UTF-16 sans indicateur d’ordre des octets (BOM) : encodage reconnu aux octets nuls qui alternent avec le texte, converti en UTF-8. Vérifiez les accents.'
        : 'Fichier en UTF-16 (export « Texte Unicode » d’Excel) : converti en UTF-8.',
    );
  }
  return result;
}

/** Excel's "Unicode text" export is UTF-16 with a BOM: transcoded once so that the rest reads UTF-8 bytes. */
function fromUtf16(bytes: Uint8Array): Uint8Array | null {
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  if (!le && !be) return null;
  return new TextEncoder().encode(new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)));
}

/**
 * UTF-16 without BOM: a text file has no NUL byte, whereas ASCII letters in UTF-16 have one every other byte
 * (the second of each pair in little-endian, the first in big-endian). Judged on the first 4 KB.
 */
export function fromBareUtf16(bytes: Uint8Array): Uint8Array | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  const le = oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05;
  const be = evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05;
  if (!le && !be) return null;
  return new TextEncoder().encode(new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes));
}

async function readBytes(bytes: Uint8Array, fileName: string, options: SourceOptions): Promise<SourceResult> {
  const format = detectFormat(fileName, bytes);
  if (typeof format !== 'string') return { ok: false, reason: format.unsupported };
  if (format === 'geopackage') {
    const result = await readGeoPackage(bytes, options.layer);
    if (!result.ok) return result;
    const source = fromFeatures('geopackage', result.table, 'utf-8', result.warnings);
    return { ok: true, source: { ...source, layers: result.layers, layer: result.layer } };
  }
  if (format === 'shapefile') {
    const result = await readShapefileZip(bytes, options.layer);
    if (!result.ok) return result;
    const source = fromFeatures('shapefile', result.table, result.encoding, result.warnings);
    return { ok: true, source: { ...source, layers: result.layers, layer: result.layer } };
  }
  if (format === 'geojson') {
    const { text, encoding } = decodeText(bytes);
    const result = readGeoJson(text);
    if (!result.ok) return result;
    return { ok: true, source: fromFeatures('geojson', result.table, encoding, []) };
  }
  const table = await readCsv(bytes, { checkpoint: options.checkpoint });
  if (!table) return { ok: false, reason: 'Fichier vide : aucune ligne d’en-tête trouvée.' };
  const columns = new Map<string, SourceColumn>();
  table.fields.forEach((field, i) => {
    columns.set(field, table.column(i));
  });
  const warnings: string[] = [];
  if (table.fields.length === 1 && table.records > 0) {
    warnings.push(
      'Une seule colonne détectée : vérifiez le séparateur (point-virgule, virgule, tabulation ou barre verticale).',
    );
  }
  return {
    ok: true,
    source: {
      format: 'csv',
      count: table.records,
      rowNumber: table.rowNumber,
      fields: table.fields,
      columns,
      problems: table.issues,
      geometries: null,
      encoding: table.encoding,
      delimiter: table.delimiter,
      declaredCrs: null,
      warnings,
    },
  };
}

/** First records of a column as cleaned text, for the mapping guess and previews. */
export function sampleValues(column: SourceColumn, count: number, limit = 50): (string | null)[] {
  return Array.from({ length: Math.min(count, limit) }, (_, i) => column.get(i));
}
