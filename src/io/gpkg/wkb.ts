import type { Geometry, Position } from 'geojson';

/*
 * Well-Known Binary (OGC Simple Features / ISO SQL-MM), as GeoPackage stores it after its own header.
 * Reads both byte orders, ISO Z/M/ZM type codes (1000/2000/3000 + type) and the EWKB flags some writers use;
 * Z is kept as a third ordinate, M is dropped (GeoJSON has no measure). Writes little-endian 2D or Z.
 */

const TYPES = [
  '',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
] as const;

/** Hostile input bound: no real geometry nests deeper (a collection of multipolygons is depth 3). */
const MAX_DEPTH = 16;

export class WkbError extends Error {}

class Reader {
  private offset: number;
  constructor(
    private readonly view: DataView,
    start: number,
  ) {
    this.offset = start;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.view.byteLength) throw new WkbError('géométrie WKB tronquée');
  }

  byte(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }

  uint32(little: boolean): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, little);
    this.offset += 4;
    return v;
  }

  double(little: boolean): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, little);
    this.offset += 8;
    return v;
  }

  /** A count that the remaining bytes can hold (each item ≥ `minBytes`): no huge allocation from a bad header. */
  count(little: boolean, minBytes: number): number {
    const n = this.uint32(little);
    if (n * minBytes > this.view.byteLength - this.offset) throw new WkbError('géométrie WKB tronquée');
    return n;
  }
}

function readGeometry(r: Reader, depth: number): Geometry | null {
  if (depth > MAX_DEPTH) throw new WkbError('géométrie WKB trop imbriquée');
  const order = r.byte();
  if (order > 1) throw new WkbError('géométrie WKB illisible (ordre des octets)');
  const little = order === 1;
  const raw = r.uint32(little);
  // EWKB: high bits flag Z (0x80000000), M (0x40000000) and an SRID (0x20000000) that follows the type.
  let hasZ = (raw & 0x80000000) !== 0;
  let hasM = (raw & 0x40000000) !== 0;
  if (raw & 0x20000000) r.uint32(little);
  let code = raw & 0x0fffffff;
  const iso = Math.floor(code / 1000);
  if (iso === 1 || iso === 3) hasZ = true;
  if (iso === 2 || iso === 3) hasM = true;
  code %= 1000;
  const type = TYPES[code];
  if (!type) throw new WkbError(`type de géométrie WKB non pris en charge (${code})`);
  const dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
  const position = (): Position => {
    const x = r.double(little);
    const y = r.double(little);
    const z = hasZ ? r.double(little) : null;
    if (hasM) r.double(little);
    return z === null ? [x, y] : [x, y, z];
  };
  const positions = () => {
    const n = r.count(little, dims * 8);
    const out: Position[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = position();
    return out;
  };
  const rings = () => {
    const n = r.count(little, 4);
    const out: Position[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = positions();
    return out;
  };
  const children = () => {
    const n = r.count(little, 5);
    const out: Geometry[] = [];
    for (let i = 0; i < n; i++) {
      const child = readGeometry(r, depth + 1);
      if (child) out.push(child);
    }
    return out;
  };
  switch (type) {
    case 'Point': {
      const p = position();
      // An empty point is written as NaN coordinates.
      return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type, coordinates: p };
    }
    case 'LineString':
      return { type, coordinates: positions() };
    case 'Polygon':
      return { type, coordinates: rings() };
    case 'MultiPoint':
      return { type, coordinates: children().flatMap((g) => (g.type === 'Point' ? [g.coordinates] : [])) };
    case 'MultiLineString':
      return {
        type,
        coordinates: children().flatMap((g) => (g.type === 'LineString' ? [g.coordinates] : [])),
      };
    case 'MultiPolygon':
      return { type, coordinates: children().flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : [])) };
    case 'GeometryCollection':
      return { type, geometries: children() };
  }
  return null;
}

/** WKB at `offset` of `bytes` → GeoJSON geometry (source coordinates); null for an empty point. Throws WkbError. */
export function readWkb(bytes: Uint8Array, offset = 0): Geometry | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return readGeometry(new Reader(view, offset), 0);
}

/** Whether any position of the geometry has a third ordinate (then the whole geometry is written with Z). */
function hasZ(g: Geometry): boolean {
  switch (g.type) {
    case 'Point':
      return g.coordinates.length > 2;
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates.some((p) => p.length > 2);
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.some((line) => line.some((p) => p.length > 2));
    case 'MultiPolygon':
      return g.coordinates.some((poly) => poly.some((ring) => ring.some((p) => p.length > 2)));
    case 'GeometryCollection':
      return g.geometries.some(hasZ);
  }
}

class Writer {
  private buffer = new ArrayBuffer(256);
  private view = new DataView(this.buffer);
  length = 0;

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.byteLength) return;
    let size = this.buffer.byteLength * 2;
    while (size < this.length + bytes) size *= 2;
    const next = new ArrayBuffer(size);
    new Uint8Array(next).set(new Uint8Array(this.buffer, 0, this.length));
    this.buffer = next;
    this.view = new DataView(next);
  }

  byte(v: number): void {
    this.ensure(1);
    this.view.setUint8(this.length++, v);
  }

  uint32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buffer, 0, this.length).slice();
  }
}

function writeGeometry(w: Writer, g: Geometry, z: boolean): void {
  w.byte(1);
  w.uint32(TYPES.indexOf(g.type) + (z ? 1000 : 0));
  const position = (p: Position) => {
    w.double(p[0]!);
    w.double(p[1]!);
    if (z) w.double(p[2] ?? 0);
  };
  const positions = (ps: Position[]) => {
    w.uint32(ps.length);
    for (const p of ps) position(p);
  };
  switch (g.type) {
    case 'Point':
      position(g.coordinates);
      return;
    case 'LineString':
      positions(g.coordinates);
      return;
    case 'Polygon':
      w.uint32(g.coordinates.length);
      for (const ring of g.coordinates) positions(ring);
      return;
    case 'MultiPoint':
      w.uint32(g.coordinates.length);
      for (const coordinates of g.coordinates) writeGeometry(w, { type: 'Point', coordinates }, z);
      return;
    case 'MultiLineString':
      w.uint32(g.coordinates.length);
      for (const coordinates of g.coordinates) writeGeometry(w, { type: 'LineString', coordinates }, z);
      return;
    case 'MultiPolygon':
      w.uint32(g.coordinates.length);
      for (const coordinates of g.coordinates) writeGeometry(w, { type: 'Polygon', coordinates }, z);
      return;
    case 'GeometryCollection':
      w.uint32(g.geometries.length);
      for (const child of g.geometries) writeGeometry(w, child, z);
      return;
  }
}

/** GeoJSON geometry → little-endian ISO WKB (Z kept when any position has one). */
export function writeWkb(geometry: Geometry): Uint8Array {
  const w = new Writer();
  writeGeometry(w, geometry, hasZ(geometry));
  return w.bytes();
}
