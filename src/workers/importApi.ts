import type { CommuneCollection } from '../domain/territory/types.ts';
import { buildCommuneIndex, type CommuneIndex } from '../geo/communeIndex.ts';
import { type GpkgLayerInput, writeGeoPackage } from '../io/gpkg/write.ts';
import { type ImportOptions, importFile } from '../io/import/importFile.ts';
import { type InspectResult, inspectFile } from '../io/import/inspect.ts';
import { type SerializedFeatures, serializeFeatures } from '../io/import/transfer.ts';
import type { ImportResult, LayerKind } from '../io/types.ts';
import type { HandlerContext } from './expose.ts';
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
  };
}

export type ImportApi = ReturnType<typeof createImportApi>;
