import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { CommuneIndex } from '../../geo/communeIndex.ts';
import {
  type CrsHypothesis,
  crsFromEpsgNumber,
  isInFrance,
  type Range,
  reprojectGeometry,
  reprojectInPlace,
  swapGeometryAxes,
} from '../crs/index.ts';
import { CsvTextColumn } from '../csv/columns.ts';
import { parseNumberFr } from '../formats/number.ts';
import { parseGeometryText } from '../geometryText.ts';
import type { ColumnMapping, CrsCode } from '../types.ts';
import { decideCrs, firstPosition, representativePoint } from './geometry.ts';
import type { SourceColumn, SourceRows } from './source.ts';

/** Rejections by row index: a flag array for hot loops, the reasons in a map (first reason wins). */
export class RowErrors {
  readonly flags: Uint8Array;
  readonly reasons = new Map<number, string>();

  constructor(count: number, initial: Map<number, string>) {
    this.flags = new Uint8Array(count);
    for (const [i, reason] of initial) this.reject(i, reason);
  }

  reject(i: number, reason: string): void {
    if (this.flags[i]) return;
    this.flags[i] = 1;
    this.reasons.set(i, reason);
  }

  get size(): number {
    return this.reasons.size;
  }
}

export interface Located {
  crs: CrsCode | null;
  swapped: boolean;
  warnings: string[];
  candidates: CrsHypothesis[];
  /** WGS84 representative point per row (NaN when rejected or unknown). */
  lon: Float64Array;
  lat: Float64Array;
  /** WGS84 geometry per row, null in X/Y mode. */
  geometries: (Geometry | null)[] | null;
}

const quoteValue = (text: string | null) => `« ${(text ?? '').slice(0, 40)} »`;

function format(value: number): string {
  // Never « NaN » or « Infinity » in a French message.
  // Rounding 1e308 to 6 decimals would overflow to Infinity: large values are written as they are.
  if (Number.isFinite(value))
    return Math.abs(value) >= 1e9 ? String(value) : String(Math.round(value * 1e6) / 1e6);
  return Number.isNaN(value) ? 'indéterminée' : 'démesurée';
}

/** No coordinate system used in France goes beyond ten million metres (Lambert and CC zones stay under 10⁷). */
const MAX_COORDINATE = 1e8;

/**
 * The reason for a WGS84 position outside France: an impossible position (latitude beyond ±90°, a value that
 * did not survive the conversion) is said as such, never as « latitude NaN » or « Infinity ».
 */
function outsideFranceReason(lon: number, lat: number, values: string | null): string {
  const position = `longitude ${format(lon)}, latitude ${format(lat)}`;
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return `coordonnées impossibles à convertir en longitude et latitude${values ? ` (${values})` : ''}`;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return `position impossible (${values ?? position}) : une longitude est comprise entre −180 et 180, une latitude entre −90 et 90`;
  return `coordonnées hors de France (${values ? `${values} → ` : ''}${position})`;
}

const OUTSIDE_UNKNOWN_CRS = 'coordonnées hors de France ou système de coordonnées non reconnu';

/*
 * The million-row loops live in small functions of their own: V8 optimises each once and keeps it, whereas
 * one large function with several loops gets recompiled (on-stack replacement, then deoptimisation) on
 * every import.
 */

/** Rows with a NaN coordinate among those not yet rejected; already rejected rows get NaN coordinates. */
function unusablePoints(xs: Float64Array, ys: Float64Array, flags: Uint8Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (flags[i]) {
      xs[i] = Number.NaN;
      ys[i] = Number.NaN;
    } else if (Number.isNaN(xs[i]!) || Number.isNaN(ys[i]!)) rows.push(i);
  }
  return rows;
}

/** Rows not yet rejected with a coordinate no coordinate system can hold. */
function hugeValues(xs: Float64Array, ys: Float64Array, flags: Uint8Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < xs.length; i++)
    if (!flags[i] && (Math.abs(xs[i]!) > MAX_COORDINATE || Math.abs(ys[i]!) > MAX_COORDINATE)) rows.push(i);
  return rows;
}

