/**
 * dBase (.dbf) reader replacing shpjs's: the header is untrusted, so its record count, header length and
 * record length are checked against the file's real size before anything is allocated (a 715-byte file
 * claiming 4,294,967,295 records is refused at once). Values are read as shpjs did (C text trimmed, N/F/O
 * numbers, D dates, L booleans) so that the rest of the import does not change.
 */
import { formatBytes } from './fileSize.ts';

export type DbfResult = { ok: true; records: Record<string, unknown>[] } | { ok: false; reason: string };

interface DbfField {
  name: string;
  type: string;
  length: number;
}

const int = new Intl.NumberFormat('fr-FR');

function fail(reason: string): DbfResult {
  return { ok: false, reason: `Fichier .dbf incohérent : ${reason}.` };
}

export function readDbf(bytes: Uint8Array, encoding: 'utf-8' | 'windows-1252'): DbfResult {
  if (bytes.length === 0) return { ok: true, records: [] };
  if (bytes.length < 33) return fail(`${formatBytes(bytes.length)}, trop court pour un en-tête dBase`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length)
    return fail(`longueur d’en-tête ${headerLength} octets invalide`);
  const available = recordLength > 0 ? Math.floor((bytes.length - headerLength) / recordLength) : 0;
  if (count > available) {
    return fail(
      `l’en-tête annonce ${int.format(count)} enregistrements de ${recordLength} octets, le fichier (${formatBytes(bytes.length)}) n’en contient que ${int.format(available)}`,
    );
  }
  const decoder = new TextDecoder(encoding);
  const fields: DbfField[] = [];
  let width = 1; // the deletion flag
  for (let p = 32; p + 32 <= headerLength && bytes[p] !== 0x0d; p += 32) {
    const nameEnd = bytes.subarray(p, p + 11).indexOf(0);
    const name = decoder
      .decode(bytes.subarray(p, p + (nameEnd < 0 ? 11 : nameEnd)))
      .replace(/\0/g, '')
      .trim();
    const field = { name, type: String.fromCharCode(bytes[p + 11]!), length: bytes[p + 16]! };
    fields.push(field);
    width += field.length;
  }
  if (count > 0 && width > recordLength) {
    return fail(`les champs occupent ${width} octets pour des enregistrements de ${recordLength} octets`);
  }
  const records: Record<string, unknown>[] = new Array(count);
  for (let r = 0; r < count; r++) {
    let at = headerLength + r * recordLength + 1;
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const text = decoder
        .decode(bytes.subarray(at, at + field.length))
        .replace(/\0/g, '')
        .trim();
      at += field.length;
      // defineProperty: a field named "__proto__" stays an own property instead of replacing the prototype.
      Object.defineProperty(record, field.name, {
        value: fieldValue(field.type, text),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    records[r] = record;
  }
  return { ok: true, records };
}

function fieldValue(type: string, text: string): unknown {
  switch (type) {
    case 'N':
    case 'F':
    case 'O':
      return Number.parseFloat(text);
    case 'D':
      return new Date(
        Number(text.slice(0, 4)),
        Number.parseInt(text.slice(4, 6), 10) - 1,
        Number(text.slice(6, 8)),
      );
    case 'L':
      return text.toLowerCase() === 'y' || text.toLowerCase() === 't';
    default:
      return text;
  }
}
