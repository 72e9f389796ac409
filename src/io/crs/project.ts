import type { Geometry, Position } from 'geojson';
import type { CcCode, CrsCode } from '../types.ts';
import { CC_ZONES } from './defs.ts';
import { isNtf, ntfToWgs84, wgs84ToNtf } from './ntf.ts';

/*
 * Lambert Conformal Conic with two standard parallels on the GRS80 ellipsoid (IGN NTG_71, Snyder §15),
 * written out in closed form so that a million points reproject in a few tens of milliseconds without
 * proj4's per-point object allocations.
 *
 * No datum shift: RGF93 is the French realisation of ETRS89, and EPSG's own RGF93 → WGS84 transformation
 * (EPSG:1671) is the null transformation (accuracy ~1 m, proj4's `+towgs84=0,0,0`). The residual
 * ETRS89/ITRF drift (< 1 m in 2025) is below the accuracy of the data users bring (GPS survey of lamp posts,
 * commune outlines simplified to 1e-5°), so lon/lat on GRS80 is used as WGS84 directly.
 */

const A = 6378137;
const F = 1 / 298.257222101;
const E2 = 2 * F - F * F;
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;
const RAD = 180 / Math.PI;

interface LccParams {
  lon0: number;
  lat0: number;
  lat1: number;
  lat2: number;
  x0: number;
  y0: number;
}

interface Lcc {
  /** Cone constant. */
  n: number;
  /** a·F: ρ = aF·exp(−n·L) with L the isometric latitude. */
  aF: number;
  rho0: number;
  lon0: number;
  x0: number;
  y0: number;
}

/** Isometric latitude L(φ) = atanh(sin φ) − e·atanh(e·sin φ) = −ln t(φ). */
function isometric(sinPhi: number): number {
  return Math.atanh(sinPhi) - E * Math.atanh(E * sinPhi);
}

function lcc(p: LccParams): Lcc {
  const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - E2 * Math.sin(phi) ** 2);
  const phi1 = p.lat1 * DEG;
  const phi2 = p.lat2 * DEG;
  const l1 = isometric(Math.sin(phi1));
  const l2 = isometric(Math.sin(phi2));
  const n = (Math.log(m(phi1)) - Math.log(m(phi2))) / (l2 - l1);
  const aF = (A * m(phi1)) / (n * Math.exp(-n * l1));
  return {
    n,
    aF,
    rho0: aF * Math.exp(-n * isometric(Math.sin(p.lat0 * DEG))),
    lon0: p.lon0 * DEG,
    x0: p.x0,
    y0: p.y0,
  };
}

/** The RGF93 conics (GRS80, two parallels); NTF zones go through proj4 (ntf.ts): other ellipsoid, datum shift. */
const PROJECTIONS: Record<'EPSG:2154' | CcCode, Lcc> = {
  'EPSG:2154': lcc({ lon0: 3, lat0: 46.5, lat1: 49, lat2: 44, x0: 700000, y0: 6600000 }),
  ...(Object.fromEntries(
    Object.entries(CC_ZONES).map(([code, z]) => [code, lcc({ lon0: 3, ...z })]),
  ) as Record<CcCode, Lcc>),
};

/*
 * Conformal latitude χ → geodetic latitude φ, series in e² (Snyder eq. 3-5). Truncation error is O(e¹⁰),
 * below 1e-10 rad (< 1 mm), so no iteration is needed. The sin(2kχ) terms are computed from sin 2χ and
 * cos 2χ by the double-angle identities to avoid four trigonometric calls per point.
 */
const E4 = E2 * E2;
const E6 = E4 * E2;
const E8 = E6 * E2;
const C2 = E2 / 2 + (5 * E4) / 24 + E6 / 12 + (13 * E8) / 360;
const C4 = (7 * E4) / 48 + (29 * E6) / 240 + (811 * E8) / 11520;
const C6 = (7 * E6) / 120 + (81 * E8) / 1120;
const C8 = (4279 * E8) / 161280;

/** Writes lon/lat (degrees) of projected (x, y) into out[0], out[1]. Shared by every inverse entry point. */
function inverseInto(p: Lcc, x: number, y: number, out: Float64Array | number[]): void {
  const dx = x - p.x0;
  const dy = p.rho0 - (y - p.y0);
  // n > 0 for every cone (northern hemisphere), so ρ keeps its sign and atan2 needs no flip.
  const rho = Math.sqrt(dx * dx + dy * dy);
  const lambda = p.lon0 + Math.atan2(dx, dy) / p.n;
  const L = -Math.log(rho / p.aF) / p.n;
  // sin χ = tanh L, cos χ = 1 / cosh L.
  const sinChi = Math.tanh(L);
  const cosChi = 1 / Math.cosh(L);
  const chi = Math.atan2(sinChi, cosChi);
  const s2 = 2 * sinChi * cosChi;
  const c2 = 1 - 2 * sinChi * sinChi;
  const s4 = 2 * s2 * c2;
  const c4 = 1 - 2 * s2 * s2;
  const s6 = s4 * c2 + c4 * s2;
  const s8 = 2 * s4 * c4;
  const phi = chi + C2 * s2 + C4 * s4 + C6 * s6 + C8 * s8;
  out[0] = lambda * RAD;
  out[1] = phi * RAD;
}

