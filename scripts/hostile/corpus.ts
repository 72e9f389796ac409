/**
 * The standing hostile corpus: every file is generated from a seed (nothing binary is committed), each case
 * names the CLI command that must survive it. Run by scripts/hostile/corpus.test.ts under a memory ceiling.
 * Covers the findings of issue #12 (size lies, zip bombs, quadratic paths, broken project files…) and seeded
 * mutations of valid files.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportProject } from '../../src/io/project/format.ts';
import { createEmptyWorkspace } from '../../src/io/project/workspace.ts';
import { deflatedZeros, writeDbf, writePointShp, writePolygonShp, writeZip } from './zipWriter.ts';

export interface CorpusCase {
  name: string;
  args: string[];
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PRJ_L93 =
  'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';

function dbfClaiming(records: number): Uint8Array {
  const dbf = writeDbf(['LP1']);
  new DataView(dbf.buffer).setUint32(4, records, true);
  return dbf;
}

const lightsCsv = (rows: number, rand: () => number) =>
  `id;x;y;puissance\n${Array.from({ length: rows }, (_, i) => `LP${i};${(601000 + rand() * 5000).toFixed(1)};${(7066000 + rand() * 5000).toFixed(1)};${Math.round(50 + rand() * 200)}`).join('\n')}\n`;

export async function buildCorpus(dir: string, seed = 12): Promise<CorpusCase[]> {
  const rand = random(seed);
  const cases: CorpusCase[] = [];
  const add = (name: string, bytes: Uint8Array | string, kind = 'lights') => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    cases.push({ name, args: ['import', path, '--kind', kind, '--json'] });
    return path;
  };
  const shp = writePointShp();
  const dbf = writeDbf(['LP1']);
  const valid = writeZip([
    { name: 'a.shp', data: shp },
    { name: 'a.dbf', data: dbf },
    { name: 'a.prj', data: new TextEncoder().encode(PRJ_L93) },
  ]);
  add('valid-shapefile.zip', valid);

  // Finding 2: DBF header lies (715-byte zip claiming 4,294,967,295 records; 20 million).
  add(
    'dbf-claims-4g-records.zip',
    writeZip([
      { name: 'a.shp', data: shp },
      { name: 'a.dbf', data: dbfClaiming(0xffffffff) },
    ]),
  );
  add(
    'dbf-claims-20m-records.zip',
    writeZip([
      { name: 'a.shp', data: shp },
      { name: 'a.dbf', data: dbfClaiming(20_000_000) },
    ]),
  );
  const shortHeader = dbf.slice();
  new DataView(shortHeader.buffer).setUint16(8, 60000, true);
  add(
    'dbf-header-length-lie.zip',
    writeZip([
      { name: 'a.shp', data: shp },
      { name: 'a.dbf', data: shortHeader },
    ]),
  );
  add(
    'dbf-empty-stored.zip',
    writeZip(
      [
        { name: 'a.shp', data: shp },
        { name: 'a.dbf', data: new Uint8Array(0) },
      ],
      false,
    ),
  );

  // Finding 3: zip bombs (1 GB in one entry; five entries of other layers).
  const bomb = deflatedZeros(1_000_000_000);
  add(
    'bomb-1gb.zip',
    writeZip([
      { name: 'a.shp', data: shp },
      { name: 'a.dbf', deflated: bomb },
    ]),
  );
  const small = deflatedZeros(200_000_000);
  add(
    'bomb-five-layers.zip',
    writeZip([
      { name: 'a.shp', data: shp },
      { name: 'a.dbf', data: dbf },
      ...['b', 'c', 'd', 'e', 'f'].map((n) => ({ name: `${n}.shp`, deflated: small })),
    ]),
  );
  add('zip-empty.zip', writeZip([]));
  add('zip-truncated.zip', valid.subarray(0, Math.floor(valid.length / 2)));
  add('zip-encrypted.zip', writeZip([{ name: 'a.shp', data: shp, flags: 1 }]));
  const zip64 = valid.slice();
  new DataView(zip64.buffer).setUint16(zip64.length - 22 + 10, 0xffff, true);
  add('zip64.zip', zip64);
  add('zip-no-shp.zip', writeZip([{ name: 'lisez-moi.txt', data: new TextEncoder().encode('rien') }]));

  // SHP header lies and finding 4's ring nesting (one polygon of 200,000 rings).
  const pointsLie = writePolygonShp(1, 3);
  new DataView(pointsLie.buffer).setInt32(148, 2_000_000_000, true);
  add('shp-points-lie.zip', writeZip([{ name: 'a.shp', data: pointsLie }]));
  add('shp-200k-rings.zip', writeZip([{ name: 'a.shp', data: writePolygonShp(1, 200_000) }]));
  const unknownType = shp.slice();
  new DataView(unknownType.buffer).setInt32(32, 77, true);
  add('shp-unknown-type.zip', writeZip([{ name: 'a.shp', data: unknownType }]));

  // Finding 4 and 5: header-heavy CSVs.
  add(
    'csv-100k-duplicate-headers.csv',
    `${Array(100_000).fill('x').join(';')}\n${Array(100_000).fill('1').join(';')}\n`,
  );
  add('csv-100k-columns.csv', `${Array.from({ length: 100_000 }, (_, i) => `colonne${i}`).join(';')}\n1;2\n`);
  add('csv-proto-columns.csv', `__proto__;constructor;x;y\na;b;601500;7067000\n`);
  add('csv-latitude-1e308.csv', 'id;lon;lat\nA;1.6;1e308\nB;1e308;50.7\nC;1.61;50.72\n');
  add('csv-utf16le-no-bom.csv', new Uint8Array(Buffer.from(lightsCsv(20, rand), 'utf16le')));
  add('csv-insee-malformed.csv', 'id;code_insee;puissance\nA;abc;100\nB;62 160;100\nC;??;100\n');
  add('csv-only-header.csv', 'id;x;y\n');
  add('csv-empty.csv', '');

  // GeoJSON: deep nesting, prototype keys, broken JSON.
  add('geojson-deep.geojson', `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  add(
    'geojson-proto-keys.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { ['__proto__']: 'x', constructor: 'y' },
          geometry: { type: 'Point', coordinates: [1.61, 50.72] },
        },
      ],
    }),
  );
  add('geojson-broken.geojson', '{"type": "FeatureCollection", "features": [');

  // Size lie: a sparse 2.5 GB file (nothing written) must be refused by its size, not « introuvable ».
  const sparse = join(dir, 'sparse-2.5gb.csv');
  writeFileSync(sparse, '');
  truncateSync(sparse, 2_500_000_000);
  cases.push({ name: 'sparse-2.5gb.csv', args: ['import', sparse, '--kind', 'lights', '--json'] });

  // Seeded mutations of valid files.
  const csv = new TextEncoder().encode(lightsCsv(200, rand));
  for (let m = 0; m < 6; m++) {
    const mutated = (m % 2 === 0 ? csv : valid).slice();
    for (let k = 0; k < 1 + Math.floor(rand() * 8); k++)
      mutated[Math.floor(rand() * mutated.length)] = Math.floor(rand() * 256);
    add(`mutated-${m}.${m % 2 === 0 ? 'csv' : 'zip'}`, mutated);
  }

  cases.push(...(await buildProjectCases(dir)));
  return cases;
}

/**
 * Malformed project files whose hash is correctly recomputed (the hash is a checksum, not a signature), plus a
 * truncated one: `atlas project verify` must refuse each, and so must the browser's import (test/e2e/hostile).
 */
