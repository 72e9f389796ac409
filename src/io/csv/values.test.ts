import { describe, expect, it } from 'vitest';
import { cleanCell, isMissingValue, normaliseHeader, uniqueFieldNames } from './values.ts';

describe('missing values and headers', () => {
  it('treats NA, N/A, n/a and blanks as missing', () => {
    for (const v of ['', '  ', 'NA', 'N/A', 'n/a', '#N/A', null, undefined])
      expect(isMissingValue(v)).toBe(true);
    expect(isMissingValue('0')).toBe(false);
    expect(cleanCell('  Desvres ')).toBe('Desvres');
    expect(cleanCell('N/A')).toBeNull();
  });
  it('normalises header names', () => {
    expect(normaliseHeader('Longitude (WGS84)')).toBe('longitude_wgs84');
    expect(normaliseHeader('  Code INSEE ')).toBe('code_insee');
    expect(normaliseHeader('Coordonnée X')).toBe('coordonnee_x');
  });
  it('makes field names unique and names blank headers', () => {
    expect(uniqueFieldNames(['id', ' x ', 'x', '', 'x'])).toEqual(['id', 'x', 'x_2', 'colonne_4', 'x_3']);
    expect(uniqueFieldNames(['a', 'a_2', 'a', 'a'])).toEqual(['a', 'a_2', 'a_3', 'a_4']);
  });

  // Finding 4: 100,000 duplicate header names (700 KB) ran past 150 s (each duplicate rescanned from _2).
  it('names 100,000 duplicates in one pass', () => {
    const names = uniqueFieldNames(Array.from({ length: 100_000 }, () => 'x'));
    expect(new Set(names).size).toBe(100_000);
    expect(names.at(-1)).toBe('x_100000');
  });
});
