import type { LightColumns } from '../domain/lights/columns.ts';
import { mapLights } from '../domain/lights/index.ts';
import type { CommuneCollection } from '../domain/territory/types.ts';
import { buildCommuneIndex, type CommuneIndex } from '../geo/communeIndex.ts';
import { type GpkgLayerInput, writeGeoPackage } from '../io/gpkg/write.ts';
import { type ImportOptions, importFile } from '../io/import/importFile.ts';
import { type InspectResult, inspectFile } from '../io/import/inspect.ts';
import { type SerializedFeatures, serializeFeatures } from '../io/import/transfer.ts';
import type { ImportResult, LayerKind } from '../io/types.ts';
import type { HandlerContext } from './expose.ts';
import { LIGHTS_MAPPING_PHASE, type SerializedLights, serializeLights } from './lightsTransfer.ts';
import { transfer } from './protocol.ts';

/** Import options that cross the thread boundary (communes are sent once; progress/cancel come from RPC). */
export type WorkerImportOptions = Omit<ImportOptions, 'communes' | 'onProgress' | 'signal'>;

/** ImportResult as it crosses the boundary: features as typed arrays and compact columns. */
export type SerializedImportResult = Omit<ImportResult, 'features'> & { features: SerializedFeatures };

/**
 * The import worker's methods. Kept apart from the worker entry so that tests can serve it on a
 * MessageChannel in Node.
 */
export function createImportApi() {
  let communes: CommuneIndex | null = null;
  return {
    /** Builds the commune index once; later imports reuse it. Returns the number of communes. */
    setCommunes(payload: CommuneCollection): number {
      communes = buildCommuneIndex(payload);
      return communes.codes.length;
    },

    inspect(payload: {
      bytes: Uint8Array;
      fileName: string;
      kind: LayerKind;
      layer?: string | null;
    }): Promise<InspectResult> {
      return inspectFile(payload.bytes, {
        fileName: payload.fileName,
        kind: payload.kind,
        area: communes?.bounds ?? null,
        layer: payload.layer ?? null,
      });
    },

    async importFile(payload: { bytes: Uint8Array; options: WorkerImportOptions }, context: HandlerContext) {
      const result = await importFile(payload.bytes, {
        ...payload.options,
        communes,
        onProgress: (done, total) => context.progress(done, total),
        signal: context.signal,
      });
      const { payload: features, transferables } = serializeFeatures(result.features);
      const value: SerializedImportResult = { ...result, features };
      return transfer(value, transferables);
    },

    /** GeoPackage exports: SQLite runs here, where its WebAssembly is loaded (see io/gpkg/sqlite.ts). */
    async writeGeoPackage(payload: { layers: GpkgLayerInput[] }) {
      const bytes = await writeGeoPackage(payload.layers);
      return transfer(bytes, [bytes.buffer as ArrayBuffer]);
    },

    /**
     * An inventory file into light points, both stages here (the engine, then `mapLights` with the columns
     * chosen in the dialog): the main thread receives transferred buffers instead of mapping a million rows.
     * Progress: the engine's rows read, then the rows mapped (phase « module »); cancellable in both.
     */
    async importLights(
      payload: { bytes: Uint8Array; options: WorkerImportOptions; overrides: Partial<LightColumns> },
      context: HandlerContext,
    ) {
      const result = await importFile(payload.bytes, {
        ...payload.options,
        kind: 'lights',
        communes,
        onProgress: (done, total) => context.progress(done, total),
        signal: context.signal,
      });
      await context.yield();
      const mapped = mapLights(result, payload.overrides, {
        signal: context.signal,
        onProgress: (done, total) => context.progress(done, total, LIGHTS_MAPPING_PHASE),
      });
      await context.yield();
      const { payload: features, transferables } = serializeFeatures(result.features);
      const lights = serializeLights(mapped);
      const value: SerializedImportResult & { lights: SerializedLights } = {
        ...result,
        features,
        lights: lights.payload,
      };
      return transfer(value, [...transferables, ...lights.transferables]);
    },
  };
}

export type ImportApi = ReturnType<typeof createImportApi>;
