import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makePoint, renovated } from '../../../test/fixtures/lights/makePoint.ts';
import { fromWgs84 } from '../../io/crs/project.ts';
import { layerFromFeatures } from '../../io/gpkg/layer.ts';
import { readShapefileZip } from '../../io/shapefile.ts';
import { writeShapefile, writeShapefileZip } from '../../io/shapefileWrite.ts';
import { DEFAULT_LIGHTING_SETTINGS } from './energy.ts';
import { LIGHT_DBF_NAMES, lightsToGeoJson } from './exportWorkOrder.ts';

/** Debian's gdal-bin (installed by .ci/run): the zipped shapefile must open in GDAL/QGIS with its CRS. */
const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'atlas-shp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = { communeName: new Map([['62300', 'Équihen-Plage']]) };
const points = [
  makePoint('PL-1', {
    insee: '62300',
    lon: 1.5731,
    lat: 50.6833,
    address: 'Rue de l’Église, près du château d’eau',
    regimeBefore: { kind: 'nightSwitchOff', hours: 5 },
  }),
  renovated('PL-2', 35, '2025-06-01', { insee: '62300', lon: 1.58, lat: 50.68 }),
];

function workOrderLayer() {
  return layerFromFeatures(
    'bon_de_travaux',
    lightsToGeoJson(points, context, DEFAULT_LIGHTING_SETTINGS),
    2154,
  );
}

describe('Shapefile export of a work order', () => {
  it('names every DBF field in 10 bytes at most, all distinct', () => {
    const parts = writeShapefile(workOrderLayer(), LIGHT_DBF_NAMES);
    expect(parts.fieldNames.every((n) => new TextEncoder().encode(n).length <= 10)).toBe(true);
    expect(new Set(parts.fieldNames.map((n) => n.toLowerCase())).size).toBe(parts.fieldNames.length);
    expect(parts.fieldNames.slice(0, 4)).toEqual(['identifian', 'code_insee', 'commune', 'adresse']);
  });

  it('reads back through the import engine: Lambert-93 .prj, UTF-8 accents, numbers and nulls', async () => {
    const zip = writeShapefileZip([{ layer: workOrderLayer(), shortNames: LIGHT_DBF_NAMES }]);
    const read = await readShapefileZip(zip);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.encoding).toBe('utf-8');
    expect(read.table.declaredCrs).toBe('EPSG:2154');
    const t = read.table;
    const cell = (field: string, i: number) => t.attributes[field]!.get(i);
    expect([cell('identifian', 0), cell('identifian', 1)]).toEqual(['PL-1', 'PL-2']);
    expect(cell('commune', 0)).toBe('Équihen-Plage');
    expect(cell('adresse', 0)).toBe('Rue de l’Église, près du château d’eau');
    expect(cell('puiss_av_w', 0)).toBe('150');
    expect(cell('puiss_ap_w', 1)).toBe('35');
    expect(cell('regime_av', 0)).toBe('{"kind":"nightSwitchOff","hours":5}');
    const [x, y] = fromWgs84('EPSG:2154', 1.5731, 50.6833);
    const first = t.geometries[0] as { coordinates: number[] };
    expect(first.coordinates[0]).toBeCloseTo(x, 2);
    expect(first.coordinates[1]).toBeCloseTo(y, 2);
  });

  it('refuses a layer mixing geometry types, in French', () => {
    const layer = { ...workOrderLayer(), geometryType: 'GEOMETRY' };
    expect(() => writeShapefile(layer)).toThrow(/mêle plusieurs types de géométrie/);
  });

  it.skipIf(!hasOgrinfo)(
    'opens in GDAL: one point layer in Lambert-93 with the same values, accents intact',
    () => {
      const path = join(dir, 'bon-de-travaux.zip');
      writeFileSync(path, writeShapefileZip([{ layer: workOrderLayer(), shortNames: LIGHT_DBF_NAMES }]));
      const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${path}`], { encoding: 'utf8' });
      expect(summary).toMatch(/Layer name: bon_de_travaux[\s\S]*Geometry: Point[\s\S]*Feature Count: 2/);
      expect(summary).toMatch(/Lambert[ _-]93[\s\S]*(ID|AUTHORITY)\["EPSG",\s*"?2154"?\]/);
      expect(summary).toMatch(/puiss_av_w: Integer/);
      expect(summary).toMatch(/kwh_avant: Real/);
      const features = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${path}`], { encoding: 'utf8' });
      expect(features).toContain('commune (String) = Équihen-Plage');
      expect(features).toContain('adresse (String) = Rue de l’Église, près du château d’eau');
      expect(features).toMatch(/identifian \(String\) = PL-2[\s\S]*puiss_ap_w \(Integer\) = 35/);
      // A null stays null (GDAL prints "(null)"), not 0.
      expect(features).toMatch(/identifian \(String\) = PL-1[\s\S]*puiss_ap_w \(Integer\) = \(null\)/);
      const [x, y] = fromWgs84('EPSG:2154', 1.5731, 50.6833);
      const match = /identifian \(String\) = PL-1[\s\S]*?POINT \(([\d.]+) ([\d.]+)\)/.exec(features);
      expect(match).not.toBeNull();
      expect(Number(match![1])).toBeCloseTo(x, 1);
      expect(Number(match![2])).toBeCloseTo(y, 1);
    },
  );
});
