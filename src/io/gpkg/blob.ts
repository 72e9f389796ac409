import type { Geometry } from 'geojson';
import { readWkb, WkbError, writeWkb } from './wkb.ts';

/*
 * GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version 0, a flags byte, srs_id (int32), an optional
 * envelope, then standard WKB. Flags: bit 0 = byte order of the header, bits 1–3 = envelope kind
 * (0 none, 1 xy, 2 xyz, 3 xym, 4 xyzm), bit 4 = empty geometry, bit 5 = extended (non-standard) type.
 */

const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8];

export type BlobResult =
  | { ok: true; geometry: Geometry | null; srsId: number }
  | { ok: false; reason: string };

export function readGeometryBlob(blob: Uint8Array): BlobResult {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    return { ok: false, reason: 'géométrie GeoPackage illisible (en-tête « GP » absent)' };
  }
  const flags = blob[3]!;
  if (flags & 0x20) return { ok: false, reason: 'géométrie GeoPackage de type étendu non pris en charge' };
  const little = (flags & 1) === 1;
  const envelope = (flags >> 1) & 7;
  if (envelope > 4) return { ok: false, reason: 'géométrie GeoPackage illisible (enveloppe invalide)' };
  const srsId = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getInt32(4, little);
  if (flags & 0x10) return { ok: true, geometry: null, srsId };
  const start = 8 + ENVELOPE_DOUBLES[envelope]! * 8;
  try {
    return { ok: true, geometry: readWkb(blob, start), srsId };
  } catch (error) {
    if (error instanceof WkbError) return { ok: false, reason: error.message };
    throw error;
  }
}

function envelopeOf(g: Geometry): [number, number, number, number] | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [x, y] = value as number[];
      x0 = Math.min(x0, x!);
      y0 = Math.min(y0, y!);
      x1 = Math.max(x1, x!);
      y1 = Math.max(y1, y!);
      return;
    }
    for (const child of value) visit(child);
  };
  const walk = (geometry: Geometry): void => {
    if (geometry.type === 'GeometryCollection') geometry.geometries.forEach(walk);
    else visit(geometry.coordinates);
  };
  walk(g);
  return x0 <= x1 ? [x0, y0, x1, y1] : null;
}

/** Geometry (in the layer's CRS) → blob with an xy envelope (none for points, as GDAL writes them). */
export function writeGeometryBlob(geometry: Geometry | null, srsId: number): Uint8Array {
  const envelope = geometry && geometry.type !== 'Point' ? envelopeOf(geometry) : null;
  const wkb = geometry
    ? writeWkb(geometry)
    : writeWkb({ type: 'Point', coordinates: [Number.NaN, Number.NaN] });
  const header = 8 + (envelope ? 32 : 0);
  const out = new Uint8Array(header + wkb.length);
  const view = new DataView(out.buffer);
  out[0] = 0x47;
  out[1] = 0x50;
  out[2] = 0;
  out[3] = 1 | (envelope ? 2 : 0) | (geometry ? 0 : 0x10);
  view.setInt32(4, srsId, true);
  if (envelope) {
    // Envelope order is minx, maxx, miny, maxy.
    const [x0, y0, x1, y1] = envelope;
    [x0, x1, y0, y1].forEach((v, i) => {
      view.setFloat64(8 + i * 8, v, true);
    });
  }
  out.set(wkb, header);
  return out;
}
