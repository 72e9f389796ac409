import type { StateCreator } from 'zustand';
import type { ImportableRole } from '../domain/friches/contextImport.ts';
import { IMPORTABLE_ROLES } from '../domain/friches/types.ts';
import { registerPersistedSection } from './persist.ts';
import type { AppState } from './store.ts';

/**
 * The modules whose imports go through the import modes (src/ui/data/importTargets.ts). Each friches context
 * role is a module of its own: undoing the flood zones' import must not touch the stations.
 */
export type ImportModule = 'lights' | 'advice' | 'friches' | 'pcaet' | `context:${ImportableRole}`;

/** What the last validated import of a module changed, so that « Annuler le dernier import » can undo it. */
export interface ImportUndo {
  fileName: string;
  at: string;
  /** Puts the module's records (and their source) back as they were before the import. */
  restore: () => void;
  /** The module's records right after the import: undoing after later edits asks first. */
  after: readonly unknown[];
  /** Base snapshot before the import, put back with the records. */
  baseBefore: Record<string, string> | undefined;
}

/**
 * Per module: `importBases` = identifier → fingerprint of each record as the files last imported had it
 * (merged over imports: the base of « a record changed both in the app and in the file since the last
 * import of that file »), saved with the workspace; `importUndo` = the last import's snapshot, for this
 * session only (it holds the whole previous dataset, too big to save twice).
 */
export interface ImportHistorySlice {
  importBases: Partial<Record<ImportModule, Record<string, string>>>;
  importUndo: Partial<Record<ImportModule, ImportUndo>>;
  recordImport: (module: ImportModule, base: Record<string, string>, undo: ImportUndo) => void;
  /** Restores the records before the module's last import; false when there is none. */
  undoImport: (module: ImportModule) => boolean;
}

const MODULES: readonly ImportModule[] = [
  'lights',
  'advice',
  'friches',
  'pcaet',
  ...IMPORTABLE_ROLES.map((role) => `context:${role}` as const),
];

export const createImportHistorySlice: StateCreator<AppState, [], [], ImportHistorySlice> = (set, get) => ({
  importBases: {},
  importUndo: {},
  recordImport: (module, base, undo) =>
    set((s) => ({
      importBases: { ...s.importBases, [module]: base },
      importUndo: { ...s.importUndo, [module]: undo },
    })),
  undoImport: (module) => {
    const undo = get().importUndo[module];
    if (!undo) return false;
    undo.restore();
    set((s) => {
      const importBases = { ...s.importBases };
      if (undo.baseBefore) importBases[module] = undo.baseBefore;
      else delete importBases[module];
      const importUndo = { ...s.importUndo };
      delete importUndo[module];
      return { importBases, importUndo };
    });
    return true;
  },
});

registerPersistedSection<{ bases: Partial<Record<ImportModule, Record<string, string>>> }>({
  key: 'importBases',
  version: 1,
  pick: (s) => ({ bases: s.importBases }),
  apply: (data) => {
    const raw: unknown = data?.bases;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    const bases: Partial<Record<ImportModule, Record<string, string>>> = {};
    for (const module of MODULES) {
      const entry: unknown = (raw as Record<string, unknown>)[module];
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
      // fromEntries: an identifier "__proto__" stays an own key; non-string fingerprints are dropped.
      bases[module] = Object.fromEntries(
        Object.entries(entry).filter((e): e is [string, string] => typeof e[1] === 'string'),
      );
    }
    return { importBases: bases };
  },
});
