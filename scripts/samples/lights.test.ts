import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { assessRenovation, DEFAULT_LIGHTING_SETTINGS } from '../../src/domain/lights/energy.ts';
import { mapLights } from '../../src/domain/lights/mapping.ts';
import type { LightPoint } from '../../src/domain/lights/types.ts';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  CommuneFeature,
} from '../../src/domain/territory/types.ts';
import { buildCommuneIndex } from '../../src/geo/communeIndex.ts';
import { fromWgs84, toWgs84 } from '../../src/io/crs/project.ts';
import { readCsv } from '../../src/io/csv/parse.ts';
import { parseNumberFr } from '../../src/io/formats/number.ts';
import type { ImportResult } from '../../src/io/types.ts';
import { generateLights, LIGHTS_SAMPLE, lightsSampleCsv, tierOf } from './lights.ts';

/** Three square communes near Boulogne: a dense town, a suburb and a village (6 × 6 km each). */
function square(insee: string, name: string, west: number, population: number): CommuneFeature {
  const s = 50.65;
  const size = 0.085;
  const north = s + 0.054;
  return {
    type: 'Feature',
    properties: {
      insee,
      name,
      epciSiren: '246200729',
      epciName: 'CA du Boulonnais',
      population,
      areaKm2: 30,
    },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, s],
          [west + size, s],
          [west + size, north],
          [west, north],
          [west, s],
        ],
      ],
    },
  };
}
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: [
    square('62160', 'Bourg-Ville', 1.6, 40_000),
    square('62300', 'Faubourg', 1.7, 6_000),
    square('62900', 'Hameau', 1.8, 1_500),
  ],
};
const centres: CommuneCentreCollection = {
  type: 'FeatureCollection',
  features: communes.features.map((f) => {
    const [w, s] = (f.geometry.coordinates[0] as number[][])[0] as [number, number];
    return {
      type: 'Feature',
      properties: { insee: f.properties.insee, name: f.properties.name, population: f.properties.population },
      geometry: { type: 'Point', coordinates: [w + 0.0425, s + 0.027] },
    };
  }),
};
const options = { seed: 7, count: 4000, contractStart: '2025-01-01' };
const points = generateLights(communes, centres, options);
const share = (pred: (p: LightPoint) => boolean, of: readonly LightPoint[] = points) =>
  of.filter(pred).length / of.length;

