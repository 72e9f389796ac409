import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type AdviceTable, mapAdviceTable } from '../../src/domain/advice/mapping.ts';
import { allocateByPopulation } from '../../src/domain/sample/placement.ts';
import type { CommuneCollection } from '../../src/domain/territory/types.ts';
import { adviceSampleCsv, generateAdviceSessions } from './advice.ts';

const square = (x: number) => ({
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
});
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: [
    ['62160', 'Boulogne-sur-Mer', 40000],
    ['62893', 'Wimereux', 6000],
    ['62268', 'Desvres', 5000],
  ].map(([insee, name, population], i) => ({
    type: 'Feature',
    geometry: square(1.5 + i * 0.1),
    properties: {
      insee: insee as string,
      name: name as string,
      epciSiren: '246200729',
      epciName: 'CA du Boulonnais',
      population: population as number,
      areaKm2: 10,
    },
  })),
};
const options = { seed: 7, count: 60, start: '2025-01-01', referenceDate: '2026-10-31' };

describe('advice sample generator', () => {
  const sessions = generateAdviceSessions(communes, options);

  it('is deterministic for a seed and differs with another seed', () => {
    expect(generateAdviceSessions(communes, options)).toEqual(sessions);
    expect(adviceSampleCsv(generateAdviceSessions(communes, options), communes)).toBe(
      adviceSampleCsv(sessions, communes),
    );
    expect(generateAdviceSessions(communes, { ...options, seed: 8 })).not.toEqual(sessions);
  });

  it('spreads sessions by population, within the contract, with unique ids', () => {
    expect(sessions).toHaveLength(60);
    const expected = allocateByPopulation(communes, 60);
    for (const [insee, n] of expected) expect(sessions.filter((s) => s.insee === insee)).toHaveLength(n);
    expect(new Set(sessions.map((s) => s.id)).size).toBe(60);
    for (const s of sessions) {
      expect(s.date >= options.start && s.date <= options.referenceDate).toBe(true);
      for (const c of s.followUp.contacts) {
        expect(c.date > s.date && c.date <= options.referenceDate).toBe(true);
      }
      // The current status is the outcome of the latest contact.
      expect(s.followUp.status).toBe(s.followUp.contacts.at(-1)?.statusAfter ?? 'toRemind');
    }
  });

  it('writes a CSV with a BOM, `;`, an INSEE column, no coordinates and no personal data, read back identically', () => {
    const csv = adviceSampleCsv(sessions, communes);
    expect(csv.startsWith('\uFEFFid_conseil;date_conseil;code_insee;commune;')).toBe(true);
    const header = csv.slice(1, csv.indexOf('\r\n')).split(';');
    expect(header).toContain('code_insee');
    expect(header.filter((h) => /^(lon|lat|x|y|longitude|latitude|wkt|geom)/i.test(h))).toEqual([]);
    const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { delimiter: ';' });
    const [fields, ...rows] = parsed.data as string[][];
    const table: AdviceTable = {
      fields: fields!,
      count: rows.length,
      rowOf: (i) => i + 2,
      get: (i, f) => {
        const v = rows[i]![fields!.indexOf(f)];
        return v === undefined || v === '' ? null : v;
      },
    };
    const result = mapAdviceTable(table, {
      communes: communes.features.map((f) => f.properties),
    });
    expect(result.errors).toEqual([]);
    expect(result.personalColumns).toEqual([]);
    expect(result.sessions.map(({ sourceRow: _, ...s }) => s)).toEqual(sessions);
  });
});
