import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, isValidUtf8 } from './encoding.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('isValidUtf8', () => {
  it('accepts ASCII, accents, 3- and 4-byte sequences', () => {
    expect(isValidUtf8(utf8('Saint-Étienne-au-Mont ; Pôle €  𝄞'))).toBe(true);
  });
  it.each([
    ['lone continuation byte', [0x41, 0x80]],
    ['Windows-1252 é', [0x63, 0x61, 0x66, 0xe9]],
    ['overlong slash', [0xc0, 0xaf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated at end', [0x41, 0xe2, 0x82]],
  ])('rejects %s', (_, bytes) => {
    expect(isValidUtf8(new Uint8Array(bytes))).toBe(false);
  });
});

describe('detectEncoding / decodeText', () => {
  it('reads UTF-8 with a BOM and strips it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('commune;é')]);
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(decodeText(bytes)).toEqual({ text: 'commune;é', encoding: 'utf-8', bom: true });
  });
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8('Équihen-Plage'))).toEqual({
      text: 'Équihen-Plage',
      encoding: 'utf-8',
      bom: false,
    });
  });
  it('falls back to Windows-1252 and gets accents and the euro sign right', () => {
    // "Équihen;coût €;œuvre" as written by French Excel.
    const bytes = new Uint8Array([
      0xc9, 0x71, 0x75, 0x69, 0x68, 0x65, 0x6e, 0x3b, 0x63, 0x6f, 0xfb, 0x74, 0x20, 0x80, 0x3b, 0x9c, 0x75,
      0x76, 0x72, 0x65,
    ]);
    expect(decodeText(bytes)).toEqual({ text: 'Équihen;coût €;œuvre', encoding: 'windows-1252', bom: false });
  });
});

describe('isValidUtf8 agrees with a fatal TextDecoder', () => {
  it('on random byte strings at every alignment', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 8;
    };
    const samples = ['é', '€', '𝄞', 'abcdefgh', '\u00a0', String.fromCharCode(0x7f)];
    for (let k = 0; k < 3000; k++) {
      const parts: number[] = [];
      const len = rand() % 40;
      for (let j = 0; j < len; j++) {
        const r = rand() % 10;
        if (r < 6) parts.push(...new TextEncoder().encode(samples[rand() % samples.length]!));
        else parts.push(r < 8 ? rand() % 0x80 : rand() % 256);
      }
      const offset = rand() % 4;
      const buffer = new Uint8Array(parts.length + offset + 3);
      buffer.set(parts, offset);
      const view = buffer.subarray(offset, offset + parts.length);
      let expected = true;
      try {
        fatal.decode(view);
      } catch {
        expected = false;
      }
      expect(isValidUtf8(view)).toBe(expected);
    }
  });
});

// Finding 5: short unaligned views threw (4,554 exceptions in 200,000 inputs), failing empty stored .dbf files.
describe('isValidUtf8 on short unaligned views', () => {
  it('agrees with TextDecoder({ fatal: true }) at every offset and short length', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const buffer = new Uint8Array(64);
    let seed = 7;
    for (let round = 0; round < 300; round++) {
      for (let i = 0; i < buffer.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        buffer[i] = seed % 3 === 0 ? 0x41 : seed >>> 24;
      }
      for (let offset = 0; offset < 4; offset++)
        for (let length = 0; length <= 9; length++) {
          const view = new Uint8Array(buffer.buffer, offset, length);
          let expected = true;
          try {
            strict.decode(view);
          } catch {
            expected = false;
          }
          expect(isValidUtf8(view), `offset ${offset} length ${length}`).toBe(expected);
        }
    }
  });
});
