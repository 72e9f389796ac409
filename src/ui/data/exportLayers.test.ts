import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { computeIndicator, INDICATORS } from '../../domain/indicators/registry.ts';
import { TEST_COMMUNES, testData } from '../../domain/indicators/testData.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { layerFromFeatures } from '../../io/gpkg/layer.ts';
import { readGeoPackage } from '../../io/gpkg/read.ts';
import { writeGeoPackage } from '../../io/gpkg/write.ts';
import type { FrichesContext } from '../../state/frichesSlice.ts';
import { contextGpkgLayers, indicatorsGpkgLayer } from './exportLayers.ts';

const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'atlas-layers-gpkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.02, lat],
    [lon + 0.02, lat + 0.02],
    [lon, lat + 0.02],
    [lon, lat],
  ],
];

/** The three test communes as outlines, one of them a MultiPolygon (as some real communes are). */
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: TEST_COMMUNES.map((c, i) => ({
    type: 'Feature',
    geometry:
      i === 2
        ? { type: 'MultiPolygon', coordinates: [square(1.7, 50.7), square(1.75, 50.7)] }
        : { type: 'Polygon', coordinates: square(1.6 + i * 0.03, 50.7) },
    properties: { ...c, epciName: `EPCI ${c.epciSiren}`, areaKm2: 10 },
  })),
};

async function written(layers: ReturnType<typeof contextGpkgLayers>, name: string): Promise<string> {
  const bytes = await writeGeoPackage(
    layers.map((l) => layerFromFeatures(l.name, l.collection, l.srsId, l.description, l.fieldTypes)),
  );
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('GeoPackage of the dashboard indicators per commune', () => {
  it('holds, for each commune, exactly the value the dashboard computes for every indicator', async () => {
    const data = testData();
    const layer = indicatorsGpkgLayer(data, communes);
    const path = await written([layer], 'indicateurs.gpkg');
    const { readFileSync } = await import('node:fs');
    const read = await readGeoPackage(new Uint8Array(readFileSync(path)));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.layers.map((l) => [l.name, l.geometryType, l.srsId, l.count])).toEqual([
      ['indicateurs_communes', 'MULTIPOLYGON', 2154, 3],
    ]);
    const t = read.table;
    let compared = 0;
    for (const indicator of INDICATORS) {
      const expected = computeIndicator(indicator, data, 'commune');
      TEST_COMMUNES.forEach((c, row) => {
        expect(t.attributes.code_insee!.get(row)).toBe(c.insee);
        const cell = t.attributes[indicator.id]!.get(row);
        const value = expected.get(c.insee)?.value ?? null;
        expect(cell === null ? null : Number(cell), `${indicator.id} ${c.insee}`).toBe(value);
        if (value !== null) compared++;
      });
    }
    // The fixture has data for most figures: the comparison is not a comparison of nulls.
    expect(compared).toBeGreaterThan(20);
    expect(layer.description).toContain('lightsRenovated = ');
  });

  it.skipIf(!hasOgrinfo)('opens in GDAL as a MultiPolygon layer in Lambert-93 with real values', async () => {
    const data = testData();
    const path = await written([indicatorsGpkgLayer(data, communes)], 'indicateurs-gdal.gpkg');
    const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
    expect(summary).toMatch(
      /Layer name: indicateurs_communes[\s\S]*Geometry: Multi Polygon[\s\S]*Feature Count: 3/,
    );
    expect(summary).toMatch(/ID\["EPSG",2154\]/);
    expect(summary).toMatch(/adviceConversionRate: Real/);
    expect(summary).toMatch(/lightsRenovated: Real/);
    expect(summary).toMatch(/population: Integer/);
    const features = execFileSync('ogrinfo', ['-ro', '-al', path], { encoding: 'utf8' });
    const renovated = computeIndicator(INDICATORS.find((i) => i.id === 'lightsRenovated')!, data).get(
      '62001',
    );
    expect(features).toMatch(
      new RegExp(
        `code_insee \\(String\\) = 62001[\\s\\S]*?lightsRenovated \\(Real\\) = ${renovated!.value}\\b`,
      ),
    );
  });
});

describe('GeoPackage of the friches context layers', () => {
  const context: FrichesContext = {
    stations: {
      role: 'stations',
      count: 1,
      source: { kind: 'import', fileName: 'gares.csv', importedAt: '2026-12-01T10:00:00Z' },
      layer: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [1.6105, 50.7232] },
            properties: { nom: 'Boulogne-Ville' },
          },
        ],
      },
    },
    floodZones: {
      role: 'floodZones',
      count: 1,
      source: { kind: 'sample', label: 'exemple fictif' },
      layer: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Polygon', coordinates: square(1.6, 50.7) },
            properties: { lit: 'majeur' },
          },
        ],
      },
    },
  };

  it('writes one layer per loaded context layer, named in French, its origin in the description', () => {
    const layers = contextGpkgLayers(context);
    expect(layers.map((l) => [l.name, l.srsId, l.collection.features.length])).toEqual([
      ['gares_arrets', 2154, 1],
      ['zones_inondables', 2154, 1],
    ]);
    expect(layers[0]!.description).toContain('fichier gares.csv');
    expect(layers[1]!.description).toContain('exemple fictif');
    expect(contextGpkgLayers({})).toEqual([]);
  });

  it.skipIf(!hasOgrinfo)(
    'opens in GDAL: a point and a polygon layer in Lambert-93, values intact',
    async () => {
      const path = await written(contextGpkgLayers(context), 'contexte.gpkg');
      const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
      expect(summary).toMatch(/Layer name: gares_arrets[\s\S]*Geometry: Point[\s\S]*Feature Count: 1/);
      expect(summary).toMatch(/Layer name: zones_inondables[\s\S]*Geometry: Polygon[\s\S]*Feature Count: 1/);
      const features = execFileSync('ogrinfo', ['-ro', '-al', path], { encoding: 'utf8' });
      expect(features).toContain('nom (String) = Boulogne-Ville');
      expect(features).toContain('lit (String) = majeur');
    },
  );
});
