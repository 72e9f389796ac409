/**
 * Strict standard base64 (RFC 4648, with padding). Node 20 lacks Uint8Array.toBase64, and atob/btoa need
 * binary strings; this works on bytes directly and rejects anything non-canonical so a hash stays meaningful.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 3 * 4096;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, bytes.length);
    let out = '';
    let i = start;
    for (; i + 2 < end; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    }
    const rest = end - i;
    if (rest === 1) {
      const n = bytes[i]! << 16;
      out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}==`;
    } else if (rest === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
      out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
    }
    parts.push(out);
  }
  return parts.join('');
}

/** Returns null for anything that is not canonical base64 (bad length, character, padding or padding bits). */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const pad = last ? padding : 0;
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      if (j >= 4 - pad) {
        if (code !== 61) return null;
        n <<= 6;
        continue;
      }
      const v = code < 128 ? LOOKUP[code]! : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    // Non-zero bits hidden under the padding would let two texts decode to the same bytes.
    if (pad === 2 && (n & 0xffff) !== 0) return null;
    if (pad === 1 && (n & 0xff) !== 0) return null;
    bytes[o++] = (n >> 16) & 255;
    if (pad < 2) bytes[o++] = (n >> 8) & 255;
    if (pad < 1) bytes[o++] = n & 255;
  }
  return bytes;
}
