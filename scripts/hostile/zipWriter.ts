/** Byte-level writers for the hostile corpus: ZIP archives (stored or deflated), .shp and .dbf files. */
import { Deflate, deflateSync } from 'fflate';

export interface ZipInput {
  name: string;
  data?: Uint8Array;
  /** Already deflated bytes with the size they claim once inflated (zip bombs built in chunks). */
  deflated?: { bytes: Uint8Array; size: number };
  flags?: number;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function writeZip(entries: ZipInput[], deflate = true): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const raw = entry.data ?? new Uint8Array(0);
    const method = entry.deflated || deflate ? 8 : 0;
    const body = entry.deflated?.bytes ?? (deflate ? deflateSync(raw, { level: 6 }) : raw);
    const size = entry.deflated?.size ?? raw.length;
    const crc = entry.deflated ? 0 : crc32(raw);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, entry.flags ?? 0, true);
    local.setUint16(8, method, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, size >>> 0, true);
    local.setUint16(26, name.length, true);
    locals.push(new Uint8Array(local.buffer), name, body);
    const central = new DataView(new ArrayBuffer(46));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint16(8, entry.flags ?? 0, true);
    central.setUint16(10, method, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, body.length, true);
    central.setUint32(24, size >>> 0, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    centrals.push(new Uint8Array(central.buffer), name);
    offset += 30 + name.length + body.length;
  }
  const directory = concat(centrals);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directory.length, true);
  end.setUint32(16, offset, true);
  return concat([...locals, directory, new Uint8Array(end.buffer)]);
}

/** `size` zero bytes deflated in 1 MB chunks (never held inflated). */
export function deflatedZeros(size: number): { bytes: Uint8Array; size: number } {
  const out: Uint8Array[] = [];
  const deflater = new Deflate({ level: 1 }, (chunk) => out.push(chunk));
  const chunk = new Uint8Array(1_000_000);
  for (let done = 0; done < size; done += chunk.length) deflater.push(chunk, done + chunk.length >= size);
  return { bytes: concat(out), size };
}

/** A polygon .shp: each ring is a small closed triangle; `rings` rings in each of `shapes` records. */
export function writePolygonShp(shapes: number, rings: number): Uint8Array {
  const points = rings * 4;
  const content = 44 + 4 * rings + 16 * points;
  const total = 100 + shapes * (8 + content);
  const view = new DataView(new ArrayBuffer(total));
  view.setInt32(0, 9994);
  view.setInt32(24, total / 2);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  let p = 100;
  for (let s = 0; s < shapes; s++) {
    view.setInt32(p, s + 1);
    view.setInt32(p + 4, content / 2);
    view.setInt32(p + 8, 5, true);
    view.setInt32(p + 44, rings, true);
    view.setInt32(p + 48, points, true);
    for (let r = 0; r < rings; r++) view.setInt32(p + 52 + 4 * r, r * 4, true);
    let q = p + 52 + 4 * rings;
    for (let r = 0; r < rings; r++) {
      const x = 600000 + (r % 1000) * 10;
      const y = 7060000 + Math.floor(r / 1000) * 10;
      for (const [dx, dy] of [
        [0, 0],
        [0, 5],
        [5, 0],
        [0, 0],
      ] as const) {
        view.setFloat64(q, x + dx, true);
        view.setFloat64(q + 8, y + dy, true);
        q += 16;
      }
    }
    p += 8 + content;
  }
  return new Uint8Array(view.buffer);
}

/** A one-point .shp (Lambert-93, Boulogne-sur-Mer). */
export function writePointShp(count = 1): Uint8Array {
  const total = 100 + count * 28;
  const view = new DataView(new ArrayBuffer(total));
  view.setInt32(0, 9994);
  view.setInt32(24, total / 2);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 1, true);
  for (let i = 0; i < count; i++) {
    const p = 100 + i * 28;
    view.setInt32(p, i + 1);
    view.setInt32(p + 4, 10);
    view.setInt32(p + 8, 1, true);
    view.setFloat64(p + 12, 601500 + i, true);
    view.setFloat64(p + 20, 7067000, true);
  }
  return new Uint8Array(view.buffer);
}

/** A .dbf with one text field `NOM` (20 characters) and the given rows. */
export function writeDbf(rows: string[]): Uint8Array {
  const headerLength = 32 + 32 + 1;
  const recordLength = 1 + 20;
  const view = new DataView(new ArrayBuffer(headerLength + rows.length * recordLength + 1));
  view.setUint8(0, 3);
  view.setUint32(4, rows.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  const bytes = new Uint8Array(view.buffer);
  bytes.set(new TextEncoder().encode('NOM'), 32);
  bytes[32 + 11] = 'C'.charCodeAt(0);
  bytes[32 + 16] = 20;
  bytes[64] = 0x0d;
  rows.forEach((row, i) => {
    const at = headerLength + i * recordLength;
    bytes[at] = 0x20;
    bytes.set(new TextEncoder().encode(row.padEnd(20).slice(0, 20)), at + 1);
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}
