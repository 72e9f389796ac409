/**
 * Persisted form of an import's columnar features (src/io/types.ts ImportedFeatures). Attribute columns are
 * read through objects with methods (some point into the source file's bytes), which neither IndexedDB nor a
 * project file can hold: they are stored dictionary-encoded (`dict` of distinct texts + Int32Array codes,
 * -1 = missing), compact for the repetitive columns of real tables (commune, status, technology…).
 */
import type { Geometry } from 'geojson';
import { DictionaryColumn as EncodedColumn } from '../io/csv/columns.ts';
import { type DocumentError, isPlainObject, joinPath } from '../io/project/workspace.ts';
import type { ImportedFeatures, StringColumn } from '../io/types.ts';

export interface StoredColumn {
  dict: string[];
  codes: Int32Array;
}

export interface StoredFeatures {
  count: number;
  row: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  geometry: (Geometry | null)[] | null;
  insee: (string | null)[];
  crossed: (string[] | null)[] | null;
  attributes: Record<string, StoredColumn>;
}

export function encodeColumn(column: StringColumn): StoredColumn {
  // Same dictionary encoding as the import engine's columns: one implementation of the codes.
  const encoded = EncodedColumn.encode(column);
  return { dict: [...encoded.values], codes: encoded.codes };
}

/** Read-only column over a stored dictionary encoding (no copy). */
export class DictionaryColumn implements StringColumn {
  constructor(private readonly stored: StoredColumn) {}

  get length(): number {
    return this.stored.codes.length;
  }

  get(index: number): string | null {
    const code = this.stored.codes[index];
    return code === undefined || code < 0 ? null : (this.stored.dict[code] ?? null);
  }
}

export function toStoredFeatures(features: ImportedFeatures): StoredFeatures {
  return {
    count: features.count,
    row: features.row,
    lon: features.lon,
    lat: features.lat,
    geometry: features.geometry,
    insee: features.insee,
    crossed: features.crossed,
    // fromEntries: a source column named "__proto__" stays an ordinary column.
    attributes: Object.fromEntries(
      Object.entries(features.attributes).map(([name, column]) => [name, encodeColumn(column)]),
    ),
  };
}

export function fromStoredFeatures(stored: StoredFeatures): ImportedFeatures {
  return {
    ...stored,
    attributes: Object.fromEntries(
      Object.entries(stored.attributes).map(([name, column]) => [name, new DictionaryColumn(column)]),
    ),
  };
}

function checkLength(
  value: unknown,
  count: number,
  path: string,
  errors: DocumentError[],
  type: string,
): void {
  const ok =
    (type === 'array'
      ? Array.isArray(value)
      : Object.prototype.toString.call(value) === `[object ${type}]`) &&
    (value as { length: number }).length === count;
  if (!ok)
    errors.push({ path, reason: `${type === 'array' ? 'liste' : type} de longueur ${count} attendue` });
}

/**
 * Validates a stored layer (from IndexedDB or a project file, hence untrusted) before use. Never throws.
 * Checks every length and dictionary code, and the shape of each geometry entry (not its coordinates).
 */
export function readStoredFeatures(
  value: unknown,
  path = '',
): { ok: true; features: ImportedFeatures } | { ok: false; errors: DocumentError[] } {
  if (!isPlainObject(value)) return { ok: false, errors: [{ path, reason: 'objet attendu' }] };
  const count = value.count;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0)
    return {
      ok: false,
      errors: [{ path: joinPath(path, 'count'), reason: 'entier positif ou nul attendu' }],
    };
  const errors: DocumentError[] = [];
  checkLength(value.row, count, joinPath(path, 'row'), errors, 'Int32Array');
  checkLength(value.lon, count, joinPath(path, 'lon'), errors, 'Float64Array');
  checkLength(value.lat, count, joinPath(path, 'lat'), errors, 'Float64Array');
  checkLength(value.insee, count, joinPath(path, 'insee'), errors, 'array');
  if (Array.isArray(value.insee) && value.insee.some((code) => code !== null && typeof code !== 'string'))
    errors.push({ path: joinPath(path, 'insee'), reason: 'codes INSEE (texte ou null) attendus' });
  if (value.geometry !== null) {
    checkLength(value.geometry, count, joinPath(path, 'geometry'), errors, 'array');
    if (
      Array.isArray(value.geometry) &&
      value.geometry.some((g) => g !== null && !(isPlainObject(g) && typeof g.type === 'string'))
    )
      errors.push({ path: joinPath(path, 'geometry'), reason: 'géométries GeoJSON (ou null) attendues' });
  }
  if (value.crossed !== null) {
    checkLength(value.crossed, count, joinPath(path, 'crossed'), errors, 'array');
    if (
      Array.isArray(value.crossed) &&
      value.crossed.some(
        (c) => c !== null && !(Array.isArray(c) && c.every((code) => typeof code === 'string')),
      )
    )
      errors.push({ path: joinPath(path, 'crossed'), reason: 'listes de codes INSEE (ou null) attendues' });
  }
  if (!isPlainObject(value.attributes))
    errors.push({ path: joinPath(path, 'attributes'), reason: 'objet attendu' });
  else
    for (const [name, column] of Object.entries(value.attributes)) {
      const columnPath = joinPath(joinPath(path, 'attributes'), name);
      if (
        !isPlainObject(column) ||
        !Array.isArray(column.dict) ||
        column.dict.some((t) => typeof t !== 'string')
      ) {
        errors.push({ path: columnPath, reason: 'colonne { dict, codes } attendue' });
        continue;
      }
      checkLength(column.codes, count, joinPath(columnPath, 'codes'), errors, 'Int32Array');
      const size = column.dict.length;
      if (column.codes instanceof Int32Array && column.codes.some((code) => code < -1 || code >= size))
        errors.push({ path: joinPath(columnPath, 'codes'), reason: 'code hors du dictionnaire' });
    }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, features: fromStoredFeatures(value as unknown as StoredFeatures) };
}