/** Rows not yet rejected whose WGS84 point is outside France. */
function outsideFrance(lon: Float64Array, lat: Float64Array, flags: Uint8Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < lon.length; i++) if (!flags[i] && !isInFrance(lon[i]!, lat[i]!)) rows.push(i);
  return rows;
}

function acceptedRows(flags: Uint8Array): number[] {
  const rows: number[] = [];
  for (let i = 0; i < flags.length; i++) if (!flags[i]) rows.push(i);
  return rows;
}

/** X/Y columns → WGS84 points, rejecting missing / unparseable / outside-France coordinates. */
export function locateXY(
  source: SourceRows,
  mapping: ColumnMapping,
  forced: CrsCode | null,
  errors: RowErrors,
  area: Range | null = null,
): Located {
  const n = source.count;
  const xCol = source.columns.get(mapping.x!)!;
  const yCol = source.columns.get(mapping.y!)!;
  const numbers = (col: SourceColumn) =>
    Float64Array.from({ length: n }, (_, i) => parseNumberFr(col.get(i)) ?? Number.NaN);
  let xs = xCol instanceof CsvTextColumn ? xCol.numbers() : numbers(xCol);
  let ys = yCol instanceof CsvTextColumn ? yCol.numbers() : numbers(yCol);
  const flags = errors.flags;
  for (const i of unusablePoints(xs, ys, flags)) {
    const xText = xCol.get(i);
    const yText = yCol.get(i);
    if (xText === null && yText === null)
      errors.reject(i, `coordonnées manquantes (${mapping.x}, ${mapping.y})`);
    else if (xText === null) errors.reject(i, `coordonnée manquante (${mapping.x})`);
    else if (yText === null) errors.reject(i, `coordonnée manquante (${mapping.y})`);
    else if (Number.isNaN(xs[i]!))
      errors.reject(i, `nombre illisible dans ${mapping.x} : ${quoteValue(xText)}`);
    else errors.reject(i, `nombre illisible dans ${mapping.y} : ${quoteValue(yText)}`);
    xs[i] = Number.NaN;
    ys[i] = Number.NaN;
  }
  // 1e308 is a number, but no coordinate: rejected before it weighs on the choice of coordinate system.
  for (const i of hugeValues(xs, ys, flags)) {
    const [column, text] =
      Math.abs(xs[i]!) > MAX_COORDINATE ? [mapping.x, xCol.get(i)] : [mapping.y, yCol.get(i)];
    errors.reject(
      i,
      `valeur impossible pour une coordonnée dans ${column} : ${quoteValue(text)} (aucun système de coordonnées ne va au-delà de quelques millions)`,
    );
    xs[i] = Number.NaN;
    ys[i] = Number.NaN;
  }
  const decision = decideCrs(xs, ys, forced, null, area);
  if (decision.swapped) [xs, ys] = [ys, xs];
  if (decision.crs) reprojectInPlace(decision.crs, xs, ys);
  for (const i of decision.crs ? outsideFrance(xs, ys, flags) : acceptedRows(flags)) {
    if (!decision.crs) errors.reject(i, OUTSIDE_UNKNOWN_CRS);
    else {
      errors.reject(
        i,
        outsideFranceReason(xs[i]!, ys[i]!, `${mapping.x} = ${xCol.get(i)}, ${mapping.y} = ${yCol.get(i)}`),
      );
    }
  }
  return { ...decision, lon: xs, lat: ys, geometries: null };
}

