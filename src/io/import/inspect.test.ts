import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileShapeKey } from '../mapping.ts';
import { inspectFile } from './inspect.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('inspectFile', () => {
  it('proposes the mapping, a preview, the shape key and the detected CRS', async () => {
    const bytes = readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv'));
    const r = await inspectFile(bytes, { fileName: 'e.csv', kind: 'lights', previewRows: 2 });
    expect(r).toMatchObject({
      ok: true,
      format: 'csv',
      encoding: 'windows-1252',
      delimiter: ';',
      rows: 9,
      crs: 'EPSG:2154',
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
    expect(r.preview).toEqual([
      [
        'EP-0001',
        'Boulogne-sur-Mer',
        '601352,62',
        '7071043,05',
        '150',
        'Sodium haute pression',
        'Rue Thiers',
      ],
      ['EP-0002', 'Saint-Étienne-au-Mont', '601011,93', '7063987,13', '70', 'LED', 'Éclairage rénové'],
    ]);
    expect(r.shapeKey).toBe(fileShapeKey(r.fields));
  });

  it('sees swapped WKT axes and GeoJSON features', async () => {
    const wkt = await inspectFile(
      readFileSync(resolve(ROOT, 'test/fixtures/import/friches-wkt-inversees.csv')),
      {
        fileName: 'f.csv',
        kind: 'friches',
      },
    );
    expect(wkt).toMatchObject({ crs: 'EPSG:4326', swappedAxes: true });
    const geo = await inspectFile(
      readFileSync(resolve(ROOT, 'test/fixtures/import/contexte-lambert93-crs.geojson')),
      {
        fileName: 'z.geojson',
        kind: 'context',
      },
    );
    expect(geo).toMatchObject({ format: 'geojson', crs: 'EPSG:2154', rows: 3 });
    expect(geo.mapping.id).toBe('id');
  });

  it('explains unreadable files', async () => {
    expect(await inspectFile(new Uint8Array(), { fileName: 'a.csv', kind: 'lights' })).toMatchObject({
      ok: false,
      reason: 'Fichier vide.',
    });
    const excel = await inspectFile(new Uint8Array([0x50, 0x4b, 3, 4]), {
      fileName: 'a.xlsx',
      kind: 'lights',
    });
    expect(excel.reason).toMatch(/CSV/);
  });
});
