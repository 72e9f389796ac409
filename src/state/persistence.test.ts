import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEmptyWorkspace } from '../io/project/workspace.ts';
import { createTabSession, openWorkspaceDb, type WorkspaceDb } from '../storage/index.ts';
import type { TabEnvironment } from '../storage/tabs.ts';
import type { PersistedSection } from './persist.ts';
import { type Persistence, type PersistenceStatus, startPersistence } from './persistence.ts';
import type { AppState } from './store.ts';

/** A stand-in for the app store: only the fields the test sections use. */
interface TestState {
  notes: string[];
  colour: string;
  hover: number;
  workspaceReady: boolean;
}

const notesSection: PersistedSection = {
  key: 'notes',
  version: 2,
  pick: (s) => ({ notes: (s as unknown as TestState).notes }),
  apply: (data, version) => {
    const notes = (data as { notes: string[] }).notes;
    // Version 1 stored notes in upper case: a module migrates its own data.
    return { notes: version === 1 ? notes.map((n) => n.toLowerCase()) : notes } as Partial<AppState>;
  },
};
const colourSection: PersistedSection = {
  key: 'colour',
  version: 1,
  pick: (s) => (s as unknown as TestState).colour,
  apply: (data) => ({ colour: data }) as unknown as Partial<AppState>,
};

let counter = 0;
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

interface Tab {
  persistence: Persistence;
  store: StoreApi<TestState>;
  status: StoreApi<PersistenceStatus>;
  reloads: number;
  register: (section: PersistedSection) => void;
}

async function openTab(
  dbName: string,
  options: {
    sections?: PersistedSection[];
    env?: TabEnvironment;
    open?: boolean;
    target?: Window;
    delayMs?: number;
  } = {},
): Promise<Tab> {
  const sections = [...(options.sections ?? [notesSection, colourSection])];
  const listeners = new Set<(s: PersistedSection) => void>();
  const store = createStore<TestState>()(() => ({
    notes: [],
    colour: 'bleu',
    hover: 0,
    workspaceReady: false,
  }));
  const status = createStore<PersistenceStatus>()(() => ({
    phase: 'starting',
    saving: false,
    unsaved: false,
    lastSavedAt: null,
    error: null,
    details: [],
    conflict: null,
    notices: [],
    kept: [],
  }));
  const tab: Tab = {
    store,
    status,
    reloads: 0,
    persistence: null as unknown as Persistence,
    register: (section) => {
      sections.push(section);
      for (const l of listeners) l(section);
    },
  };
  tab.persistence = await startPersistence({
    store: store as unknown as StoreApi<AppState>,
    status,
    sections: () => sections,
    onRegistered: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    open:
      options.open === false
        ? async () => ({ ok: false, message: 'IndexedDB indisponible' })
        : async () => {
            const result = await openWorkspaceDb({ name: dbName });
            if (result.ok) cleanup.push(() => result.db.close());
            return result;
          },
    createSession: (db: WorkspaceDb) =>
      createTabSession({ db, channelName: `test-${dbName}`, ...(options.env ? { env: options.env } : {}) }),
    reloadPage: () => {
      tab.reloads++;
    },
    delayMs: options.delayMs ?? 5,
    ...(options.target ? { target: options.target } : {}),
  });
  cleanup.push(() => tab.persistence.dispose());
  return tab;
}

const freshDb = () => `persistence-${++counter}`;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rawDb(name: string): Promise<WorkspaceDb> {
  const result = await openWorkspaceDb({ name });
  if (!result.ok) throw new Error(result.message);
  cleanup.push(() => result.db.close());
  return result.db;
}

