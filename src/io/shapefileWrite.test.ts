import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { twoShapefileZip } from '../../test/fixtures/import/twoShapefiles.ts';
import { fromWgs84 } from './crs/project.ts';
import { dbfFieldNames } from './dbfWrite.ts';
import { readShapefileZip } from './shapefile.ts';

const hasOgrinfo = spawnSync('ogrinfo', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'atlas-shpzip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dbfFieldNames', () => {
  it('cuts long names to 10 bytes and keeps them unique, case-insensitively', () => {
    expect(dbfFieldNames(['technologyBefore', 'technologyAfter', 'TECHNOLOGYX', 'id'])).toEqual([
      'technology',
      'technolo_2',
      'TECHNOLO_3',
      'id',
    ]);
    // An accent is two bytes in UTF-8: never cut in the middle.
    expect(dbfFieldNames(['éééééééééé'])).toEqual(['ééééé']);
  });
});

describe('archive of several shapefiles', () => {
  it('lists its layers from the .shx (type, count) and reads the first by name with a warning', async () => {
    const read = await readShapefileZip(twoShapefileZip());
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.layers.map((l) => [l.name, l.geometryType, l.count])).toEqual([
      ['points_lumineux', 'POINT', 3],
      ['zones', 'MULTIPOLYGON', 1],
    ]);
    expect(read.layer).toBe('points_lumineux');
    expect(read.warnings.join(' ')).toContain(
      'Archive de 2 couches (points_lumineux : 3, zones : 1) : couche « points_lumineux » importée',
    );
  });

  it('reads the layer asked for, polygon hole kept, without the several-layers warning', async () => {
    const read = await readShapefileZip(twoShapefileZip(), 'zones');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.layer).toBe('zones');
    expect(read.table.count).toBe(1);
    expect(read.table.declaredCrs).toBe('EPSG:4326');
    expect(read.table.attributes.nom!.get(0)).toBe('Centre-ville élargi');
    const geometry = read.table.geometries[0] as { type: string; coordinates: number[][][] };
    expect(geometry.type).toBe('Polygon');
    expect(geometry.coordinates).toHaveLength(2);
    expect(read.warnings.join(' ')).not.toContain('couches');
  });

  it('refuses a layer that is not in the archive, naming those that are', async () => {
    const read = await readShapefileZip(twoShapefileZip(), 'routes');
    expect(read).toEqual({
      ok: false,
      reason: 'Couche « routes » absente de l’archive (couches : points_lumineux, zones).',
    });
  });

  it.skipIf(!hasOgrinfo)('opens in GDAL: two layers, their CRS, a valid polygon with its hole', () => {
    const path = join(dir, 'deux-couches.zip');
    writeFileSync(path, twoShapefileZip());
    const summary = execFileSync('ogrinfo', ['-ro', '-al', '-so', `/vsizip/${path}`], { encoding: 'utf8' });
    expect(summary).toMatch(/Layer name: points_lumineux[\s\S]*Geometry: Point[\s\S]*Feature Count: 3/);
    expect(summary).toMatch(/Layer name: zones[\s\S]*Geometry: Polygon[\s\S]*Feature Count: 1/);
    expect(summary).toMatch(/ID\["EPSG",2154\]/);
    expect(summary).toMatch(/ID\["EPSG",4326\]/);
    const zones = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${path}`, 'zones'], { encoding: 'utf8' });
    expect(zones).toContain('nom (String) = Centre-ville élargi');
    // GDAL rebuilds a polygon with one interior ring only if the outer ring is clockwise and the hole not.
    expect(zones).toMatch(/POLYGON \(\(1\.59 50\.71,[^)]*\),\(1\.6 50\.72,[^)]*\)\)/);
    const points = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${path}`, 'points_lumineux'], {
      encoding: 'utf8',
    });
    const [x, y] = fromWgs84('EPSG:2154', 1.605, 50.72);
    const match = /id_pl \(String\) = PL-1[\s\S]*?POINT \(([\d.]+) ([\d.]+)\)/.exec(points);
    expect(Number(match![1])).toBeCloseTo(x, 1);
    expect(Number(match![2])).toBeCloseTo(y, 1);
    expect(points).toContain('puissance (Integer) = 150');
  });
});
