import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { twoShapefileZip } from '../../../test/fixtures/import/twoShapefiles.ts';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { fromWgs84 } from '../../io/crs/project.ts';
import type { CrsCode } from '../../io/types.ts';
import { CliError } from '../errors.ts';
import { run } from './import.ts';

const CARTOFRICHES = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');
const CNIG = sharedPath('reference/cnig-friches/fichier-valide.csv');

describe('atlas import', () => {
  it.skipIf(!hasShared(CARTOFRICHES))('prints the contract fields for the Cartofriches extract', async () => {
    const summary = await run([CARTOFRICHES, '--kind', 'friches']);
    expect(Object.keys(summary)).toEqual([
      'kind',
      'encoding',
      'delimiter',
      'crs',
      'swappedAxes',
      'rows',
      'accepted',
      'rejected',
      'outsideTerritory',
      'errors',
      'byCommune',
      'bbox',
    ]);
    expect(summary).toMatchObject({
      kind: 'friches',
      rows: 6,
      accepted: 6,
      rejected: 0,
      outsideTerritory: 0,
      errors: [],
    });
    expect(Object.values(summary.byCommune).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it.skipIf(!hasShared(CNIG))('reports the swapped axes of the CNIG example', async () => {
    const summary = await run([CNIG, '--kind=friches']);
    expect(summary).toMatchObject({
      swappedAxes: true,
      rows: 1,
      accepted: 1,
      rejected: 0,
      outsideTerritory: 1,
      byCommune: {},
    });
  });

  it('refuses a missing kind or an unknown CRS in French', async () => {
    await expect(run(['x.csv'])).rejects.toThrow(/--kind obligatoire/);
    await expect(run(['x.csv', '--kind', 'lights', '--crs', 'EPSG:27575'])).rejects.toThrow(
      /--crs.*EPSG:27572/,
    );
    await expect(run(['nope.csv', '--kind', 'lights'])).rejects.toThrow(/introuvable/);
  });

  it('reads NTF Lambert: unique carto zone detected, zone I asked for outside the territory, --crs answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-ntf-'));
    try {
      const write = (name: string, crs: CrsCode, lon: number, lat: number) => {
        const lines = ['id;x;y'];
        for (let i = 0; i < 12; i++) {
          const [x, y] = fromWgs84(crs, lon + (i % 4) * 0.01, lat + Math.floor(i / 4) * 0.01);
          lines.push(`P${i};${x.toFixed(2).replace('.', ',')};${y.toFixed(2).replace('.', ',')}`);
        }
        const path = join(dir, name);
        writeFileSync(path, `${lines.join('\n')}\n`);
        return path;
      };
      const etendu = await run([write('l2e.csv', 'EPSG:27572', 1.62, 50.72), '--kind', 'lights']);
      expect(etendu).toMatchObject({ crs: 'EPSG:27572', accepted: 12, rejected: 0 });
      expect(etendu.crsCandidates).toBeUndefined();
      expect(etendu.bbox![0]).toBeCloseTo(1.62, 5);
      expect(etendu.bbox![3]).toBeCloseTo(50.74, 5);

      // Zone I on the territory: the territory decides among zones I–III, which are reported.
      const zoneOne = await run([write('z1.csv', 'EPSG:27561', 1.62, 50.72), '--kind', 'lights']);
      expect(zoneOne).toMatchObject({ crs: 'EPSG:27561', accepted: 12 });
      expect(zoneOne.crsCandidates).toEqual(['EPSG:27561', 'EPSG:27562', 'EPSG:27563']);

      // Zone I in Lille (outside the territory): asked, with the candidates on stdout and in the error.
      const lille = write('lille.csv', 'EPSG:27561', 3.06, 50.63);
      const error = await run([lille, '--kind', 'lights']).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).exitCode).toBe(3);
      expect((error as CliError).message).toMatch(/ambigu.*--crs EPSG:27561 \| EPSG:27562 \| EPSG:27563/);
      expect((error as CliError).output).toMatchObject({
        crs: null,
        accepted: 0,
        crsCandidates: ['EPSG:27561', 'EPSG:27562', 'EPSG:27563'],
        bbox: null,
      });
      const forced = await run([lille, '--kind', 'lights', '--crs', 'EPSG:27561']);
      expect(forced).toMatchObject({ crs: 'EPSG:27561', accepted: 12, outsideTerritory: 12 });
      expect(forced.bbox![0]).toBeCloseTo(3.06, 5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--mode with --base previews added / updated / unchanged as the app plans them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-mode-'));
    try {
      const base = join(dir, 'inventaire.csv');
      const monthly = join(dir, 'mise-a-jour.csv');
      writeFileSync(
        base,
        'id;lon;lat;etat\nPL1;1,61;50,72;a renover\nPL2;1,62;50,72;a renover\nPL3;1,63;50,72;a renover\n',
      );
      writeFileSync(
        monthly,
        'id;lon;lat;etat\nPL1;1,61;50,72;renove\nPL2;1,62;50,72;a renover\nPL4;1,64;50,72;renove\n',
      );
      const merge = await run([monthly, '--kind', 'lights', '--mode', 'merge', '--base', base]);
      expect(merge).toMatchObject({ accepted: 3, added: 1, updated: 1, unchanged: 1 });
      const add = await run([monthly, '--kind', 'lights', '--mode', 'add', '--base', base]);
      expect(add).toMatchObject({ added: 1, updated: 0, unchanged: 0 });
      const replace = await run([monthly, '--kind', 'lights', '--mode=replace', `--base=${base}`]);
      expect(replace).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
      const plain = await run([monthly, '--kind', 'lights']);
      expect(plain.added).toBeUndefined();
      await expect(run([monthly, '--kind', 'lights', '--mode', 'upsert'])).rejects.toThrow(/--mode/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--layer picks one shapefile of an archive holding several, as the dialog does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-layers-'));
    try {
      const zip = join(dir, 'syndicat.zip');
      writeFileSync(zip, twoShapefileZip());
      const first = await run([zip, '--kind', 'lights']);
      expect(first).toMatchObject({ crs: 'EPSG:2154', rows: 3, accepted: 3, byCommune: { '62160': 3 } });
      const zones = await run([zip, '--kind', 'context', '--layer', 'zones']);
      expect(zones).toMatchObject({ crs: 'EPSG:4326', rows: 1, accepted: 1 });
      await expect(run([zip, '--kind', 'context', '--layer', 'routes'])).rejects.toThrow(
        /Couche « routes » absente de l’archive \(couches : points_lumineux, zones\)/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
