/**
 * Document migrations, applied identically to IndexedDB contents and to project files, so a workspace saved by
 * any past version loads into the current shape. Each step takes version n to n+1 and never mutates its input.
 * Adding a version: bump WORKSPACE_SCHEMA_VERSION, add MIGRATIONS[n], add a fixture test from version n.
 */
import { checkWorkspaceFrame, workspaceV1Schema } from '../../schema/frame.ts';
import { check } from '../../schema/issues.ts';
import { type DocumentError, isPlainObject, WORKSPACE_SCHEMA_VERSION, type Workspace } from './workspace.ts';

/**
 * Version 1 (first release): no revision counter (tabs could overwrite each other), the street-light layer was
 * named `streetLighting`, the shortlist was a bare id list with notes beside it, no extension `sections`.
 */
export interface WorkspaceV1 {
  schemaVersion: 1;
  savedAt: string;
  layers: Record<string, unknown>;
  edits: Record<string, unknown>;
  settings: Record<string, unknown>;
  shortlist: string[];
  notes: Record<string, string>;
}

type Doc = Record<string, unknown>;
export type MigrationStep = (doc: Doc) => { ok: true; doc: Doc } | { ok: false; errors: DocumentError[] };

function v1ToV2(doc: Doc): ReturnType<MigrationStep> {
  const checked = check(workspaceV1Schema, doc, '');
  const errors: DocumentError[] = checked.ok ? [] : [...checked.errors];
  const layers = isPlainObject(doc.layers) ? doc.layers : {};
  if ('streetLighting' in layers && 'lights' in layers)
    errors.push({ path: 'layers.lights', reason: 'couche en double avec layers.streetLighting' });
  if (errors.length > 0) return { ok: false, errors };

  // Keep the key order stable (lights where streetLighting was) so migrated documents compare equal.
  const renamed = Object.fromEntries(
    Object.entries(layers).map(([name, value]) => [name === 'streetLighting' ? 'lights' : name, value]),
  );
  return {
    ok: true,
    doc: {
      schemaVersion: 2,
      savedAt: doc.savedAt,
      revision: 0,
      layers: renamed,
      edits: doc.edits,
      settings: doc.settings,
      shortlist: { siteIds: doc.shortlist, notes: doc.notes },
      sections: {},
    },
  };
}

/** MIGRATIONS[n] upgrades a version-n document to version n+1. */
export const MIGRATIONS: Readonly<Record<number, MigrationStep>> = { 1: v1ToV2 };

export type MigrationResult =
  | { ok: true; workspace: Workspace; from: number }
  | { ok: false; errors: DocumentError[]; from: number | null };

/** Brings a document of any known version to the current one and validates it. Never throws. */
export function migrateDocument(doc: unknown): MigrationResult {
  if (!isPlainObject(doc))
    return {
      ok: false,
      from: null,
      errors: [{ path: '', reason: "l'espace de travail doit être un objet" }],
    };
  const from = doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 1)
    return {
      ok: false,
      from: null,
      errors: [{ path: 'schemaVersion', reason: 'numéro de version manquant ou invalide' }],
    };
  if (from > WORKSPACE_SCHEMA_VERSION)
    return {
      ok: false,
      from,
      errors: [{ path: 'schemaVersion', reason: newerVersionMessage(from) }],
    };
  let current: Doc = doc;
  for (let version = from; version < WORKSPACE_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step)
      return {
        ok: false,
        from,
        errors: [{ path: 'schemaVersion', reason: `aucune migration depuis la version ${version}` }],
      };
    const result = step(current);
    if (!result.ok)
      return {
        ok: false,
        from,
        errors: result.errors.map((e) => ({
          path: e.path,
          reason: `${e.reason} (conversion depuis la version ${version})`,
        })),
      };
    current = result.doc;
  }
  const validated = checkWorkspaceFrame(current);
  return validated.ok
    ? { ok: true, workspace: validated.workspace, from }
    : { ok: false, from, errors: validated.errors };
}

export function newerVersionMessage(version: number): string {
  return `créé par une version plus récente d'Atlas COTRI (format ${version}, cette application lit jusqu'au format ${WORKSPACE_SCHEMA_VERSION}) : mettez l'application à jour`;
}
