import { describe, expect, it } from 'vitest';
import { indicatorById } from './registry.ts';
import { indicatorTable, sortTable, tableCsv } from './table.ts';
import { TEST_COMMUNES, testData } from './testData.ts';

describe('indicator tables', () => {
  it('has one row per commune with every indicator and its small samples', () => {
    const rows = indicatorTable(testData());
    expect(rows.map((r) => r.id)).toEqual(['62001', '62002', '62003']);
    expect(rows[0]!.values.lightsRenovated).toBe(40);
    expect(rows[1]!.values.lightsRenovatedShare).toBeNull();
    expect(rows[1]!.smallSample).toContain('adviceConversionRate');
  });

  it('aggregates per EPCI with names and summed populations', () => {
    const rows = indicatorTable(testData(), 'epci', undefined, new Map([['A', 'CA Alpha']]));
    expect(rows.map((r) => [r.id, r.name, r.population])).toEqual([
      ['A', 'CA Alpha', 10000],
      ['B', 'B', 10000],
    ]);
    expect(rows[0]!.values.adviceSessions).toBe(43);
  });

  it('sorts by an indicator with missing values last in both directions', () => {
    const rows = indicatorTable(testData());
    const ids = (key: string, direction: 'asc' | 'desc') => sortTable(rows, key, direction).map((r) => r.id);
    expect(ids('lightsRenovatedShare', 'desc')).toEqual(['62001', '62003', '62002']);
    expect(ids('lightsRenovatedShare', 'asc')).toEqual(['62003', '62001', '62002']);
    expect(ids('name', 'asc')).toEqual(['62001', '62002', '62003']);
  });

  it('exports a French CSV that neutralises formulas in names', () => {
    const data = testData({
      communes: [{ ...TEST_COMMUNES[0]!, name: '=HYPERLINK("http://x")' }, ...TEST_COMMUNES.slice(1)],
    });
    const indicators = [indicatorById('lightsRenovatedShare')!, indicatorById('adviceConversionRate')!];
    const csv = tableCsv(indicatorTable(data, 'commune', indicators), 'commune', indicators);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'code_insee;commune;siren_epci;population;Part du parc d’éclairage rénovée (%);Taux de passage à l’acte (%);effectif trop faible',
    );
    expect(lines[1]).toBe(`62001;"'=HYPERLINK(""http://x"")";A;8000;40;90;`);
    expect(lines[3]).toBe('62003;Charlie;B;10000;10;;Taux de passage à l’acte');
  });
});
