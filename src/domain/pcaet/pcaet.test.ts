import { describe, expect, it } from 'vitest';
import { detectPcaetColumns, mapPcaetTable, mergeValues, type PcaetTable, readValueType } from './import.ts';
import { interpolate, latestByCommune, seriesAgainstTarget, targetPath } from './series.ts';
import type { PcaetIndicator, PcaetValue } from './types.ts';
import { indicatorIdFromName, parseYearOrDate, validateIndicator, validateValue } from './validate.ts';

const emissions: PcaetIndicator = {
  id: 'emissions-ges',
  name: 'Émissions de gaz à effet de serre',
  unit: 'ktCO₂e',
  direction: 'down',
  target: { value: 600, date: '2030-01-01' },
  level: 'territory',
};

const renovations: PcaetIndicator = {
  id: 'logements-renoves',
  name: 'Logements rénovés (BBC)',
  unit: 'logements',
  direction: 'up',
  target: { value: 100, date: '2030-01-01' },
  level: 'commune',
};

const places = { communes: new Set(['62160', '62001', '62002']), epci: new Set(['246200729']) };

const v = (partial: Partial<PcaetValue>): PcaetValue => ({
  indicatorId: 'emissions-ges',
  date: '2020-01-01',
  type: 'value',
  value: 0,
  place: null,
  ...partial,
});