/** WKT column or feature geometries → WGS84 geometries and representative points. */
export function locateGeometries(
  source: SourceRows,
  mapping: ColumnMapping,
  forced: CrsCode | null,
  errors: RowErrors,
  area: Range | null = null,
): Located {
  const n = source.count;
  let raw: (Geometry | null)[];
  let declared = source.declaredCrs;
  const warnings: string[] = [];
  if (source.geometries) raw = source.geometries;
  else {
    const column = source.columns.get(mapping.wkt!)!;
    raw = new Array<Geometry | null>(n).fill(null);
    const srids = new Set<number>();
    for (let i = 0; i < n; i++) {
      if (errors.flags[i]) continue;
      const text = column.get(i);
      if (text === null) {
        errors.reject(i, `géométrie absente (colonne ${mapping.wkt} vide)`);
        continue;
      }
      const parsed = parseGeometryText(text);
      if (!parsed.ok) errors.reject(i, parsed.reason);
      else {
        raw[i] = parsed.geometry;
        if (parsed.srid !== null) srids.add(parsed.srid);
      }
    }
    if (srids.size === 1) {
      const srid = [...srids][0]!;
      declared = crsFromEpsgNumber(srid);
      if (!declared) warnings.push(`SRID ${srid} non reconnu : système de coordonnées déduit des valeurs.`);
    }
  }
  const xs = new Float64Array(n).fill(Number.NaN);
  const ys = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const g = raw[i];
    if (!g || errors.flags[i]) continue;
    const p = firstPosition(g);
    if (p) {
      xs[i] = p[0]!;
      ys[i] = p[1]!;
    }
  }
  const decision = decideCrs(xs, ys, forced, declared, area);
  const geometries = new Array<Geometry | null>(n).fill(null);
  for (let i = 0; i < n; i++) {
    const g = raw[i];
    if (!g || errors.flags[i]) continue;
    if (!decision.crs) {
      errors.reject(i, OUTSIDE_UNKNOWN_CRS);
      continue;
    }
    let wgs = decision.swapped ? swapGeometryAxes(g) : g;
    if (decision.crs !== 'EPSG:4326') wgs = reprojectGeometry(wgs, decision.crs);
    const point = representativePoint(wgs);
    if (!point || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
      errors.reject(i, 'géométrie sans position exploitable (surface nulle ?)');
      continue;
    }
    if (!isInFrance(point[0], point[1])) {
      errors.reject(i, outsideFranceReason(point[0], point[1], null));
      continue;
    }
    geometries[i] = wgs;
    xs[i] = point[0];
    ys[i] = point[1];
  }
  return {
    crs: decision.crs,
    swapped: decision.swapped,
    candidates: decision.candidates,
    warnings: [...warnings, ...decision.warnings],
    lon: xs,
    lat: ys,
    geometries,
  };
}

const INSEE_CODE = /^(\d{5}|2[AB]\d{3})$/;

/** No geometry: rows attach to their commune through the INSEE column (position unknown: NaN). */
export function locateByInsee(
  source: SourceRows,
  mapping: ColumnMapping,
  errors: RowErrors,
  warnings: string[] = [],
): (string | null)[] {
  const column = source.columns.get(mapping.insee!)!;
  const codes = new Array<string | null>(source.count).fill(null);
  let padded = 0;
  for (let i = 0; i < source.count; i++) {
    if (errors.flags[i]) continue;
    const text = column.get(i);
    if (text === null) errors.reject(i, `code INSEE manquant (${mapping.insee})`);
    else {
      // A spreadsheet turned 01004 into the number 1004: the leading zero is restored, and flagged.
      const lostZero = text.length === 4 && /^\d{4}$/.test(text);
      if (lostZero) padded++;
      const code = lostZero ? `0${text}` : text.toUpperCase();
      if (INSEE_CODE.test(code)) codes[i] = code;
      else errors.reject(i, `code INSEE invalide : ${quoteValue(text)}`);
    }
  }
  if (padded > 0) {
    warnings.push(
      padded === 1
        ? '1 code INSEE à 4 chiffres (zéro initial perdu par un tableur, ex. 1004 → 01004) : complété par un 0.'
        : `${padded.toLocaleString('fr-FR')} codes INSEE à 4 chiffres (zéro initial perdu par un tableur, ex. 1004 → 01004) : complétés par un 0.`,
    );
  }
  return codes;
}

export interface Joined {
  /** Commune index per row (-1 = none). */
  commune: Int32Array;
  /** Communes crossed by each polygon row; null when no polygon. */
  crossed: (number[] | null)[] | null;
}