describe('start-up and autosave', () => {
  it('declares the workspace ready without saving, then saves a change and restores it after a reload', async () => {
    const name = freshDb();
    const first = await openTab(name);
    expect(first.store.getState().workspaceReady).toBe(true);
    expect(first.status.getState().phase).toBe('ready');
    await first.persistence.flush();
    expect(first.status.getState().lastSavedAt).toBeNull();

    first.store.setState({ notes: ['visite le 3 mars'] });
    expect(first.status.getState().unsaved).toBe(true);
    await wait(20);
    await first.persistence.flush();
    expect(first.status.getState()).toMatchObject({ unsaved: false, saving: false, error: null });
    const savedAt = first.status.getState().lastSavedAt;
    expect(savedAt).not.toBeNull();
    first.persistence.dispose();

    const reloaded = await openTab(name);
    expect(reloaded.status.getState().lastSavedAt).toBe(savedAt);
    expect(reloaded.store.getState().notes).toEqual(['visite le 3 mars']);
    expect(reloaded.store.getState().colour).toBe('bleu');
    expect(reloaded.persistence.snapshot().sections).toEqual({
      notes: { version: 2, data: { notes: ['visite le 3 mars'] } },
      colour: { version: 1, data: 'bleu' },
    });
  });

  it('ignores state outside the registered sections and coalesces a burst of edits into one save', async () => {
    const name = freshDb();
    const tab = await openTab(name);
    tab.store.setState({ hover: 3 });
    await wait(20);
    await tab.persistence.flush();
    expect(tab.status.getState().lastSavedAt).toBeNull();

    for (let i = 0; i < 10; i++) tab.store.setState({ notes: [`note ${i}`] });
    await wait(20);
    await tab.persistence.flush();
    const db = await rawDb(name);
    expect((await db.get('meta', 'workspace')) as { revision: number }).toMatchObject({ revision: 1 });
  });

  it('flushes on pagehide, before the quiet period ends', async () => {
    const name = freshDb();
    const listeners: Record<string, () => void> = {};
    const target = {
      addEventListener: (type: string, l: () => void) => {
        listeners[type] = l;
      },
      removeEventListener: () => undefined,
    } as unknown as Window;
    // A long quiet period: only pagehide can trigger the save.
    const tab = await openTab(name, { target, delayMs: 60_000 });
    tab.store.setState({ notes: ['avant fermeture'] });
    listeners.pagehide?.();
    await tab.persistence.flush();
    const reopened = await openTab(name);
    expect(reopened.store.getState().notes).toEqual(['avant fermeture']);
  });
});

describe('sections the app cannot restore', () => {
  it('keeps an unregistered section, and restores it when its module registers later', async () => {
    const name = freshDb();
    const seed = await openTab(name);
    seed.store.setState({ notes: ['a'] });
    await wait(20);
    await seed.persistence.flush();
    seed.persistence.dispose();

    // A "lazy" module: colour is not registered at start-up.
    const lazy = await openTab(name, { sections: [notesSection] });
    expect(lazy.store.getState().colour).toBe('bleu');
    lazy.store.setState({ colour: 'rouge' }); // not registered: not saved
    lazy.store.setState({ notes: ['a', 'b'] });
    await wait(20);
    await lazy.persistence.flush();
    expect(lazy.persistence.snapshot().sections.colour).toEqual({ version: 1, data: 'bleu' });

    lazy.register(colourSection);
    expect(lazy.store.getState().colour).toBe('bleu');
    lazy.store.setState({ colour: 'vert' });
    await wait(20);
    await lazy.persistence.flush();
    lazy.persistence.dispose();

    const reloaded = await openTab(name);
    expect(reloaded.store.getState()).toMatchObject({ notes: ['a', 'b'], colour: 'vert' });
  });

  it('migrates an older section version through apply, and holds a newer or broken one untouched', async () => {
    const name = freshDb();
    const db = await rawDb(name);
    const session = createTabSession({ db, channelName: 'seed' });
    await session.load();
    const doc = createEmptyWorkspace();
    doc.sections = {
      notes: { version: 1, data: { notes: ['RELANCE'] } },
      colour: { version: 7, data: 'violet' },
      other: 'pas une section',
    };
    expect((await session.save(doc)).ok).toBe(true);
    session.close();

    const tab = await openTab(name);
    expect(tab.store.getState().notes).toEqual(['relance']);
    expect(tab.store.getState().colour).toBe('bleu');
    expect(tab.status.getState().notices.join('\n')).toMatch(/Éclairage|colour/);
    expect(tab.status.getState().notices.join('\n')).toContain('version plus récente');

    tab.store.setState({ colour: 'jaune', notes: ['x'] });
    await wait(20);
    await tab.persistence.flush();
    const sections = tab.persistence.snapshot().sections;
    expect(sections.colour).toEqual({ version: 7, data: 'violet' });
    expect(sections.other).toBe('pas une section');
    expect(sections.notes).toEqual({ version: 2, data: { notes: ['x'] } });
  });

  it('saves a migrated section back at once, so storage no longer holds what the migration dropped', async () => {
    const name = freshDb();
    const db = await rawDb(name);
    const session = createTabSession({ db, channelName: 'seed-migrated' });
    await session.load();
    const doc = createEmptyWorkspace();
    doc.sections = { notes: { version: 1, data: { notes: ['RELANCE'], secret: 'ancien sel' } } };
    expect((await session.save(doc)).ok).toBe(true);
    session.close();

    const tab = await openTab(name);
    await wait(20);
    await tab.persistence.flush();
    expect(await db.get('sections', 'sections/notes')).toEqual({ version: 2, data: { notes: ['relance'] } });
  });

  it('keeps a section whose apply throws', async () => {
    const name = freshDb();
    const seed = await openTab(name);
    seed.store.setState({ colour: 'rouge' });
    await wait(20);
    await seed.persistence.flush();
    seed.persistence.dispose();
    const broken: PersistedSection = {
      ...colourSection,
      apply: () => {
        throw new Error('donnée inattendue');
      },
    };
    const tab = await openTab(name, { sections: [notesSection, broken] });
    expect(tab.status.getState().notices[0]).toContain('donnée inattendue');
    expect(tab.persistence.snapshot().sections.colour).toEqual({ version: 1, data: 'rouge' });
  });
});

