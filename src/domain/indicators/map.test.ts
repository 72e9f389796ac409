import { describe, expect, it } from 'vitest';
import { indicatorChoropleth } from './map.ts';
import { indicatorById } from './registry.ts';
import { testData } from './testData.ts';

describe('indicatorChoropleth', () => {
  it('draws small samples apart with the indicator own legend texts', () => {
    const map = indicatorChoropleth(indicatorById('adviceConversionRate')!, testData(), {
      method: 'quantile',
      classes: 3,
    });
    // 62001: 90 % on 20 mature sessions; 62002: 2 mature (small sample); 62003: none mature (no data).
    expect(map.classes.map((c) => c.count)).toEqual([1]);
    expect(map.smallSample).toMatchObject({ count: 1, label: 'Moins de 5 conseils arrivés à maturité' });
    expect(map.noData).toMatchObject({ count: 1, label: 'Aucun conseil arrivé à maturité' });
    expect(map.classOf('62002').kind).toBe('smallSample');
  });

  it('maps EPCI by SIREN with values aggregated from communes', () => {
    const map = indicatorChoropleth(indicatorById('lightsRenovated')!, testData(), {
      method: 'equalInterval',
      classes: 3,
      level: 'epci',
    });
    expect(map.idProperty).toBe('siren');
    // Equal intervals 30 / 33,3 / 36,7 / 40, as printed (no value changes class): 30, 33, 37, 40.
    expect(map.breaks).toEqual([30, 33, 37, 40]);
    expect(map.classOf('A')).toMatchObject({ kind: 'class', index: 2 });
    expect(map.classOf('B')).toMatchObject({ kind: 'class', index: 0 });
    // Whole counts: each class printed by the whole numbers it holds (bounds 30, 33, 37, 40 → 34 à 37).
    expect(map.classes.map((c) => c.label)).toEqual([
      '30 à 33\u202Fpoints',
      '34 à 37\u202Fpoints',
      '38 à 40\u202Fpoints',
    ]);
  });
});
