import { describe, expect, it } from 'vitest';
import { excelSerialToIso, expandTwoDigitYear, parseDateFr } from './date.ts';

describe('parseDateFr', () => {
  it('reads the inputs the two former parsers disagreed on one way', () => {
    // Spreadsheet convention: 30–99 → 19xx.
    expect(parseDateFr('01/01/75')).toBe('1975-01-01');
    // Excel serial in a date column (1900 system).
    expect(parseDateFr('45678', { excelSerial: true })).toBe('2025-01-21');
    // …and not in a column that is not known to hold dates.
    expect(parseDateFr('45678')).toBeNull();
  });

  it.each([
    ['10/10/2022', '2022-10-10'],
    ['1/2/2023', '2023-02-01'],
    ['29/02/2024', '2024-02-29'],
    ['05-03-24', '2024-03-05'],
    ['14.03.26', '2026-03-14'],
    ['31.12.1999', '1999-12-31'],
    ['01/01/29', '2029-01-01'],
    ['01/01/30', '1930-01-01'],
    ['01/01/00', '2000-01-01'],
    ['2019-06-23', '2019-06-23'],
    ['2019-06-23T10:00:00Z', '2019-06-23'],
    ['2026-03-14T10:30:00.123+01:00', '2026-03-14'],
    ['2019/06/23', '2019-06-23'],
    ['14/07/2023 08:30', '2023-07-14'],
    ['14/03/2026  09:45', '2026-03-14'],
    ['14/03/2026 9h45', '2026-03-14'],
    [' 14/03/2026 ', '2026-03-14'],
  ])('%j → %s', (text, iso) => {
    expect(parseDateFr(text)).toBe(iso);
  });

  it.each([
    '',
    'NA',
    '31/02/2023',
    '29/02/2023',
    '13/13/2020',
    'demain',
    'mars 2026',
    '2020-13-01',
    '2019-06/23',
    '14/03-2026',
    '1/1/123',
  ])('%j → null', (text) => {
    expect(parseDateFr(text)).toBeNull();
    expect(parseDateFr(text, { excelSerial: true })).toBeNull();
  });

  it('accepts Excel serials in the plausible range 1990–2099 only', () => {
    expect(parseDateFr('46095', { excelSerial: true })).toBe('2026-03-14');
    expect(parseDateFr('45678,75', { excelSerial: true })).toBe('2025-01-21');
    expect(parseDateFr('32874', { excelSerial: true })).toBe('1990-01-01');
    expect(parseDateFr('73050', { excelSerial: true })).toBe('2099-12-31');
    expect(parseDateFr('32873', { excelSerial: true })).toBeNull();
    expect(parseDateFr('73051', { excelSerial: true })).toBeNull();
    expect(parseDateFr('12345', { excelSerial: true })).toBeNull();
    expect(parseDateFr('123456', { excelSerial: true })).toBeNull();
  });

  it('keeps the 1900 leap-year bug of the 1900 date system', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(60)).toBeNull();
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(36526)).toBe('2000-01-01');
  });

  it('expands two-digit years with the spreadsheet pivot', () => {
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(29)).toBe(2029);
    expect(expandTwoDigitYear(30)).toBe(1930);
    expect(expandTwoDigitYear(99)).toBe(1999);
  });
});
