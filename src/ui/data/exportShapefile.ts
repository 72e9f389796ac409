import { layerFromFeatures } from '../../io/gpkg/layer.ts';
import { writeShapefileZip } from '../../io/shapefileWrite.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import type { GpkgExportLayer } from './exportGpkg.ts';

export interface ShapefileExportLayer extends GpkgExportLayer {
  /** Readable DBF names (10 bytes at most) of the properties; others are cut and made unique. */
  shortNames?: Readonly<Record<string, string>>;
}

/**
 * Starts a zipped shapefile download (.shp/.shx/.dbf/.prj/.cpg per layer) from a button. Written on the main
 * thread: no WebAssembly is needed and a work order is a selection, not the whole inventory. A failure (a
 * layer mixing geometry types) is shown to the user, never swallowed.
 */
export function shapefileButtonAction(baseName: string, layers: () => ShapefileExportLayer[]): () => void {
  return () => {
    try {
      const bytes = writeShapefileZip(
        layers().map((l) => ({
          layer: layerFromFeatures(l.name, l.collection, l.srsId, l.description),
          ...(l.shortNames ? { shortNames: l.shortNames } : {}),
        })),
      );
      downloadBlob(
        new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        safeFileName(baseName, 'zip'),
      );
    } catch (error) {
      window.alert(error instanceof Error ? error.message : String(error));
    }
  };
}
