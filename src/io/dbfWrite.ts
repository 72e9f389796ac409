/**
 * dBase III (.dbf) writer for shapefile exports. Text is UTF-8 (the .cpg beside it says so, which GDAL and
 * QGIS honour), numbers are N fields sized to their widest value, nulls are blank (GDAL reads them as null).
 * Field names are at most 10 bytes: callers pass short names; longer ones are cut and made unique.
 */

export interface DbfColumn {
  name: string;
  type: 'TEXT' | 'REAL' | 'INTEGER';
}

type Cell = string | number | null;

const MAX_TEXT_BYTES = 254;
/** Enough for centimetres in Lambert-93 and for kWh to the Wh; more digits are noise in a DBF. */
const MAX_DECIMALS = 6;
const encoder = new TextEncoder();

/** UTF-8 bytes of `text`, cut at a character boundary so that no accent is split in two. */
function utf8Within(text: string, max: number): Uint8Array {
  const bytes = encoder.encode(text);
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/**
 * DBF names of `names`: `short[name]` when given, else the name cut to 10 bytes; a name already taken gets
 * a `_2`, `_3`… suffix (cut further to fit), as GDAL does.
 */
export function dbfFieldNames(
  names: readonly string[],
  short: Readonly<Record<string, string>> = {},
): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const wanted = new TextDecoder().decode(utf8Within(short[name] ?? name, 10));
    let candidate = wanted;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = `_${n}`;
      candidate = new TextDecoder().decode(utf8Within(wanted, 10 - suffix.length)) + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return MAX_DECIMALS;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(MAX_DECIMALS, text.length - dot - 1);
}

interface Layout {
  name: string;
  type: 'C' | 'N';
  length: number;
  decimals: number;
}

function layout(column: DbfColumn, dbfName: string, values: Cell[]): Layout {
  if (column.type === 'TEXT') {
    const longest = values.reduce<number>(
      (n, v) => Math.max(n, v === null ? 0 : Math.min(MAX_TEXT_BYTES, encoder.encode(String(v)).length)),
      1,
    );
    return { name: dbfName, type: 'C', length: longest, decimals: 0 };
  }
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const decimals = column.type === 'INTEGER' ? 0 : numbers.reduce((d, v) => Math.max(d, decimalsOf(v)), 0);
  const length = numbers.reduce(
    (n, v) => Math.max(n, v.toFixed(decimals).length),
    decimals ? decimals + 2 : 1,
  );
  return { name: dbfName, type: 'N', length: Math.min(length, 255), decimals };
}

function cellBytes(field: Layout, value: Cell): Uint8Array {
  const out = new Uint8Array(field.length).fill(0x20);
  if (value === null || value === undefined) return out;
  if (field.type === 'C') {
    out.set(utf8Within(String(value), field.length));
    return out;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return out;
  const text = encoder.encode(value.toFixed(field.decimals));
  out.set(text.subarray(0, field.length), Math.max(0, field.length - text.length));
  return out;
}

/** The .dbf of `rows` (cells in `columns` order), with the given DBF field names. */
export function writeDbf(
  columns: readonly DbfColumn[],
  names: readonly string[],
  rows: readonly Cell[][],
): Uint8Array {
  const fields = columns.map((c, i) =>
    layout(
      c,
      names[i]!,
      rows.map((r) => r[i] ?? null),
    ),
  );
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  if (recordLength > 0xffff)
    throw new Error('Trop de colonnes pour un fichier .dbf (65 535 octets par ligne au plus).');
  const headerLength = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const view = new DataView(out.buffer);
  const today = new Date();
  out[0] = 0x03;
  out[1] = today.getUTCFullYear() - 1900;
  out[2] = today.getUTCMonth() + 1;
  out[3] = today.getUTCDate();
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encoder.encode(f.name), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20; // not deleted
    fields.forEach((f, i) => {
      out.set(cellBytes(f, row[i] ?? null), at);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}
