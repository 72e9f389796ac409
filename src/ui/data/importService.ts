import type { LightColumns } from '../../domain/lights/columns.ts';
import { type LightsImport, mapLights } from '../../domain/lights/index.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { buildCommuneIndex, type CommuneIndex } from '../../geo/communeIndex.ts';
import { type GpkgLayerInput, writeGeoPackage } from '../../io/gpkg/write.ts';
import { type ImportOptions, importFile } from '../../io/import/importFile.ts';
import { type InspectResult, inspectFile } from '../../io/import/inspect.ts';
import type { ImportResult, LayerKind } from '../../io/types.ts';
import { memoLast } from '../../lib/memo.ts';
import {
  createImportClient,
  type ImportClient,
  type LightsImportCallOptions,
} from '../../workers/importClient.ts';
import { AbortError } from '../../workers/protocol.ts';

export type RunImportOptions = Omit<ImportOptions, 'communes' | 'onProgress' | 'signal'>;

export interface RunImportControls {
  onProgress?: (rowsRead: number, totalEstimate: number) => void;
  signal?: AbortSignal;
}

/**
 * How imports run: in one shared Web Worker when the platform has workers (browsers), on the main thread
 * otherwise (jsdom / Node unit tests). Tests may plug a client served on a MessageChannel.
 */
type ClientFactory = () => ImportClient | null;

/** The worker starts on the first import (its script is only fetched then). */
const defaultFactory: ClientFactory = () => (typeof Worker === 'undefined' ? null : createImportClient());

// Handles of the shared worker, not app state: only this module creates, feeds and disposes of it.
let factory: ClientFactory = defaultFactory;
let client: ImportClient | null | undefined;
/** The communes last sent to the worker: a new collection (other territory) is sent again. */
let sent: { communes: CommuneCollection; ready: Promise<number> } | null = null;

function workerClient(): ImportClient | null {
  if (client === undefined) {
    try {
      client = factory();
    } catch {
      // A browser that refuses module workers still imports, on the main thread.
      client = null;
    }
  }
  return client;
}

function communesSent(worker: ImportClient, communes: CommuneCollection): Promise<number> {
  if (sent?.communes !== communes) {
    const ready = worker.setCommunes(communes);
    sent = { communes, ready };
    // A failed hand-over is retried by the next import instead of failing every later one.
    ready.catch(() => {
      if (sent?.ready === ready) sent = null;
    });
  }
  return sent.ready;
}

/** Main-thread imports (no workers): the index is derived data, built once per commune collection. */
const communeIndex = memoLast((communes: CommuneCollection): CommuneIndex => buildCommuneIndex(communes));

/**
 * The one entry point the UI uses to import a file (user files and sample datasets alike). Runs the same
 * `importFile` as the CLI, in the import worker: the commune index is built there once, progress comes back
 * as messages and aborting `signal` rejects at once with an AbortError and stops the worker's work.
 * The bytes are MOVED to the worker (not copied): do not reuse `bytes` afterwards.
 */
export async function runImport(
  bytes: Uint8Array,
  communes: CommuneCollection,
  options: RunImportOptions,
  controls: RunImportControls = {},
): Promise<ImportResult> {
  const worker = workerClient();
  if (!worker) return importFile(bytes, { ...options, communes: communeIndex(communes), ...controls });
  if (controls.signal?.aborted) throw new AbortError('Import annulé.');
  await communesSent(worker, communes);
  if (controls.signal?.aborted) throw new AbortError('Import annulé.');
  return worker.importFile(bytes, options, { ...controls, transfer: true });
}

/**
 * An inventory file into light points: the engine and the module mapping both in the import worker (the
 * main thread only rebuilds the points, chunk by chunk, with their import-plan fingerprints computed there);
 * on the main thread where there are no workers (fingerprints then computed when the plan needs them).
 * Progress phases: 'engine' (rows read) then 'module' (rows mapped, then points received).
 */
export async function runLightsImport(
  bytes: Uint8Array,
  communes: CommuneCollection,
  options: Omit<RunImportOptions, 'kind'>,
  overrides: Partial<LightColumns>,
  controls: LightsImportCallOptions = {},
): Promise<{ result: ImportResult; mapped: LightsImport & { fingerprints?: string[] } }> {
  const worker = workerClient();
  if (!worker) {
    const { onProgress, signal } = controls;
    const result = await importFile(bytes, {
      ...options,
      kind: 'lights',
      communes: communeIndex(communes),
      signal,
      onProgress: (done, total) => onProgress?.(done, total, 'engine'),
    });
    const mapped = mapLights(result, overrides, {
      signal,
      onProgress: (done, total) => onProgress?.(done, total, 'module'),
    });
    return { result, mapped };
  }
  if (controls.signal?.aborted) throw new AbortError('Import annulé.');
  await communesSent(worker, communes);
  if (controls.signal?.aborted) throw new AbortError('Import annulé.');
  return worker.importLights(bytes, { ...options, kind: 'lights' }, overrides, {
    ...controls,
    transfer: true,
  });
}

/**
 * Reads a file's columns, a preview and the proposed mapping without importing it (the confirmation step
 * of the import dialog). The bytes are moved to the worker as well.
 */
export async function runInspect(
  bytes: Uint8Array,
  options: { fileName: string; kind: LayerKind; layer?: string | null },
  controls: Pick<RunImportControls, 'signal'> = {},
): Promise<InspectResult> {
  const worker = workerClient();
  if (!worker) return inspectFile(bytes, options);
  return worker.inspect(bytes, options, { signal: controls.signal, transfer: true });
}

/** A GeoPackage export, written in the import worker (main thread without workers: jsdom, Node). */
export function runWriteGeoPackage(layers: GpkgLayerInput[]): Promise<Uint8Array> {
  const worker = workerClient();
  return worker ? worker.writeGeoPackage(layers) : writeGeoPackage(layers);
}

/** Test seam: plugs another way of creating the worker client (null → main thread); resets the shared one. */
export function setImportClientFactory(next: ClientFactory | null): void {
  client?.dispose();
  client = undefined;
  sent = null;
  factory = next ?? defaultFactory;
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
