import { describe, expect, it } from 'vitest';
import {
  cleanCell,
  isMissingValue,
  normaliseHeader,
  parseDateFr,
  parseNumberFr,
  uniqueFieldNames,
} from './values.ts';

describe('parseNumberFr', () => {
  it.each([
    ['1,5', 1.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234\u202f567,25', 1234567.25],
    ['1.5', 1.5],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1.234.567', 1234567],
    ['-0,25', -0.25],
    ['\u22120,25', -0.25],
    ['+3', 3],
    ['1,5E+06', 1500000],
    ['  42  ', 42],
    ['.5', 0.5],
  ])('%j → %d', (text, value) => {
    expect(parseNumberFr(text)).toBe(value);
  });
  it.each(['', 'NA', 'n/a', 'abc', '1,2,3x', '12 km', '--1', ',', 'Infinity', '0x10'])(
    '%j → null',
    (text) => {
      expect(parseNumberFr(text)).toBeNull();
    },
  );
});

describe('parseDateFr', () => {
  it.each([
    ['10/10/2022', '2022-10-10'],
    ['1/2/2023', '2023-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['05-03-24', '2024-03-05'],
    ['31.12.1999', '1999-12-31'],
    ['2019-06-23', '2019-06-23'],
    ['2019-06-23T10:00:00Z', '2019-06-23'],
    ['2019/06/23', '2019-06-23'],
    ['14/07/2023 08:30', '2023-07-14'],
  ])('%j → %s', (text, iso) => {
    expect(parseDateFr(text)).toBe(iso);
  });
  it.each(['', 'NA', '31/02/2023', '29/02/2023', '13/13/2020', 'demain', '2020-13-01'])(
    '%j → null',
    (text) => {
      expect(parseDateFr(text)).toBeNull();
    },
  );
});

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
  });
});
