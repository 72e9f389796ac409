import { describe, expect, it } from 'vitest';
import { mapPcaetTable, type PcaetTable } from './import.ts';
import { pcaetProgress, placesOfLevel, shownUnit, yearsShown } from './progress.ts';
import { targetPath } from './series.ts';
import type { PcaetIndicator, PcaetValue } from './types.ts';
import { validateValue } from './validate.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: '246200729', population: 40_000 },
  { insee: '62001', name: 'Alpha', epciSiren: '246200729', population: 1_000 },
  { insee: '62002', name: 'Bravo', epciSiren: '200018083', population: 500 },
];
const places = {
  communes: new Set(communes.map((c) => c.insee)),
  epci: new Set(['246200729', '200018083']),
  today: '2026-12-03',
};

const ges: PcaetIndicator = {
  id: 'ges',
  name: 'Émissions de GES',
  unit: 'tCO₂e',
  direction: 'down',
  // The territory's whole target: never given to each commune.
  target: { value: 20_000, date: '2030-01-01' },
  level: 'commune',
  baselineYear: 2015,
};
const v = (
  place: string | null,
  date: string,
  value: number,
  type: PcaetValue['type'] = 'value',
): PcaetValue => ({
  indicatorId: 'ges',
  date,
  type,
  value,
  place,
});

describe('PCAET: measured values are never in the future', () => {
  it('refuses a measured value dated 2029 with its row and a French reason; a 2029 objective is fine', () => {
    const rows = [
      { indicateur: 'ges', annee: '2029', valeur: '120', code_insee: '62160', type: 'valeur' },
      { indicateur: 'ges', annee: '2029', valeur: '90', code_insee: '62160', type: 'objectif' },
      { indicateur: 'ges', annee: '2024', valeur: '150', code_insee: '62160', type: 'valeur' },
    ];
    const table: PcaetTable = {
      fields: Object.keys(rows[0]!),
      count: rows.length,
      rowOf: (i) => i + 2,
      get: (i, field) => (rows[i] as Record<string, string>)[field] ?? null,
    };
    const result = mapPcaetTable(table, [ges], places);
    expect(result.values.map((x) => [x.date, x.type])).toEqual([
      ['2029-01-01', 'target'],
      ['2024-01-01', 'value'],
    ]);
    expect(result.errors).toEqual([
      {
        row: 2,
        reason:
          'Valeur mesurée datée du 01/01/2029, dans le futur (aujourd’hui : 03/12/2026) : seul un objectif ou une estimation peut être daté après aujourd’hui.',
      },
    ]);
  });

  it('the form’s check is the same rule: today’s date is accepted, tomorrow is not', () => {
    expect(validateValue(v('62160', '2026-12-03', 1), ges, places)).toEqual([]);
    expect(validateValue(v('62160', '2026-12-04', 1), ges, places)[0]).toMatch(/dans le futur/);
  });
});

describe('PCAET progress: per place targets, baseline, share travelled', () => {
  const values = [
    v('62160', '2015-01-01', 100_000),
    v('62160', '2020-01-01', 90_000),
    v('62160', '2024-01-01', 80_000),
    v('62160', '2030-01-01', 60_000, 'target'),
    v('62001', '2015-01-01', 2_000),
    v('62001', '2024-01-01', 1_800),
    // Stored before the rule, or typed in a future year: never the latest.
    v('62001', '2029-01-01', 10, 'value'),
  ];

  it('uses each commune’s own objective; a commune without one has no target (not the territory’s)', () => {
    const progress = pcaetProgress(ges, values, placesOfLevel('commune', communes), '2026-12-03');
    const [boulogne, alpha, bravo] = progress;
    expect(boulogne).toMatchObject({
      latest: { date: '2024-01-01', value: 80_000 },
      baseline: { date: '2015-01-01', value: 100_000 },
      target: { date: '2030-01-01', value: 60_000, origin: 'place' },
    });
    // (80 000 − 100 000) ÷ (60 000 − 100 000) = 50 % of the way.
    expect(boulogne!.shareTravelled).toBeCloseTo(0.5, 10);
    expect(alpha).toMatchObject({
      latest: { date: '2024-01-01', value: 1_800 },
      target: null,
      shareTravelled: null,
    });
    expect(bravo).toMatchObject({ latest: null, baseline: null, shareTravelled: null });
    // The chart's path of Alpha has no made-up 20 000 t target either.
    expect(targetPath(ges, values, '62001').some((p) => p.origin === 'finalTarget')).toBe(false);
    expect(yearsShown(progress)).toBe('valeurs de 2024');
  });

  it('per inhabitant: values ÷ legal population, the territory’s target applies to every place', () => {
    const perHead: PcaetIndicator = {
      ...ges,
      normalisation: 'inhabitant',
      target: { value: 1, date: '2030-01-01' },
    };
    expect(shownUnit(perHead)).toBe('tCO₂e/hab.');
    const [boulogne, alpha] = pcaetProgress(
      perHead,
      values,
      placesOfLevel('commune', communes),
      '2026-12-03',
    );
    expect(boulogne!.latest!.value).toBeCloseTo(2, 10); // 80 000 t ÷ 40 000 inhabitants
    expect(boulogne!.target).toMatchObject({ value: 1.5, origin: 'place' }); // its own 60 000 t ÷ 40 000
    expect(alpha!.latest!.value).toBeCloseTo(1.8, 10);
    expect(alpha!.target).toMatchObject({ value: 1, origin: 'territory' });
    // Baseline 2 t/hab. in 2015, now 1,8, target 1: 20 % of the way.
    expect(alpha!.shareTravelled).toBeCloseTo(0.2, 10);
  });

  it('EPCI populations are the sums of their communes; the territory gets its own target', () => {
    const epci = placesOfLevel('epci', communes);
    expect(epci).toEqual([
      { id: '246200729', name: '246200729', population: 41_000 },
      { id: '200018083', name: '200018083', population: 500 },
    ]);
    const territorial: PcaetIndicator = {
      ...ges,
      level: 'territory',
      baselineYear: undefined,
    } as PcaetIndicator;
    delete territorial.baselineYear;
    const [territory] = pcaetProgress(
      territorial,
      [v(null, '2018-01-01', 50_000), v(null, '2024-01-01', 35_000)],
      placesOfLevel('territory', communes, { territory: 'Pays Boulonnais' }),
      '2026-12-03',
    );
    // No reference year: the first measured value is the baseline. (35 000 − 50 000) ÷ (20 000 − 50 000).
    expect(territory).toMatchObject({
      name: 'Pays Boulonnais',
      baseline: { date: '2018-01-01' },
      target: { origin: 'territory' },
    });
    expect(territory!.shareTravelled).toBeCloseTo(0.5, 10);
  });
});
