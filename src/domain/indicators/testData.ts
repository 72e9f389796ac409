/** Test helper: a three-commune territory and contract, with indicator inputs overridable field by field. */
import { TEST_CONTRACT } from '../../../test/fixtures/contract.ts';
import type { CommuneAdviceSummary, CommuneLightsSummary, IndicatorData } from './types.ts';

export { TEST_CONTRACT };

/** Two communes in EPCI A (populations 8,000 and 2,000), one in EPCI B (10,000). */
export const TEST_COMMUNES = [
  { insee: '62001', name: 'Alpha', epciSiren: 'A', population: 8000 },
  { insee: '62002', name: 'Bravo', epciSiren: 'A', population: 2000 },
  { insee: '62003', name: 'Charlie', epciSiren: 'B', population: 10000 },
];

export function lights(partial: Partial<CommuneLightsSummary>): CommuneLightsSummary {
  return {
    points: 0,
    renovated: 0,
    factor4: 0,
    factor2: 0,
    kwhSavedPerYear: 0,
    contractCounted: 0,
    ...partial,
  };
}

export function advice(partial: Partial<CommuneAdviceSummary>): CommuneAdviceSummary {
  return { sessions: 0, mature: 0, withWorks: 0, smallSample: true, contractSessions: 0, ...partial };
}

export function testData(overrides: Partial<IndicatorData> = {}): IndicatorData {
  return {
    communes: TEST_COMMUNES,
    contract: TEST_CONTRACT,
    asOf: '2026-06-30',
    scope: 'contract',
    lights: {
      byCommune: new Map([
        [
          '62001',
          lights({
            points: 100,
            renovated: 40,
            factor4: 30,
            factor2: 8,
            kwhSavedPerYear: 12000,
            contractCounted: 38,
          }),
        ],
        ['62002', lights({ points: 0 })],
        [
          '62003',
          lights({
            points: 300,
            renovated: 30,
            factor4: 20,
            factor2: 10,
            kwhSavedPerYear: 9000,
            contractCounted: 30,
          }),
        ],
      ]),
      contract: { factor4: 50, factor2: 18, countedTotal: 68 },
      headline: { renovated: 70, factor4: 50, factor2: 18, kwhSavedPerYear: 21000 },
      contractDates: [],
    },
    advice: {
      byCommune: new Map([
        [
          '62001',
          advice({ sessions: 40, mature: 20, withWorks: 18, smallSample: false, contractSessions: 40 }),
        ],
        ['62002', advice({ sessions: 3, mature: 2, withWorks: 2, smallSample: true, contractSessions: 3 })],
        ['62003', advice({ sessions: 10, mature: 0, withWorks: 0, smallSample: true, contractSessions: 10 })],
      ]),
      delivered: 53,
      contractDelivered: 53,
      conversion: { numerator: 20, denominator: 22, rate: 20 / 22, smallSample: false },
      conversionScope: 'contract',
      conversionFallback: false,
      contractDates: [],
    },
    brownfields: {
      sites: [
        { id: 's1', name: 'Ancienne sucrerie', insee: '62001', score: 0.72, shortlisted: true },
        { id: 's2', name: 'Garage', insee: '62001', score: 0.41, shortlisted: false },
        { id: 's3', name: 'Entrepôt', insee: '62003', score: null, shortlisted: true },
        { id: 's4', name: 'Hors territoire', insee: null, score: 0.9, shortlisted: false },
      ],
      proposed: 0,
    },
    ...overrides,
  };
}
