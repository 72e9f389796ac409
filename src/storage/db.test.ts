import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceArb } from '../../test/fixtures/project/arbitraries.ts';
import { firstDifference } from '../../test/fixtures/project/identical.ts';
import {
  expectedMigratedV1,
  sampleWorkspace,
  sampleWorkspaceV1,
} from '../../test/fixtures/project/workspaces.ts';
import { canonicalJson } from '../io/project/canonical.ts';
import { encodeStorable } from '../io/project/codec.ts';
import { exportProject, sha256Hex } from '../io/project/format.ts';
import { importProject } from '../io/project/import.ts';
import type { Workspace } from '../io/project/workspace.ts';
import {
  CONFLICT_MESSAGE,
  loadWorkspace,
  NEWER_DATABASE_MESSAGE,
  openWorkspaceDb,
  QUOTA_MESSAGE,
  REFUSED_MESSAGE,
  resetWorkspace,
  saveWorkspace,
  type WorkspaceDb,
} from './db.ts';
import { sectionKey } from './layout.ts';

const NOW = new Date('2025-04-01T12:00:00.000Z');
const now = () => NOW;
let counter = 0;
const opened: WorkspaceDb[] = [];
const restore: (() => void)[] = [];

async function freshDb(name = `test-${++counter}`): Promise<WorkspaceDb> {
  const result = await openWorkspaceDb({ name });
  if (!result.ok) throw new Error(result.message);
  opened.push(result.db);
  return result.db;
}

afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  for (const db of opened.splice(0)) db.close();
});

function asSaved(ws: Workspace, revision: number): Workspace {
  return { ...ws, revision, savedAt: NOW.toISOString() };
}

/** Makes every IDBObjectStore.put after the first `okPuts` fail as `fault` does (simulated crash/quota). */
function injectPutFault(okPuts: number, fault: (store: IDBObjectStore) => never | IDBRequest) {
  const original = IDBObjectStore.prototype.put;
  let calls = 0;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    calls++;
    return calls > okPuts ? fault(this) : original.apply(this, args);
  };
  restore.push(() => {
    IDBObjectStore.prototype.put = original;
  });
}

describe('workspace database', () => {
  it('starts empty, then restores exactly what was saved', async () => {
    const db = await freshDb();
    expect(await loadWorkspace(db)).toEqual({ ok: true, workspace: null, revision: 0, migratedFrom: null });
    const saved = await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    expect(saved).toEqual({ ok: true, revision: 1, savedAt: NOW.toISOString() });
    const loaded = await loadWorkspace(db);
    expect(loaded).toStrictEqual({
      ok: true,
      workspace: asSaved(sampleWorkspace(), 1),
      revision: 1,
      migratedFrom: null,
    });
  });

  it('reload then export gives the same bytes as exporting before the reload', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    const loaded = await loadWorkspace(db);
    if (!loaded.ok || !loaded.workspace) throw new Error('load failed');
    const createdAt = '2025-04-02T00:00:00.000Z';
    expect(await exportProject(loaded.workspace, { createdAt })).toEqual(
      await exportProject(asSaved(sampleWorkspace(), 1), { createdAt }),
    );
    expect(Object.keys(loaded.workspace.layers)).toEqual(['lights', 'friches']);
  });

  it('refuses a save based on a stale revision and leaves the stored data untouched', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    const other = { ...sampleWorkspace(), settings: { classification: 'quantile' } };
    const result = await saveWorkspace(db, other, { expectedRevision: 0, now });
    expect(result).toEqual({ ok: false, conflict: true, storedRevision: 1, message: CONFLICT_MESSAGE });
    expect((await loadWorkspace(db)).ok && (await loadWorkspace(db))).toMatchObject({
      workspace: asSaved(sampleWorkspace(), 1),
    });
  });

  it('deletes removed layers and writes only listed sections on a partial save', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    const next = sampleWorkspace();
    delete next.layers.friches;
    next.settings = { classification: 'quantile' };
    next.edits = { changedButNotListed: true };
    const result = await saveWorkspace(db, next, { expectedRevision: 1, only: ['settings'], now });
    expect(result.ok).toBe(true);
    const loaded = await loadWorkspace(db);
    if (!loaded.ok || !loaded.workspace) throw new Error('load failed');
    expect(Object.keys(loaded.workspace.layers)).toEqual(['lights']);
    expect(loaded.workspace.settings).toEqual({ classification: 'quantile' });
    expect(loaded.workspace.edits).toEqual(sampleWorkspace().edits);
    expect(sectionKey('layers', 'lights')).toBe('layers/lights');
  });

  it('refuses unstorable values before writing anything', async () => {
    const db = await freshDb();
    const ws = sampleWorkspace();
    ws.layers.bad = { when: new Date(0) };
    expect(await saveWorkspace(db, ws, { expectedRevision: 0, now })).toEqual({
      ok: false,
      conflict: false,
      message: 'Enregistrement impossible : layers.bad.when : valeur non enregistrable (Date).',
    });
    expect(await loadWorkspace(db)).toMatchObject({ ok: true, workspace: null });
  });
});

