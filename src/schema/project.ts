/**
 * The one way to read a project file: the file format checks (src/io/project) then the section schemas.
 * The browser's project import and `atlas project verify` both call it, so they cannot disagree.
 */
import { type ImportOptions, importProject, type ProjectImportResult } from '../io/project/import.ts';
import { checkWorkspaceSections } from './sections.ts';

export async function readProject(
  input: Uint8Array | ArrayBuffer | string,
  options: ImportOptions = {},
): Promise<ProjectImportResult> {
  const result = await importProject(input, options);
  if (!result.ok || !result.workspace) return result;
  const errors = checkWorkspaceSections(result.workspace.sections, 'payload.sections');
  if (errors.length === 0) return result;
  // All or nothing: one bad record refuses the whole file.
  return { ...result, ok: false, workspace: null, errors };
}
