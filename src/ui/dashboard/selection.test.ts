import { describe, expect, it } from 'vitest';
import { TEST_COMMUNES, testData } from '../../domain/indicators/testData.ts';
import type { Dataset } from '../../domain/indicators/types.ts';
import { type DashboardMapChoice, DEFAULT_DASHBOARD_MAP } from '../../state/dashboardSlice.ts';
import type { DatasetStatus } from './data.ts';
import { legendRows } from './legend.ts';
import { buildDashboardChoropleth } from './mapModel.ts';
import { findCommunes, placeDetails, searchKey } from './selection.ts';

const one = (id: Dataset): DatasetStatus => ({ id, label: id, loaded: true, source: null });
const build = (patch: Partial<DashboardMapChoice>) =>
  buildDashboardChoropleth(
    {
      data: testData(),
      status: { lights: one('lights'), advice: one('advice'), brownfields: one('brownfields') },
      epciSirens: ['A', 'B'],
      pcaetIndicators: [],
      pcaetValues: [],
    },
    { ...DEFAULT_DASHBOARD_MAP, classes: 3, ...patch },
  );
const EPCI = new Map([
  ['A', 'CA Alpha'],
  ['B', 'CC Bravo'],
]);

describe('selected commune', () => {
  it('gives the commune’s value, the legend label of its class, its colour and the scope', () => {
    const current = build({ indicator: 'adviceSessions' });
    for (const c of TEST_COMMUNES) {
      const d = placeDetails(current, c.insee, TEST_COMMUNES, EPCI)!;
      const assignment = current.choropleth!.classOf(c.insee);
      expect(d.rowId).toBe(c.insee);
      expect(d.name).toBe(c.name);
      expect(d.color).toBe(assignment.color);
      const row = legendRows(current).find((r) => r.color === assignment.color)!;
      expect(d.classLabel).toContain(row.label);
      expect(d.period).toBe(current.period);
      expect(d.value).toMatch(/^\d/);
    }
  });

  it('at EPCI level, points to the EPCI row with the EPCI value and population', () => {
    const current = build({ indicator: 'adviceSessionsPer1000', level: 'epci' });
    const d = placeDetails(current, '62002', TEST_COMMUNES, EPCI)!;
    expect(d).toMatchObject({ rowId: 'A', name: 'CA Alpha', population: 10_000 });
    expect(d.value).toMatch(/^4,3/);
    expect(placeDetails(current, '99999', TEST_COMMUNES, EPCI)).toBeNull();
  });
});

describe('commune search', () => {
  const communes = [
    { insee: '62764', name: 'Saint-Étienne-au-Mont', epciSiren: 'A', population: 1 },
    { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: 'A', population: 1 },
    { insee: '62174', name: 'La Capelle-lès-Boulogne', epciSiren: 'A', population: 1 },
    { insee: '62643', name: 'Le Portel', epciSiren: 'A', population: 1 },
  ];
  it('ignores accents, case, hyphens and « St »', () => {
    expect(searchKey('Saint-Étienne-au-Mont')).toBe('saint etienne au mont');
    expect(findCommunes('st etienne', communes).map((c) => c.name)).toEqual(['Saint-Étienne-au-Mont']);
    expect(findCommunes('LE PORTEL', communes).map((c) => c.insee)).toEqual(['62643']);
  });
  it('lists prefixes before inner matches, and finds INSEE codes', () => {
    expect(findCommunes('boulogne', communes).map((c) => c.name)).toEqual([
      'Boulogne-sur-Mer',
      'La Capelle-lès-Boulogne',
    ]);
    expect(findCommunes('62160', communes).map((c) => c.name)).toEqual(['Boulogne-sur-Mer']);
    expect(findCommunes('  ', communes)).toEqual([]);
    expect(findCommunes('zzz', communes)).toEqual([]);
  });
});
