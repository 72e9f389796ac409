import type { Geometry, Position } from 'geojson';
import { CsvTextColumn, DictionaryColumn } from '../csv/columns.ts';
import type { ImportedFeatures, StringColumn, TextEncoding } from '../types.ts';

/**
 * ImportedFeatures in a form that crosses a worker boundary cheaply: typed arrays (transferred, not copied)
 * and dictionary-encoded strings. CSV attribute columns travel as the source bytes plus cell offsets —
 * zero copy — and are decoded lazily on the main thread. Geometries travel as a flat structure array plus
 * one coordinate array (2D: ordinates beyond x/y are dropped).
 */
export type SerializedColumn =
  | {
      kind: 'csv';
      bytes: Uint8Array;
      encoding: TextEncoding;
      starts: Int32Array;
      ends: Int32Array;
      stride: number;
      column: number;
      index: Int32Array | null;
      length: number;
    }
  | { kind: 'dictionary'; codes: Int32Array; values: string[] };

export interface SerializedFeatures {
  count: number;
  row: Int32Array;
  lon: Float64Array;
  lat: Float64Array;
  insee: { codes: Int32Array; values: string[] };
  geometry: { structure: Int32Array; coordinates: Float64Array } | null;
  crossed: { offsets: Int32Array; isNull: Uint8Array; codes: Int32Array; values: string[] } | null;
  attributes: [string, SerializedColumn][];
}

const TYPE_CODES = {
  Point: 1,
  MultiPoint: 2,
  LineString: 3,
  MultiLineString: 4,
  Polygon: 5,
  MultiPolygon: 6,
  GeometryCollection: 7,
} as const;

/** A view that owns its whole buffer, so that transferring it cannot detach memory others use. */
function own<T extends Int32Array | Float64Array | Uint8Array>(view: T): T {
  return view.byteOffset === 0 &&
    view.byteLength === view.buffer.byteLength &&
    view.buffer instanceof ArrayBuffer
    ? view
    : (view.slice() as T);
}

function encodeGeometries(geometries: (Geometry | null)[]): {
  structure: Int32Array;
  coordinates: Float64Array;
} {
  const structure: number[] = [];
  const coordinates: number[] = [];
  const positions = (list: Position[]) => {
    structure.push(list.length);
    for (const p of list) coordinates.push(p[0]!, p[1]!);
  };
  const encode = (g: Geometry | null) => {
    if (!g) {
      structure.push(0);
      return;
    }
    structure.push(TYPE_CODES[g.type]);
    switch (g.type) {
      case 'Point':
        coordinates.push(g.coordinates[0]!, g.coordinates[1]!);
        break;
      case 'MultiPoint':
      case 'LineString':
        positions(g.coordinates);
        break;
      case 'MultiLineString':
      case 'Polygon':
        structure.push(g.coordinates.length);
        for (const list of g.coordinates) positions(list);
        break;
      case 'MultiPolygon':
        structure.push(g.coordinates.length);
        for (const polygon of g.coordinates) {
          structure.push(polygon.length);
          for (const ring of polygon) positions(ring);
        }
        break;
      case 'GeometryCollection':
        structure.push(g.geometries.length);
        for (const child of g.geometries) encode(child);
        break;
    }
  };
  for (const g of geometries) encode(g);
  return { structure: Int32Array.from(structure), coordinates: Float64Array.from(coordinates) };
}

function decodeGeometries(
  data: { structure: Int32Array; coordinates: Float64Array },
  count: number,
): (Geometry | null)[] {
  const { structure, coordinates } = data;
  let s = 0;
  let c = 0;
  const position = (): Position => {
    const p = [coordinates[c]!, coordinates[c + 1]!];
    c += 2;
    return p;
  };
  const positions = (): Position[] => Array.from({ length: structure[s++]! }, position);
  const lists = (): Position[][] => Array.from({ length: structure[s++]! }, positions);
  const decode = (): Geometry | null => {
    switch (structure[s++]) {
      case 1:
        return { type: 'Point', coordinates: position() };
      case 2:
        return { type: 'MultiPoint', coordinates: positions() };
      case 3:
        return { type: 'LineString', coordinates: positions() };
      case 4:
        return { type: 'MultiLineString', coordinates: lists() };
      case 5:
        return { type: 'Polygon', coordinates: lists() };
      case 6:
        return { type: 'MultiPolygon', coordinates: Array.from({ length: structure[s++]! }, lists) };
      case 7:
        return {
          type: 'GeometryCollection',
          geometries: Array.from({ length: structure[s++]! }, () => decode()).filter(
            (g): g is Geometry => g !== null,
          ),
        };
      default:
        return null;
    }
  };
  return Array.from({ length: count }, decode);
}

