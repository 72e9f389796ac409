import { decodeBytes } from '../encoding.ts';
import type { StringColumn, TextEncoding } from '../types.ts';
import { cleanCell, isMissingValue, parseNumberFr } from './values.ts';

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

  /** Whether the trimmed cell is exactly `text` (ASCII), without building a string. */
  equalsAscii(i: number, text: string): boolean {
    const k = this.cell(i);
    let s = this.starts[k]!;
    let e = this.ends[k]!;
    if (e < 0) return this.raw(i) === text;
    const bytes = this.bytes;
    while (s < e && isSpace(bytes[s]!)) s++;
    while (e > s && isSpace(bytes[e - 1]!)) e--;
    if (e - s !== text.length) return false;
    for (let p = 0; p < text.length; p++) if (bytes[s + p] !== text.charCodeAt(p)) return false;
    return true;
  }

  /** Hash of the cleaned value; equal values give equal hashes. */
  hashAt(i: number): number {
    const k = this.cell(i);
    const start = this.starts[k]!;
    const end = this.ends[k]!;
    if (end >= 0) {
      let s = start;
      let e = end;
      const bytes = this.bytes;
      while (s < e && isSpace(bytes[s]!)) s++;
      while (e > s && isSpace(bytes[e - 1]!)) e--;
      let ascii = true;
      if (this.encoding !== 'utf-8') {
        for (let p = s; p < e; p++) if (bytes[p]! >= 0x80) ascii = false;
      }
      if (ascii) return hashUtf8(bytes, s, e);
    }
    return hashString(this.raw(i));
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
