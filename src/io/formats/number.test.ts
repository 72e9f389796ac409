import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberBytes } from '../csv/columns.ts';
import { parseNumberFr } from './number.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** The inputs the two former parsers disagreed on (issue #11), with the one answer now given. */
const FORMERLY_DISAGREEING: [string, number | null][] = [
  ['12 500,50 €', 12500.5],
  ['1,5E+06', 1500000],
];

describe('parseNumberFr', () => {
  it.each([
    ...FORMERLY_DISAGREEING,
    ['1,5', 1.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234\u202f567,25', 1234567.25],
    ['1\u2009234', 1234],
    ["1'234'567.5", 1234567.5],
    ['1’234', 1234],
    ['1.5', 1.5],
    ['1,234', 1.234],
    ['1.234,5', 1234.5],
    ['12.500,75', 12500.75],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['-0,25', -0.25],
    ['\u22120,25', -0.25],
    ['\u2212 1 234,5', -1234.5],
    ['+3', 3],
    ['2e-3', 0.002],
    ['1 234,5E2', 123450],
    ['  42  ', 42],
    ['.5', 0.5],
    ['5,', 5],
    ['€ 12,50', 12.5],
    ['-12,50 €', -12.5],
    ['12,50 EUR', 12.5],
    ['3 euros', 3],
    ['007', 7],
  ] as [string, number][])('%j → %d', (text, value) => {
    expect(parseNumberFr(text)).toBe(value);
  });

  it.each([
    '',
    'NA',
    'n/a',
    '#N/A',
    'abc',
    '1,2,3x',
    '12 km',
    '--1',
    ',',
    '-',
    'Infinity',
    '0x10',
    '1 2',
    '12 34',
    '1.2.3',
    '1,23,456',
    '1 234.567,5',
    '1,5,5.3',
    '1.5.5,3',
    '1e',
    '1e999',
    '€',
    '12 € 50',
    '1\r\n2',
    '\n',
  ])('%j → null', (text) => {
    expect(parseNumberFr(text)).toBeNull();
  });

  it('drops only the units the caller names', () => {
    expect(parseNumberFr('3 200 kWh')).toBeNull();
    expect(parseNumberFr('3 200 kWh', { units: /\s*kwh$/i })).toBe(3200);
    expect(parseNumberFr('150 W', { units: /\s*w$/i })).toBe(150);
  });
});

describe('parseNumberBytes (CSV fast path) gives the same answers as parseNumberFr', () => {
  const same = (text: string) => {
    const expected = parseNumberFr(text) ?? Number.NaN;
    const u = utf8(text);
    expect(parseNumberBytes(u, 0, u.length, 'utf-8')).toBe(expected);
    // Windows-1252 agrees with Latin-1 outside 0x80–0x9F: those texts encode byte for byte.
    if (
      [...text].every((c) => c.charCodeAt(0) < 0x80 || (c.charCodeAt(0) >= 0xa0 && c.charCodeAt(0) <= 0xff))
    ) {
      const l = latin1(text);
      expect(parseNumberBytes(l, 0, l.length, 'windows-1252')).toBe(expected);
    }
  };

  it.each([
    ...FORMERLY_DISAGREEING.map(([t]) => t),
    '1,5',
    '-601234,56',
    '601234.56',
    '1 234,5',
    '1.234.567',
    '\u22120,25',
    '5.',
    ',5',
    '-,5',
    '-0',
    '12345678901234567',
    '123456789012345,5',
    'NA',
    '',
    ' ',
    '\t7\r',
  ])('%j', (text) => same(text));

  it('on random cells made of number characters', () => {
    const alphabet = fc.constantFrom(
      ..."0123456789,.-+eE €\u00a0\u202f\u2212'x\r\n\t".split(''),
      '0',
      '1',
      '5',
      '9',
    );
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 14 }), (chars) => same(chars.join(''))),
      { numRuns: 3000 },
    );
  });

  it('on numbers written the French way', () => {
    const written = fc
      .tuple(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.constantFrom(',', '.'),
        fc.constantFrom('', ' ', '\u00a0', '\u202f', "'"),
        fc.constantFrom('', ' €', 'E+03', 'e-2'),
        fc.integer({ min: 0, max: 4 }),
      )
      .map(([x, decimal, group, suffix, digits]) => {
        const [int, frac] = Math.abs(x).toFixed(digits).split('.');
        const grouped = group ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, group) : int!;
        return `${x < 0 ? '-' : ''}${grouped}${frac ? decimal + frac : ''}${suffix}`;
      });
    fc.assert(
      fc.property(written, (text) => {
        same(text);
        expect(parseNumberFr(text)).not.toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
