import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from './write.ts';

describe('neutraliseCell', () => {
  it.each(['=1+1', '+33 6', '-2', '@SUM(A1)', '\tcmd', '\rcmd'])('prefixes formula-like %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });
  it('leaves ordinary text and numbers alone', () => {
    expect(neutraliseCell('Boulogne-sur-Mer')).toBe('Boulogne-sur-Mer');
    expect(neutraliseCell(-2.5)).toBe('-2.5');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('quotes delimiters, quotes and line breaks, and starts with a BOM', () => {
    const csv = toCsv(['nom', 'note'], [['a;b', 'il a dit "oui"\nensuite']]);
    expect(csv).toBe('\uFEFFnom;note\r\n"a;b";"il a dit ""oui""\nensuite"\r\n');
  });
  it('writes decimal commas on request and neutralises injected formulas', () => {
    expect(toCsv(['v', 'n'], [[1.5, '=HYPERLINK("x")']], { bom: false, decimalComma: true })).toBe(
      'v;n\r\n1,5;"\'=HYPERLINK(""x"")"\r\n',
    );
  });
});