function dictionary(values: readonly (string | null)[]): { codes: Int32Array; values: string[] } {
  const column = DictionaryColumn.encode({ length: values.length, get: (i) => values[i] ?? null });
  return { codes: column.codes, values: [...column.values] };
}

function serializeColumn(column: StringColumn): SerializedColumn {
  if (column instanceof CsvTextColumn) {
    return {
      kind: 'csv',
      bytes: column.bytes,
      encoding: column.encoding,
      starts: column.starts,
      ends: column.ends,
      stride: column.stride,
      column: column.column,
      index: column.index,
      length: column.length,
    };
  }
  const encoded = column instanceof DictionaryColumn ? column : DictionaryColumn.encode(column);
  return { kind: 'dictionary', codes: encoded.codes, values: [...encoded.values] };
}

/** Payload and the buffers to transfer with it (the worker's copies become unusable). */
export function serializeFeatures(features: ImportedFeatures): {
  payload: SerializedFeatures;
  transferables: ArrayBuffer[];
} {
  // CSV columns share their bytes and offset arrays: make each owned once, then reuse it.
  const owned = new Map<ArrayBufferView, ArrayBufferView>();
  const share = <T extends Int32Array | Float64Array | Uint8Array>(view: T): T => {
    let copy = owned.get(view) as T | undefined;
    if (!copy) {
      copy = own(view);
      owned.set(view, copy);
    }
    return copy;
  };
  const attributes = Object.entries(features.attributes).map(([name, column]): [string, SerializedColumn] => {
    const serialized = serializeColumn(column);
    if (serialized.kind === 'csv') {
      serialized.bytes = share(serialized.bytes);
      serialized.starts = share(serialized.starts);
      serialized.ends = share(serialized.ends);
      if (serialized.index) serialized.index = share(serialized.index);
    }
    return [name, serialized];
  });
  let crossed: SerializedFeatures['crossed'] = null;
  if (features.crossed) {
    const offsets = new Int32Array(features.count + 1);
    const isNull = new Uint8Array(features.count);
    const flat: string[] = [];
    features.crossed.forEach((list, i) => {
      if (list === null) isNull[i] = 1;
      else flat.push(...list);
      offsets[i + 1] = flat.length;
    });
    crossed = { offsets, isNull, ...dictionary(flat) };
  }
  const payload: SerializedFeatures = {
    count: features.count,
    row: own(features.row),
    lon: own(features.lon),
    lat: own(features.lat),
    insee: dictionary(features.insee),
    geometry: features.geometry ? encodeGeometries(features.geometry) : null,
    crossed,
    attributes,
  };
  const buffers = new Set<ArrayBuffer>();
  const add = (view: ArrayBufferView | null | undefined) => {
    if (view) buffers.add(view.buffer as ArrayBuffer);
  };
  [payload.row, payload.lon, payload.lat, payload.insee.codes].forEach(add);
  if (payload.geometry) [payload.geometry.structure, payload.geometry.coordinates].forEach(add);
  if (payload.crossed) [payload.crossed.offsets, payload.crossed.isNull, payload.crossed.codes].forEach(add);
  for (const [, column] of attributes) {
    if (column.kind === 'csv') [column.bytes, column.starts, column.ends, column.index].forEach(add);
    else add(column.codes);
  }
  return { payload, transferables: [...buffers] };
}

export function deserializeFeatures(payload: SerializedFeatures): ImportedFeatures {
  const { count } = payload;
  const inseeColumn = new DictionaryColumn(payload.insee.codes, payload.insee.values);
  let crossed: (string[] | null)[] | null = null;
  if (payload.crossed) {
    const { offsets, isNull, codes, values } = payload.crossed;
    crossed = Array.from({ length: count }, (_, i) => {
      if (isNull[i]) return null;
      const list: string[] = [];
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) list.push(values[codes[k]!]!);
      return list;
    });
  }
  const attributes: Record<string, StringColumn> = {};
  for (const [name, column] of payload.attributes) {
    attributes[name] =
      column.kind === 'csv'
        ? new CsvTextColumn(
            column.bytes,
            column.encoding,
            column.starts,
            column.ends,
            column.stride,
            column.column,
            column.index,
            column.length,
          )
        : new DictionaryColumn(column.codes, column.values);
  }
  return {
    count,
    row: payload.row,
    lon: payload.lon,
    lat: payload.lat,
    geometry: payload.geometry ? decodeGeometries(payload.geometry, count) : null,
    insee: Array.from({ length: count }, (_, i) => inseeColumn.get(i)),
    crossed,
    attributes,
  };
}
