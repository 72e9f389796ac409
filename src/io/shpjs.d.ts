/** The two shpjs entry points the shapefile reader uses (the package ships no types). */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Parses .shp bytes; with a .prj text (or proj4 converter), positions are reprojected to WGS84. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): (Geometry | null)[];
  /** Parses .dbf bytes; `cpg` is the code page file's text (e.g. `UTF-8`, `1252`). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}
