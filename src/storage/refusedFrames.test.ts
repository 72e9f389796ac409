/**
 * A stored workspace whose frame is wrong (meta record, frame fields, shortlist) is refused on load with a
 * located French reason, and the whole database is then kept aside as it was (state/persistence.ts does
 * exactly this sequence at start-up): nothing stored is lost, the app starts on its sample data.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../test/fixtures/project/workspaces.ts';
import { loadWorkspace, openWorkspaceDb, saveWorkspace, type WorkspaceDb } from './db.ts';
import { exportRawDatabase, keepAsideAndReset, listKeptAside } from './keptAside.ts';

let counter = 0;
const opened: WorkspaceDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function freshDb(): Promise<WorkspaceDb> {
  const result = await openWorkspaceDb({ name: `refused-${++counter}` });
  if (!result.ok) throw new Error(result.message);
  opened.push(result.db);
  return result.db;
}

// The stores are typed for valid records: hostile ones are written through this view.
type RawDb = { put(store: string, value: unknown, key: string): Promise<unknown> };
const raw = (db: WorkspaceDb) => db as unknown as RawDb;
const NOW = () => new Date('2025-04-01T12:00:00.000Z');

async function savedDb(): Promise<WorkspaceDb> {
  const db = await freshDb();
  const saved = await saveWorkspace(db, sampleWorkspace(), { expectedRevision: 0, now: NOW });
  expect(saved.ok).toBe(true);
  return db;
}

const goodMeta = {
  schemaVersion: 2,
  savedAt: '2025-04-01T12:00:00.000Z',
  revision: 1,
  sectionKeys: ['layers/lights', 'layers/friches', 'edits', 'settings', 'shortlist', 'sections/misc'],
};

const CASES: {
  name: string;
  corrupt: (db: WorkspaceDb) => Promise<unknown>;
  message: string;
  errors: string[];
}[] = [
  {
    name: 'a meta record that is not an object',
    corrupt: (db) => raw(db).put('meta', 'workspace', 'workspace'),
    message: 'Les données enregistrées sont illisibles.',
    errors: ['meta.workspace : enregistrement de l’espace de travail attendu (objet)'],
  },
  {
    name: 'a meta record without its list of records',
    corrupt: (db) => raw(db).put('meta', { ...goodMeta, sectionKeys: 'tout' }, 'workspace'),
    message: 'Les données enregistrées sont illisibles.',
    errors: ['meta.workspace.sectionKeys : liste des enregistrements attendue'],
  },
  {
    name: 'frame fields of the wrong type',
    corrupt: (db) => raw(db).put('meta', { ...goodMeta, savedAt: 'hier', revision: 1 }, 'workspace'),
    message: 'Les données enregistrées sont illisibles.',
    errors: ['savedAt : date ISO attendue (ex. 2025-03-01T10:00:00.000Z)'],
  },
  {
    name: 'a shortlist record of the wrong shape',
    corrupt: (db) => raw(db).put('sections', { siteIds: [null], notes: [] }, 'shortlist'),
    message: 'Les données enregistrées sont illisibles.',
    errors: ['shortlist.siteIds[0] : identifiant texte attendu', 'shortlist.notes : objet attendu'],
  },
  {
    name: 'a record the document does not know',
    corrupt: async (db) => {
      await raw(db).put('sections', { x: 1 }, 'surplus');
      await raw(db).put(
        'meta',
        { ...goodMeta, sectionKeys: [...goodMeta.sectionKeys, 'surplus'] },
        'workspace',
      );
    },
    message: 'Les données enregistrées sont illisibles.',
    errors: ['surplus : champ inconnu'],
  },
];

describe('refused IndexedDB frames', () => {
  for (const { name, corrupt, message, errors } of CASES)
    it(`${name}: refused in French, then kept aside whole`, async () => {
      const db = await savedDb();
      await corrupt(db);
      const before = JSON.parse(await exportRawDatabase(db, { now: NOW }));
      const loaded = await loadWorkspace(db);
      expect(loaded.ok).toBe(false);
      if (loaded.ok) return;
      expect(loaded.message).toBe(message);
      expect(loaded.errors.map((e) => `${e.path} : ${e.reason}`)).toEqual(errors);

      const kept = await keepAsideAndReset(db, loaded.message, loaded.errors, NOW);
      expect(kept.ok).toBe(true);
      if (!kept.ok) return;
      // The app starts on its sample data…
      expect(await loadWorkspace(db)).toMatchObject({ ok: true, workspace: null });
      // …and the copy holds every record exactly as it was stored, bad frame included.
      const copy = JSON.parse(await exportRawDatabase(db, { only: kept.key, now: NOW })).meta[kept.key];
      expect(copy.meta).toEqual(before.meta);
      expect(copy.sections).toEqual(before.sections);
      expect(await listKeptAside(db)).toEqual([
        { key: kept.key, keptAt: NOW().toISOString(), reason: message, errors: loaded.errors.slice(0, 5) },
      ]);
    });
});
