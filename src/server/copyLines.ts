import { randomUUID } from 'node:crypto';
import { CsvTextColumn, DictionaryColumn } from '../io/csv/columns.ts';
import type { ImportResult, StringColumn } from '../io/types.ts';

const COPY_SPECIAL = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const CHUNK = 1 << 20;
// Longest missing-value marker (`#n/a`): longer cells can never read as null.
const LONGEST_MISSING = 4;

/** Bytes of COPY lines, handed out in chunks of about 1 MB. */
class CopyBuffer {
  private buffer = Buffer.allocUnsafe(CHUNK);
  private position = 0;
  private readonly full: Buffer[] = [];

  private room(bytes: number): void {
    if (this.position + bytes <= this.buffer.length) return;
    this.full.push(this.buffer.subarray(0, this.position));
    this.buffer = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
    this.position = 0;
  }

  text(value: string): void {
    this.room(value.length * 3);
    // Short ASCII texts (codes, numbers) without a native call each; anything else encoded by Buffer.
    if (value.length <= 32) {
      const buffer = this.buffer;
      let p = this.position;
      let i = 0;
      for (; i < value.length; i++) {
        const c = value.charCodeAt(i);
        if (c >= 0x80) break;
        buffer[p++] = c;
      }
      if (i === value.length) {
        this.position = p;
        return;
      }
    }
    this.position += this.buffer.write(value, this.position, 'utf8');
  }

  bytes(source: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    // Cells are short: a plain loop beats a subarray view + set per cell.
    const buffer = this.buffer;
    let p = this.position;
    for (let i = start; i < end; i++) buffer[p++] = source[i]!;
    this.position = p;
  }

  byte(b: number): void {
    this.room(1);
    this.buffer[this.position++] = b;
  }

  /** The chunks filled since the last call (all of them with `end`). */
  take(end = false): Buffer[] {
    if (end && this.position > 0) {
      this.full.push(this.buffer.subarray(0, this.position));
      this.buffer = Buffer.allocUnsafe(0);
      this.position = 0;
    }
    return this.full.splice(0);
  }
}

/**
 * Writes one cell as COPY text. A CSV cell that is plain printable ASCII, unquoted and longer than any
 * missing marker is the same bytes as its cleaned text: it is copied from the file as is (building a
 * string per cell and encoding it again was most of the staging time: 6.8 s for 200,000 rows). Anything
 * else goes through the column's own `get` (quotes, encodings, trimming, missing markers).
 */
function writeCell(out: CopyBuffer, column: StringColumn, i: number, dictionary: Buffer[] | null): void {
  if (column instanceof CsvTextColumn && column.encoding === 'utf-8') {
    const k = (column.index ? column.index[i]! : i) * column.stride + column.column;
    let s = column.starts[k]!;
    let e = column.ends[k]!;
    const b = column.bytes;
    if (e >= 0) {
      while (s < e && isSpace(b[s]!)) s++;
      while (e > s && isSpace(b[e - 1]!)) e--;
      if (e - s > LONGEST_MISSING) {
        let p = s;
        for (; p < e; p++) {
          const c = b[p]!;
          if (c >= 0x80 || c < 0x20 || c === 0x5c) break;
        }
        if (p === e) {
          out.bytes(b, s, e);
          return;
        }
      }
    }
  } else if (dictionary && column instanceof DictionaryColumn) {
    const code = column.codes[i] ?? -1;
    if (code < 0) out.text('\\N');
    else out.bytes(dictionary[code]!, 0, dictionary[code]!.length);
    return;
  }
  out.text(copyText(column.get(i)));
}

const TAB = 0x09;
// The CSV reader's own trimming (CsvTextColumn.raw); other control bytes send the cell to `get`.
const isSpace = (b: number) => b === 0x20 || b === TAB || b === 0x0a || b === 0x0d;
const NEWLINE = 0x0a;
const number = (n: number) => (Number.isFinite(n) ? String(n) : '\\N');

/**
 * Staging rows (id, insee, lon, lat, geometry GeoJSON, then one text column per attribute), as COPY text
 * bytes. PostgreSQL assembles the properties (jsonb_object): building one JSON text per row here took 7 s
 * for 1 M rows, seven times the engine itself, and PostgreSQL then parsed it again.
 */
export function* stagingChunks(
  result: ImportResult,
  withGeometry: boolean,
  names: readonly string[],
): Generator<Buffer> {
  const f = result.features;
  const columns = names.map((n) => f.attributes[n]!);
  const dictionaries = columns.map((c) =>
    c instanceof DictionaryColumn ? c.values.map((v) => Buffer.from(copyText(v))) : null,
  );
  const idColumn = result.mapping.id ? f.attributes[result.mapping.id] : undefined;
  const out = new CopyBuffer();
  for (let i = 0; i < f.count; i++) {
    // A missing identifier gets a new one (never copied as null: the primary key refuses it).
    if (idColumn instanceof CsvTextColumn && !idColumn.isMissing(i)) writeCell(out, idColumn, i, null);
    else out.text(copyText(idColumn?.get(i) ?? randomUUID()));
    out.byte(TAB);
    out.text(copyText(f.insee[i] ?? null));
    out.byte(TAB);
    out.text(number(f.lon[i]!));
    out.byte(TAB);
    out.text(number(f.lat[i]!));
    out.byte(TAB);
    const geometry = f.geometry?.[i];
    out.text(
      copyText(withGeometry && geometry && geometry.type !== 'Point' ? JSON.stringify(geometry) : null),
    );
    for (let c = 0; c < columns.length; c++) {
      out.byte(TAB);
      writeCell(out, columns[c]!, i, dictionaries[c]!);
    }
    out.byte(NEWLINE);
    if ((i & 1023) === 1023) yield* out.take();
  }
  yield* out.take(true);
}
