import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../lib/random.ts';
import { fromWgs84 } from '../crs/project.ts';
import { importFile } from '../import/importFile.ts';
import { inspectFile } from '../import/inspect.ts';
import { readGeometryBlob, writeGeometryBlob } from './blob.ts';
import { readGeoPackage } from './read.ts';
import { type GpkgLayerInput, writeGeoPackage } from './write.ts';

const REAL = resolve(
  import.meta.dirname,
  '../../../../shared/reference/eclairage-montpellier-antigone-l93.gpkg',
);

/** Seeded fixture: 300 light points in Lambert-93 and 12 square perimeters in WGS84, over the territory. */
function fixtureLayers(): GpkgLayerInput[] {
  const random = createRandom(15);
  const points = Array.from({ length: 300 }, (_, i) => {
    const [x, y] = fromWgs84('EPSG:2154', 1.56 + random.next() * 0.42, 50.58 + random.next() * 0.33);
    return {
      geometry: { type: 'Point', coordinates: [x, y] } as Geometry,
      properties: {
        id_pl: `PL-${String(i).padStart(4, '0')}`,
        puissance_w: Math.round(40 + random.next() * 210),
        lampe: i % 3 === 0 ? 'LED' : i % 3 === 1 ? 'Sodium haute pression' : 'Halogène',
        hauteur: i % 7 === 0 ? null : Math.round(random.next() * 120) / 10,
      },
    };
  });
  const polygons = Array.from({ length: 12 }, (_, i) => {
    const lon = 1.6 + (i % 4) * 0.1;
    const lat = 50.6 + Math.floor(i / 4) * 0.1;
    const ring = [
      [lon, lat],
      [lon + 0.01, lat],
      [lon + 0.01, lat + 0.008],
      [lon, lat + 0.008],
      [lon, lat],
    ];
    return {
      geometry: { type: 'Polygon', coordinates: [ring] } as Geometry,
      properties: { site_id: `F${i + 1}`, nom: `Friche n° ${i + 1} — l’Épi`, surface_m2: 7000 + i * 13.5 },
    };
  });
  return [
    {
      name: 'points_lumineux',
      srsId: 2154,
      geometryType: 'POINT',
      fields: [
        { name: 'id_pl', type: 'TEXT' },
        { name: 'puissance_w', type: 'INTEGER' },
        { name: 'lampe', type: 'TEXT' },
        { name: 'hauteur', type: 'REAL' },
      ],
      features: points,
    },
    {
      name: 'friches',
      srsId: 4326,
      geometryType: 'POLYGON',
      fields: [
        { name: 'site_id', type: 'TEXT' },
        { name: 'nom', type: 'TEXT' },
        { name: 'surface_m2', type: 'REAL' },
      ],
      features: polygons,
    },
  ];
}

/** A read layer back into writer input (geometries kept in the layer's CRS). */
async function reread(bytes: Uint8Array, template: GpkgLayerInput): Promise<GpkgLayerInput> {
  const read = await readGeoPackage(bytes, template.name);
  if (!read.ok) throw new Error(read.reason);
  const { table } = read;
  return {
    ...template,
    features: table.geometries.map((geometry, i) => ({
      geometry,
      properties: Object.fromEntries(
        template.fields.map((f) => {
          const text = table.attributes[f.name]!.get(i);
          return [f.name, text === null ? null : f.type === 'TEXT' ? text : Number(text)];
        }),
      ),
    })),
  };
}

describe('GeoPackage geometry blobs', () => {
  it('reads the empty flag, skips every envelope kind and honours a big-endian header', () => {
    const point: Geometry = { type: 'Point', coordinates: [600000.5, 7070000.25] };
    const blob = writeGeometryBlob(point, 2154);
    expect(readGeometryBlob(blob)).toEqual({ ok: true, geometry: point, srsId: 2154 });
    expect(readGeometryBlob(writeGeometryBlob(null, 2154))).toEqual({
      ok: true,
      geometry: null,
      srsId: 2154,
    });
    const polygon: Geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 2],
          [3, 2],
          [3, 5],
          [1, 2],
        ],
      ],
    };
    const withEnvelope = writeGeometryBlob(polygon, 4326);
    expect(withEnvelope[3]! & 0b1110).toBe(2); // xy envelope
    const view = new DataView(withEnvelope.buffer);
    expect([view.getFloat64(8, true), view.getFloat64(16, true), view.getFloat64(24, true)]).toEqual([
      1, 3, 2,
    ]);
    expect(readGeometryBlob(withEnvelope)).toMatchObject({ ok: true, geometry: polygon });
    // Big-endian header with an xyz envelope (48 bytes) in front of the same WKB.
    const wkb = writeGeometryBlob(point, 2154).subarray(8);
    const be = new Uint8Array(8 + 48 + wkb.length);
    be.set([0x47, 0x50, 0, 0b0100]);
    new DataView(be.buffer).setInt32(4, 2154, false);
    be.set(wkb, 56);
    expect(readGeometryBlob(be)).toEqual({ ok: true, geometry: point, srsId: 2154 });
    expect(readGeometryBlob(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toMatchObject({ ok: false });
    expect(readGeometryBlob(withEnvelope.subarray(0, 50))).toEqual({
      ok: false,
      reason: 'géométrie WKB tronquée',
    });
  });
});

