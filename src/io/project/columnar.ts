/**
 * Lists of flat records (a million light points) stored column by column, in chunks: IndexedDB and the
 * project codec copy typed arrays and a few dictionaries in a blink, where a million objects cost seconds of
 * main thread to check, clone and write. Each field of a chunk is one column:
 *   - `int`:   every present value is an integer of the int32 range → Int32Array, INT_ABSENT = absent;
 *   - `float`: other numbers → Float64Array, NaN = absent (records hold no NaN: JSON cannot either);
 *   - `text`:  strings → dictionary of distinct texts + Int32Array codes, -1 = absent;
 *   - `json`:  anything else (objects, booleans, mixed types) → dictionary of JSON texts + codes.
 * Generic over the record shape (no list of fields to keep in step with the domain types): what is decoded
 * is what was encoded, key order aside. Chunks whose records are unchanged (same objects) are reused as they
 * are, so that saving after an edit of 200 points re-encodes only the chunks that hold them.
 */

export const COLUMNAR_FORMAT = 'columnar-records';
export const COLUMNAR_VERSION = 1;
/** Records per chunk: one chunk encodes or decodes in a few tens of milliseconds. */
export const COLUMNAR_CHUNK_SIZE = 50_000;
export const INT_ABSENT = -2147483648;

export type ColumnarColumn =
  | { type: 'int'; values: Int32Array }
  | { type: 'float'; values: Float64Array }
  | { type: 'text' | 'json'; dict: string[]; codes: Int32Array };

export interface ColumnarChunk {
  count: number;
  /** fromEntries-built: a field named "__proto__" is an own key. */
  columns: Record<string, ColumnarColumn>;
}

export interface ColumnarRecords {
  format: typeof COLUMNAR_FORMAT;
  version: typeof COLUMNAR_VERSION;
  count: number;
  chunks: ColumnarChunk[];
}

/** The records a chunk was encoded from or decoded into: a later encoding reuses it when they are unchanged. */
const recordsOf = new WeakMap<ColumnarChunk, readonly object[]>();
/** Decoded once per stored object: the restore checks the records, then applies the same ones. */
const decodedOf = new WeakMap<ColumnarRecords, object[]>();

const isIntValue = (v: number) =>
  Number.isInteger(v) && v > INT_ABSENT && v <= 2147483647 && !Object.is(v, -0);

