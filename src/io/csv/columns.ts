import { decodeBytes } from '../encoding.ts';
import { parseNumberFr } from '../formats/number.ts';
import type { StringColumn, TextEncoding } from '../types.ts';
import { cleanCell, isMissingValue } from './values.ts';

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
  1e20, 1e21, 1e22,
];

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Number straight from the bytes of a cell: `-601234,56` / `601234.56`. When there are at most 15 digits,
 * `mantissa / 10^k` is exact-then-correctly-rounded, i.e. bit-identical to `parseFloat` (Clinger's fast path).
 * Anything else (thousands separators, exponent, long mantissa) goes through `parseNumberFr` on the text.
 * Returns NaN when the cell is not a number (missing included).
 */
export function parseNumberBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  encoding: TextEncoding = 'utf-8',
): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(bytes[s]!)) s++;
  while (e > s && isSpace(bytes[e - 1]!)) e--;
  if (s === e) return Number.NaN;
  let p = s;
  let negative = false;
  const first = bytes[p]!;
  if (first === 0x2d || first === 0x2b) {
    negative = first === 0x2d;
    p++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let separator = false;
  for (; p < e; p++) {
    const b = bytes[p]!;
    const digit = b - 0x30;
    if (digit >= 0 && digit <= 9) {
      mantissa = mantissa * 10 + digit;
      digits++;
      if (separator) fraction++;
    } else if ((b === 0x2c || b === 0x2e) && !separator) {
      separator = true;
    } else {
      break;
    }
  }
  if (p === e && digits > 0 && digits <= 15) {
    const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    return negative ? -value : value;
  }
  const parsed = parseNumberFr(decodeBytes(bytes, encoding, start, end));
  return parsed === null ? Number.NaN : parsed;
}

const lower = (b: number) => b | 0x20;

/** `''`, `NA`, `N/A`, `#N/A`, `NULL` (any case) — the byte-level twin of `isMissingValue`. */
function isMissingBytes(bytes: Uint8Array, s: number, e: number): boolean {
  const length = e - s;
  if (length === 0) return true;
  if (length === 2) return lower(bytes[s]!) === 0x6e && lower(bytes[s + 1]!) === 0x61;
  if (length === 3)
    return lower(bytes[s]!) === 0x6e && bytes[s + 1] === 0x2f && lower(bytes[s + 2]!) === 0x61;
  if (length === 4) {
    const b0 = bytes[s]!;
    if (b0 === 0x23)
      return lower(bytes[s + 1]!) === 0x6e && bytes[s + 2] === 0x2f && lower(bytes[s + 3]!) === 0x61;
    return (
      lower(b0) === 0x6e &&
      lower(bytes[s + 1]!) === 0x75 &&
      lower(bytes[s + 2]!) === 0x6c &&
      lower(bytes[s + 3]!) === 0x6c
    );
  }
  return false;
}

/** Removes the CSV quoting of a raw cell (`"a ""b"" c"` → `a "b" c`), keeping any text after the quote. */
export function unquoteCell(raw: string): string {
  const text = raw.trim();
  if (!text.startsWith('"')) return text;
  let out = '';
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (text[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      return out + text.slice(i + 1);
    }
    out += c;
    i++;
  }
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const encoder = new TextEncoder();

/** FNV-1a over UTF-8 bytes: equal strings hash equally whichever way they were stored. */
export function hashUtf8(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let p = start; p < end; p++) h = Math.imul(h ^ bytes[p]!, FNV_PRIME);
  return h >>> 0;
}

export function hashString(text: string): number {
  const bytes = encoder.encode(text);
  return hashUtf8(bytes, 0, bytes.length);
}

/**
 * One attribute column of a CSV import, read lazily from the source bytes (zero copy).
 * `index` maps the column's positions to tokenizer records (accepted features only); null = identity.
 */
