import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatRange, formatValue, legendDecimals, plural } from './format.ts';

const NNBSP = '\u202F';

describe('French number formatting', () => {
  it('groups thousands with a thin no-break space and uses a decimal comma', () => {
    expect(formatNumber(1234567.891, 2)).toBe(`1${NNBSP}234${NNBSP}567,89`);
    expect(formatNumber(157215)).toBe(`157${NNBSP}215`);
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe(`1${NNBSP}000`);
    expect(formatNumber(0.5, 1)).toBe('0,5');
  });

  it('rounds, keeps the sign, and never prints -0', () => {
    expect(formatNumber(-1234.5, 1)).toBe(`-1${NNBSP}234,5`);
    expect(formatNumber(-0.004, 2)).toBe('0,00');
    expect(formatNumber(2.675, 0)).toBe('3');
    expect(formatNumber(Number.NaN)).toBe('–');
  });

  it('puts a thin space before units and percent signs', () => {
    expect(formatValue(12.5, '%', 1)).toBe(`12,5${NNBSP}%`);
    expect(formatValue(48200, 'kWh')).toBe(`48${NNBSP}200${NNBSP}kWh`);
    expect(formatValue(3)).toBe('3');
    expect(formatPercent(0.123, 1)).toBe(`12,3${NNBSP}%`);
    expect(formatPercent(0.9)).toBe(`90${NNBSP}%`);
  });

  it('formats ranges with an en dash and the unit once', () => {
    expect(formatRange(12, 25, '%')).toBe(`12 – 25${NNBSP}%`);
    expect(formatRange(1200, 2500)).toBe(`1${NNBSP}200 – 2${NNBSP}500`);
    expect(formatRange(3, 3, 'friches')).toBe(`3${NNBSP}friches`);
  });

  it('chooses the fewest decimals that keep breaks distinct', () => {
    expect(legendDecimals([0, 5, 10, 20])).toBe(0);
    expect(legendDecimals([0, 0.4, 1.2, 2])).toBe(1);
    expect(legendDecimals([1, 1.05, 1.1])).toBe(2);
    expect(legendDecimals([0, 0, 3])).toBe(0);
  });

  it('pluralises French nouns (1 is singular, 0 too)', () => {
    expect(plural(0, 'commune')).toBe('0 commune');
    expect(plural(1, 'commune')).toBe('1 commune');
    expect(plural(74, 'commune')).toBe('74 communes');
  });
});