describe('GeoPackage read and write', () => {
  it('two layers (points in EPSG:2154, polygons in 4326) read and written back identically', async () => {
    const layers = fixtureLayers();
    const first = await writeGeoPackage(layers, { projected: true });
    const listed = await readGeoPackage(first);
    expect(listed.ok && listed.layers).toEqual([
      { name: 'friches', dataType: 'features', geometryType: 'POLYGON', count: 12, srsId: 4326 },
      { name: 'points_lumineux', dataType: 'features', geometryType: 'POINT', count: 300, srsId: 2154 },
    ]);
    const points = await reread(first, layers[0]!);
    const polygons = await reread(first, layers[1]!);
    expect(points).toEqual(layers[0]);
    expect(polygons).toEqual(layers[1]);
    const second = await writeGeoPackage([points, polygons], { projected: true });
    expect(await reread(second, layers[0]!)).toEqual(layers[0]);
    expect(await reread(second, layers[1]!)).toEqual(layers[1]);
    const p = await readGeoPackage(second, 'points_lumineux');
    expect(p.ok && p.table.declaredCrs).toBe('EPSG:2154');
    const f = await readGeoPackage(second, 'friches');
    expect(f.ok && f.table.declaredCrs).toBe('EPSG:4326');
  });

  it('imports the layer the user picks, and says which one when there are several', async () => {
    const bytes = await writeGeoPackage(fixtureLayers(), { projected: true });
    const inspected = await inspectFile(bytes, { fileName: 'export.gpkg', kind: 'lights' });
    expect(inspected).toMatchObject({ ok: true, format: 'geopackage', layer: 'friches', rows: 12 });
    expect(inspected.layers.map((l) => l.name)).toEqual(['friches', 'points_lumineux']);
    const lights = await importFile(bytes, {
      kind: 'lights',
      fileName: 'export.gpkg',
      layer: 'points_lumineux',
    });
    expect(lights).toMatchObject({ ok: true, crs: 'EPSG:2154', rows: 300, errors: [] });
    expect(lights.features.count).toBe(300);
    expect(lights.features.lon[0]).toBeGreaterThan(1.5);
    const whole = await importFile(bytes, { kind: 'friches', fileName: 'export.gpkg' });
    expect(whole.warnings[0]).toMatch(/2 couches.*« friches » importée/);
    const missing = await importFile(bytes, { kind: 'lights', fileName: 'x.gpkg', layer: 'nope' });
    expect(missing.errors[0]!.reason).toMatch(/Couche « nope » absente.*points_lumineux/);
  });

  it('refuses a SQLite file that is not a GeoPackage in French', async () => {
    const { loadSqlite } = await import('./sqlite.ts');
    const SQL = await loadSqlite();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (a TEXT)');
    const bytes = db.export();
    db.close();
    const result = await importFile(bytes, { kind: 'lights', fileName: 'base.sqlite' });
    expect(result.ok).toBe(false);
    expect(result.errors[0]!.reason).toMatch(/pas un GeoPackage/);
  });

  it.skipIf(!existsSync(REAL))(
    'reads the real QGIS export (4 010 points, EPSG:2154, layer extraction_points_lum)',
    async () => {
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(REAL);
      const read = await readGeoPackage(bytes);
      expect(read.ok && read.layer).toBe('extraction_points_lum');
      expect(read.ok && read.table.declaredCrs).toBe('EPSG:2154');
      const result = await importFile(bytes, { kind: 'lights', fileName: 'eclairage.gpkg' });
      expect(result).toMatchObject({ ok: true, crs: 'EPSG:2154', rows: 4010, errors: [] });
      // Montpellier, Antigone district.
      expect(result.features.lon[0]).toBeCloseTo(3.89, 1);
      expect(result.features.lat[0]).toBeCloseTo(43.61, 1);
    },
  );
  if (!existsSync(REAL)) console.warn(`SKIPPED: ${REAL} absent (../shared/reference not mounted)`);
});

const hasOgrinfo = (() => {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasOgrinfo) console.warn('SKIPPED: ogrinfo absent (install Debian gdal-bin; .ci/run does)');

describe.skipIf(!hasOgrinfo)('GDAL opens our GeoPackages', () => {
  it('ogrinfo lists both layers with their CRS and feature counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-gpkg-'));
    try {
      const file = join(dir, 'export.gpkg');
      writeFileSync(file, await writeGeoPackage(fixtureLayers(), { projected: true }));
      const run = (layer: string) => execFileSync('ogrinfo', ['-so', file, layer], { encoding: 'utf8' });
      const points = run('points_lumineux');
      expect(points).toMatch(/Geometry: Point/);
      expect(points).toMatch(/Feature Count: 300/);
      expect(points).toMatch(/ID\["EPSG",2154\]|AUTHORITY\["EPSG","2154"\]/);
      expect(points).toMatch(/puissance_w: Integer/);
      const polygons = run('friches');
      expect(polygons).toMatch(/Geometry: Polygon/);
      expect(polygons).toMatch(/Feature Count: 12/);
      expect(polygons).toMatch(/ID\["EPSG",4326\]|AUTHORITY\["EPSG","4326"\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
