import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { mapPcaetImport, readPcaetCsv } from './import.ts';
import type { PcaetIndicator } from './types.ts';

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
  name: 'Logements rénovés',
  unit: 'logements',
  direction: 'up',
  target: { value: 100, date: '2030-01-01' },
  level: 'commune',
};
const places = { communes: new Set(['62160', '62001']), epci: new Set<string>() };

/** Windows-1252 bytes (what Excel "CSV (séparateur : point-virgule)" writes on a French PC). */
function windows1252(text: string): Uint8Array {
  const map: Record<string, number> = { é: 0xe9, É: 0xc9, è: 0xe8, à: 0xe0, '’': 0x92 };
  return Uint8Array.from([...text].map((c) => map[c] ?? c.charCodeAt(0)));
}

describe('readPcaetCsv (import engine CSV reader)', () => {
  it('reads a French Windows-1252 file with territory and commune rows', async () => {
    const csv = [
      'Indicateur;Année;Valeur;Code INSEE;Type',
      'Émissions de gaz à effet de serre;2020;912,5;;valeur',
      'emissions-ges;2030;600;;objectif',
      'logements-renoves;2024;12;62160;',
      'logements-renoves;2024;3;;valeur',
    ].join('\r\n');
    const result = await readPcaetCsv(windows1252(csv), [emissions, renovations], places);
    expect(result.rows).toBe(4);
    expect(result.values.map((v) => [v.indicatorId, v.date, v.type, v.value, v.place, v.sourceRow])).toEqual([
      ['emissions-ges', '2020-01-01', 'value', 912.5, null, 2],
      ['emissions-ges', '2030-01-01', 'target', 600, null, 3],
      ['logements-renoves', '2024-01-01', 'value', 12, '62160', 4],
    ]);
    expect(result.errors).toEqual([
      { row: 5, reason: '« Logements rénovés » se suit par commune : indiquez le code INSEE.' },
    ]);
  });

  it('reports an empty file', async () => {
    const result = await readPcaetCsv(new Uint8Array(0), [emissions], places);
    expect(result.errors[0]!.row).toBe(0);
  });
});

describe('mapPcaetImport (ImportResult of a commune-level file)', () => {
  const square = (x: number, insee: string) => ({
    type: 'Feature' as const,
    properties: { insee },
    geometry: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [x, 50],
          [x + 0.1, 50],
          [x + 0.1, 50.1],
          [x, 50.1],
          [x, 50],
        ],
      ],
    },
  });
  const communes: FeatureCollection<Polygon, { insee: string }> = {
    type: 'FeatureCollection',
    features: [square(1.6, '62160'), square(1.7, '62001')],
  };

  it('keeps accepted rows, and the rows the engine rejected, each with its row number', async () => {
    const csv = [
      'indicateur;date;valeur;code_insee;type',
      'logements-renoves;31/12/2024;12;62160;valeur',
      'logements-renoves;2025;15;62001;estimation',
      'logements-renoves;2025;4;;valeur',
      'logements-renoves;2025;x;62160;valeur',
    ].join('\n');
    const imported = await importFile(new TextEncoder().encode(csv), {
      kind: 'context',
      fileName: 'pcaet.csv',
      communes: buildCommuneIndex(communes),
    });
    expect(imported.ok).toBe(true);
    const result = mapPcaetImport(imported, [renovations], places);
    expect(result.values.map((v) => [v.date, v.type, v.value, v.place])).toEqual([
      ['2024-12-31', 'value', 12, '62160'],
      ['2025-01-01', 'estimate', 15, '62001'],
    ]);
    expect(result.errors.map((e) => e.row)).toEqual([4, 5]);
    expect(result.errors[1]!.reason).toBe('Valeur « x » non numérique.');
    expect(result.values.length + result.errors.length).toBe(result.rows);
  });
});