export async function buildProjectCases(dir: string): Promise<CorpusCase[]> {
  const cases: CorpusCase[] = [];
  const project = async (name: string, sections: Record<string, unknown>, cut = false) => {
    const workspace = createEmptyWorkspace(new Date('2026-01-01T00:00:00Z'));
    workspace.sections = sections;
    const path = join(dir, name);
    const bytes = await exportProject(workspace, { createdAt: '2026-01-01T00:00:00.000Z' });
    writeFileSync(path, cut ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes);
    cases.push({ name, args: ['project', 'verify', path, '--json'] });
  };
  const source = { kind: 'manual', updatedAt: '2026-01-01T00:00:00.000Z' };
  await project('project-null-light-point.atlas-cotri.json', {
    lights: { version: 1, data: { points: [null], source } },
  });
  await project('project-null-advice.atlas-cotri.json', {
    advice: { version: 1, data: { sessions: [null], source } },
  });
  await project('project-null-friche.atlas-cotri.json', {
    friches: { version: 1, data: { sites: [null], source } },
  });
  await project('project-garbage-sections.atlas-cotri.json', {
    lights: 'garbage',
    dashboard: { version: 1, data: [1, 2] },
  });
  // JSON.parse makes `__proto__` an own key, as a hostile file would: it must neither pollute nor pass.
  await project(
    'project-prototype-keys.atlas-cotri.json',
    JSON.parse(
      '{"__proto__":{"version":1,"data":{"polluted":true}},"lights":{"version":1,"data":{"points":[{"__proto__":{"id":"P1"},"constructor":{"prototype":{"polluted":true}}}],"source":null}}}',
    ) as Record<string, unknown>,
  );
  await project(
    'project-truncated.atlas-cotri.json',
    { lights: { version: 1, data: { points: [], source } } },
    true,
  );
  return cases;
}