describe('partial saves', () => {
  it('still refuses an unstorable record that storage has never seen, even outside `only`', async () => {
    const db = await freshDb();
    const ws = sampleWorkspace();
    ws.layers.bad = { when: new Date(0) };
    expect(await saveWorkspace(db, ws, { expectedRevision: 0, only: ['settings'], now })).toEqual({
      ok: false,
      conflict: false,
      message: 'Enregistrement impossible : layers.bad.when : valeur non enregistrable (Date).',
    });
    expect(await loadWorkspace(db)).toMatchObject({ ok: true, workspace: null });
  });

  it('does not re-check records left out of `only` once stored', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    const next = sampleWorkspace();
    // Not listed and already stored: not rewritten, so not inspected either (no error, old value kept).
    next.layers.lights = { when: new Date(0) };
    next.settings = { classification: 'jenks' };
    expect((await saveWorkspace(db, next, { expectedRevision: 1, only: ['settings'], now })).ok).toBe(true);
    const loaded = await loadWorkspace(db);
    if (!loaded.ok || !loaded.workspace) throw new Error('load failed');
    expect(loaded.workspace.layers.lights).toEqual(sampleWorkspace().layers.lights);
    expect(loaded.workspace.settings).toEqual({ classification: 'jenks' });
  });
});

describe('all-or-nothing writes', () => {
  it('a quota error in the middle of an import leaves the previous workspace intact', async () => {
    const db = await freshDb();
    const previous = sampleWorkspace();
    await saveWorkspace(db, previous, { expectedRevision: 0, now });
    const imported = sampleWorkspace();
    imported.layers.lights = { count: 0 }; // written first: would survive if the write were not atomic
    imported.layers.advice = { count: 2, rows: [1, 2] };
    imported.shortlist = { siteIds: ['X'], notes: {} };
    injectPutFault(2, () => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    const result = await saveWorkspace(db, imported, { expectedRevision: 1, now });
    expect(result).toEqual({
      ok: false,
      conflict: false,
      message: QUOTA_MESSAGE,
    });
    expect(QUOTA_MESSAGE).toContain('la dernière version enregistrée est conservée');
    expect(QUOTA_MESSAGE).toContain('Exportez le projet');
    expect(await loadWorkspace(db)).toStrictEqual({
      ok: true,
      workspace: asSaved(previous, 1),
      revision: 1,
      migratedFrom: null,
    });
  });

  it('a write refused as UnknownError (private window) keeps the previous workspace and says why', async () => {
    const db = await freshDb();
    const previous = sampleWorkspace();
    await saveWorkspace(db, previous, { expectedRevision: 0, now });
    const imported = sampleWorkspace();
    imported.layers.lights = { count: 3, rows: [1, 2, 3] };
    injectPutFault(1, () => {
      throw new DOMException('Internal error.', 'UnknownError');
    });
    const result = await saveWorkspace(db, imported, { expectedRevision: 1, now });
    expect(result).toEqual({ ok: false, conflict: false, message: REFUSED_MESSAGE });
    expect(REFUSED_MESSAGE).toContain('navigation privée');
    expect(await loadWorkspace(db)).toStrictEqual({
      ok: true,
      workspace: asSaved(previous, 1),
      revision: 1,
      migratedFrom: null,
    });
  });

  it('a transaction killed mid-write (tab closed) commits nothing', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    injectPutFault(3, (store) => {
      store.transaction.abort();
      throw new DOMException('aborted', 'AbortError');
    });
    const replacement = { ...sampleWorkspace(), layers: {}, settings: { x: 1 } };
    expect((await saveWorkspace(db, replacement, { expectedRevision: 1, now })).ok).toBe(false);
    const loaded = await loadWorkspace(db);
    expect(loaded).toMatchObject({ ok: true, revision: 1, workspace: asSaved(sampleWorkspace(), 1) });
  });
});