describe('a state no section can write', () => {
  it('never throws out of setState: other listeners see the change, the last save is kept, the user is told', async () => {
    const name = freshDb();
    const tab = await openTab(name);
    tab.store.setState({ notes: ['gardée'] });
    await wait(20);
    await tab.persistence.flush();
    const picky: PersistedSection = {
      ...notesSection,
      pick: (s) => {
        const notes = (s as unknown as TestState).notes;
        if (notes.includes(null as unknown as string)) throw new TypeError('note nulle');
        return { notes };
      },
    };
    tab.persistence.dispose();
    const other = await openTab(name, { sections: [picky, colourSection] });
    const seen: unknown[] = [];
    other.store.subscribe((next) => seen.push((next as unknown as TestState).notes));
    expect(() => other.store.setState({ notes: [null as unknown as string] })).not.toThrow();
    expect(seen).toEqual([[null]]);
    expect(other.status.getState().error).toContain("n'ont pas pu être enregistrées (note nulle)");
    await other.persistence.flush();
    const reader = await openTab(name);
    expect(reader.store.getState().notes).toEqual(['gardée']);
  });
});

describe('two tabs', () => {
  it('warns the other tab, never saves over it silently, and overwrites only when asked', async () => {
    const name = freshDb();
    const a = await openTab(name);
    const b = await openTab(name);
    a.store.setState({ notes: ['de A'] });
    await wait(20);
    await a.persistence.flush();
    await expect.poll(() => b.status.getState().conflict, { timeout: 10_000 }).toBe('remote');

    b.store.setState({ notes: ['de B'] });
    await wait(20);
    await b.persistence.flush();
    const reader = await openTab(name);
    expect(reader.store.getState().notes).toEqual(['de A']);
    reader.persistence.dispose();

    b.persistence.reloadFromStorage();
    expect(b.reloads).toBe(1);

    const c = await openTab(name);
    c.store.setState({ notes: ['de C'] });
    expect(await c.persistence.overwrite()).toEqual({ ok: true });
    expect(c.status.getState().conflict).toBeNull();
    await expect.poll(() => a.status.getState().conflict, { timeout: 10_000 }).toBe('remote');
    const after = await openTab(name);
    expect(after.store.getState().notes).toEqual(['de C']);
  });

  it('without notifications, the refused save itself raises the conflict', async () => {
    const name = freshDb();
    const silent: TabEnvironment = {};
    const a = await openTab(name, { env: silent });
    const b = await openTab(name, { env: silent });
    a.store.setState({ notes: ['A'] });
    await wait(20);
    await a.persistence.flush();
    b.store.setState({ notes: ['B'] });
    await wait(20);
    await b.persistence.flush();
    expect(b.status.getState().conflict).toBe('refused');
    const reader = await openTab(name, { env: silent });
    expect(reader.store.getState().notes).toEqual(['A']);
  });
});

