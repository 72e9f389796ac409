import { describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { fromWgs84 } from '../../io/crs/project.ts';
import { readCsv } from '../../io/csv/parse.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import type { ImportResult } from '../../io/types.ts';
import { DEFAULT_LIGHTING_SETTINGS } from './energy.ts';
import { NO_LOSSES } from './losses.ts';

// Nominal powers: the energy formula is pinned with them, gear losses in losses.test.ts.
const S = { ...DEFAULT_LIGHTING_SETTINGS, lossFactors: NO_LOSSES };

import { lightsToCsv, lightsToGeoJson, workOrderCsv } from './exportWorkOrder.ts';
import { mapLights } from './mapping.ts';
import type { LightPoint } from './types.ts';

const context = { communeName: new Map([['62160', 'Boulogne-sur-Mer']]) };

const points: LightPoint[] = [
  makePoint('PL-1', {
    lon: 1.6142,
    lat: 50.7264,
    address: '=HYPERLINK("http://x";"clic")',
    regimeBefore: { kind: 'nightSwitchOff', hours: 5 },
    installYear: 1995,
    ulrPercent: 12,
  }),
  renovated(
    'PL-2',
    35,
    '2025-03-12',
    { lon: 1.6, lat: 50.7, address: 'Rue de la Paix; quai' },
    {
      regime: { kind: 'dimming', hours: 6, level: 0.5 },
      colourTemperatureK: 3000,
    },
  ),
  makePoint('PL-3', {
    status: 'scheduled',
    scheduledDate: '2026-04-01',
    renovation: {
      technologyAfter: 'led',
      powerAfterW: 30,
      regime: { kind: 'dimmingAndSwitchOff', dimmingHours: 2, level: 0.3, switchOffHours: 4 },
    },
    fluxLm: 3600,
  }),
  renovated(
    'PL-4',
    0,
    '2025-06-30',
    { technologyBefore: 'mercury', powerBeforeW: 250 },
    { technologyAfter: 'other' },
  ),
];

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('workOrderCsv', () => {
  it('writes a French CSV with both coordinate systems and computed figures', () => {
    const csv = workOrderCsv(points, context, S);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, first, second] = lines(csv);
    expect(header).toBe(
      'identifiant;commune;code_insee;adresse;longitude;latitude;x_lambert93;y_lambert93;statut;technologie;puissance_w;abaissement_avant_h;abaissement_avant_pct;extinction_avant_h;date_programmation;technologie_apres;puissance_apres_w;abaissement_h;abaissement_pct;extinction_h;temperature_couleur_k;date_renovation;flux_lm;ulr_pct;annee_pose;classe;facteur;conso_avant_kwh_an;conso_actuelle_kwh_an;economie_kwh_an',
    );
    const [x, y] = fromWgs84('EPSG:2154', 1.6142, 50.7264);
    const cells = first!.split(';');
    // the formula is neutralised and quoted (it contains a delimiter)
    expect(cells[3]).toBe(`"'=HYPERLINK(""http://x""`);
    expect(first).toContain(`;1,6142;50,7264;${String(Math.round(x * 100) / 100).replace('.', ',')};`);
    expect(first).toContain(String(Math.round(y * 100) / 100).replace('.', ','));
    expect(first).toContain(';à rénover;Sodium haute pression;150;;;5;');
    // 150 W × (4100 − 1825) h = 341.25 kWh, rounded to 0.1 → 341,3 (both before and now)
    expect(first!.endsWith(';;;341,3;341,3;')).toBe(true);
    // renovated: factor 100 W × 4100 / (35 × 3005) = 410 / 105.175 ≈ 3.90 → facteur 2
    expect(second).toContain(';rénové;Sodium haute pression;100;;;;;LED;35;6;50;;3000;12/03/2025;');
    expect(second).toContain('"Rue de la Paix; quai"');
    expect(second!.endsWith(';Facteur 2 (énergie ÷ 2 à 4);3,9;410;105,2;304,8')).toBe(true);
  });

  it('gives a scheduled point with planned works its planned class and factor', () => {
    const third = lines(workOrderCsv(points, context, S))[3]!;
    // 150 W all night = 615 kWh; 30 W with 4 h off and 2 h at 30 % = 30 × (4100 − 1460 − 511) = 63.87 kWh
    expect(third).toContain(';programmé;');
    expect(third.endsWith(';Facteur 4 (énergie ÷ 4 ou plus);9,63;615;615;')).toBe(true);
  });

  it('names the commune « hors du territoire » for a kept outside point', () => {
    const outside = makePoint('H-1', { insee: '', outsideTerritory: true });
    const [, row] = lines(workOrderCsv([outside], context, S));
    expect(row!.startsWith('H-1;hors du territoire;;')).toBe(true);
  });

  it('leaves the factor empty for a removed point and says so in the class', () => {
    const last = lines(workOrderCsv(points, context, S))[4]!;
    expect(last).toContain(';Point déposé (supprimé);;1025;0;1025');
  });

  it('imports back to the same points (round trip through the CSV reader and the mapping)', async () => {
    // A neutralised formula comes back with its protective quote: compare the rest of the data.
    const safe = points.map((p) => (p.id === 'PL-1' ? { ...p, address: '12 rue "Thiers"' } : p));
    const csv = lightsToCsv(safe, { communeName: context.communeName, wgs84: true });
    const table = await readCsv(new TextEncoder().encode(csv));
    if (!table) throw new Error('unreadable');
    const column = (name: string) => table.column(table.fields.indexOf(name));
    const lon = column('longitude');
    const lat = column('latitude');
    const result: ImportResult = {
      ok: true,
      kind: 'lights',
      encoding: table.encoding,
      delimiter: table.delimiter,
      crs: 'EPSG:4326',
      swappedAxes: false,
      rows: table.records,
      fields: table.fields,
      mapping: {
        id: 'identifiant',
        x: 'longitude',
        y: 'latitude',
        wkt: null,
        insee: null,
        commune: null,
        postcode: null,
      },
      features: {
        count: table.records,
        row: table.rowNumber,
        lon: Float64Array.from({ length: table.records }, (_, i) => parseNumberFr(lon.get(i))!),
        lat: Float64Array.from({ length: table.records }, (_, i) => parseNumberFr(lat.get(i))!),
        geometry: null,
        insee: points.map((p) => p.insee),
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
    expect(back.points).toEqual(safe);
  });
});

describe('lightsToGeoJson', () => {
  it('writes flat properties with codes and French labels', () => {
    const fc = lightsToGeoJson(points, context, S);
    expect(fc.features).toHaveLength(4);
    const f = fc.features[1]!;
    expect(f.geometry.coordinates).toEqual([1.6, 50.7]);
    expect(f.properties).toMatchObject({
      id: 'PL-2',
      commune: 'Boulogne-sur-Mer',
      status: 'renovated',
      statusLabel: 'rénové',
      technologyAfter: 'led',
      factorClass: 'factor2',
      renovationDate: '2025-03-12',
    });
    expect(f.properties.factor).toBeCloseTo(3.898, 3);
    // a scheduled point has planned data but no class yet
    expect(fc.features[2]!.properties.factorClass).toBeNull();
    // infinite factor is not valid JSON: null
    expect(fc.features[3]!.properties.factor).toBeNull();
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });
});
