export { canonicalJson } from './canonical.ts';
export { decodeStorable, encodeStorable, findUnstorable } from './codec.ts';
export {
  CURRENT_APP,
  canonicalPayload,
  type ExportOptions,
  exportProject,
  PROJECT_EXTENSION,
  PROJECT_FORMAT,
  PROJECT_MIME,
  PROJECT_VERSION,
  type ProjectApp,
  ProjectExportError,
  projectFileName,
  sha256Hex,
} from './format.ts';
export { formatProjectError, type ImportOptions, importProject, type ProjectImportResult } from './import.ts';
