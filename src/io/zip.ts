/**
 * Minimal ZIP reader (central directory; stored and deflated entries) for zipped shapefiles. Archives are
 * untrusted: the central directory is listed without inflating anything, the caller picks the entries it needs,
 * and inflating (fflate, streamed in chunks) stops as soon as an entry passes its size cap, the total cap or a
 * compression ratio no real file reaches (zip bombs). ZIP64 and encrypted archives are refused in French.
 */
import { Inflate } from 'fflate';
import { formatBytes, MAX_FILE_BYTES } from './fileSize.ts';

export type ZipResult = { ok: true; files: Map<string, Uint8Array> } | { ok: false; reason: string };

export interface ZipLimits {
  /** Largest inflated entry (default 4 × the file limit). */
  maxEntryBytes?: number;
  /** Largest inflated total of the entries read (default 4 × the file limit). */
  maxTotalBytes?: number;
  /** Highest inflated / compressed ratio, checked once an entry passes `ratioFloorBytes`. */
  maxRatio?: number;
  ratioFloorBytes?: number;
  maxEntries?: number;
}

export const ZIP_LIMITS: Required<ZipLimits> = {
  maxEntryBytes: 4 * MAX_FILE_BYTES,
  maxTotalBytes: 4 * MAX_FILE_BYTES,
  // Shapefile parts compress 3–50× in practice; deflate's ceiling is ~1,030×.
  maxRatio: 200,
  ratioFloorBytes: 10_000_000,
  maxEntries: 10_000,
};

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CHUNK = 64 * 1024;

/** A local file header, or the end record alone (an empty archive, which gets its own message). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

export type ZipListing = { ok: true; entries: ZipEntry[] } | { ok: false; reason: string };

/** The archive's entries (directories left out), read from the central directory only. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = {}): ZipListing {
  const maxEntries = limits.maxEntries ?? ZIP_LIMITS.maxEntries;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 65535); p--) {
    if (view.getUint32(p, true) === EOCD) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'Archive ZIP illisible (répertoire central introuvable).' };
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) {
    return {
      ok: false,
      reason: 'Archive ZIP64 non prise en charge : recompressez le dossier en ZIP standard.',
    };
  }
  if (count === 0) return { ok: false, reason: 'L’archive ZIP est vide : elle ne contient aucun fichier.' };
  if (count > maxEntries) {
    return {
      ok: false,
      reason: `L’archive ZIP contient ${count} fichiers : au plus ${maxEntries} sont acceptés.`,
    };
  }
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let e = 0; e < count; e++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) {
      return { ok: false, reason: 'Archive ZIP endommagée (répertoire central incohérent).' };
    }
    const nameLength = view.getUint16(p + 28, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)),
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      localOffset: view.getUint32(p + 42, true),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.localOffset === 0xffffffff ||
      view.getUint32(p + 24, true) === 0xffffffff
    ) {
      return {
        ok: false,
        reason: 'Archive ZIP64 non prise en charge : recompressez le dossier en ZIP standard.',
      };
    }
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (!entry.name.endsWith('/')) entries.push(entry);
  }
  return { ok: true, entries };
}

class LimitError extends Error {}

/** Inflates the given entries within the limits; a French reason names the entry at fault. */
export function extractZip(
  bytes: Uint8Array,
  entries: readonly ZipEntry[],
  limits: ZipLimits = {},
): ZipResult {
  const caps = { ...ZIP_LIMITS, ...limits };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const entry of entries) {
    const { name, localOffset, compressedSize } = entry;
    if (entry.flags & 1)
      return { ok: false, reason: `Archive ZIP chiffrée (${name}) : non prise en charge.` };
    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== LOCAL) {
      return { ok: false, reason: `Archive ZIP endommagée (${name}).` };
    }
    const start =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const data = bytes.subarray(start, start + compressedSize);
    if (data.length !== compressedSize) return { ok: false, reason: `Archive ZIP tronquée (${name}).` };
    if (entry.method === 0) {
      total += data.length;
      if (total > caps.maxTotalBytes) return { ok: false, reason: totalMessage(caps.maxTotalBytes) };
      files.set(name, data);
      continue;
    }
    if (entry.method !== 8) {
      return {
        ok: false,
        reason: `Méthode de compression ZIP non prise en charge (${entry.method}) pour ${name}.`,
      };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    let problem: string | null = null;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      total += chunk.length;
      if (size > caps.maxEntryBytes)
        problem = `${name} dépasse ${formatBytes(caps.maxEntryBytes)} une fois décompressé : archive refusée.`;
      else if (total > caps.maxTotalBytes) problem = totalMessage(caps.maxTotalBytes);
      else if (size > caps.ratioFloorBytes && size > caps.maxRatio * Math.max(1, compressedSize))
        problem = `${name} : taux de compression anormal (plus de ${caps.maxRatio} pour 1), archive refusée par prudence (bombe de décompression).`;
      if (problem) throw new LimitError(problem);
      chunks.push(chunk);
    });
    try {
      for (let at = 0; at < data.length || at === 0; at += CHUNK) {
        inflater.push(data.subarray(at, at + CHUNK), at + CHUNK >= data.length);
        if (data.length === 0) break;
      }
    } catch (error) {
      if (error instanceof LimitError) return { ok: false, reason: error.message };
      return { ok: false, reason: `Archive ZIP endommagée (${name} : décompression impossible).` };
    }
    files.set(name, concat(chunks, size));
  }
  return { ok: true, files };
}

function totalMessage(max: number): string {
  return `L’archive dépasse ${formatBytes(max)} une fois décompressée : archive refusée.`;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Reads the entries whose name passes `wanted` (default: all). */
export async function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean = () => true,
  limits: ZipLimits = {},
): Promise<ZipResult> {
  const listing = listZip(bytes, limits);
  if (!listing.ok) return listing;
  return extractZip(
    bytes,
    listing.entries.filter((e) => wanted(e.name)),
    limits,
  );
}
