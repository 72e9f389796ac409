import type { Geometry } from 'geojson';

/** What a file is imported as: each module maps the generic table onto its own records. */
export type LayerKind = 'lights' | 'advice' | 'friches' | 'context';

/** RGF93 / CC42 … CC50, the nine conic conformal zones (GRS80, two standard parallels). */
export type CcCode =
  | 'EPSG:3942'
  | 'EPSG:3943'
  | 'EPSG:3944'
  | 'EPSG:3945'
  | 'EPSG:3946'
  | 'EPSG:3947'
  | 'EPSG:3948'
  | 'EPSG:3949'
  | 'EPSG:3950';

/** NTF (Paris) Lambert zones I–IV (2756x) and their « carto » variants (2757x; 27572 = Lambert II étendu). */
export type NtfCode =
  | 'EPSG:27561'
  | 'EPSG:27562'
  | 'EPSG:27563'
  | 'EPSG:27564'
  | 'EPSG:27571'
  | 'EPSG:27572'
  | 'EPSG:27573'
  | 'EPSG:27574';

/** The coordinate systems users' files arrive in. The store only ever holds EPSG:4326. */
export type CrsCode = 'EPSG:4326' | 'EPSG:2154' | CcCode | NtfCode;

export type TextEncoding = 'utf-8' | 'windows-1252';

/**
 * `row` is the line a user sees in a spreadsheet: the header is row 1, the first data record row 2.
 * For GeoJSON and shapefiles it is the feature's 1-based position.
 */
export interface RowError {
  row: number;
  reason: string;
}

/** Read-only access to one attribute column; implementations may dictionary-encode to save memory. */
export interface StringColumn {
  readonly length: number;
  get(index: number): string | null;
}

/** Which source columns carry the geometry, the id and the commune; chosen automatically, confirmed by the user. */
export interface ColumnMapping {
  id: string | null;
  x: string | null;
  y: string | null;
  wkt: string | null;
  insee: string | null;
  /** Commune name and postcode: locate rows without coordinates nor INSEE code (src/io/communes.ts). */
  commune: string | null;
  postcode: string | null;
}

/**
 * Accepted features of an import, column by column (compact enough to cross a worker boundary as typed arrays).
 * Rows outside the territory are accepted and flagged by `insee[i] === null`.
 */
export interface ImportedFeatures {
  count: number;
  /** Source row (see RowError.row) of each accepted feature. */
  row: Int32Array;
  /** WGS84 representative point: the point itself, or a point on the surface of a polygon. */
  lon: Float64Array;
  lat: Float64Array;
  /** Full WGS84 geometry for non-point inputs; null when every feature is a point (the common, heavy case). */
  geometry: (Geometry | null)[] | null;
  /** INSEE code of the commune containing the representative point; null when outside the territory. */
  insee: (string | null)[];
  /** For polygons: every commune the geometry crosses. */
  crossed: (string[] | null)[] | null;
  /** Raw cell text per source field (trimmed; `NA`, `N/A`, empty → null). */
  attributes: Record<string, StringColumn>;
}

export interface ImportResult {
  /** False only when the file as a whole could not be read (errors then explains why, with row 0). */
  ok: boolean;
  kind: LayerKind;
  encoding: TextEncoding | null;
  delimiter: string | null;
  crs: CrsCode | null;
  swappedAxes: boolean;
  /**
   * Systems that all place the points in France when detection had to choose (empty otherwise): with `crs`
   * set, the territory decided; with `crs: null`, the user must pick one of them.
   */
  crsCandidates?: { crs: CrsCode; swapped: boolean }[];
  /** Data rows read; always accepted + rejected. */
  rows: number;
  fields: string[];
  mapping: ColumnMapping;
  features: ImportedFeatures;
  errors: RowError[];
  warnings: string[];
  outsideTerritory: number;
}
