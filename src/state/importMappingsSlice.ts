import type { StateCreator } from 'zustand';
import { registerPersistedSection } from './persist.ts';
import type { AppState } from './store.ts';

/**
 * Column mappings the user confirmed in the import dialog, per module and file shape (`kind:shapeKey`), kept
 * in the workspace so they travel with the project file: next month's export of the same tool maps itself
 * on a colleague's computer too. Values are checked against the file's columns when used
 * (`ui/import/rememberedMapping.ts`), so a stored entry is only ever a suggestion.
 */
export interface ImportMappingsSlice {
  importMappings: Record<string, unknown>;
  rememberImportMapping: (key: string, value: unknown) => void;
}

/** Bound on remembered shapes: the oldest are dropped beyond it (a project file must stay small). */
export const MAX_IMPORT_MAPPINGS = 100;

export const createImportMappingsSlice: StateCreator<AppState, [], [], ImportMappingsSlice> = (set) => ({
  importMappings: {},
  rememberImportMapping: (key, value) =>
    set((s) => {
      const entries = Object.entries(s.importMappings).filter(([k]) => k !== key);
      entries.push([key, value]);
      return { importMappings: Object.fromEntries(entries.slice(-MAX_IMPORT_MAPPINGS)) };
    }),
});

registerPersistedSection<{ mappings: Record<string, unknown> }>({
  key: 'importMappings',
  version: 1,
  pick: (s) => ({ mappings: s.importMappings }),
  apply: (data) => {
    const raw = data?.mappings;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
    // fromEntries: a key named "__proto__" stays an own property.
    const entries = Object.entries(raw).filter(
      ([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v),
    );
    return { importMappings: Object.fromEntries(entries.slice(-MAX_IMPORT_MAPPINGS)) };
  },
});
