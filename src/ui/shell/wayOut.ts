/**
 * The three actions of an error boundary (« Recharger », « Exporter mes données », « Revenir aux données
 * d'exemple »). They read and write IndexedDB directly, never through the store or a module, so that they
 * work when nothing of the workspace can be shown (or when the store itself is what broke).
 */
import { currentPersistence } from '../../state/persistence.ts';
import {
  exportRawDatabase,
  keepAsideAndReset,
  openWorkspaceDb,
  RAW_EXPORT_FORMAT,
  type WorkspaceDb,
} from '../../storage/index.ts';
import { downloadBlob, safeFileName } from '../download.ts';

export type WayOutResult = { ok: true } | { ok: false; message: string };

/** How long to wait for the page's persistence to stop before going on without it (it may be what hangs). */
const STOP_WAIT_MS = 1500;

async function withDb<T>(
  action: (db: WorkspaceDb) => Promise<T>,
): Promise<T | { ok: false; message: string }> {
  const opened = await openWorkspaceDb();
  if (!opened.ok) return { ok: false, message: opened.message };
  try {
    return await action(opened.db);
  } finally {
    opened.db.close();
  }
}

export function reloadPage(): void {
  window.location.reload();
}

/** Downloads every stored record as raw JSON (typed arrays in base64). */
export async function exportMyData(): Promise<WayOutResult> {
  try {
    const text = await withDb((db) => exportRawDatabase(db));
    if (typeof text !== 'string') return text;
    downloadBlob(new Blob([text], { type: 'application/json' }), safeFileName(RAW_EXPORT_FORMAT, 'json'));
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      message: `Export impossible (${error instanceof Error ? error.name : 'erreur inconnue'}).`,
    };
  }
}

/** Stops this tab's autosave so that it cannot write the broken state back after the reset. */
async function stopPersistence(): Promise<void> {
  const started = currentPersistence();
  if (!started) return;
  const timeout = new Promise<null>((done) => setTimeout(() => done(null), STOP_WAIT_MS));
  const persistence = await Promise.race([started.catch(() => null), timeout]);
  persistence?.dispose();
}

/**
 * Moves the stored workspace aside (kept, exportable from the banner) and reloads on the sample data. No
 * confirmation: nothing is deleted.
 */
export async function backToSample(reason: string, reload: () => void = reloadPage): Promise<WayOutResult> {
  try {
    await stopPersistence();
    const opened = await openWorkspaceDb();
    // Without storage nothing was kept from a previous page: reloading is enough to start on the sample data.
    if (opened.ok) {
      const result = await keepAsideAndReset(opened.db, reason);
      opened.db.close();
      if (!result.ok) return result;
    }
    reload();
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      message: `Retour aux données d’exemple impossible (${error instanceof Error ? error.name : 'erreur inconnue'}).`,
    };
  }
}
