import { buildCommuneIndex, type CommuneIndex } from '../../domain/spatial/communeIndex.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { type ImportOptions, importFile } from '../../io/import/importFile.ts';
import type { ImportResult } from '../../io/types.ts';

export type RunImportOptions = Omit<ImportOptions, 'communes' | 'onProgress' | 'signal'>;

export interface RunImportControls {
  onProgress?: (rowsRead: number, totalEstimate: number) => void;
  signal?: AbortSignal;
}

let index: { communes: CommuneCollection; index: CommuneIndex } | null = null;

function communeIndex(communes: CommuneCollection): CommuneIndex {
  if (index?.communes !== communes) index = { communes, index: buildCommuneIndex(communes) };
  return index.index;
}

/**
 * The one entry point the UI uses to import a file (user files and sample datasets alike).
 * Runs the same `importFile` as the CLI. TODO(import worker): move to src/workers/importClient.ts so large
 * files are parsed off the main thread; callers keep this signature.
 */
export async function runImport(
  bytes: Uint8Array,
  communes: CommuneCollection,
  options: RunImportOptions,
  controls: RunImportControls = {},
): Promise<ImportResult> {
  return importFile(bytes, { ...options, communes: communeIndex(communes), ...controls });
}

/** Fetches a generated dataset (sample files live beside the territory data). */
export async function fetchGenerated(name: string): Promise<Uint8Array> {
  const response = await fetch(`${import.meta.env.BASE_URL}data/generated/${name}`);
  if (!response.ok)
    throw new Error(
      `Jeu de données ${name} introuvable (HTTP ${response.status}). Lancez « npm run setup ».`,
    );
  return new Uint8Array(await response.arrayBuffer());
}
