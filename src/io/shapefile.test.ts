import { describe, expect, it } from 'vitest';
import {
  buildDbf,
  buildShp,
  buildZip,
  latin1,
  PRJ_LAMBERT93,
} from '../../test/fixtures/import/shapefileBuilder.ts';
import { readShapefileZip } from './shapefile.ts';
import { isZip, readZip } from './zip.ts';

const fields = [
  { name: 'ID', type: 'C' as const, length: 10 },
  { name: 'NOM', type: 'C' as const, length: 30 },
  { name: 'PUISSANCE', type: 'N' as const, length: 6 },
];

describe('readZip', () => {
  it('reads stored and deflated entries', async () => {
    for (const deflate of [false, true]) {
      const zip = await buildZip(
        { 'a.txt': 'bonjour '.repeat(50), 'dir/b.bin': new Uint8Array([1, 2, 3]) },
        deflate,
      );
      expect(isZip(zip)).toBe(true);
      const result = await readZip(zip);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(new TextDecoder().decode(result.files.get('a.txt'))).toBe('bonjour '.repeat(50));
      expect([...result.files.get('dir/b.bin')!]).toEqual([1, 2, 3]);
    }
  });
  it('refuses garbage with a French reason', async () => {
    const result = await readZip(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Archive ZIP/) });
  });
});

describe('readShapefileZip', () => {
  it('reads Lambert-93 points with a .prj and a Windows-1252 .dbf without .cpg', async () => {
    const { shp, shx } = buildShp([{ type: 'Point', x: 601500.5, y: 7067000.25 }, null]);
    const dbf = buildDbf(
      fields,
      [
        ['LP1', 'Équihen-Plage', 150],
        ['LP2', 'Saint-Étienne-au-Mont', 70],
      ],
      latin1,
    );
    const zip = await buildZip(
      { 'eclairage.shp': shp, 'eclairage.shx': shx, 'eclairage.dbf': dbf, 'eclairage.prj': PRJ_LAMBERT93 },
      true,
    );
    const result = await readShapefileZip(zip);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.encoding).toBe('windows-1252');
    const t = result.table;
    expect(t.declaredCrs).toBe('EPSG:2154');
    expect(t.count).toBe(2);
    expect(t.geometries[0]).toEqual({ type: 'Point', coordinates: [601500.5, 7067000.25] });
    expect(t.problems.get(1)).toBe('géométrie absente');
    expect(t.attributes.NOM!.get(0)).toBe('Équihen-Plage');
    expect(t.attributes.NOM!.get(1)).toBe('Saint-Étienne-au-Mont');
    expect(t.attributes.PUISSANCE!.get(0)).toBe('150');
  });

  it('reads polygons and a UTF-8 .dbf declared by its .cpg', async () => {
    const ring = [
      [1.6, 50.7],
      [1.6, 50.75],
      [1.65, 50.75],
      [1.65, 50.7],
      [1.6, 50.7],
    ];
    const { shp } = buildShp([{ type: 'Polygon', rings: [ring] }]);
    const dbf = buildDbf(fields, [['Z1', 'Zone inondable — aléa fort', 0]]);
    const zip = await buildZip({ 'zones/ppri.shp': shp, 'zones/ppri.dbf': dbf, 'zones/ppri.cpg': 'UTF-8' });
    const result = await readShapefileZip(zip);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.encoding).toBe('utf-8');
    expect(result.table.geometries[0]?.type).toBe('Polygon');
    expect(result.table.attributes.NOM!.get(0)).toBe('Zone inondable — aléa fort');
    expect(result.table.declaredCrs).toBeNull();
    expect(result.warnings.join(' ')).toMatch(/Pas de fichier \.prj/);
  });

  it('says what is missing when the archive has no .shp', async () => {
    const result = await readShapefileZip(await buildZip({ 'lisez-moi.txt': 'rien' }));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/Aucun fichier \.shp/) });
  });
});
