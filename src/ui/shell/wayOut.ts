/**
 * The three actions of an error boundary (« Recharger », « Exporter mes données », « Revenir aux données
 * d'exemple »). They must work when nothing of the workspace can be shown, or when the store itself is what
 * broke: the store is only read through a guarded snapshot, and IndexedDB is opened directly.
 */
import { exportProject, PROJECT_MIME, ProjectExportError, projectFileName } from '../../io/project/format.ts';
import { formatProjectError } from '../../io/project/import.ts';
import { readProject } from '../../schema/project.ts';
import { currentPersistence, currentWorkspaceStorage } from '../../state/persistence.ts';
import {
  exportRawDatabase,
  keepAsideAndReset,
  loadWorkspace,
  openWorkspaceDb,
  RAW_EXPORT_FORMAT,
  type Workspace,
  type WorkspaceDb,
} from '../../storage/index.ts';
import { downloadBlob, safeFileName } from '../download.ts';

/** `message`: what to tell the user instead of the action's default confirmation. */
export type WayOutResult = { ok: true; message?: string } | { ok: false; message: string };

/** How long to wait for the page's persistence to stop before going on without it (it may be what hangs). */
const STOP_WAIT_MS = 1500;

async function withDb<T>(
  action: (db: WorkspaceDb) => Promise<T>,
): Promise<T | { ok: false; message: string }> {
  const opened = await openWorkspaceDb({ name: currentWorkspaceStorage().name });
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

/** The page's persistence, unless it never started or does not answer (it may be what broke). */
async function pagePersistence() {
  const started = currentPersistence();
  if (!started) return null;
  const timeout = new Promise<null>((done) => setTimeout(() => done(null), STOP_WAIT_MS));
  return Promise.race([started.catch(() => null), timeout]);
}

/** The raw dump's name says what it is: « non réimportable » (RAW_EXPORT_FORMAT is « atlas-cotri-export-brut »). */
export function rawExportFileName(date = new Date()): string {
  return safeFileName(`${RAW_EXPORT_FORMAT}-non-reimportable`, 'json', date);
}

/** Where « Exporter mes données » takes the workspace from, best first. */
export interface ExportSources {
  /** What the page holds, unsaved changes included; null when there is no page state to read. */
  live: () => Promise<Workspace | null>;
  /** The last workspace saved in this browser; null when nothing is saved or it cannot be read. */
  stored: () => Promise<Workspace | null>;
  /** Every record of the database as JSON, without the app's schemas (the fallback). */
  raw: (notice: string) => Promise<{ ok: true; text: string } | { ok: false; message: string }>;
}

/** The page: its persistence snapshot, then IndexedDB opened directly. */
export const defaultExportSources: ExportSources = {
  async live() {
    const persistence = await pagePersistence();
    return persistence ? persistence.snapshot() : null;
  },
  async stored() {
    const loaded = await withDb(loadWorkspace);
    return loaded.ok && 'workspace' in loaded ? loaded.workspace : null;
  },
  async raw(notice) {
    const text = await withDb((db) => exportRawDatabase(db, { notice }));
    return typeof text === 'string' ? { ok: true, text } : text;
  },
};

type Encoded = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * A project file of `workspace`, read back with the project import's own reading (readProject: format, hash,
 * section schemas) so that what is offered as re-importable is exactly what Projet → Importer accepts.
 */
async function encodeChecked(read: () => Promise<Workspace | null>): Promise<Encoded | null> {
  let workspace: Workspace | null;
  try {
    workspace = await read();
  } catch {
    return { ok: false, reason: 'l’état de la page est illisible' };
  }
  if (!workspace) return null;
  try {
    const bytes = await exportProject(workspace);
    const back = await readProject(bytes);
    if (back.ok) return { ok: true, bytes };
    return { ok: false, reason: back.errors.slice(0, 1).map(formatProjectError).join('') || 'illisible' };
  } catch (error) {
    if (error instanceof ProjectExportError)
      return { ok: false, reason: formatProjectError({ path: error.path, reason: error.reason }) };
    return { ok: false, reason: `erreur inattendue (${error instanceof Error ? error.name : 'inconnue'})` };
  }
}

const REIMPORT = 'il se réimporte par « Projet → Importer un projet… »';

/**
 * « Exporter mes données »: a project file (the same bytes as « Projet → Exporter le projet »), from the page's
 * state or, failing that, from the last save. Only when neither forms an importable project (a record no
 * schema accepts, storage unreadable) does it fall back to a raw dump of the database, named and announced
 * as such: « non réimportable », kept for a manual recovery.
 */
export async function exportMyData(
  sources: ExportSources = defaultExportSources,
  download: (blob: Blob, fileName: string) => void = downloadBlob,
  now: () => Date = () => new Date(),
): Promise<WayOutResult> {
  const problems: string[] = [];
  for (const [source, from] of [
    [sources.live, ''],
    [
      sources.stored,
      ' depuis le dernier enregistrement de ce navigateur (les modifications non enregistrées n’y sont pas)',
    ],
  ] as const) {
    const encoded = await encodeChecked(source);
    if (!encoded) continue;
    if (!encoded.ok) {
      problems.push(encoded.reason);
      continue;
    }
    const name = projectFileName(now());
    download(new Blob([encoded.bytes as BlobPart], { type: PROJECT_MIME }), name);
    return { ok: true, message: `Fichier de projet « ${name} » exporté${from} : ${REIMPORT}.` };
  }
  const why =
    problems.length > 0
      ? `vos données ne forment pas un projet importable (${problems[0]})`
      : 'aucun projet lisible dans ce navigateur';
  const notice = `Export brut, non réimportable : ${why}. Ce fichier contient tel quel tout ce que ce navigateur a enregistré, pour une récupération manuelle.`;
  try {
    const raw = await sources.raw(notice);
    if (!raw.ok) return raw;
    const name = rawExportFileName(now());
    download(new Blob([raw.text], { type: 'application/json' }), name);
    return {
      ok: true,
      message: `Export brut « ${name} » (non réimportable) : ${why}. Gardez ce fichier pour une récupération manuelle ; il ne s’importe pas par « Projet → Importer un projet… ».`,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Export impossible (${error instanceof Error ? error.name : 'erreur inconnue'}).`,
    };
  }
}

/** Stops this tab's autosave so that it cannot write the broken state back after the reset. */
async function stopPersistence(): Promise<void> {
  (await pagePersistence())?.dispose();
}

/**
 * Moves the stored workspace aside (kept, exportable from the banner) and reloads on the sample data. No
 * confirmation: nothing is deleted.
 */
export async function backToSample(reason: string, reload: () => void = reloadPage): Promise<WayOutResult> {
  try {
    await stopPersistence();
    // The page's own database: in team mode, the signed-in user's cache, never the local workspace.
    const opened = await openWorkspaceDb({ name: currentWorkspaceStorage().name });
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