describe('lights sample generator', () => {
  it('is deterministic: same seed, same file; another seed, another file', () => {
    const small = { ...options, count: 300 };
    const a = lightsSampleCsv(generateLights(communes, centres, small), communes);
    const b = lightsSampleCsv(generateLights(communes, centres, small), communes);
    const c = lightsSampleCsv(generateLights(communes, centres, { ...small, seed: 8 }), communes);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a.split('\r\n')).toHaveLength(302);
  });

  it('spreads points by population, inside their commune, with unique ids', () => {
    expect(points).toHaveLength(4000);
    // 4,000 × 40,000 / 47,500 = 3,368.42, and the town has the largest remainder (.42 vs .26 and .32),
    // so it receives the one point left by rounding down: 3,369
    expect(points.filter((p) => p.insee === '62160')).toHaveLength(3369);
    expect(new Set(points.map((p) => p.id)).size).toBe(4000);
    const byInsee = new Map(communes.features.map((f) => [f.properties.insee, f]));
    for (const p of points.slice(0, 500))
      expect(booleanPointInPolygon([p.lon, p.lat], byInsee.get(p.insee)!)).toBe(true);
  });

  it('writes coordinates that the import locates in the commune each point was drawn in', () => {
    const index = buildCommuneIndex(communes);
    for (const p of points) {
      const [x, y] = fromWgs84('EPSG:2154', p.lon, p.lat);
      const [lon, lat] = toWgs84('EPSG:2154', Math.round(x * 100) / 100, Math.round(y * 100) / 100);
      expect(index.codes[index.locate(lon, lat)]).toBe(p.insee);
    }
  });

  it('has a realistic technology and power mix, with mercury lingering in villages', () => {
    expect(tierOf(40_000, 30)).toBe('urban');
    expect(tierOf(6_000, 30)).toBe('periurban');
    expect(tierOf(1_500, 30)).toBe('rural');
    expect(share((p) => p.technologyBefore === 'sodiumHighPressure')).toBeGreaterThan(0.55);
    const village = points.filter((p) => p.insee === '62900');
    const town = points.filter((p) => p.insee === '62160');
    expect(share((p) => p.technologyBefore === 'mercury', village)).toBeGreaterThan(0.2);
    expect(share((p) => p.technologyBefore === 'mercury', town)).toBeLessThan(0.1);
    for (const p of points) {
      if (p.technologyBefore === 'sodiumHighPressure') expect([70, 100, 150, 250]).toContain(p.powerBeforeW);
      if (p.technologyBefore === 'mercury') expect([125, 250]).toContain(p.powerBeforeW);
    }
  });

  it('renovates ~15 % of points, ~3 % during the contract first year, mostly facteur 4', () => {
    const renovated = points.filter((p) => p.status === 'renovated');
    expect(renovated).toHaveLength(Math.round(4000 * LIGHTS_SAMPLE.renovatedShare));
    const firstYear = renovated.filter((p) => p.renovation!.date! >= '2025-01-01');
    expect(firstYear).toHaveLength(Math.round(4000 * LIGHTS_SAMPLE.contractYearShare));
    for (const p of firstYear) expect(p.renovation!.date! <= '2025-12-31').toBe(true);
    for (const p of renovated) expect(p.renovation!.date! >= '2015-01-01').toBe(true);
    const classes = firstYear.map((p) => assessRenovation(p, DEFAULT_LIGHTING_SETTINGS).factorClass);
    const f4 = classes.filter((c) => c === 'factor4').length / classes.length;
    const f2 = classes.filter((c) => c === 'factor2').length / classes.length;
    expect(f4).toBeGreaterThan(0.6);
    expect(f4).toBeLessThan(0.85);
    expect(f2).toBeGreaterThan(0.12);
    expect(share((p) => p.renovation?.technologyAfter === 'led', renovated)).toBeGreaterThan(0.85);
    // mercury is renovated first
    expect(share((p) => p.technologyBefore === 'mercury', renovated)).toBeGreaterThan(
      share((p) => p.technologyBefore === 'mercury'),
    );
  });

  it('schedules some of the remaining points in the contract second year', () => {
    const scheduled = points.filter((p) => p.status === 'scheduled');
    const ratio = scheduled.length / points.filter((p) => p.status !== 'renovated').length;
    expect(ratio).toBeGreaterThan(0.035);
    expect(ratio).toBeLessThan(0.065);
    for (const p of scheduled) {
      expect(p.scheduledDate! >= '2026-01-01' && p.scheduledDate! <= '2026-12-31').toBe(true);
      expect(p.renovation?.date).toBeUndefined();
    }
  });

  it('writes the import format, which maps back to the same points', async () => {
    const sample = points.slice(0, 400);
    const csv = lightsSampleCsv(sample, communes);
    expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFidentifiant;commune;code_insee;adresse;X;Y;statut;/);
    expect(csv).toMatch(/;\d{6},\d{1,2};\d{7},\d{1,2};/);
    const table = await readCsv(new TextEncoder().encode(csv));
    if (!table) throw new Error('unreadable');
    const xs = table.column(table.fields.indexOf('X'));
    const ys = table.column(table.fields.indexOf('Y'));
    const lonLat = sample.map((_, i) =>
      toWgs84('EPSG:2154', parseNumberFr(xs.get(i))!, parseNumberFr(ys.get(i))!),
    );
    const result: ImportResult = {
      ok: true,
      kind: 'lights',
      encoding: table.encoding,
      delimiter: table.delimiter,
      crs: 'EPSG:2154',
      swappedAxes: false,
      rows: table.records,
      fields: table.fields,
      mapping: {
        id: 'identifiant',
        x: 'X',
        y: 'Y',
        wkt: null,
        insee: 'code_insee',
        commune: null,
        postcode: null,
      },
      features: {
        count: table.records,
        row: table.rowNumber,
        lon: Float64Array.from(lonLat, (c) => c[0]),
        lat: Float64Array.from(lonLat, (c) => c[1]),
        geometry: null,
        insee: sample.map((p) => p.insee),
        crossed: null,
        attributes: Object.fromEntries(table.fields.map((f, i) => [f, table.column(i)])),
      },
      errors: [],
      warnings: [],
      outsideTerritory: 0,
    };
    const back = mapLights(result);
    expect(back.errors).toEqual([]);
    expect(back.warnings).toEqual([]);
    expect(back.points).toHaveLength(400);
    back.points.forEach((p, i) => {
      const original = sample[i]!;
      expect(Math.abs(p.lon - original.lon)).toBeLessThan(1e-6);
      expect(Math.abs(p.lat - original.lat)).toBeLessThan(1e-6);
      expect({ ...p, lon: 0, lat: 0 }).toEqual({ ...original, lon: 0, lat: 0 });
    });
  });
});
