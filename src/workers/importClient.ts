import type { LightColumns } from '../domain/lights/columns.ts';
import type { CommuneCollection } from '../domain/territory/types.ts';
import type { GpkgLayerInput } from '../io/gpkg/write.ts';
import type { InspectResult } from '../io/import/inspect.ts';
import { deserializeFeatures } from '../io/import/transfer.ts';
import type { ImportResult, LayerKind } from '../io/types.ts';
import { createWorkerClient } from './client.ts';
import type { ImportApi, WorkerImportOptions } from './importApi.ts';
import { deserializeLights, type FingerprintedLights, LIGHTS_MAPPING_PHASE } from './lightsTransfer.ts';
import type { MessageEndpoint } from './protocol.ts';

export interface ImportCallOptions {
  /** Rows read so far and the estimated total, for the progress bar. */
  onProgress?: (rowsRead: number, totalEstimate: number) => void;
  /** Cancel: the promise rejects at once with an AbortError (« Import annulé. »). */
  signal?: AbortSignal;
  /**
   * Move the bytes to the worker instead of copying them (default true for importFile): the caller's
   * buffer becomes unusable. The bytes come back inside the result's text columns.
   */
  transfer?: boolean;
}

/** Where a lights import is: the engine reading rows, then the module mapping them (worker, then here). */
export type ImportPhase = 'engine' | 'module';

export interface LightsImportCallOptions extends Omit<ImportCallOptions, 'onProgress'> {
  onProgress?: (done: number, total: number, phase: ImportPhase) => void;
}

export interface ImportClient {
  setCommunes(communes: CommuneCollection): Promise<number>;
  inspect(
    bytes: Uint8Array,
    options: { fileName: string; kind: LayerKind; layer?: string | null },
    call?: ImportCallOptions,
  ): Promise<InspectResult>;
  importFile(
    bytes: Uint8Array,
    options: WorkerImportOptions,
    call?: ImportCallOptions,
  ): Promise<ImportResult>;
  /** Writes a GeoPackage in the worker (SQLite WebAssembly lives there). */
  writeGeoPackage(layers: GpkgLayerInput[]): Promise<Uint8Array>;
  /** The engine then `mapLights`, both in the worker (see ImportApi.importLights). */
  importLights(
    bytes: Uint8Array,
    options: WorkerImportOptions,
    overrides: Partial<LightColumns>,
    call?: LightsImportCallOptions,
  ): Promise<{ result: ImportResult; mapped: FingerprintedLights }>;
  dispose(): void;
}

/** A buffer can be transferred only when the view spans it entirely (else others' memory would go too). */
function transferable(bytes: Uint8Array): Transferable[] {
  return bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
    ? [bytes.buffer]
    : [];
}

/**
 * Typed access to the import worker. `endpoint` defaults to a new module worker; tests pass a MessagePort.
 */
export function createImportClient(endpoint?: MessageEndpoint): ImportClient {
  const worker =
    endpoint ??
    (new Worker(new URL('./import.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as MessageEndpoint);
  const client = createWorkerClient<ImportApi>(worker);
  return {
    setCommunes: (communes) => client.call('setCommunes', communes),
    inspect: (bytes, options, call = {}) =>
      client.call(
        'inspect',
        { bytes, ...options },
        {
          signal: call.signal,
          transfer: call.transfer ? transferable(bytes) : [],
          abortMessage: 'Analyse annulée.',
        },
      ),
    async importFile(bytes, options, call = {}) {
      const result = await client.call(
        'importFile',
        { bytes, options },
        {
          onProgress: call.onProgress,
          signal: call.signal,
          transfer: call.transfer === false ? [] : transferable(bytes),
          abortMessage: 'Import annulé.',
        },
      );
      return { ...result, features: deserializeFeatures(result.features) };
    },
    writeGeoPackage: (layers) => client.call('writeGeoPackage', { layers }),
    async importLights(bytes, options, overrides, call = {}) {
      const { lights, ...result } = await client.call(
        'importLights',
        { bytes, options, overrides },
        {
          onProgress: (done, total, phase) =>
            call.onProgress?.(done, total, phase === LIGHTS_MAPPING_PHASE ? 'module' : 'engine'),
          signal: call.signal,
          transfer: call.transfer === false ? [] : transferable(bytes),
          abortMessage: 'Import annulé.',
        },
      );
      // Rebuilt one chunk per task: the page paints and Cancel still works meanwhile.
      const mapped = await deserializeLights(lights, {
        signal: call.signal,
        onProgress: (done, total) => call.onProgress?.(done, total, 'module'),
      });
      return { result: { ...result, features: deserializeFeatures(result.features) }, mapped };
    },
    dispose: () => client.dispose(),
  };
}
