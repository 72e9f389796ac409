import type { TextEncoding } from './types.ts';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Length of the byte-order mark to skip (3 for a UTF-8 BOM, else 0). */
  bomLength: number;
}

/**
 * Strict UTF-8 validation (no overlongs, no surrogates, nothing above U+10FFFF, no truncated sequence).
 * Hand-written rather than `TextDecoder({fatal:true})` so a 64 MB file is validated without building a
 * 64 MB string: the ASCII fast path makes this a plain byte scan.
 */
export function isValidUtf8(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  // ASCII runs are skipped four bytes at a time through an aligned 32-bit view of the same memory.
  // A view shorter than its misalignment has no aligned word at all (and its aligned start may lie past the
  // buffer's end): treat it as holding none.
  const align = Math.min((4 - (bytes.byteOffset & 3)) & 3, bytes.byteLength);
  const wordCount = Math.max(0, (bytes.byteLength - align) >> 2);
  const words = new Uint32Array(
    bytes.buffer,
    bytes.byteLength > align ? bytes.byteOffset + align : 0,
    wordCount,
  );
  const lastWord = Math.min(wordCount, Math.max(0, (end - align) >> 2)) - 1;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      if (i >= align && ((i - align) & 3) === 0) {
        let w = (i - align) >> 2;
        while (w <= lastWord && (words[w]! & 0x80808080) === 0) w++;
        if (align + (w << 2) > i) i = align + (w << 2);
      }
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) {
      if (i + 1 >= end || (bytes[i + 1]! & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (b >= 0xe0 && b <= 0xef) {
      if (i + 2 >= end) return false;
      const b1 = bytes[i + 1]!;
      const b2 = bytes[i + 2]!;
      if ((b1 & 0xc0) !== 0x80 || (b2 & 0xc0) !== 0x80) return false;
      if (b === 0xe0 && b1 < 0xa0) return false; // overlong
      if (b === 0xed && b1 >= 0xa0) return false; // UTF-16 surrogate
      i += 3;
      continue;
    }
    if (b >= 0xf0 && b <= 0xf4) {
      if (i + 3 >= end) return false;
      const b1 = bytes[i + 1]!;
      if ((b1 & 0xc0) !== 0x80 || (bytes[i + 2]! & 0xc0) !== 0x80 || (bytes[i + 3]! & 0xc0) !== 0x80)
        return false;
      if (b === 0xf0 && b1 < 0x90) return false; // overlong
      if (b === 0xf4 && b1 >= 0x90) return false; // above U+10FFFF
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Windows-1252 — the encoding of
 * French Excel "CSV (séparateur : point-virgule)" exports. Latin-1 text is practically never valid UTF-8.
 */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3 };
  }
  return { encoding: isValidUtf8(bytes) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

const decoders = new Map<TextEncoding, TextDecoder>();

/** Shared, non-fatal decoder (a broken byte becomes U+FFFD rather than an exception). BOM is not stripped. */
function decoderFor(encoding: TextEncoding): TextDecoder {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding, { ignoreBOM: true });
    decoders.set(encoding, decoder);
  }
  return decoder;
}

// Windows-1252 code points of bytes 0x80–0x9F (0 = unassigned, kept as the C1 control).
const CP1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Node 20's TextDecoder('windows-1252') is really Latin-1 (0x80 → U+0080 instead of €, 0x9C instead of œ);
 * browsers get it right. Remapping the C1 range makes both agree.
 */
export function repairWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => {
    const mapped = CP1252_C1[c.charCodeAt(0) - 0x80]!;
    return mapped ? String.fromCharCode(mapped) : c;
  });
}

export function decodeBytes(
  bytes: Uint8Array,
  encoding: TextEncoding,
  start = 0,
  end = bytes.length,
): string {
  const text = decoderFor(encoding).decode(bytes.subarray(start, end));
  return encoding === 'windows-1252' ? repairWindows1252(text) : text;
}

/** Detects the encoding and decodes the whole text, BOM removed. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding; bom: boolean } {
  const { encoding, bomLength } = detectEncoding(bytes);
  return { text: decodeBytes(bytes, encoding, bomLength), encoding, bom: bomLength > 0 };
}
