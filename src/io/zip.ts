/**
 * Minimal ZIP reader (central directory; stored and deflated entries) for zipped shapefiles. Inflating uses
 * the platform's DecompressionStream, present in browsers, workers and Node ≥ 18, so no dependency is added.
 * ZIP64 and encrypted archives are refused with a French reason.
 */

export type ZipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Reads the entries whose name passes `wanted` (default: all). */
export async function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
): Promise<ZipResult> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 65535); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'Archive ZIP illisible (répertoire central introuvable).' };
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || p === 0xffffffff) {
    return {
      ok: false,
      reason: 'Archive ZIP64 non prise en charge : recompressez le dossier en ZIP standard.',
    };
  }
  const decoder = new TextDecoder();
  const files = new Map<string, Uint8Array>();
  try {
    for (let e = 0; e < entries; e++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
        return { ok: false, reason: 'Archive ZIP endommagée (répertoire central incohérent).' };
      }
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const nameLength = view.getUint16(p + 28, true);
      const extraLength = view.getUint16(p + 30, true);
      const commentLength = view.getUint16(p + 32, true);
      const localOffset = view.getUint32(p + 42, true);
      const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
      if (name.endsWith('/') || !wanted(name)) continue;
      if (flags & 1) return { ok: false, reason: `Archive ZIP chiffrée (${name}) : non prise en charge.` };
      if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) {
        return { ok: false, reason: `Archive ZIP endommagée (${name}).` };
      }
      const start =
        localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
      const data = bytes.subarray(start, start + compressedSize);
      if (data.length !== compressedSize) return { ok: false, reason: `Archive ZIP tronquée (${name}).` };
      if (method === 0) files.set(name, data);
      else if (method === 8) files.set(name, await inflateRaw(data));
      else
        return {
          ok: false,
          reason: `Méthode de compression ZIP non prise en charge (${method}) pour ${name}.`,
        };
    }
  } catch {
    return { ok: false, reason: 'Archive ZIP endommagée (décompression impossible).' };
  }
  return { ok: true, files };
}
