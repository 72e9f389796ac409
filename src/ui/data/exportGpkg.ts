import type { FeatureCollection } from 'geojson';
import { layerFromFeatures } from '../../io/gpkg/layer.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { runWriteGeoPackage } from './importService.ts';

export interface GpkgExportLayer {
  /** Table name in the GeoPackage (what QGIS shows as the layer name). */
  name: string;
  /** WGS84, as the module's GeoJSON export (one source for both formats). */
  collection: FeatureCollection;
  /** Lambert-93 for field teams and QGIS projects of the territory; WGS84 otherwise. */
  srsId: 4326 | 2154;
  description?: string;
  /** Column types that must not depend on today's values (see layerFromFeatures). */
  fieldTypes?: Readonly<Record<string, 'INTEGER' | 'REAL' | 'TEXT'>>;
}

/**
 * Downloads a GeoPackage (QGIS's own format) of the given layers, written in the import worker. Rejects with
 * a French message when it cannot be written; callers show it.
 */
export async function downloadGeoPackage(baseName: string, layers: GpkgExportLayer[]): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await runWriteGeoPackage(
      layers.map((l) => layerFromFeatures(l.name, l.collection, l.srsId, l.description, l.fieldTypes)),
    );
  } catch (error) {
    console.error(error);
    throw new Error('Le GeoPackage n’a pas pu être écrit (SQLite indisponible dans ce navigateur ?).');
  }
  downloadBlob(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/geopackage+sqlite3' }),
    safeFileName(baseName, 'gpkg'),
  );
}

/** Starts a GeoPackage download from a button: a failure is shown to the user, never swallowed. */
export function gpkgButtonAction(baseName: string, layers: () => GpkgExportLayer[]): () => void {
  return () => {
    downloadGeoPackage(baseName, layers()).catch((error: unknown) => {
      window.alert(error instanceof Error ? error.message : String(error));
    });
  };
}
