/**
 * How the store's registered sections (persist.ts) map onto the workspace document (src/io/project/workspace.ts):
 * each section is stored as `workspace.sections[key] = { version, data }`, `data` being `pick(state)` and
 * `version` the section's own version, handed back to `apply` so a module migrates its own data. The other
 * top-level fields (`layers`, `edits`, `settings`, `shortlist`) are not written by the app: whatever a loaded
 * document holds there is carried over untouched. Pure functions, unit-tested without a browser.
 */

import { createEmptyWorkspace, isPlainObject, type Workspace } from '../io/project/workspace.ts';
import { isStoredSection } from '../schema/frame.ts';
import { formatSchemaErrors } from '../schema/issues.ts';
import { checkSectionData } from '../schema/sections.ts';
import type { PersistedSection } from './persist.ts';
import type { AppState } from './store.ts';

// `{ version, data }`, checked by the shared frame schemas.
export { isStoredSection, type StoredSection } from '../schema/frame.ts';

/**
 * `pick` builds a fresh object on every call, so sections are compared one level deep: a section changed when
 * one of its fields is no longer the same reference (the store replaces what it changes, immutably).
 */
export function sameSection(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && Object.is(a[key], b[key]));
}

/**
 * The document to save or export. `held` holds stored sections the app must keep as they are (not registered
 * yet, unreadable, or written by a newer version): they win over a registered section's current pick.
 */
export function buildWorkspace(
  state: AppState,
  sections: readonly PersistedSection[],
  base: Workspace | null,
  held: ReadonlyMap<string, unknown>,
  meta: { revision: number; savedAt: string },
): Workspace {
  const frame = base ?? createEmptyWorkspace();
  const entries: [string, unknown][] = [];
  for (const section of sections)
    if (!held.has(section.key))
      entries.push([section.key, { version: section.version, data: section.pick(state) }]);
  for (const [key, value] of held) entries.push([key, value]);
  return {
    schemaVersion: frame.schemaVersion,
    savedAt: meta.savedAt,
    revision: meta.revision,
    layers: frame.layers,
    edits: frame.edits,
    settings: frame.settings,
    shortlist: frame.shortlist,
    // fromEntries: a section named "__proto__" stays an own property.
    sections: Object.fromEntries(entries),
  };
}

export type RestoreOutcome =
  | { kind: 'none' }
  | { kind: 'applied'; patch: Partial<AppState> }
  | { kind: 'held'; reason: string };

/** What to do with one registered section given its stored entry (undefined: nothing stored). Never throws. */
export function restoreSection(section: PersistedSection, stored: unknown): RestoreOutcome {
  if (stored === undefined) return { kind: 'none' };
  if (!isStoredSection(stored))
    return { kind: 'held', reason: 'format inattendu ({ version, data } attendu)' };
  if (stored.version > section.version)
    return {
      kind: 'held',
      reason: `enregistrée par une version plus récente de l'application (version ${stored.version})`,
    };
  // Older versions are migrated by `apply` itself; the current version must match its schema first.
  if (stored.version === section.version) {
    const checked = checkSectionData(section.key, stored.data);
    if (!checked.ok)
      return { kind: 'held', reason: `contenu invalide (${formatSchemaErrors(checked.errors)})` };
  }
  try {
    const patch = section.apply(stored.data, stored.version);
    if (!isPlainObject(patch)) return { kind: 'held', reason: 'relecture impossible' };
    return { kind: 'applied', patch };
  } catch (error) {
    return {
      kind: 'held',
      reason: `relecture impossible (${error instanceof Error ? error.message : 'erreur inconnue'})`,
    };
  }
}

/** French notice shown when a stored section is kept aside instead of restored. */
export function heldNotice(key: string, reason: string): string {
  return `Les données « ${sectionLabel(key)} » enregistrées n'ont pas été relues : ${reason}. Elles sont conservées telles quelles (et incluses dans l'export du projet).`;
}

const LABELS: Record<string, string> = {
  advice: 'Conseils France Rénov’',
  lights: 'Éclairage public',
  lightsView: 'Éclairage public (filtres)',
  importMappings: 'Correspondances de colonnes des imports',
  importBases: 'Dernier état des fichiers importés',
  friches: 'Friches',
  dashboard: 'Tableau de bord',
  territory: 'Territoire',
};

/** French name of a section for messages; unknown keys are shown as they are. */
export function sectionLabel(key: string): string {
  return Object.hasOwn(LABELS, key) ? LABELS[key]! : key;
}
