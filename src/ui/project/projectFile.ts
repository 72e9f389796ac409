/**
 * The project menu's file work, kept out of the components: export the current workspace as a download, and
 * read a chosen file into a validated workspace (size checked before reading, every problem in French).
 */
import { checkFileSize } from '../../io/fileSize.ts';
import { isColumnarRecords } from '../../io/project/columnar.ts';
import {
  exportProject,
  formatProjectError,
  PROJECT_MIME,
  ProjectExportError,
  projectFileName,
} from '../../io/project/index.ts';
import { readProject } from '../../schema/project.ts';
import { isStoredSection, sectionLabel } from '../../state/persistedWorkspace.ts';
import type { Persistence } from '../../state/persistence.ts';
import { countItems, type Workspace } from '../../storage/index.ts';

/** Saves a Blob through a temporary link; the object URL is released once the download has started. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Downloads the project file; returns a French error message, or null when the download started. */
export async function exportCurrentProject(persistence: Persistence): Promise<string | null> {
  try {
    const bytes = await exportProject(persistence.snapshot());
    download(new Blob([bytes as BlobPart], { type: PROJECT_MIME }), projectFileName());
    return null;
  } catch (error) {
    if (error instanceof ProjectExportError) return error.message;
    return `Impossible d'exporter le projet (${error instanceof Error ? error.message : 'erreur inconnue'}).`;
  }
}

export interface ProjectSummaryLine {
  label: string;
  items: number;
}

export type ReadProjectResult =
  | {
      ok: true;
      workspace: Workspace;
      createdAt: string | null;
      appVersion: string | null;
      migratedFrom: number | null;
      contents: ProjectSummaryLine[];
    }
  | { ok: false; errors: string[] };

/**
 * What a project holds, for the confirmation dialog: the sections that carry records (sessions, points,
 * sites…) with their count, largest list first within a section. Settings-only sections are not listed.
 */
export function summariseWorkspace(workspace: Workspace): ProjectSummaryLine[] {
  const lines: ProjectSummaryLine[] = [];
  for (const [key, value] of Object.entries(workspace.sections)) {
    const data = isStoredSection(value) ? value.data : value;
    if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
    // Columnar lists (a lights section since version 2) count as lists: their `count` is the record count.
    const lists = Object.values(data).filter(
      (v) => Array.isArray(v) || ArrayBuffer.isView(v) || isColumnarRecords(v),
    );
    const items = lists.length > 0 ? Math.max(...lists.map(countItems)) : 0;
    if (items > 0) lines.push({ label: sectionLabel(key), items });
  }
  return lines;
}

export async function readProjectFile(file: File): Promise<ReadProjectResult> {
  const sizeProblem = checkFileSize(file.size);
  if (sizeProblem) return { ok: false, errors: [sizeProblem] };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, errors: ['Lecture du fichier impossible : vérifiez qu’il est toujours accessible.'] };
  }
  const result = await readProject(bytes);
  if (!result.ok || !result.workspace) return { ok: false, errors: result.errors.map(formatProjectError) };
  return {
    ok: true,
    workspace: result.workspace,
    createdAt: result.createdAt,
    appVersion: result.app?.version ?? null,
    migratedFrom: result.migratedFrom,
    contents: summariseWorkspace(result.workspace),
  };
}
