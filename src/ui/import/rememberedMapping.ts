import type { ColumnMapping, CrsCode, LayerKind } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';

/**
 * The column mapping (and coordinate system) a user confirmed, remembered per module and file shape
 * (`fileShapeKey`: same columns in any order) so that next month's export of the same tool maps itself.
 * Kept in the workspace (`importMappings` section, so in the project file and on a colleague's computer),
 * and in localStorage as before (a mapping confirmed in another project of the same browser still helps).
 */
export interface RememberedMapping {
  mapping: ColumnMapping;
  crs: 'auto' | CrsCode;
  /** The module's own columns (checked against the module's fields when used). */
  moduleColumns?: Record<string, string | null>;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const PREFIX = 'atlas-cotri:import-mapping:v1:';
const KEYS: (keyof ColumnMapping)[] = ['id', 'x', 'y', 'wkt', 'insee', 'commune', 'postcode'];
/** Added later: a mapping remembered before them simply has none. */
const LATER_KEYS: ReadonlySet<keyof ColumnMapping> = new Set(['commune', 'postcode']);
const CRS_CHOICES = ['auto', 'EPSG:4326', 'EPSG:2154', 'EPSG:3950'] as const;

function defaultStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage disabled (privacy settings): the mapping is simply not remembered.
    return null;
  }
}

const storageKey = (kind: LayerKind, shapeKey: string) => `${PREFIX}${kind}:${shapeKey}`;

/** Where the project keeps its mappings (the store's `importMappings`, saved with the workspace). */
export interface ProjectMappings {
  get: (key: string) => unknown;
  set: (key: string, value: RememberedMapping) => void;
}

const storeMappings: ProjectMappings = {
  get: (key) => useAppStore.getState().importMappings[key],
  set: (key, value) => useAppStore.getState().rememberImportMapping(key, value),
};

/**
 * The remembered choice for this file shape, with column names checked against the file's fields: the
 * project's first, then this browser's.
 */
export function loadRememberedMapping(
  kind: LayerKind,
  shapeKey: string,
  fields: readonly string[],
  storage: KeyValueStorage | null = defaultStorage(),
  project: ProjectMappings | null = storeMappings,
): RememberedMapping | null {
  if (!shapeKey) return null;
  const fromProject = project ? checkRemembered(project.get(`${kind}:${shapeKey}`), fields) : null;
  if (fromProject || !storage) return fromProject;
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(storageKey(kind, shapeKey)) ?? 'null');
  } catch {
    return null;
  }
  return checkRemembered(raw, fields);
}

function checkRemembered(raw: unknown, fields: readonly string[]): RememberedMapping | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { mapping, crs, moduleColumns } = raw as {
    mapping?: unknown;
    crs?: unknown;
    moduleColumns?: unknown;
  };
  if (typeof mapping !== 'object' || mapping === null) return null;
  const checked = {} as ColumnMapping;
  for (const key of KEYS) {
    const name = key in mapping || !LATER_KEYS.has(key) ? (mapping as Record<string, unknown>)[key] : null;
    if (name !== null && (typeof name !== 'string' || !fields.includes(name))) return null;
    checked[key] = name;
  }
  const choice = CRS_CHOICES.find((c) => c === crs) ?? 'auto';
  const columns =
    typeof moduleColumns === 'object' && moduleColumns !== null
      ? Object.fromEntries(
          Object.entries(moduleColumns).filter(
            (e): e is [string, string | null] =>
              e[1] === null || (typeof e[1] === 'string' && fields.includes(e[1])),
          ),
        )
      : undefined;
  return { mapping: checked, crs: choice, ...(columns ? { moduleColumns: columns } : {}) };
}

export function rememberMapping(
  kind: LayerKind,
  shapeKey: string,
  value: RememberedMapping,
  storage: KeyValueStorage | null = defaultStorage(),
  project: ProjectMappings | null = storeMappings,
): void {
  if (!shapeKey) return;
  project?.set(`${kind}:${shapeKey}`, value);
  if (!storage) return;
  try {
    storage.setItem(storageKey(kind, shapeKey), JSON.stringify(value));
  } catch {
    // Quota exceeded: not remembering is harmless.
  }
}