describe('reset to sample data', () => {
  it('removes saved data in one step but keeps counting revisions, so stale tabs still conflict', async () => {
    const db = await freshDb();
    await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now });
    expect(await resetWorkspace(db, { expectedRevision: 1, now })).toMatchObject({ ok: true, revision: 2 });
    expect(await loadWorkspace(db)).toEqual({ ok: true, workspace: null, revision: 2, migratedFrom: null });
    expect(await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 1, now })).toMatchObject({
      conflict: true,
      storedRevision: 2,
    });
    expect(await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 2, now })).toMatchObject({
      revision: 3,
    });
  });
});

describe('database migrations', () => {
  async function createV1Database(name: string, document: unknown) {
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('workspace');
      },
    });
    await v1.put('workspace', document, 'current');
    v1.close();
  }

  it('a version-1 database migrates to exactly what a version-1 project file imports to', async () => {
    const name = `legacy-${++counter}`;
    await createV1Database(name, sampleWorkspaceV1());
    const db = await freshDb(name);
    expect([...db.objectStoreNames].sort()).toEqual(['meta', 'sections']);
    const loaded = await loadWorkspace(db);
    expect(loaded).toStrictEqual({
      ok: true,
      workspace: expectedMigratedV1(),
      revision: 0,
      migratedFrom: null,
    });

    const payload = canonicalJson(encodeStorable(sampleWorkspaceV1()));
    const file = JSON.stringify({
      format: 'atlas-cotri-project',
      version: 1,
      createdAt: '2024-11-15T08:30:00.000Z',
      app: { name: 'atlas-cotri', version: '0.0.1' },
      sha256: await sha256Hex(payload),
      payload: JSON.parse(payload),
    });
    const fromFile = await importProject(file);
    expect(fromFile.workspace).toStrictEqual(loaded.ok ? loaded.workspace : 'load failed');
    // The migrated database then behaves like any other: next save is revision 1.
    expect(await saveWorkspace(db, expectedMigratedV1(), { expectedRevision: 0, now })).toMatchObject({
      revision: 1,
    });
  });

  it('keeps an unconvertible version-1 document instead of deleting it', async () => {
    const name = `legacy-${++counter}`;
    await createV1Database(name, { ...sampleWorkspaceV1(), shortlist: 'pas une liste' });
    const db = await freshDb(name);
    const loaded = await loadWorkspace(db);
    expect(loaded).toMatchObject({
      ok: false,
      errors: [{ path: 'shortlist', reason: 'liste attendue (conversion depuis la version 1)' }],
    });
    expect(
      ((await db.get('meta', 'unmigrated')) as { document: { shortlist: string } }).document.shortlist,
    ).toBe('pas une liste');
  });

  it('explains a database written by a newer version', async () => {
    const name = `newer-${++counter}`;
    (await openDB(name, 3)).close();
    expect(await openWorkspaceDb({ name })).toEqual({ ok: false, message: NEWER_DATABASE_MESSAGE });
  });
});

describe('reload fidelity (property-based)', () => {
  it('any storable workspace is restored identically from IndexedDB', async () => {
    const db = await freshDb();
    let revision = 0;
    await fc.assert(
      fc.asyncProperty(workspaceArb, async (ws) => {
        const saved = await saveWorkspace(db, ws, { expectedRevision: revision, now });
        if (!saved.ok) throw new Error(saved.message);
        revision = saved.revision;
        const loaded = await loadWorkspace(db);
        if (!loaded.ok || !loaded.workspace) throw new Error('load failed');
        expect(firstDifference(loaded.workspace, { ...ws, revision, savedAt: NOW.toISOString() })).toBeNull();
      }),
      { numRuns: 1_000 },
    );
  });
});
