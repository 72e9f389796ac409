/**
 * The household pseudonym key (HMAC-SHA-256, see src/domain/advice/privacy.ts), kept in this browser's
 * localStorage and nowhere else: not in the IndexedDB workspace, so neither autosave, « Exporter le projet »
 * nor team sync can carry it. A project file therefore holds ids that its reader cannot link back to a guessed
 * name or address. Without localStorage (private mode, blocked storage) a key per page load is used, so
 * households still link within one import but not across reloads.
 */
const STORAGE_KEY = 'atlas-cotri:pseudonym-key';
const KEY_HEX = /^[0-9a-f]{64}$/;

let memoryKey: string | null = null;

function newKey(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a SecurityError when storage is blocked
  }
}

/** 32 random bytes as hex, created on first use and then stable for this browser profile. */
export function pseudonymKey(): string {
  const store = storage();
  try {
    const stored = store?.getItem(STORAGE_KEY) ?? null;
    if (stored && KEY_HEX.test(stored)) return stored;
    const key = memoryKey ?? newKey();
    store?.setItem(STORAGE_KEY, key);
    memoryKey = key;
    return key;
  } catch {
    memoryKey ??= newKey();
    return memoryKey;
  }
}