function projection(crs: CrsCode): Lcc | null {
  return crs === 'EPSG:4326' || isNtf(crs) ? null : PROJECTIONS[crs];
}

/** Projected (or WGS84) coordinates → [lon, lat] in degrees. Non-finite input gives NaN, never throws. */
export function toWgs84(crs: CrsCode, x: number, y: number): [number, number] {
  if (isNtf(crs)) return ntfToWgs84(crs, x, y);
  const p = projection(crs);
  if (!p) return [x, y];
  const out: [number, number] = [0, 0];
  inverseInto(p, x, y, out);
  return out;
}

/** [lon, lat] in degrees → projected [x, y] in metres. */
export function fromWgs84(crs: CrsCode, lon: number, lat: number): [number, number] {
  if (isNtf(crs)) return wgs84ToNtf(crs, lon, lat);
  const p = projection(crs);
  if (!p) return [lon, lat];
  const rho = p.aF * Math.exp(-p.n * isometric(Math.sin(lat * DEG)));
  const theta = p.n * (lon * DEG - p.lon0);
  return [p.x0 + rho * Math.sin(theta), p.y0 + p.rho0 - rho * Math.cos(theta)];
}

/**
 * Turns columns of projected x/y into lon/lat, in place (xs becomes lon, ys becomes lat).
 * The hot path of a million-row import: constants are hoisted and nothing is allocated per point.
 */
export function reprojectInPlace(crs: CrsCode, xs: Float64Array, ys: Float64Array): void {
  if (xs.length !== ys.length) throw new RangeError('reprojectInPlace: xs and ys differ in length');
  if (isNtf(crs)) {
    for (let i = 0; i < xs.length; i++) [xs[i], ys[i]] = ntfToWgs84(crs, xs[i]!, ys[i]!);
    return;
  }
  const p = projection(crs);
  if (!p) return;
  const { n, aF, rho0, lon0, x0, y0 } = p;
  const invN = 1 / n;
  const minusTwoOverN = -2 / n;
  for (let i = 0; i < xs.length; i++) {
    const dx = xs[i]! - x0;
    const dy = rho0 - (ys[i]! - y0);
    const rho = Math.sqrt(dx * dx + dy * dy);
    // tan χ = sinh L (L the isometric latitude) = (u − 1) / (2√u) with u = exp(2L) = (ρ/aF)^(−2/n):
    // one log and one exp instead of log + tanh + cosh; χ then comes from a plain atan.
    const u = Math.exp(Math.log(rho / aF) * minusTwoOverN);
    const tanChi = (u - 1) / (2 * Math.sqrt(u));
    const k = 1 / (1 + tanChi * tanChi);
    const s2 = 2 * tanChi * k;
    const c2 = (1 - tanChi * tanChi) * k;
    const s4 = 2 * s2 * c2;
    const c4 = 1 - 2 * s2 * s2;
    const phi = Math.atan(tanChi) + C2 * s2 + C4 * s4 + C6 * (s4 * c2 + c4 * s2) + C8 * (2 * s4 * c4);
    // dy > 0 everywhere south of the cone apex (all of France): atan is cheaper than atan2 there.
    const theta = dy > 0 ? Math.atan(dx / dy) : Math.atan2(dx, dy);
    xs[i] = (lon0 + theta * invN) * RAD;
    ys[i] = phi * RAD;
  }
}

type PositionFn = (position: Position) => Position;

/** Maps every position of a geometry into a fresh geometry; `bbox` is dropped (it would be stale). */
export function mapPositions(geometry: Geometry, fn: PositionFn): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: fn(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: geometry.coordinates.map(fn) };
    case 'LineString':
      return { type: 'LineString', coordinates: geometry.coordinates.map(fn) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map((line) => line.map(fn)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(fn)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(fn))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((child) => mapPositions(child, fn)),
      };
  }
}

/** A WGS84 copy of any GeoJSON geometry given in `crs` (altitude and extra ordinates are kept). */
export function reprojectGeometry(geometry: Geometry, crs: CrsCode): Geometry {
  if (isNtf(crs)) {
    return mapPositions(geometry, (pos) => [...ntfToWgs84(crs, pos[0]!, pos[1]!), ...pos.slice(2)]);
  }
  const p = projection(crs);
  if (!p) return mapPositions(geometry, (pos) => pos.slice());
  const out = [0, 0];
  return mapPositions(geometry, (pos) => {
    inverseInto(p, pos[0]!, pos[1]!, out);
    return [out[0]!, out[1]!, ...pos.slice(2)];
  });
}

/** A copy with the first two ordinates exchanged, for files written as (lat, lon) or (Y, X). */
export function swapGeometryAxes(geometry: Geometry): Geometry {
  return mapPositions(geometry, (pos) => [pos[1]!, pos[0]!, ...pos.slice(2)]);
}
