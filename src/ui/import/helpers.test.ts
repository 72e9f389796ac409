import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { inspectFile } from '../../io/import/inspect.ts';
import { EMPTY_MAPPING } from '../../io/mapping.ts';
import { changeMapping, detectedCrs, mappingProblem } from './inspection.ts';
import { engineOutcome, splitFileErrors } from './outcome.ts';
import { loadRememberedMapping, rememberMapping } from './rememberedMapping.ts';
import { importReportCsv, rowIdLookup } from './reportCsv.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const communes = JSON.parse(
  readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8'),
) as CommuneCollection;
const fixture = () =>
  new Uint8Array(readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv')));

const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');

describe('rowIdLookup', () => {
  it('finds the identifier of a row whether the features are in file order or not', async () => {
    const result = await importFile(fixture(), {
      kind: 'lights',
      fileName: 'e.csv',
      communes: buildCommuneIndex(communes),
    });
    const idOf = rowIdLookup(result);
    expect([2, 3, 9, 6, 100].map(idOf)).toEqual(['EP-0001', 'EP-0002', 'EP-0008', null, null]);
    // Same features listed backwards: the lookup must not rely on the order.
    const n = result.features.count;
    const reversed = {
      ...result,
      features: { ...result.features, row: result.features.row.slice(0, n).reverse() },
    };
    const ids = Array.from({ length: n }, (_, i) =>
      result.features.attributes[result.mapping.id!]!.get(n - 1 - i),
    );
    reversed.features.attributes = {
      ...result.features.attributes,
      [result.mapping.id!]: { length: n, get: (i: number) => ids[i] ?? null },
    };
    expect([2, 3, 9, 6].map(rowIdLookup(reversed))).toEqual(['EP-0001', 'EP-0002', 'EP-0008', null]);
  });
});

describe('importReportCsv', () => {
  it('lists engine rejections, module rejections with their id, and kept rows outside the territory', async () => {
    const result = await importFile(fixture(), {
      kind: 'lights',
      fileName: 'e.csv',
      communes: buildCommuneIndex(communes),
    });
    expect(result.errors.map((e) => e.row)).toEqual([6, 7, 8, 10]);
    // Row 9 is outside the territory; the module also refuses row 3 (say, a bad power value).
    const kept = engineOutcome(result);
    expect(lines(importReportCsv(result, kept))).toEqual([
      'ligne;statut;raison;identifiant',
      '6;rejetée;coordonnée manquante (X);',
      '7;rejetée;nombre illisible dans Y : « abc »;',
      '8;rejetée;identifiant « EP-0003 » en double (déjà présent ligne 4, colonne id_point);',
      '9;conservée, hors territoire;en dehors des communes du territoire;EP-0008',
      expect.stringMatching(/^10;rejetée;coordonnées hors de France/),
    ]);
    const refused = {
      ...kept,
      accepted: 3,
      errors: [
        ...result.errors,
        { row: 3, reason: '=puissance illisible' },
        { row: 9, reason: 'hors territoire' },
      ],
      flagged: [{ row: 2, reason: 'technologie inconnue' }],
    };
    const csv = lines(importReportCsv(result, refused));
    expect(csv.slice(1, 4)).toEqual([
      '2;conservée, avec remarque;technologie inconnue;EP-0001',
      "3;rejetée;'=puissance illisible;EP-0002", // formula neutralised
      '6;rejetée;coordonnée manquante (X);',
    ]);
    // Row 9 is rejected by the module, so it is not also reported as kept.
    expect(csv.filter((l) => l.startsWith('9;'))).toEqual(['9;rejetée;hors territoire;EP-0008']);
  });

  it('reports a file refused as a whole', async () => {
    const result = await importFile(new TextEncoder().encode('a;b\n1;2\n'), {
      kind: 'lights',
      fileName: 'x.csv',
    });
    expect(result.ok).toBe(false);
    const csv = lines(importReportCsv(result, engineOutcome(result)));
    expect(csv[1]).toMatch(/^0;fichier refusé;Aucune colonne de coordonnées/);
  });
});

describe('splitFileErrors', () => {
  it('separates file-level problems (row 0) from rejected rows', () => {
    expect(
      splitFileErrors([
        { row: 0, reason: 'Colonne de puissance introuvable.' },
        { row: 4, reason: 'x' },
      ]),
    ).toEqual({ fatal: 'Colonne de puissance introuvable.', rows: [{ row: 4, reason: 'x' }] });
    expect(splitFileErrors([{ row: 2, reason: 'y' }]).fatal).toBeNull();
  });
});

describe('remembered mapping', () => {
  const store = () => {
    const data = new Map<string, string>();
    return {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
    };
  };
  const fields = ['num', 'X_L93', 'Y_L93', 'commune'];
  const mapping = { ...EMPTY_MAPPING, id: 'num', x: 'X_L93', y: 'Y_L93' };

  it('gives back the confirmed choice for the same kind and file shape only', () => {
    const storage = store();
    rememberMapping('lights', 'k1', { mapping, crs: 'EPSG:3950' }, storage, null);
    expect(loadRememberedMapping('lights', 'k1', fields, storage, null)).toEqual({
      mapping,
      crs: 'EPSG:3950',
    });
    expect(loadRememberedMapping('advice', 'k1', fields, storage, null)).toBeNull();
    expect(loadRememberedMapping('lights', 'k2', fields, storage, null)).toBeNull();
  });

  it('ignores stored values that do not fit the file or are corrupt', () => {
    const storage = store();
    rememberMapping('lights', 'k1', { mapping, crs: 'auto' }, storage, null);
    expect(loadRememberedMapping('lights', 'k1', ['num', 'X', 'Y'], storage, null)).toBeNull();
    storage.setItem('atlas-cotri:import-mapping:v1:lights:k2', '{not json');
    expect(loadRememberedMapping('lights', 'k2', fields, storage, null)).toBeNull();
    storage.setItem('atlas-cotri:import-mapping:v1:lights:k3', JSON.stringify({ mapping: { x: 42 } }));
    expect(loadRememberedMapping('lights', 'k3', fields, storage, null)).toBeNull();
    expect(loadRememberedMapping('lights', 'k1', fields, null, null)).toBeNull();
  });

  it('keeps the choice in the project (workspace section), checked against the file like the browser copy', () => {
    const kept = new Map<string, unknown>();
    const project = { get: (k: string) => kept.get(k), set: (k: string, v: unknown) => void kept.set(k, v) };
    const value = { mapping, crs: 'EPSG:2154' as const, moduleColumns: { status: 'commune' } };
    rememberMapping('lights', 'k1', value, null, project);
    expect(kept.get('lights:k1')).toEqual(value);
    // Found without any browser storage (another computer opening the project file).
    expect(loadRememberedMapping('lights', 'k1', fields, null, project)).toEqual(value);
    expect(loadRememberedMapping('lights', 'k1', ['num', 'X', 'Y'], null, project)).toBeNull();
    // The project's copy wins over this browser's.
    const storage = store();
    rememberMapping('lights', 'k1', { mapping, crs: 'auto' }, storage, null);
    expect(loadRememberedMapping('lights', 'k1', fields, storage, project)?.crs).toBe('EPSG:2154');
  });
});

describe('inspection helpers', () => {
  it('follows the chosen columns for the announced coordinate system', async () => {
    const inspection = await inspectFile(fixture(), { fileName: 'e.csv', kind: 'lights' });
    expect(detectedCrs(inspection, inspection.mapping)?.crs).toBe('EPSG:2154');
    const swapped = { ...inspection.mapping, x: 'Y', y: 'X' };
    expect(detectedCrs(inspection, swapped)).toMatchObject({ crs: 'EPSG:2154', swapped: true });
    expect(detectedCrs(inspection, { ...inspection.mapping, x: null, y: null })).toBeNull();
  });

  it('explains an incomplete mapping and keeps one geometry source', async () => {
    const inspection = await inspectFile(fixture(), { fileName: 'e.csv', kind: 'lights' });
    expect(mappingProblem(inspection, inspection.mapping)).toBeNull();
    expect(mappingProblem(inspection, { ...inspection.mapping, y: null })).toMatch(/à la fois/);
    expect(mappingProblem(inspection, { ...EMPTY_MAPPING })).toMatch(/Indiquez où se trouve la position/);
    expect(mappingProblem(inspection, { ...EMPTY_MAPPING, insee: 'commune' })).toBeNull();
    const wkt = changeMapping(inspection.mapping, 'wkt', 'remarque');
    expect(wkt).toMatchObject({ wkt: 'remarque', x: null, y: null });
    expect(changeMapping(wkt, 'x', 'X')).toMatchObject({ wkt: null, x: 'X' });
  });
});
