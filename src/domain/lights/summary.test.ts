import { describe, expect, it } from 'vitest';
import { TEST_CONTRACT } from '../../../test/fixtures/contract.ts';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { DEFAULT_LIGHTING_SETTINGS } from './energy.ts';
import { NO_LOSSES } from './losses.ts';

// Nominal powers: the energy formula is pinned with them, gear losses in losses.test.ts.
const S = { ...DEFAULT_LIGHTING_SETTINGS, lossFactors: NO_LOSSES };

import { summarizeLights } from './summary.ts';

const contract = TEST_CONTRACT;

describe('summarizeLights', () => {
  it('prints exactly the fields of the public contract', () => {
    const summary = summarizeLights(
      [
        makePoint('a', { insee: '62893' }),
        makePoint('b', { status: 'scheduled' }),
        renovated('c', 20, '2025-02-01'), // 328 kWh saved
        renovated('d', 40, '2019-06-01', { insee: '62893' }), // 246 kWh saved, before the contract: still counted here
        renovated('e', 80, '2025-03-01'), // 82 kWh saved
      ],
      S,
      contract,
      { epciOf: new Map() },
    );
    expect(JSON.parse(JSON.stringify(summary))).toEqual({
      points: 5,
      renovated: 3,
      facteur4: 1,
      facteur2: 1,
      belowTarget: 1,
      toRenovate: 1,
      kwhSavedPerYear: 656,
      byCommune: {
        '62160': { points: 3, renovated: 2, facteur4: 1, facteur2: 0 },
        '62893': { points: 2, renovated: 1, facteur4: 0, facteur2: 1 },
      },
      outsideTerritory: 0,
      // d (F2) is dated 2019, before the contract: only c counts toward the gauges.
      gauges: { factor4: 1, factor2: 0, total: 1 },
      targetsMet: false,
    });
    expect(Object.keys(summary.byCommune)).toEqual(['62160', '62893']);
  });

  it('is all zeros for an empty inventory', () => {
    expect(summarizeLights([], S, contract, { epciOf: new Map() })).toEqual({
      points: 0,
      renovated: 0,
      facteur4: 0,
      facteur2: 0,
      belowTarget: 0,
      toRenovate: 0,
      kwhSavedPerYear: 0,
      byCommune: {},
      outsideTerritory: 0,
      gauges: { factor4: 0, factor2: 0, total: 0 },
      targetsMet: false,
    });
  });

  it('counts points outside the territory apart, toward nothing', () => {
    const summary = summarizeLights(
      [
        renovated('in', 20, '2025-02-01'),
        renovated('out', 20, '2025-02-01', { insee: '', outsideTerritory: true }),
      ],
      S,
      contract,
      { epciOf: new Map() },
    );
    expect(summary).toMatchObject({ points: 1, renovated: 1, facteur4: 1, outsideTerritory: 1 });
    expect(summary.gauges).toEqual({ factor4: 1, factor2: 0, total: 1 });
    expect(Object.keys(summary.byCommune)).toEqual(['62160']);
  });
});
