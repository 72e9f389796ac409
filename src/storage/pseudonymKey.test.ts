import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

describe('pseudonymKey', () => {
  it('creates a 256-bit key once and keeps it in localStorage, apart from the workspace', async () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    const { pseudonymKey } = await import('./pseudonymKey.ts');
    const key = pseudonymKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(storage.getItem('atlas-cotri:pseudonym-key')).toBe(key);
    vi.resetModules();
    const again = await import('./pseudonymKey.ts');
    expect(again.pseudonymKey()).toBe(key);
  });

  it('replaces a malformed stored key and works without storage (one key per page)', async () => {
    const storage = fakeStorage();
    storage.setItem('atlas-cotri:pseudonym-key', 'abc');
    vi.stubGlobal('localStorage', storage);
    const { pseudonymKey } = await import('./pseudonymKey.ts');
    expect(pseudonymKey()).toMatch(/^[0-9a-f]{64}$/);
    vi.resetModules();
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
    });
    const blocked = await import('./pseudonymKey.ts');
    const key = blocked.pseudonymKey();
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(blocked.pseudonymKey()).toBe(key);
  });
});