/** Spatial join through the commune index (grid + exact point-in-polygon, see communeIndex.ts). */
export function joinCommunes(located: Located, communes: CommuneIndex, errors: RowErrors): Joined {
  const n = located.lon.length;
  if (!located.geometries) return { commune: communes.locateMany(located.lon, located.lat), crossed: null };
  const commune = new Int32Array(n).fill(-1);
  let crossed: (number[] | null)[] | null = null;
  for (let i = 0; i < n; i++) {
    const g = located.geometries[i];
    if (!g || errors.flags[i]) continue;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      const result = communes.locatePolygon(g as Polygon | MultiPolygon);
      crossed ??= new Array<number[] | null>(n).fill(null);
      crossed[i] = result.crossed;
      // The index locates the same point on surface the pipeline used as representative point.
      commune[i] = result.index;
    } else commune[i] = communes.locate(located.lon[i]!, located.lat[i]!);
  }
  return { commune, crossed };
}

/** Rejects the second and later rows carrying an id already seen among kept rows. */
export function rejectDuplicateIds(
  column: SourceColumn,
  rowNumber: Int32Array,
  errors: RowErrors,
  name: string,
): void {
  const n = column.length;
  const flags = errors.flags;
  const duplicate = (i: number, first: number) =>
    errors.reject(
      i,
      `identifiant ${quoteValue(column.get(i))} en double (déjà présent ligne ${rowNumber[first]}, colonne ${name})`,
    );
  if (!(column instanceof CsvTextColumn)) {
    const seen = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (flags[i]) continue;
      const id = column.get(i);
      if (id === null) continue;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else duplicate(i, first);
    }
    return;
  }
  // Hash every id from its bytes, then a two-pass bitset filter: pass 1 marks each hash in a bitset small
  // enough to stay in cache and flags the bits seen twice; pass 2 looks up, in row order, only the rows on a
  // flagged bit (a few % of a unique-id file) in a map. Strings are built only when two full hashes match.
  const hashes = new Int32Array(n);
  const missing = new Uint8Array(n);
  column.hashes(hashes, missing);
  let bits = 1 << 10;
  while (bits < n * 16) bits *= 2;
  const twice = hashesSeenTwice(hashes, missing, flags, bits - 1);
  if (!twice) return;
  // Rows already met for each full hash; several only when distinct ids share a 32-bit hash.
  const met = new Map<number, number[]>();
  for (const i of rowsOnBits(hashes, missing, flags, twice, bits - 1)) {
    const h = hashes[i]!;
    const rows = met.get(h);
    if (!rows) {
      met.set(h, [i]);
      continue;
    }
    const text = column.raw(i);
    const first = rows.find((j) => column.raw(j) === text);
    if (first === undefined) rows.push(i);
    else duplicate(i, first);
  }
}

/** Bitset of the (masked) hashes met at least twice; null when every hash is met once. */
function hashesSeenTwice(
  hashes: Int32Array,
  missing: Uint8Array,
  flags: Uint8Array,
  mask: number,
): Int32Array | null {
  const seen = new Int32Array((mask + 1) >>> 5);
  const twice = new Int32Array((mask + 1) >>> 5);
  let candidates = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (flags[i] || missing[i]) continue;
    const bit = hashes[i]! & mask;
    const word = bit >>> 5;
    const m = 1 << (bit & 31);
    if (seen[word]! & m) {
      twice[word]! |= m;
      candidates++;
    } else seen[word]! |= m;
  }
  return candidates ? twice : null;
}

/** Rows, in order, whose hash falls on a bit of `bitset`. */
function rowsOnBits(
  hashes: Int32Array,
  missing: Uint8Array,
  flags: Uint8Array,
  bitset: Int32Array,
  mask: number,
): number[] {
  const rows: number[] = [];
  for (let i = 0; i < hashes.length; i++) {
    if (flags[i] || missing[i]) continue;
    const bit = hashes[i]! & mask;
    if (bitset[bit >>> 5]! & (1 << (bit & 31))) rows.push(i);
  }
  return rows;
}
