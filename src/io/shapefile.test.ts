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

describe('hostile archives and headers', () => {
  const { shp } = buildShp([{ type: 'Point', x: 601500.5, y: 7067000.25 }]);
  const dbf = buildDbf(fields, [['LP1', 'Boulogne', 150]], latin1);

  // Finding 3: every entry was inflated fully, whatever its size, ratio or layer.
  it('refuses an entry inflating beyond the cap while inflating', async () => {
    const zip = await buildZip({ 'a.shp': shp, 'a.dbf': new Uint8Array(3_000_000) }, true);
    const result = await readZip(zip, () => true, { maxEntryBytes: 1_000_000 });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('a.dbf') });
    if (!result.ok) expect(result.reason).toMatch(/décompressé/);
  });

  it('refuses a compression ratio no real file has (zip bomb)', async () => {
    const zip = await buildZip({ 'a.shp': shp, 'a.dbf': new Uint8Array(30_000_000) }, true);
    const result = await readShapefileZip(zip);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/taux de compression/) });
  });

  it('inflates only the chosen layer: a broken entry of another layer is never read', async () => {
    const zip = await buildZip({ 'a.shp': shp, 'a.dbf': dbf, 'b.shp': shp, 'b.dbf': dbf }, true);
    // Corrupt b.dbf's deflate data, just after its name in the local header (the first occurrence).
    const local = Buffer.from(zip).indexOf(Buffer.from('b.dbf'));
    zip.fill(0xff, local + 5, local + 5 + 20);
    const result = await readShapefileZip(zip);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.table.count).toBe(1);
  });

  it('names an empty archive', async () => {
    const result = await readShapefileZip(await buildZip({}, false));
    expect(result).toEqual({ ok: false, reason: 'L’archive ZIP est vide : elle ne contient aucun fichier.' });
  });

  // Finding 2: a 715-byte zip whose .dbf claims 4,294,967,295 records took 5.8 GB and crashed the process.
  it.each([4_294_967_295, 20_000_000, 2])(
    'refuses a .dbf header claiming %i records against its real size',
    async (claim) => {
      const lying = dbf.slice();
      new DataView(lying.buffer).setUint32(4, claim, true);
      const zip = await buildZip({ 'a.shp': shp, 'a.dbf': lying }, true);
      const result = await readShapefileZip(zip);
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Fichier \.dbf incohérent/) });
    },
  );

  it('refuses a .shp record claiming more points than it holds, in French', async () => {
    const { shp: poly } = buildShp([
      {
        type: 'Polygon',
        rings: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    ]);
    const lying = poly.slice();
    // numPoints of the first record (header 100 + record header 8 + type 4 + bbox 32 + numParts 4).
    new DataView(lying.buffer).setInt32(148, 2_000_000_000, true);
    const result = await readShapefileZip(await buildZip({ 'a.shp': lying }, true));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^Fichier \.shp incohérent/) });
  });

  // Finding 4: one polygon with 200,000 rings ran past 150 s (ring nesting is quadratic in shpjs); 20,000 here.
  it('refuses a polygon with more rings than the cap before nesting them', async () => {
    const ring = (i: number) => [
      [i, 0],
      [i + 0.5, 0],
      [i + 0.5, 0.5],
      [i, 0],
    ];
    const { shp: poly } = buildShp([
      { type: 'Polygon', rings: Array.from({ length: 20_000 }, (_, i) => ring(i)) },
    ]);
    const result = await readShapefileZip(await buildZip({ 'a.shp': poly }, true));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/anneaux/) });
  });

  it('refuses an unknown shape type in French, not with the library text', async () => {
    const lying = shp.slice();
    new DataView(lying.buffer).setInt32(32, 99, true);
    const result = await readShapefileZip(await buildZip({ 'a.shp': lying }, true));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toMatch(/know|shp type/);
  });
});
