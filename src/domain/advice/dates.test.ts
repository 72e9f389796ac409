import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isIsoDate, monthRange, readAdviceDate } from './dates.ts';
import { readAdviceNumber, splitList } from './text.ts';

describe('dates', () => {
  it('adds months clamping the day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-15', -6)).toBe('2025-09-15');
  });
  it('counts days and ranges months', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2025-01-01', '2027-12-31')).toBe(1094);
    expect(monthRange('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it.each([
    ['2026-03-14', '2026-03-14'],
    ['2026-03-14T10:30:00', '2026-03-14'],
    ['14/03/2026', '2026-03-14'],
    ['4/3/2026', '2026-03-04'],
    ['14-03-2026', '2026-03-14'],
    ['14.03.26', '2026-03-14'],
    ['14/03/2026 09:45', '2026-03-14'],
    ['46095', '2026-03-14'],
  ])('parses %j', (text, iso) => {
    expect(readAdviceDate(text)).toBe(iso);
  });
  it.each(['31/02/2026', '2026-13-01', 'mars 2026', '', '12345'])('rejects %j', (text) => {
    expect(readAdviceDate(text)).toBeNull();
  });
  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('text helpers', () => {
  it.each([
    ['12 500,50 €', 12500.5],
    ['12500', 12500],
    ['12,5', 12.5],
    ['1.234.567', 1234567],
    ['12.500,75', 12500.75],
    ['1,234,567', 1234567],
    ['3 200 kWh', 3200],
  ])('reads the number %j', (text, value) => {
    expect(readAdviceNumber(text)).toBe(value);
  });
  it('returns null for non-numbers', () => {
    expect(readAdviceNumber('douze')).toBeNull();
    expect(readAdviceNumber('')).toBeNull();
  });
  it('splits lists on | , ; /', () => {
    expect(splitList('isolation | chauffage,ventilation;menuiseries')).toEqual([
      'isolation',
      'chauffage',
      'ventilation',
      'menuiseries',
    ]);
  });
});
