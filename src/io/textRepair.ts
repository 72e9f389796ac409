/*
 * Double-encoded UTF-8 (« HalogÃ¨ne » for « Halogène »): a UTF-8 file opened as Windows-1252 and saved again
 * as UTF-8, common after a round trip through Excel or an old GIS. Each damaged character is a lead
 * character Â–ô followed by one to three characters that are the Windows-1252 readings of continuation
 * bytes 0x80–0xBF. Such sequences never occur in real French text, and each one is repaired only when its
 * bytes form valid UTF-8, so a legitimate « Â » stays.
 */

/** Windows-1252 characters of bytes 0x80–0x9F (undefined bytes read as the C1 control of the same code). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

import { agree } from '../lib/plural.ts';

const CONT = `[\\u0080-\\u00BF${CP1252_HIGH}]`;
const DAMAGED = new RegExp(
  `[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`,
  'g',
);

function byteOf(char: string): number {
  const code = char.charCodeAt(0);
  // Latin-1 readings (C1 controls) and Windows-1252 readings of bytes 0x80–0x9F both occur.
  if (code >= 0x80 && code <= 0xff) return code;
  const high = CP1252_HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : -1;
}

const strict = new TextDecoder('utf-8', { fatal: true });

export interface TextRepair {
  text: string;
  /** Characters repaired. */
  repaired: number;
  /** First damaged word and its repair, for the warning. */
  example: { before: string; after: string } | null;
}

export function repairDoubleEncoding(text: string): TextRepair {
  let repaired = 0;
  let first: { at: number; length: number } | null = null;
  const out = text.replace(DAMAGED, (sequence, offset: number) => {
    const bytes = Uint8Array.from(sequence, byteOf);
    try {
      const fixed = strict.decode(bytes);
      repaired++;
      first ??= { at: offset, length: sequence.length };
      return fixed;
    } catch {
      return sequence;
    }
  });
  let example: TextRepair['example'] = null;
  if (first) {
    const { at, length } = first;
    const start = Math.max(
      0,
      text.lastIndexOf(' ', at) + 1,
      text.lastIndexOf(';', at) + 1,
      text.lastIndexOf('\n', at) + 1,
    );
    const endAt = text.slice(at + length).search(/[\s;,"]/);
    const before = text.slice(start, endAt < 0 ? undefined : at + length + endAt).slice(0, 40);
    example = { before, after: repairDoubleEncoding.simple(before) };
  }
  return { text: out, repaired, example };
}

/** The repair alone, without the bookkeeping (used for the example). */
repairDoubleEncoding.simple = (text: string): string =>
  text.replace(DAMAGED, (sequence) => {
    try {
      return strict.decode(Uint8Array.from(sequence, byteOf));
    } catch {
      return sequence;
    }
  });

/** Cheap byte test before decoding a large file: UTF-8 of « Ã » (C3 83) or « Â » (C3 82) present. */
export function mayBeDoubleEncoded(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xc3); i >= 0 && i < bytes.length - 1; i = bytes.indexOf(0xc3, i + 1)) {
    const next = bytes[i + 1];
    if (next === 0x83 || next === 0x82) return true;
  }
  return false;
}

/** Bytes repaired when they hold double-encoded UTF-8, with the French warning; null when nothing to do. */
export function repairDoubleEncodedBytes(bytes: Uint8Array): { bytes: Uint8Array; warning: string } | null {
  if (!mayBeDoubleEncoded(bytes)) return null;
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return null;
  }
  const repair = repairDoubleEncoding(text);
  if (repair.repaired === 0) return null;
  const example = repair.example ? ` (« ${repair.example.before} » → « ${repair.example.after} »)` : '';
  return {
    bytes: new TextEncoder().encode(repair.text),
    warning: `Texte doublement encodé en UTF-8${example} : ${repair.repaired.toLocaleString('fr-FR')} ${agree(repair.repaired, 'caractère réparé', 'caractères réparés')}. Vérifiez l’aperçu.`,
  };
}