describe('project import, reset and degraded storage', () => {
  it('replaces the stored workspace in one go and reloads; a reset empties it and reloads', async () => {
    const name = freshDb();
    const tab = await openTab(name);
    tab.store.setState({ notes: ['ancien'] });
    const imported = createEmptyWorkspace();
    imported.sections = { notes: { version: 2, data: { notes: ['importé'] } } };
    expect(await tab.persistence.replaceWorkspace(imported)).toEqual({ ok: true });
    expect(tab.reloads).toBe(1);
    // The pending edit was dropped, not saved over the import.
    await wait(20);
    tab.persistence.dispose();

    const reloaded = await openTab(name);
    expect(reloaded.store.getState()).toMatchObject({ notes: ['importé'], colour: 'bleu' });
    expect(await reloaded.persistence.resetToSamples()).toEqual({ ok: true });
    expect(reloaded.reloads).toBe(1);
    reloaded.persistence.dispose();

    const empty = await openTab(name);
    expect(empty.store.getState().notes).toEqual([]);
    expect(empty.persistence.snapshot().sections.notes).toEqual({ version: 2, data: { notes: [] } });
  });

  it('moves unreadable stored data aside (nothing deleted), starts on the sample data and saves again', async () => {
    const name = freshDb();
    const db = await rawDb(name);
    const brokenMeta = {
      schemaVersion: 2,
      savedAt: new Date().toISOString(),
      revision: 4,
      sectionKeys: ['sections/notes', 'sections/lost'],
    };
    await db.put('meta', brokenMeta, 'workspace');
    await db.put('sections', { version: 2, data: { notes: ['à garder'] } }, 'sections/notes');
    const tab = await openTab(name);
    expect(tab.status.getState().phase).toBe('ready');
    expect(tab.store.getState()).toMatchObject({ workspaceReady: true, notes: [] });
    const kept = tab.status.getState().kept;
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      reason: 'Les données enregistrées sont incomplètes.',
      errors: [{ path: 'sections/lost', reason: 'section absente du stockage' }],
    });
    // The copy holds every record as it was stored.
    const raw = JSON.parse((await tab.persistence.exportKept(kept[0]!.key))!) as {
      meta: Record<string, { meta: Record<string, unknown>; sections: Record<string, unknown> }>;
    };
    expect(raw.meta[kept[0]!.key]).toMatchObject({
      meta: { workspace: brokenMeta },
      sections: { 'sections/notes': { version: 2, data: { notes: ['à garder'] } } },
    });

    // Saving works again, and neither a save nor « Revenir aux données d'exemple » touches the copy.
    tab.store.setState({ notes: ['x'] });
    await wait(20);
    await tab.persistence.flush();
    expect(((await db.get('meta', 'workspace')) as { revision: number }).revision).toBe(6);
    expect(await tab.persistence.resetToSamples()).toEqual({ ok: true });
    tab.persistence.dispose();
    const again = await openTab(name);
    expect(again.status.getState().kept.map((k) => k.key)).toEqual([kept[0]!.key]);
    expect(await again.persistence.dropKept(kept[0]!.key)).toEqual({ ok: true });
    expect(again.status.getState().kept).toEqual([]);
  });

  it('works without IndexedDB: ready, nothing saved, a project import applies in place', async () => {
    const tab = await openTab(freshDb(), { open: false });
    expect(tab.status.getState()).toMatchObject({ phase: 'unavailable', error: 'IndexedDB indisponible' });
    expect(tab.store.getState().workspaceReady).toBe(true);
    const imported = createEmptyWorkspace();
    imported.sections = { colour: { version: 1, data: 'orange' } };
    expect(await tab.persistence.replaceWorkspace(imported)).toEqual({ ok: true });
    expect(tab.store.getState().colour).toBe('orange');
    expect(tab.reloads).toBe(0);
  });
});
