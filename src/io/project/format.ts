/**
 * The project file: one UTF-8 JSON document carrying the whole workspace (docs/project-file.md).
 *   {"format":"atlas-cotri-project","version":2,"createdAt":"…","app":{"name":"atlas-cotri","version":"…"},
 *    "sha256":"<hex of the canonical payload>","payload":{…workspace, canonical…}}
 * The header is written in that fixed order and the payload canonically, so exporting the same workspace
 * with the same createdAt always yields the same bytes.
 */
import { version as APP_VERSION } from '../../../package.json';
import { canonicalJson } from './canonical.ts';
import { CodecError, encodeStorable } from './codec.ts';
import { WORKSPACE_SCHEMA_VERSION, type Workspace } from './workspace.ts';

export const PROJECT_FORMAT = 'atlas-cotri-project';
/** The file format version is the workspace schema version: one migration chain serves both. */
export const PROJECT_VERSION = WORKSPACE_SCHEMA_VERSION;
export const PROJECT_EXTENSION = '.atlas-cotri.json';
export const PROJECT_MIME = 'application/json';

export interface ProjectApp {
  name: string;
  version: string;
}

export const CURRENT_APP: ProjectApp = { name: 'atlas-cotri', version: APP_VERSION };

export interface ExportOptions {
  /** ISO instant written in the header (default: now). Not covered by the hash. */
  createdAt?: string;
  app?: ProjectApp;
}

/** Raised by exportProject when the workspace holds something a file cannot carry (programming error). */
export class ProjectExportError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`Impossible d'exporter le projet : ${path === '' ? '' : `${path} : `}${reason}.`);
    this.name = 'ProjectExportError';
  }
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Canonical text of the encoded workspace: what the hash covers. */
export function canonicalPayload(workspace: Workspace): string {
  try {
    return canonicalJson(encodeStorable(workspace));
  } catch (error) {
    if (error instanceof CodecError) throw new ProjectExportError(error.detail.path, error.detail.reason);
    throw error;
  }
}

/** Serialises the workspace into the bytes of a project file. Throws ProjectExportError on unstorable data. */
export async function exportProject(workspace: Workspace, options: ExportOptions = {}): Promise<Uint8Array> {
  if (workspace.schemaVersion !== PROJECT_VERSION)
    throw new ProjectExportError('schemaVersion', `version ${PROJECT_VERSION} attendue`);
  const payload = canonicalPayload(workspace);
  const sha256 = await sha256Hex(payload);
  const header = [
    `"format":${JSON.stringify(PROJECT_FORMAT)}`,
    `"version":${PROJECT_VERSION}`,
    `"createdAt":${JSON.stringify(options.createdAt ?? new Date().toISOString())}`,
    `"app":${canonicalJson(options.app ?? CURRENT_APP)}`,
    `"sha256":${JSON.stringify(sha256)}`,
  ].join(',');
  return new TextEncoder().encode(`{${header},"payload":${payload}}\n`);
}

/** Suggested download name, e.g. `atlas-cotri-2025-03-01.atlas-cotri.json`. */
export function projectFileName(date: Date = new Date()): string {
  return `atlas-cotri-${date.toISOString().slice(0, 10)}${PROJECT_EXTENSION}`;
}
