import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportProject } from '../io/project/format.ts';
import { importProject } from '../io/project/import.ts';
import { createEmptyWorkspace } from '../io/project/workspace.ts';
import type { ImportedFeatures, StringColumn } from '../io/types.ts';
import { loadWorkspace, openWorkspaceDb, saveWorkspace } from './db.ts';
import { encodeColumn, readStoredFeatures, toStoredFeatures } from './features.ts';

/** A column backed by a getter only, like the import engine's lazy CSV columns. */
function lazyColumn(values: (string | null)[]): StringColumn {
  return { length: values.length, get: (i) => values[i] ?? null };
}

function features(): ImportedFeatures {
  return {
    count: 3,
    row: new Int32Array([2, 3, 4]),
    lon: new Float64Array([1.61, 1.62, 1.63]),
    lat: new Float64Array([50.72, 50.73, 50.74]),
    geometry: null,
    insee: ['62160', null, '62160'],
    crossed: null,
    attributes: {
      commune: lazyColumn(['Boulogne-sur-Mer', null, 'Boulogne-sur-Mer']),
      ['__proto__']: lazyColumn(['a', 'b', 'c']),
    },
  };
}

const texts = (f: ImportedFeatures, name: string) =>
  Array.from({ length: f.count }, (_, i) => f.attributes[name]!.get(i));

describe('stored features', () => {
  it('dictionary-encodes columns', () => {
    expect(encodeColumn(lazyColumn(['x', null, 'y', 'x']))).toEqual({
      dict: ['x', 'y'],
      codes: new Int32Array([0, -1, 1, 0]),
    });
  });

  it('survive IndexedDB and a project file with every cell intact', async () => {
    const opened = await openWorkspaceDb({ name: 'features-1' });
    if (!opened.ok) throw new Error(opened.message);
    const ws = createEmptyWorkspace(new Date('2025-01-01T00:00:00Z'));
    ws.layers.lights = toStoredFeatures(features());
    await saveWorkspace(opened.db, ws, { expectedRevision: 0 });
    const loaded = await loadWorkspace(opened.db);
    opened.db.close();
    if (!loaded.ok || !loaded.workspace) throw new Error('load failed');
    const fromFile = await importProject(await exportProject(loaded.workspace));
    for (const source of [loaded.workspace, fromFile.workspace!]) {
      const read = readStoredFeatures(source.layers.lights, 'layers.lights');
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      expect(texts(read.features, 'commune')).toEqual(['Boulogne-sur-Mer', null, 'Boulogne-sur-Mer']);
      expect(texts(read.features, '__proto__')).toEqual(['a', 'b', 'c']);
      expect(read.features.lon).toEqual(new Float64Array([1.61, 1.62, 1.63]));
      expect(read.features.insee).toEqual(['62160', null, '62160']);
    }
  });

  it('rejects inconsistent stored layers with located French reasons', () => {
    const stored = toStoredFeatures(features());
    const bad = {
      ...stored,
      lon: new Float64Array(2),
      insee: [1, null, null],
      attributes: { commune: { dict: ['x'], codes: new Int32Array([0, 5, -1]) }, autre: 'texte' },
    };
    const result = readStoredFeatures(bad, 'layers.lights');
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'layers.lights.lon', reason: 'Float64Array de longueur 3 attendue' },
      { path: 'layers.lights.insee', reason: 'codes INSEE (texte ou null) attendus' },
      { path: 'layers.lights.attributes.commune.codes', reason: 'code hors du dictionnaire' },
      { path: 'layers.lights.attributes.autre', reason: 'colonne { dict, codes } attendue' },
    ]);
    expect(readStoredFeatures({ count: -1 })).toEqual({
      ok: false,
      errors: [{ path: 'count', reason: 'entier positif ou nul attendu' }],
    });
    expect(readStoredFeatures(null)).toEqual({ ok: false, errors: [{ path: '', reason: 'objet attendu' }] });
  });
});
