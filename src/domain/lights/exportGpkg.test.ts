import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { fromWgs84 } from '../../io/crs/project.ts';
import { layerFromFeatures } from '../../io/gpkg/layer.ts';
import { readGeoPackage } from '../../io/gpkg/read.ts';
import { writeGeoPackage } from '../../io/gpkg/write.ts';
import { DEFAULT_LIGHTING_SETTINGS } from './energy.ts';
import { lightsToGeoJson } from './exportWorkOrder.ts';

/** Debian's gdal-bin (installed by .ci/run): the exported file must open in GDAL/QGIS as a layer with its CRS. */
const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'atlas-gpkg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = { communeName: new Map([['62160', 'Boulogne-sur-Mer']]) };
const points = [
  makePoint('PL-1', { lon: 1.6142, lat: 50.7264, regimeBefore: { kind: 'nightSwitchOff', hours: 5 } }),
  renovated('PL-2', 35, '2025-06-01', { lon: 1.6, lat: 50.72 }),
];

async function workOrder(): Promise<string> {
  const collection = lightsToGeoJson(points, context, DEFAULT_LIGHTING_SETTINGS);
  const bytes = await writeGeoPackage([
    layerFromFeatures('bon_de_travaux', collection, 2154, 'Bon de travaux'),
    layerFromFeatures(
      'zone',
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { nom: 'Centre', surface_ha: 12.5 },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [1.59, 50.71],
                  [1.62, 50.71],
                  [1.62, 50.73],
                  [1.59, 50.71],
                ],
              ],
            },
          },
        ],
      },
      4326,
    ),
  ]);
  const path = join(dir, 'bon-de-travaux.gpkg');
  writeFileSync(path, bytes);
  return path;
}

describe('GeoPackage export of a work order', () => {
  it('reads back with the same identifiers and values (Lambert-93 layer)', async () => {
    const path = await workOrder();
    const { readFileSync } = await import('node:fs');
    const read = await readGeoPackage(new Uint8Array(readFileSync(path)), 'bon_de_travaux');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.layers.map((l) => [l.name, l.geometryType, l.srsId, l.count])).toEqual([
      ['bon_de_travaux', 'POINT', 2154, 2],
      ['zone', 'POLYGON', 4326, 1],
    ]);
  });

  it.skipIf(!hasOgrinfo)(
    'opens in GDAL as layers with their CRS, types and Lambert-93 positions',
    async () => {
      const path = await workOrder();
      const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', path], { encoding: 'utf8' });
      expect(summary).toMatch(/Layer name: bon_de_travaux[\s\S]*Geometry: Point[\s\S]*Feature Count: 2/);
      expect(summary).toMatch(/PROJCRS\["RGF93 v1 \/ Lambert-93"[\s\S]*ID\["EPSG",2154\]/);
      expect(summary).toMatch(/Layer name: zone[\s\S]*Geometry: Polygon[\s\S]*Feature Count: 1/);
      expect(summary).toMatch(/id: String/);
      expect(summary).toMatch(/powerBeforeW: Integer/);
      expect(summary).toMatch(/energyBeforeKwh: Real/);
      const features = execFileSync('ogrinfo', ['-ro', '-al', path, 'bon_de_travaux'], { encoding: 'utf8' });
      const [x, y] = fromWgs84('EPSG:2154', 1.6142, 50.7264);
      const match = /id \(String\) = PL-1[\s\S]*?POINT \(([\d.]+) ([\d.]+)\)/.exec(features);
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBeCloseTo(x, 1);
      expect(Number(match![2])).toBeCloseTo(y, 1);
      // Nested values (dimming regimes) are JSON text, not lost.
      expect(features).toContain('regimeBefore (String) = {"kind":"nightSwitchOff","hours":5}');
    },
  );
});
