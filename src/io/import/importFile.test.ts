import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildDbf,
  buildShp,
  buildZip,
  latin1,
  PRJ_LAMBERT93,
} from '../../../test/fixtures/import/shapefileBuilder.ts';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { buildCommuneIndex, type CommuneAreas, type CommuneIndex } from '../../geo/communeIndex.ts';
import type { ImportResult } from '../types.ts';
import { DEFAULT_MAX_BYTES, type ImportOptions, importFile } from './importFile.ts';
import { columnOf, countByCommune, recordAt } from './records.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => readFileSync(resolve(ROOT, 'test/fixtures/import', name));
const utf8 = (s: string) => new TextEncoder().encode(s);

let communes: CommuneIndex;
beforeAll(() => {
  const fc = JSON.parse(
    readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
  ) as CommuneAreas;
  communes = buildCommuneIndex(fc);
});

async function run(
  bytes: Uint8Array,
  options: Partial<ImportOptions> & { fileName: string },
): Promise<ImportResult> {
  const result = await importFile(bytes, { kind: 'lights', communes, ...options });
  // Every data row is accounted for, whatever the file.
  expect(result.rows).toBe(result.features.count + result.errors.filter((e) => e.row > 0).length);
  return result;
}

describe('importFile — CSV', () => {
  it('imports a Windows-1252, semicolon, decimal-comma Lambert-93 file and reports each rejected row', async () => {
    const r = await run(fixture('eclairage-lambert93-windows1252.csv'), { fileName: 'eclairage.csv' });
    expect(r.ok).toBe(true);
    expect(r).toMatchObject({
      encoding: 'windows-1252',
      delimiter: ';',
      crs: 'EPSG:2154',
      swappedAxes: false,
      rows: 9,
    });
    expect(r.mapping).toEqual({
      id: 'id_point',
      x: 'X',
      y: 'Y',
      wkt: null,
      insee: null,
      commune: 'commune',
      postcode: null,
    });
    expect(r.errors.map((e) => e.row)).toEqual([6, 7, 8, 10]);
    expect(r.errors[0]!.reason).toBe('coordonnée manquante (X)');
    expect(r.errors[1]!.reason).toBe('nombre illisible dans Y : « abc »');
    expect(r.errors[2]!.reason).toMatch(/identifiant « EP-0003 » en double \(déjà présent ligne 4/);
    expect(r.errors[3]!.reason).toMatch(
      /^coordonnées hors de France \(X = [^()]+ → longitude -?[0-9.]+, latitude -?[0-9.]+\)$/,
    );
    expect(Array.from(r.features.row)).toEqual([2, 3, 4, 5, 9]);
    expect(r.features.insee).toEqual(['62160', '62746', '62268', '62773', null]);
    expect(r.outsideTerritory).toBe(1);
    expect(r.features.lon[0]).toBeCloseTo(1.60533, 5);
    expect(r.features.lat[0]).toBeCloseTo(50.72824, 5);
    expect(r.features.lat[4]).toBeCloseTo(48.86, 1); // the Paris row, kept outside the territory
    const third = recordAt(r.features, 2);
    expect(third.remarque).toBe('Carrefour "Pôle" ; côté église');
    expect(third.technologie).toBe('Iodure métallique');
    expect(recordAt(r.features, 1).commune).toBe('Saint-Étienne-au-Mont');
    expect(columnOf(r.features, 'puissance')).toEqual(['150', '70', '100', null, '70']);
    expect(columnOf(r.features, 'absent')).toEqual([null, null, null, null, null]);
  });

  it('imports a tab-separated CC50 file with a quoted multi-line field', async () => {
    const r = await run(fixture('conseils-cc50.tsv'), { fileName: 'conseils.tsv', kind: 'advice' });
    expect(r).toMatchObject({ delimiter: '\t', crs: 'EPSG:3950', rows: 4, errors: [] });
    expect(r.features.insee).toEqual(['62160', '62268', '62560', '62773']);
    expect(Array.from(r.features.row)).toEqual([2, 3, 4, 5]);
    expect(r.features.attributes.type!.get(2)).toBe('pompe à chaleur\nair/eau');
    expect(r.warnings.join(' ')).not.toMatch(/diffère/);
    expect(r.mapping.insee).toBe('code_insee');
  });

  it('imports a UTF-8 BOM, pipe-separated WGS84 file with "Longitude (WGS84)" headers', async () => {
    const r = await run(fixture('conseils-wgs84-bom.csv'), { fileName: 'conseils.csv', kind: 'advice' });
    expect(r).toMatchObject({ encoding: 'utf-8', delimiter: '|', crs: 'EPSG:4326', rows: 3 });
    expect(r.mapping).toMatchObject({ id: 'Identifiant', x: 'Longitude (WGS84)', y: 'Latitude (WGS84)' });
    expect(r.errors).toEqual([
      { row: 4, reason: 'coordonnées manquantes (Longitude (WGS84), Latitude (WGS84))' },
    ]);
    expect(countByCommune(r.features)).toEqual({ '62160': 1, '62893': 1 });
  });

  it('detects and fixes swapped WKT axes, rejecting absent and invalid WKT', async () => {
    const r = await run(fixture('friches-wkt-inversees.csv'), { fileName: 'friches.csv', kind: 'friches' });
    expect(r).toMatchObject({ crs: 'EPSG:4326', swappedAxes: true, rows: 4 });
    expect(r.mapping).toMatchObject({ id: 'site_id', wkt: 'geom' });
    expect(r.features.insee).toEqual(['62160', '62746']);
    expect(r.features.lon[0]).toBeCloseTo(1.60533, 6);
    expect(r.errors).toEqual([
      { row: 4, reason: 'géométrie absente (colonne geom vide)' },
      { row: 5, reason: expect.stringMatching(/^WKT invalide/) },
    ]);
    expect(r.warnings.join(' ')).toMatch(/Latitude et longitude inversées/);
    expect(r.features.geometry).toBeNull();
  });

  it('lets the user force the CRS and override the mapping', async () => {
    const text = 'ref;a;b;nom\n1;1,60533;50,72824;x\n2;1,61406;50,77996;y\n';
    const r = await run(utf8(text), {
      fileName: 'points.csv',
      crs: 'EPSG:4326',
      mapping: { x: 'a', y: 'b', id: 'ref' },
    });
    expect(r.mapping).toMatchObject({ id: 'ref', x: 'a', y: 'b' });
    expect(r.features.insee).toEqual(['62160', '62893']);
    const forcedWrong = await run(utf8(text), {
      fileName: 'points.csv',
      crs: 'EPSG:2154',
      mapping: { x: 'a', y: 'b' },
    });
    expect(forcedWrong.features.count).toBe(0);
    expect(forcedWrong.errors).toHaveLength(2);
    expect(forcedWrong.warnings.join(' ')).toMatch(/Système imposé/);
  });

  it('attaches rows by INSEE code when there is no geometry column', async () => {
    const text = 'dossier;insee;commune\nD1;62160;Boulogne\nD2;75056;Paris\nD3;;?\nD4;Boulogne;?\n';
    const r = await run(utf8(text), { fileName: 'conseils.csv', kind: 'advice' });
    expect(r.crs).toBeNull();
    expect(r.features.insee).toEqual(['62160', null]);
    expect(r.outsideTerritory).toBe(1);
    expect(r.errors.map((e) => e.reason)).toEqual([
      'code INSEE manquant (insee)',
      'code INSEE invalide : « Boulogne »',
    ]);
    expect(Number.isNaN(r.features.lon[0])).toBe(true);
  });

  it('refuses files it cannot use as a whole, in French', async () => {
    const noGeometry = await importFile(utf8('nom;valeur\na;1\n'), {
      kind: 'lights',
      fileName: 'x.csv',
      communes,
    });
    expect(noGeometry.ok).toBe(false);
    expect(noGeometry.errors[0]).toEqual({
      row: 0,
      reason: expect.stringMatching(/^Aucune colonne de coordonnées/),
    });
    const big = await importFile(utf8('x;y\n1;2\n'), { kind: 'lights', fileName: 'x.csv', maxBytes: 4 });
    expect(big.ok).toBe(false);
    // Finding 5: one limit in decimal Mo (it was 300 MiB in the engine, « 300 Mo » in the docs and the UI).
    expect(big.errors[0]!.reason).toBe(
      "Le fichier fait 8\u00a0octets : la taille maximale acceptée est de 4\u00a0octets. Découpez-le ou filtrez-le avant de l'importer.",
    );
    expect(DEFAULT_MAX_BYTES).toBe(300_000_000);
    // Finding 5: the whole header was echoed (50 MB of stderr for a huge header).
    const wide = await importFile(
      utf8(`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(';')}\n1\n`),
      {
        kind: 'lights',
        fileName: 'large.csv',
      },
    );
    expect(wide.errors[0]!.reason).toContain('c9 … et 99\u202f990 autres colonnes.');
    expect(wide.errors[0]!.reason.length).toBeLessThan(400);
    const excel = await importFile(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), {
      kind: 'lights',
      fileName: 'a.xlsx',
    });
    expect(excel.errors[0]!.reason).toMatch(/format CSV/);
    expect(
      (await importFile(new Uint8Array(), { kind: 'lights', fileName: 'a.csv' })).errors[0]!.reason,
    ).toBe('Fichier vide.');
  });

  it('reports progress and can be cancelled', async () => {
    const lines = Array.from({ length: 20000 }, (_, i) => `${i};1,60533;50,72824`).join('\n');
    const bytes = utf8(`id;lon;lat\n${lines}\n`);
    const progress: number[] = [];
    const done = await importFile(bytes, {
      kind: 'lights',
      fileName: 'a.csv',
      communes,
      onProgress: (n) => progress.push(n),
    });
    expect(done.features.count).toBe(20000);
    expect(progress.at(-1)).toBe(20000);
    const controller = new AbortController();
    controller.abort();
    await expect(
      importFile(bytes, { kind: 'lights', fileName: 'a.csv', communes, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('importFile — GeoJSON and shapefile', () => {
  it('honours a legacy EPSG:2154 crs member and lists the communes a polygon crosses', async () => {
    const r = await run(fixture('contexte-lambert93-crs.geojson'), {
      fileName: 'zones.geojson',
      kind: 'context',
    });
    expect(r).toMatchObject({ crs: 'EPSG:2154', rows: 3, delimiter: null });
    expect(r.errors).toEqual([{ row: 3, reason: 'géométrie absente' }]);
    expect(r.features.insee[1]).toBe('62893');
    expect(r.features.crossed?.[0]).toEqual(expect.arrayContaining(['62160', '62758']));
    expect(r.features.crossed?.[1]).toBeNull();
    expect(r.features.geometry?.[0]?.type).toBe('Polygon');
    const ring = (r.features.geometry![0] as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring[0]![0]).toBeGreaterThan(1.5);
    expect(ring[0]![0]).toBeLessThan(1.7);
    expect(r.features.attributes.surface_ha!.get(0)).toBe('12.5');
  });

  it('imports a zipped Lambert-93 shapefile with a Windows-1252 .dbf', async () => {
    const { shp, shx } = buildShp([
      { type: 'Point', x: 601352.62, y: 7071043.05 },
      { type: 'Point', x: 617083.29, y: 7064811.22 },
      null,
    ]);
    const dbf = buildDbf(
      [
        { name: 'ID', type: 'C', length: 8 },
        { name: 'COMMUNE', type: 'C', length: 30 },
      ],
      [
        ['P1', 'Boulogne-sur-Mer'],
        ['P2', 'Desvres (rénové)'],
        ['P3', 'Sans forme'],
      ],
      latin1,
    );
    const zip = await buildZip(
      { 'points.shp': shp, 'points.shx': shx, 'points.dbf': dbf, 'points.prj': PRJ_LAMBERT93 },
      true,
    );
    const r = await run(zip, { fileName: 'points.zip' });
    expect(r).toMatchObject({ crs: 'EPSG:2154', encoding: 'windows-1252', rows: 3 });
    expect(r.features.insee).toEqual(['62160', '62268']);
    expect(r.features.attributes.COMMUNE!.get(1)).toBe('Desvres (rénové)');
    expect(r.errors).toEqual([{ row: 3, reason: 'géométrie absente' }]);
  });
});

const CARTOFRICHES = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');
const CNIG = sharedPath('reference/cnig-friches/fichier-valide.csv');

describe.skipIf(!hasShared(CARTOFRICHES, CNIG))('importFile — reference files from ../shared', () => {
  it('imports the Cartofriches extract: 6 accepted, 0 rejected, all inside the territory', async () => {
    const bytes = readFileSync(CARTOFRICHES);
    const r = await run(bytes, { fileName: 'cartofriches.csv', kind: 'friches' });
    expect(r).toMatchObject({
      ok: true,
      delimiter: ';',
      crs: 'EPSG:4326',
      swappedAxes: false,
      rows: 6,
      outsideTerritory: 0,
    });
    expect(r.features.count).toBe(6);
    expect(r.errors).toEqual([]);
    expect(r.features.insee.every((code) => code !== null)).toBe(true);
    // One site's comm_insee (Équihen-Plage) differs from the commune its point falls in: reported, not rejected.
    expect(r.warnings).toContain(
      '1 ligne : le code INSEE du fichier (colonne comm_insee) diffère de la commune où se trouve la géométrie ; la position fait foi.',
    );
  });

  it('detects the swapped axes of the CNIG example file and keeps its (outside) site', async () => {
    const bytes = readFileSync(CNIG);
    const r = await run(bytes, { fileName: 'fichier-valide.csv', kind: 'friches' });
    expect(r).toMatchObject({ ok: true, delimiter: ',', swappedAxes: true, rows: 1, outsideTerritory: 1 });
    expect(r.features.count).toBe(1);
    expect(r.features.lon[0]).toBeCloseTo(3.9815, 4);
    expect(r.features.lat[0]).toBeCloseTo(49.2527, 4);
  });
});

describe('importFile — other real-world shapes', () => {
  it('reads an Excel "Unicode text" export (UTF-16LE, tab-separated)', async () => {
    const text = 'id\tlon\tlat\r\nA\t1,60533\t50,72824\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    const r = await run(bytes, { fileName: 'export.txt' });
    expect(r).toMatchObject({ delimiter: '\t', rows: 1 });
    expect(r.features.insee).toEqual(['62160']);
    expect(r.warnings[0]).toMatch(/UTF-16/);
  });

  // Issue #12, finding 5: UTF-16 without BOM read as one column of NUL-separated letters before.
  it('recognises UTF-16 without BOM (little- and big-endian) with its own warning', async () => {
    const text = 'id;lon;lat\r\nA;1,60533;50,72824\r\nB;1,61406;50,77996\r\n';
    for (const [encoding, swap] of [
      ['utf16le', false],
      ['utf16le', true],
    ] as const) {
      const buffer = Buffer.from(text, encoding);
      if (swap) buffer.swap16(); // big-endian
      const bytes = new Uint8Array(buffer);
      const r = await run(bytes, { fileName: 'export.csv' });
      expect(r).toMatchObject({ delimiter: ';', rows: 2, errors: [] });
      expect(r.features.insee).toEqual(['62160', '62893']);
      expect(r.warnings[0]).toMatch(/^Fichier en UTF-16 sans indicateur d’ordre des octets \(BOM\)/);
    }
  });

  // Issue #12, finding 5: « latitude NaN » / « Infinity » for 1e308 before.
  it('says why a 1e308 coordinate is impossible, in X/Y columns and in a geometry', async () => {
    const xy = await run(utf8('id;lon;lat\nA;1.6;1e308\nB;1e308;50.7\nC;1.61;50.72\n'), {
      fileName: 'a.csv',
      crs: 'EPSG:4326',
    });
    expect(xy.errors.map((e) => e.reason)).toEqual([
      'valeur impossible pour une coordonnée dans lat : « 1e308 » (aucun système de coordonnées ne va au-delà de quelques millions)',
      'valeur impossible pour une coordonnée dans lon : « 1e308 » (aucun système de coordonnées ne va au-delà de quelques millions)',
    ]);
    const auto = await run(utf8('id;lon;lat\nA;1.6;1e308\nC;1.61;50.72\nD;1.62;50.71\n'), {
      fileName: 'a.csv',
    });
    expect(auto.crs).toBe('EPSG:4326');
    expect(auto.features.count).toBe(2);
    const wkt = await run(utf8('id;wkt\nA;POINT(1.6 1e308)\nB;POINT(1.61 50.72)\n'), {
      fileName: 'a.csv',
      crs: 'EPSG:4326',
    });
    expect(wkt.errors.map((e) => e.reason)).toEqual([
      'position impossible (longitude 1.6, latitude 1e+308) : une longitude est comprise entre −180 et 180, une latitude entre −90 et 90',
    ]);
    for (const r of [xy, auto, wkt]) for (const e of r.errors) expect(e.reason).not.toMatch(/NaN|Infinity/);
  });

  it('names an INSEE column whose values are not INSEE codes, instead of « no column recognised »', async () => {
    const r = await run(utf8('id;code_insee;puissance\nA;abc;100\nB;62 160;100\nC;??;100\nD;62160;100\n'), {
      fileName: 'a.csv',
    });
    expect(r.features.count).toBe(0);
    expect(r.errors).toEqual([
      {
        row: 0,
        reason:
          'La colonne « code_insee » devrait contenir des codes INSEE de commune, mais 3 valeurs sur 4 examinées n’en sont pas (« abc », « 62 160 », « ?? ») : un code INSEE a 5 caractères, par exemple 62160 ou 2A004. Corrigez cette colonne, ou indiquez des colonnes de coordonnées.',
      },
    ]);
    // Codes that lost their leading zero are INSEE codes (restored on import), not malformed values.
    const zeros = await run(utf8('id;code_insee\nA;2160\nB;62160\n'), { fileName: 'a.csv' });
    expect(zeros.mapping.insee).toBe('code_insee');
  });

  it('reads Opendatasoft geo_point_2d ("lat, lon") and geo_shape (GeoJSON in a cell) columns', async () => {
    const points = await run(utf8('nom;geo_point_2d\nA;50.72824, 1.60533\nB;50.77996, 1.61406\n'), {
      fileName: 'ods.csv',
      kind: 'advice',
    });
    expect(points.mapping.wkt).toBe('geo_point_2d');
    expect(points.features.insee).toEqual(['62160', '62893']);
    const shape = JSON.stringify({ type: 'Point', coordinates: [1.60533, 50.72824] }).replace(/"/g, '""');
    const shapes = await run(utf8(`nom;geo_shape\nA;"${shape}"\nB;"{oops"\n`), {
      fileName: 'ods.csv',
      kind: 'context',
    });
    expect(shapes.mapping.wkt).toBe('geo_shape');
    expect(shapes.features.insee).toEqual(['62160']);
    expect(shapes.errors).toEqual([{ row: 3, reason: 'géométrie GeoJSON illisible (JSON invalide)' }]);
  });
});