function dictionaryColumn(
  type: 'text' | 'json',
  records: readonly object[],
  key: string,
): { type: 'text' | 'json'; dict: string[]; codes: Int32Array } {
  const codes = new Int32Array(records.length).fill(-1);
  const index = new Map<string, number>();
  const dict: string[] = [];
  for (let i = 0; i < records.length; i++) {
    const value: unknown = (records[i] as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const text = type === 'text' ? (value as string) : JSON.stringify(value);
    let code = index.get(text);
    if (code === undefined) {
      code = dict.length;
      dict.push(text);
      index.set(text, code);
    }
    codes[i] = code;
  }
  return { type, dict, codes };
}

function encodeChunk(records: readonly object[]): ColumnarChunk {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  const columns: [string, ColumnarColumn][] = [];
  for (const key of keys) {
    let present = 0;
    let ints = true;
    let numbers = true;
    let texts = true;
    for (const record of records) {
      const value: unknown = (record as Record<string, unknown>)[key];
      if (value === undefined) continue;
      present++;
      if (typeof value === 'number') {
        texts = false;
        if (Number.isNaN(value)) numbers = ints = false;
        else if (ints && !isIntValue(value)) ints = false;
      } else {
        numbers = ints = false;
        if (typeof value !== 'string') texts = false;
      }
    }
    if (present === 0) continue;
    if (numbers) {
      const values = ints
        ? new Int32Array(records.length).fill(INT_ABSENT)
        : new Float64Array(records.length).fill(Number.NaN);
      for (let i = 0; i < records.length; i++) {
        const value = (records[i] as Record<string, unknown>)[key];
        if (value !== undefined) values[i] = value as number;
      }
      columns.push([
        key,
        ints
          ? { type: 'int', values: values as Int32Array }
          : { type: 'float', values: values as Float64Array },
      ]);
    } else columns.push([key, dictionaryColumn(texts ? 'text' : 'json', records, key)]);
  }
  const chunk: ColumnarChunk = { count: records.length, columns: Object.fromEntries(columns) };
  recordsOf.set(chunk, records);
  return chunk;
}

function sameRecords(a: readonly object[] | undefined, b: readonly object[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Records → columns, `chunkSize` records per chunk. Chunks of `previous` (an earlier encoding or a decoded
 * document) holding the very same record objects at the same places are reused, not re-encoded.
 */
export function encodeColumnar(
  records: readonly object[],
  previous: ColumnarRecords | null = null,
  chunkSize = COLUMNAR_CHUNK_SIZE,
): ColumnarRecords {
  const chunks: ColumnarChunk[] = [];
  for (let start = 0, c = 0; start < records.length; start += chunkSize, c++) {
    const part = records.slice(start, start + chunkSize);
    const old = previous?.chunks[c];
    chunks.push(old && sameRecords(recordsOf.get(old), part) ? old : encodeChunk(part));
  }
  return { format: COLUMNAR_FORMAT, version: COLUMNAR_VERSION, count: records.length, chunks };
}

/**
 * Columns → records. A dictionary entry is parsed once per chunk: records with equal values there (the same
 * night regime on 40,000 points) share one object, which the store never mutates.
 */
export function decodeColumnar<R extends object>(stored: ColumnarRecords): R[] {
  const known = decodedOf.get(stored);
  if (known) return known as R[];
  const out: R[] = [];
  for (const chunk of stored.chunks) {
    const part: Record<string, unknown>[] = Array.from({ length: chunk.count }, () => ({}));
    for (const [key, column] of Object.entries(chunk.columns)) {
      if (column.type === 'int' || column.type === 'float') {
        const absent = column.type === 'int' ? (v: number) => v === INT_ABSENT : Number.isNaN;
        for (let i = 0; i < chunk.count; i++) {
          const value = column.values[i]!;
          if (!absent(value)) part[i]![key] = value;
        }
        continue;
      }
      const values: unknown[] = column.type === 'text' ? column.dict : column.dict.map((t) => JSON.parse(t));
      for (let i = 0; i < chunk.count; i++) {
        const code = column.codes[i]!;
        if (code >= 0) part[i]![key] = values[code];
      }
    }
    recordsOf.set(chunk, part);
    for (const record of part) out.push(record as R);
  }
  decodedOf.set(stored, out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const tag = (v: unknown) => Object.prototype.toString.call(v);

/** Whether `value` claims to be columnar records (then `columnarProblem` says whether it really is one). */
export function isColumnarRecords(value: unknown): boolean {
  return isObject(value) && value.format === COLUMNAR_FORMAT;
}

/**
 * First structural problem of untrusted columnar records (IndexedDB, a project file), in French with its
 * path; null when every column has the chunk's length and every code is inside its dictionary.
 */
export function columnarProblem(value: unknown): { path: string; reason: string } | null {
  if (!isObject(value) || value.format !== COLUMNAR_FORMAT)
    return { path: '', reason: 'enregistrements en colonnes attendus' };
  if (value.version !== COLUMNAR_VERSION)
    return { path: 'version', reason: `version ${COLUMNAR_VERSION} du format en colonnes attendue` };
  if (!Array.isArray(value.chunks)) return { path: 'chunks', reason: 'liste de blocs attendue' };
  let total = 0;
  for (const [c, chunk] of value.chunks.entries()) {
    const path = `chunks[${c}]`;
    if (
      !isObject(chunk) ||
      !Number.isSafeInteger(chunk.count) ||
      (chunk.count as number) < 0 ||
      !isObject(chunk.columns)
    )
      return { path, reason: 'bloc { count, columns } attendu' };
    const count = chunk.count as number;
    total += count;
    for (const [key, column] of Object.entries(chunk.columns)) {
      const at = `${path}.columns.${key}`;
      if (!isObject(column)) return { path: at, reason: 'colonne attendue' };
      if (column.type === 'int' || column.type === 'float') {
        const expected = column.type === 'int' ? '[object Int32Array]' : '[object Float64Array]';
        if (tag(column.values) !== expected || (column.values as Int32Array).length !== count)
          return { path: at, reason: `${expected.slice(8, -1)} de longueur ${count} attendu` };
      } else if (column.type === 'text' || column.type === 'json') {
        if (!Array.isArray(column.dict) || column.dict.some((t) => typeof t !== 'string'))
          return { path: `${at}.dict`, reason: 'dictionnaire de textes attendu' };
        if (tag(column.codes) !== '[object Int32Array]' || (column.codes as Int32Array).length !== count)
          return { path: `${at}.codes`, reason: `Int32Array de longueur ${count} attendu` };
        const size = column.dict.length;
        if ((column.codes as Int32Array).some((code) => code < -1 || code >= size))
          return { path: `${at}.codes`, reason: 'code hors du dictionnaire' };
        if (column.type === 'json')
          for (const text of column.dict as string[])
            try {
              JSON.parse(text);
            } catch {
              return { path: `${at}.dict`, reason: 'texte JSON illisible' };
            }
      } else return { path: `${at}.type`, reason: 'type de colonne inconnu' };
    }
  }
  if (total !== value.count) return { path: 'count', reason: `${total} enregistrements dans les blocs` };
  return null;
}
