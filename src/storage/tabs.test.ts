import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../test/fixtures/project/workspaces.ts';
import { CONFLICT_MESSAGE, openWorkspaceDb, type WorkspaceDb } from './db.ts';
import {
  createTabNotifier,
  createTabSession,
  type RemoteChange,
  type TabEnvironment,
  type TabSession,
} from './tabs.ts';

let counter = 0;
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
});

async function connect(name: string): Promise<WorkspaceDb> {
  const result = await openWorkspaceDb({ name });
  if (!result.ok) throw new Error(result.message);
  cleanup.push(() => result.db.close());
  return result.db;
}

/** Two "tabs": separate connections to the same fake IndexedDB database and a shared channel name. */
async function twoTabs(): Promise<[TabSession, TabSession]> {
  const name = `tabs-${++counter}`;
  const channelName = `atlas-cotri-test-${counter}`;
  const a = createTabSession({ db: await connect(name), channelName, tabId: 'A' });
  const b = createTabSession({ db: await connect(name), channelName, tabId: 'B' });
  cleanup.push(
    () => a.close(),
    () => b.close(),
  );
  return [a, b];
}

function nextChange(tab: TabSession): Promise<RemoteChange> {
  return new Promise((resolve) => {
    const off = tab.onRemoteChange((change) => {
      off();
      resolve(change);
    });
  });
}

describe('two tabs on the same workspace', () => {
  it('a tab that did not see the other one’s save gets a conflict instead of overwriting it', async () => {
    const [a, b] = await twoTabs();
    expect(a.transport).toBe('broadcast');
    await a.load();
    await b.load();

    const bHears = nextChange(b);
    const fromA = { ...sampleWorkspace(), settings: { author: 'A' } };
    expect(await a.save(fromA)).toMatchObject({ ok: true, revision: 1 });
    expect(await bHears).toEqual({ kind: 'save', revision: 1, tabId: 'A' });
    expect(b.stale).toBe(true);

    const fromB = { ...sampleWorkspace(), settings: { author: 'B' } };
    expect(await b.save(fromB)).toEqual({
      ok: false,
      conflict: true,
      storedRevision: 1,
      message: CONFLICT_MESSAGE,
    });
    const stillA = await b.load();
    expect(stillA.ok && stillA.workspace?.settings).toEqual({ author: 'A' });
    expect(b.stale).toBe(false);
  });

  it('detects the conflict even when no notification arrived (closed channel)', async () => {
    const [a, b] = await twoTabs();
    await a.load();
    await b.load();
    b.close(); // b hears nothing any more
    await a.save({ ...sampleWorkspace(), settings: { author: 'A' } });
    expect(b.stale).toBe(false);
    expect(await b.save(sampleWorkspace())).toMatchObject({ ok: false, conflict: true, storedRevision: 1 });
    expect(b.stale).toBe(true);
  });

  it('"Écraser" replaces the other tab’s save, which that tab then learns about', async () => {
    const [a, b] = await twoTabs();
    await a.load();
    await b.load();
    await a.save({ ...sampleWorkspace(), settings: { author: 'A' } });
    expect((await b.save({ ...sampleWorkspace(), settings: { author: 'B' } })).ok).toBe(false);

    const aHears = nextChange(a);
    expect(await b.overwrite({ ...sampleWorkspace(), settings: { author: 'B' } })).toMatchObject({
      ok: true,
      revision: 2,
    });
    expect(await aHears).toMatchObject({ revision: 2, tabId: 'B' });
    expect(a.stale).toBe(true);
    expect(await a.save(sampleWorkspace())).toMatchObject({ conflict: true });
    const reloaded = await a.load();
    expect(reloaded.ok && reloaded.workspace?.settings).toEqual({ author: 'B' });
    expect(await a.save(sampleWorkspace())).toMatchObject({ ok: true, revision: 3 });
  });

  it('successive saves from one tab never conflict with themselves', async () => {
    const [a] = await twoTabs();
    await a.load();
    for (let i = 1; i <= 5; i++)
      expect(await a.save(sampleWorkspace())).toMatchObject({ ok: true, revision: i });
    expect(a.stale).toBe(false);
  });

  it('a reset in one tab makes the other tab’s next save a conflict', async () => {
    const [a, b] = await twoTabs();
    await a.load();
    await a.save(sampleWorkspace());
    await b.load();
    const bHears = nextChange(b);
    expect(await a.reset()).toMatchObject({ ok: true, revision: 2 });
    expect(await bHears).toMatchObject({ kind: 'reset', revision: 2 });
    expect(await b.save(sampleWorkspace())).toMatchObject({ conflict: true });
    expect(await b.load()).toMatchObject({ ok: true, workspace: null, revision: 2 });
  });
});

describe('storage-event fallback', () => {
  /** Mimics browsers: a localStorage write fires `storage` in every OTHER tab of the origin. */
  function fakeBrowser() {
    const tabs: { listeners: Set<(e: StorageEvent) => void> }[] = [];
    const makeTab = (): TabEnvironment => {
      const self = { listeners: new Set<(e: StorageEvent) => void>() };
      tabs.push(self);
      return {
        localStorage: {
          setItem(key: string, value: string) {
            for (const tab of tabs)
              if (tab !== self)
                for (const l of tab.listeners) l({ key, newValue: value } as unknown as StorageEvent);
          },
        },
        addEventListener: (_type, listener) => self.listeners.add(listener),
        removeEventListener: (_type, listener) => self.listeners.delete(listener),
      };
    };
    return { makeTab };
  }

  it('delivers changes to other tabs only, ignores foreign keys and malformed values', () => {
    const browser = fakeBrowser();
    const envA = browser.makeTab();
    const envB = browser.makeTab();
    const heardA: RemoteChange[] = [];
    const heardB: RemoteChange[] = [];
    const a = createTabNotifier('atlas-cotri', (c) => heardA.push(c), envA);
    const b = createTabNotifier('atlas-cotri', (c) => heardB.push(c), envB);
    expect(a.transport).toBe('storage');
    a.post({ kind: 'save', revision: 4, tabId: 'A' });
    envA.localStorage!.setItem('autre-cle', '{"kind":"save","revision":9,"tabId":"X"}');
    envA.localStorage!.setItem('atlas-cotri:revision', '{pas du json');
    envA.localStorage!.setItem('atlas-cotri:revision', '{"kind":"drop","revision":1,"tabId":"X"}');
    expect(heardB).toEqual([{ kind: 'save', revision: 4, tabId: 'A' }]);
    expect(heardA).toEqual([]);
    b.close();
    a.post({ kind: 'save', revision: 5, tabId: 'A' });
    expect(heardB).toHaveLength(1);
  });

  it('falls back to no notification when neither transport exists', () => {
    const notifier = createTabNotifier('atlas-cotri', () => undefined, {});
    expect(notifier.transport).toBe('none');
    expect(() => notifier.post({ kind: 'save', revision: 1, tabId: 'A' })).not.toThrow();
  });
});