describe('PCAET indicator validation', () => {
  it('accepts a complete indicator and derives ids from names', () => {
    expect(validateIndicator(emissions)).toEqual([]);
    expect(indicatorIdFromName('Émissions GES (résidentiel)')).toBe('emissions-ges-residentiel');
    expect(indicatorIdFromName('Émissions GES', ['emissions-ges'])).toBe('emissions-ges-2');
    expect(indicatorIdFromName('%%%')).toBe('indicateur');
  });

  it('explains every problem in French', () => {
    const errors = validateIndicator(
      {
        id: 'x',
        name: ' ',
        unit: '',
        direction: 'sideways' as 'up',
        target: { value: Number.NaN, date: '2030-02-30' },
        level: 'region' as 'commune',
      },
      [{ ...emissions, id: 'x' }],
    );
    expect(errors).toEqual([
      "Un autre indicateur porte déjà l'identifiant « x ».",
      "Le nom de l'indicateur est obligatoire.",
      expect.stringMatching(/^L'unité est obligatoire/),
      'Le sens de progression doit être « à la hausse » ou « à la baisse ».',
      'Le niveau doit être « territoire », « EPCI » ou « commune ».',
      'La valeur cible doit être un nombre.',
      expect.stringMatching(/^La date cible doit être une date valide/),
    ]);
    expect(validateIndicator({ ...emissions, id: 'autre' }, [emissions])).toEqual([
      "Un indicateur s'appelle déjà « Émissions de gaz à effet de serre ».",
    ]);
  });

  it('checks that a value sits at the indicator level, in the territory', () => {
    expect(validateValue(v({ place: '62160' }), emissions, places)[0]).toMatch(/à l'échelle du territoire/);
    const r = (place: string | null) =>
      validateValue(v({ indicatorId: renovations.id, place }), renovations, places);
    expect(r('62160')).toEqual([]);
    expect(r(null)[0]).toMatch(/indiquez le code INSEE/);
    expect(r('6216')).toEqual([
      'Code INSEE « 6216 » invalide (5 caractères attendus).',
      'Commune 6216 hors du territoire.',
    ]);
    expect(r('59350')).toEqual(['Commune 59350 hors du territoire.']);
  });

  it('reads years as 1 January and French dates', () => {
    expect(parseYearOrDate('2024')).toBe('2024-01-01');
    expect(parseYearOrDate('31/12/2024')).toBe('2024-12-31');
    expect(parseYearOrDate('2024-02-30')).toBeNull();
    expect(parseYearOrDate('24')).toBeNull();
  });
});

describe('series against the target path', () => {
  const values: PcaetValue[] = [
    v({ date: '2015-01-01', value: 1000 }),
    v({ date: '2020-01-01', value: 900 }),
    v({ date: '2025-01-01', type: 'target', value: 800 }),
    v({ date: '2023-01-01', type: 'estimate', value: 820 }),
    v({ date: '2020-01-01', place: '62160', value: 5 }), // another place: ignored
  ];

  it('starts from the measured baseline, goes through dated targets, ends at the final target', () => {
    expect(targetPath(emissions, values, null)).toEqual([
      { date: '2015-01-01', value: 1000, origin: 'baseline' },
      { date: '2025-01-01', value: 800, origin: 'target' },
      { date: '2030-01-01', value: 600, origin: 'finalTarget' },
    ]);
  });

  it('interpolates linearly by days and does not extrapolate', () => {
    const path = targetPath(emissions, values, null);
    // 2020-01-01 is 1,826 days after 2015-01-01 out of 3,653 to 2025-01-01.
    expect(interpolate(path, '2020-01-01')).toBeCloseTo(1000 - (200 * 1826) / 3653, 9);
    expect(interpolate(path, '2027-07-02')).toBeCloseTo(800 - (200 * 912) / 1826, 9);
    expect(interpolate(path, '2014-12-31')).toBeNull();
    expect(interpolate(path, '2030-01-02')).toBeNull();
  });

  it('compares values and estimates with the path, taking the direction into account', () => {
    const series = seriesAgainstTarget(emissions, values);
    const at = (date: string) => series.points.find((p) => p.date === date)!;
    expect(at('2020-01-01')).toMatchObject({ value: 900, onTrack: true });
    expect(at('2020-01-01').gap).toBeCloseTo(900 - (1000 - (200 * 1826) / 3653), 9);
    expect(at('2023-01-01')).toMatchObject({ value: null, estimate: 820 });
    // 820 ktCO₂e vs ≈ 840 expected on a downward target: on track.
    expect(at('2023-01-01').onTrack).toBe(true);
    expect(series.latest).toEqual({ date: '2020-01-01', value: 900, type: 'value' });
    // An upward indicator below its path is behind.
    const up = seriesAgainstTarget({ ...emissions, direction: 'up' }, values);
    expect(up.points.find((p) => p.date === '2020-01-01')!.onTrack).toBe(false);
  });

  it('gives the latest value per commune for a choropleth, estimates only on request', () => {
    const communeValues: PcaetValue[] = [
      v({ indicatorId: renovations.id, place: '62160', date: '2023-01-01', value: 12 }),
      v({ indicatorId: renovations.id, place: '62160', date: '2024-01-01', value: 20 }),
      v({ indicatorId: renovations.id, place: '62160', date: '2026-01-01', type: 'target', value: 40 }),
      v({ indicatorId: renovations.id, place: '62001', date: '2024-06-01', type: 'estimate', value: 7 }),
    ];
    const latest = latestByCommune(renovations, communeValues, ['62160', '62001', '62002']);
    expect(latest.get('62160')).toEqual({ value: 20, date: '2024-01-01', type: 'value' });
    expect(latest.get('62001')).toEqual({ value: null, date: null, type: null });
    expect(
      latestByCommune(renovations, communeValues, ['62001'], { includeEstimates: true }).get('62001'),
    ).toEqual({
      value: 7,
      date: '2024-06-01',
      type: 'estimate',
    });
    expect(
      latestByCommune(renovations, communeValues, ['62160'], { asOf: '2023-12-31' }).get('62160')?.value,
    ).toBe(12);
  });
});

function table(header: string[], rows: string[][]): PcaetTable {
  return {
    fields: header,
    count: rows.length,
    rowOf: (i) => i + 2,
    get: (i, field) => {
      const text = rows[i]![header.indexOf(field)];
      return text === undefined || text.trim() === '' ? null : text;
    },
  };
}

describe('PCAET CSV mapping', () => {
  it('detects French column names and value types', () => {
    expect(detectPcaetColumns(['Indicateur', 'Année', 'Valeur', 'Code INSEE', 'Type'])).toEqual({
      indicator: 'Indicateur',
      date: 'Année',
      value: 'Valeur',
      insee: 'Code INSEE',
      epci: null,
      type: 'Type',
    });
    expect(readValueType('Objectif')).toBe('target');
    expect(readValueType('Estimation')).toBe('estimate');
    expect(readValueType(null)).toBe('value');
    expect(readValueType('prévision ?')).toBeNull();
  });

  it('maps every row to a value or a French error with its spreadsheet row', () => {
    const result = mapPcaetTable(
      table(
        ['indicateur', 'année', 'valeur', 'code_insee', 'type'],
        [
          ['emissions-ges', '2020', '912,5', '', 'valeur'],
          ['Émissions de gaz à effet de serre', '2030', '600', '', 'objectif'],
          ['logements-renoves', '2024', '1 204', '62160.0', 'valeur'],
          ['logements-renoves', '2024', '3', '59350', ''],
          ['inconnu', 'deux mille', 'abc', '', 'prévu'],
          ['emissions-ges', '2020', '915', '', 'valeur'],
          ['emissions-ges', '2021', '900', '62160', 'estimation'],
        ],
      ),
      [emissions, renovations],
      places,
    );
    expect(result.rows).toBe(7);
    expect(result.values).toEqual([
      {
        indicatorId: 'emissions-ges',
        date: '2020-01-01',
        type: 'value',
        value: 912.5,
        place: null,
        sourceRow: 2,
      },
      {
        indicatorId: 'emissions-ges',
        date: '2030-01-01',
        type: 'target',
        value: 600,
        place: null,
        sourceRow: 3,
      },
      {
        indicatorId: 'logements-renoves',
        date: '2024-01-01',
        type: 'value',
        value: 1204,
        place: '62160',
        sourceRow: 4,
      },
    ]);
    expect(result.errors.map((e) => e.row)).toEqual([5, 6, 7, 8]);
    expect(result.errors[0]!.reason).toBe('Commune 59350 hors du territoire.');
    expect(result.errors[1]!.reason).toMatch(/^Indicateur « inconnu » inconnu : créez-le d'abord/);
    expect(result.errors[1]!.reason).toMatch(
      /date ou année « deux mille » illisible ; valeur « abc » non numérique ; type « prévu » inconnu/,
    );
    expect(result.errors[2]!.reason).toMatch(/^Doublon : une valeur mesurée existe déjà pour le 2020-01-01/);
    expect(result.errors[3]!.reason).toMatch(/à l'échelle du territoire/);
    expect(result.values.length + result.errors.length).toBe(result.rows);
  });

  it('rejects every row, with the reason, when a required column is missing', () => {
    const result = mapPcaetTable(
      table(['indicateur', 'valeur'], [['emissions-ges', '1']]),
      [emissions],
      places,
    );
    expect(result.errors).toEqual([{ row: 2, reason: 'Colonne obligatoire absente : date ou année.' }]);
  });

  it('merges imports, replacing values of the same slot', () => {
    const merged = mergeValues([v({ value: 1 }), v({ date: '2021-01-01', value: 2 })], [v({ value: 3 })]);
    expect(merged.replaced).toBe(1);
    expect(merged.values.map((x) => x.value).sort()).toEqual([2, 3]);
  });
});
