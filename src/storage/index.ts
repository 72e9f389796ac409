/** Persistence layer, store-agnostic: the app's store maps its state to a Workspace and back. */

export { MIGRATIONS, migrateDocument } from '../io/project/migrations.ts';
export {
  countItems,
  countLayers,
  createEmptyWorkspace,
  type DocumentError,
  type Shortlist,
  WORKSPACE_SCHEMA_VERSION,
  type Workspace,
} from '../io/project/workspace.ts';
export { checkWorkspaceFrame } from '../schema/frame.ts';
export { type Autosave, type AutosaveOptions, createAutosave } from './autosave.ts';
export {
  CONFLICT_MESSAGE,
  DB_NAME,
  DB_VERSION,
  type LoadResult,
  loadWorkspace,
  type OpenResult,
  openWorkspaceDb,
  readRevision,
  resetWorkspace,
  type SaveOptions,
  type SaveResult,
  saveWorkspace,
  type WorkspaceDb,
} from './db.ts';
export {
  DictionaryColumn,
  fromStoredFeatures,
  readStoredFeatures,
  type StoredColumn,
  type StoredFeatures,
  toStoredFeatures,
} from './features.ts';
export {
  dropKeptAside,
  exportRawDatabase,
  type KeptSummary,
  keepAsideAndReset,
  listKeptAside,
  RAW_EXPORT_FORMAT,
} from './keptAside.ts';
export { sectionKey } from './layout.ts';
export {
  CHANNEL_NAME,
  createTabNotifier,
  createTabSession,
  type RemoteChange,
  type TabSession,
} from './tabs.ts';
export { getStorageUsage, type StorageUsage } from './usage.ts';
