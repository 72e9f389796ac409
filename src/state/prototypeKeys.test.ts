import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { mapAdviceImport } from '../domain/advice/mapping.ts';
import { createEmptyWorkspace } from '../io/project/workspace.ts';
import type { ImportResult, StringColumn } from '../io/types.ts';
import { loadWorkspace, openWorkspaceDb, saveWorkspace } from '../storage/index.ts';
import { persistedSections } from './persist.ts';
import { restoreSection } from './persistedWorkspace.ts';
import type { AppState } from './store.ts';
import './store.ts';

/** An advice CSV (no coordinates) with columns named like Object.prototype members. */
function imported(fields: string[], row: string[]): ImportResult {
  const column = (j: number): StringColumn => ({ length: 1, get: () => row[j] ?? null });
  return {
    ok: true,
    kind: 'advice',
    encoding: 'utf-8',
    delimiter: ';',
    crs: null,
    swappedAxes: false,
    rows: 1,
    fields,
    mapping: { id: null, x: null, y: null, wkt: null, insee: null, commune: null, postcode: null },
    features: {
      count: 1,
      row: Int32Array.from([2]),
      lon: new Float64Array([Number.NaN]),
      lat: new Float64Array([Number.NaN]),
      geometry: null,
      insee: [null],
      crossed: null,
      attributes: Object.fromEntries(fields.map((f, j) => [f, column(j)])),
    },
    errors: [],
    warnings: [],
    outsideTerritory: 0,
  };
}

// Issue #12, finding 5: a column named `__proto__` was silently lost on storage.
describe('columns named __proto__ / constructor', () => {
  it('survive import, storage and restore as ordinary fields, polluting nothing', async () => {
    const mapped = mapAdviceImport(
      imported(['date', 'code_insee', '__proto__', 'constructor'], ['2026-03-14', '62160', 'a', 'b']),
      { communes: [{ insee: '62160', name: 'Boulogne-sur-Mer' }] },
    );
    const extra = mapped.sessions[0]!.extra!;
    expect(Object.hasOwn(extra, '__proto__') && Object.hasOwn(extra, 'constructor')).toBe(true);
    expect(Object.entries(extra)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);

    const opened = await openWorkspaceDb({ name: 'prototype-keys' });
    if (!opened.ok) throw new Error(opened.message);
    const workspace = createEmptyWorkspace();
    const source = { kind: 'import', fileName: 'conseils.csv', importedAt: '2026-03-15T10:00:00.000Z' };
    workspace.sections = { advice: { version: 1, data: { sessions: mapped.sessions, source } } };
    expect((await saveWorkspace(opened.db, workspace, { expectedRevision: 0 })).ok).toBe(true);
    const loaded = await loadWorkspace(opened.db);
    opened.db.close();
    if (!loaded.ok || !loaded.workspace) throw new Error('not loaded');

    const advice = persistedSections().find((s) => s.key === 'advice')!;
    const outcome = restoreSection(advice, loaded.workspace.sections.advice);
    if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
    const restored = (outcome.patch as Partial<AppState>).adviceSessions![0]!.extra!;
    expect(Object.entries(restored)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
    expect(Object.getPrototypeOf(restored)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });
});