export class CsvTextColumn implements StringColumn {
  readonly length: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly encoding: TextEncoding,
    readonly starts: Int32Array,
    readonly ends: Int32Array,
    readonly stride: number,
    readonly column: number,
    readonly index: Int32Array | null,
    length: number,
  ) {
    this.length = length;
  }

  private cell(i: number): number {
    const record = this.index ? this.index[i]! : i;
    return record * this.stride + this.column;
  }

  /** Cell text as written (quotes removed, trimmed), missing markers kept. */
  raw(i: number): string {
    const k = this.cell(i);
    const start = this.starts[k]!;
    const end = this.ends[k]!;
    if (end < 0) return unquoteCell(decodeBytes(this.bytes, this.encoding, start, ~end));
    let s = start;
    let e = end;
    const bytes = this.bytes;
    while (s < e && isSpace(bytes[s]!)) s++;
    while (e > s && isSpace(bytes[e - 1]!)) e--;
    if (e - s <= 24) {
      // Short ASCII cells (codes, numbers) are built without a native call.
      let text = '';
      let p = s;
      for (; p < e; p++) {
        const b = bytes[p]!;
        if (b >= 0x80) break;
        text += String.fromCharCode(b);
      }
      if (p === e) return text;
    }
    return decodeBytes(bytes, this.encoding, s, e).trim();
  }

  get(i: number): string | null {
    return cleanCell(this.raw(i));
  }

  isMissing(i: number): boolean {
    const k = this.cell(i);
    const start = this.starts[k]!;
    const end = this.ends[k]!;
    if (end >= 0 && end - start > 6) return false;
    return isMissingValue(this.raw(i));
  }

  /** NaN when missing or not a number. */
  numberAt(i: number): number {
    const k = this.cell(i);
    const end = this.ends[k]!;
    if (end < 0) {
      const value = parseNumberFr(this.raw(i));
      return value === null ? Number.NaN : value;
    }
    return parseNumberBytes(this.bytes, this.starts[k]!, end, this.encoding);
  }

  /**
   * How many rows hold a non-missing value different from `expected[k]` (ASCII), for rows
   * `positions[k]` (all rows when null); rows whose expected value is null are skipped.
   */
  countDifferent(expected: readonly (string | null)[], positions: Int32Array | null): number {
    const { bytes, starts, ends, stride, column, index } = this;
    let different = 0;
    for (let k = 0; k < expected.length; k++) {
      const value = expected[k];
      if (value === null || value === undefined) continue;
      const i = positions === null ? k : positions[k]!;
      const c = (index === null ? i : index[i]!) * stride + column;
      let s = starts[c]!;
      let e = ends[c]!;
      if (e < 0) {
        const text = this.get(i);
        if (text !== null && text !== value) different++;
        continue;
      }
      while (s < e && isSpace(bytes[s]!)) s++;
      while (e > s && isSpace(bytes[e - 1]!)) e--;
      let same = e - s === value.length;
      for (let p = 0; same && p < value.length; p++) same = bytes[s + p] === value.charCodeAt(p);
      if (!same && !(e - s <= 4 && isMissingBytes(bytes, s, e))) different++;
    }
    return different;
  }

  /**
   * Every row's number (NaN when missing or not a number) in one tight loop: on a million rows the per-row
   * method call of `numberAt` would cost as much as the parsing itself.
   */
  numbers(): Float64Array {
    const n = this.length;
    const out = new Float64Array(n);
    const { bytes, starts, ends, stride, column, index, encoding } = this;
    for (let i = 0; i < n; i++) {
      const k = (index === null ? i : index[i]!) * stride + column;
      const end = ends[k]!;
      out[i] = end < 0 ? this.numberAt(i) : parseNumberBytes(bytes, starts[k]!, end, encoding);
    }
    return out;
  }

  /**
   * Hash of every row's cleaned value into `hashes`; `missing[i] = 1` for missing values. Equal values hash
   * equally (FNV-1a over their UTF-8 bytes), computed in one pass over the source bytes.
   */
  hashes(hashes: Int32Array, missing: Uint8Array): void {
    const n = this.length;
    const { bytes, starts, ends, stride, column, index } = this;
    // In Windows-1252 a non-ASCII byte is not its UTF-8 encoding: such cells take the string path.
    const asciiOnly = this.encoding !== 'utf-8';
    for (let i = 0; i < n; i++) {
      const k = (index === null ? i : index[i]!) * stride + column;
      const end = ends[k]!;
      let s = starts[k]!;
      let e = end;
      if (end < 0) {
        if (this.isMissing(i)) missing[i] = 1;
        else hashes[i] = hashString(this.raw(i));
        continue;
      }
      while (s < e && isSpace(bytes[s]!)) s++;
      while (e > s && isSpace(bytes[e - 1]!)) e--;
      if (e - s <= 4 && isMissingBytes(bytes, s, e)) {
        missing[i] = 1;
        continue;
      }
      let h = FNV_OFFSET;
      let high = 0;
      for (let p = s; p < e; p++) {
        const b = bytes[p]!;
        high |= b;
        h = Math.imul(h ^ b, FNV_PRIME);
      }
      hashes[i] = asciiOnly && high >= 0x80 ? hashString(this.raw(i)) : h;
    }
  }

  /** Same column over a subset of its rows (positions into this column). */
  select(positions: Int32Array): CsvTextColumn {
    const index = this.index ? positions.map((p) => this.index![p]!) : positions;
    return new CsvTextColumn(
      this.bytes,
      this.encoding,
      this.starts,
      this.ends,
      this.stride,
      this.column,
      index,
      positions.length,
    );
  }
}

/** Attribute column held as plain values (GeoJSON, shapefile, small tables). */
export class ArrayColumn implements StringColumn {
  constructor(readonly values: readonly (string | null)[]) {}

  get length(): number {
    return this.values.length;
  }

  get(i: number): string | null {
    return this.values[i] ?? null;
  }

  select(positions: Int32Array): ArrayColumn {
    return new ArrayColumn(Array.from(positions, (p) => this.values[p] ?? null));
  }
}

/** Dictionary-encoded column: one Int32 code per row (-1 = null) into a list of distinct values. */
export class DictionaryColumn implements StringColumn {
  constructor(
    readonly codes: Int32Array,
    readonly values: readonly string[],
  ) {}

  get length(): number {
    return this.codes.length;
  }

  get(i: number): string | null {
    const code = this.codes[i];
    return code === undefined || code < 0 ? null : (this.values[code] ?? null);
  }

  select(positions: Int32Array): DictionaryColumn {
    return new DictionaryColumn(
      positions.map((p) => this.codes[p] ?? -1),
      this.values,
    );
  }

  static encode(column: StringColumn): DictionaryColumn {
    const codes = new Int32Array(column.length);
    const values: string[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i < column.length; i++) {
      const value = column.get(i);
      if (value === null) {
        codes[i] = -1;
        continue;
      }
      let code = index.get(value);
      if (code === undefined) {
        code = values.length;
        values.push(value);
        index.set(value, code);
      }
      codes[i] = code;
    }
    return new DictionaryColumn(codes, values);
  }
}
