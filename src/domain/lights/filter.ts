import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LightsContext } from './context.ts';
import { assessRenovation, currentEnergyKwh, type LightingSettings } from './energy.ts';
import {
  type FactorClass,
  type LightPoint,
  type LightStatus,
  TECHNOLOGIES,
  type Technology,
} from './types.ts';

/**
 * Per-point derived values in typed columns, rebuilt once when the points or the settings change, so that
 * filtering and sorting 25,000 points touch only flat arrays (no per-point allocation on each keystroke).
 */
export interface LightsTable {
  points: readonly LightPoint[];
  /** What the point consumes today, kWh/yr (new lamp once renovated with a known power). */
  currentKwh: Float64Array;
  /** Power of the lamp in place today, W. */
  currentPowerW: Float64Array;
  /** Index in TECHNOLOGIES of the lamp in place today. */
  currentTechnology: Uint8Array;
  /** Index in FACTOR_CLASS_CODES; 0 = no renovation data. */
  factorClass: Uint8Array;
}

/** Codes stored in LightsTable.factorClass; index 0 means "not classified / no renovation data". */
export const FACTOR_CLASS_CODES: readonly (FactorClass | null)[] = [
  null,
  'factor4',
  'factor2',
  'belowTarget',
  'notClassifiable',
  'decommissioned',
];

const technologyCode = new Map<Technology, number>(TECHNOLOGIES.map((t, i) => [t, i]));

/** Technology and power in place today: the renovated lamp once works are done, the original one before. */
export function currentLamp(point: LightPoint): { technology: Technology; powerW: number } {
  const r = point.renovation;
  if (point.status === 'renovated' && r && r.powerAfterW !== null && Number.isFinite(r.powerAfterW))
    return { technology: r.technologyAfter, powerW: r.powerAfterW };
  return { technology: point.technologyBefore, powerW: point.powerBeforeW };
}

export function buildLightsTable(points: readonly LightPoint[], settings: LightingSettings): LightsTable {
  const n = points.length;
  const table: LightsTable = {
    points,
    currentKwh: new Float64Array(n),
    currentPowerW: new Float64Array(n),
    currentTechnology: new Uint8Array(n),
    factorClass: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const lamp = currentLamp(p);
    table.currentPowerW[i] = lamp.powerW;
    table.currentTechnology[i] = technologyCode.get(lamp.technology) ?? technologyCode.get('other')!;
    table.currentKwh[i] = currentEnergyKwh(p, settings);
    // Class is only meaningful once renovated; a scheduled point's planned data is not a result yet.
    const cls =
      p.status === 'renovated' ? (assessRenovation(p, settings).factorClass ?? 'notClassifiable') : null;
    table.factorClass[i] = FACTOR_CLASS_CODES.indexOf(cls);
  }
  return table;
}

export interface LightFilter {
  /** INSEE codes; empty or absent = every commune. Same convention for every list below. */
  communes?: readonly string[];
  /** EPCI SIREN codes. */
  epci?: readonly string[];
  statuses?: readonly LightStatus[];
  /** Technology of the lamp in place today. */
  technologies?: readonly Technology[];
  /** Class of renovated points; `null` selects points that are not renovated. */
  factorClasses?: readonly (FactorClass | null)[];
  /** Inclusive bounds on the power in place today, W. */
  powerMinW?: number;
  powerMaxW?: number;
  /** Drawn rectangle or polygon (WGS84); holes are honoured. */
  area?: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>;
}

/** A drawn rectangle as a polygon, for `LightFilter.area`. */
export function rectangle(west: number, south: number, east: number, north: number): Polygon {
  const [w, e] = west <= east ? [west, east] : [east, west];
  const [s, n] = south <= north ? [south, north] : [north, south];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

interface PreparedArea {
  bbox: [number, number, number, number];
  /** Each polygon as flat rings [x0, y0, x1, y1, …]; the first ring is the outer one. */
  polygons: Float64Array[][];
}

function prepareArea(area: NonNullable<LightFilter['area']>): PreparedArea {
  const geometry = area.type === 'Feature' ? area.geometry : area;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const flat = (ring: Position[]) => {
    const out = new Float64Array(ring.length * 2);
    ring.forEach(([x = Number.NaN, y = Number.NaN], i) => {
      out[2 * i] = x;
      out[2 * i + 1] = y;
    });
    return out;
  };
  const prepared = polygons.map((rings) => rings.map(flat));
  for (const rings of prepared) {
    const outer = rings[0];
    if (!outer) continue;
    for (let i = 0; i < outer.length; i += 2) {
      bbox[0] = Math.min(bbox[0], outer[i]!);
      bbox[1] = Math.min(bbox[1], outer[i + 1]!);
      bbox[2] = Math.max(bbox[2], outer[i]!);
      bbox[3] = Math.max(bbox[3], outer[i + 1]!);
    }
  }
  return { bbox, polygons: prepared };
}

/** Even-odd ray casting: inside the outer ring and outside every hole. */
function inRing(ring: Float64Array, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inArea(area: PreparedArea, x: number, y: number): boolean {
  const [w, s, e, n] = area.bbox;
  if (x < w || x > e || y < s || y > n) return false;
  for (const rings of area.polygons) {
    if (!rings[0] || !inRing(rings[0], x, y)) continue;
    let inHole = false;
    for (let h = 1; h < rings.length && !inHole; h++) inHole = inRing(rings[h]!, x, y);
    if (!inHole) return true;
  }
  return false;
}

const setOrNull = <T>(values: readonly T[] | undefined) =>
  values && values.length > 0 ? new Set<T>(values) : null;

/**
 * Indices (ascending) of the points matching every criterion. One allocation per call whatever the size;
 * only the cheap tests run before the polygon test.
 */
export function filterLights(
  table: LightsTable,
  filter: LightFilter,
  context: Pick<LightsContext, 'epciOf'>,
): Uint32Array {
  const communes = setOrNull(filter.communes);
  const epci = setOrNull(filter.epci);
  const statuses = setOrNull(filter.statuses);
  const technologies = filter.technologies?.length
    ? new Set(filter.technologies.map((t) => technologyCode.get(t)))
    : null;
  const classes = filter.factorClasses?.length
    ? new Set(filter.factorClasses.map((c) => FACTOR_CLASS_CODES.indexOf(c)))
    : null;
  const min = filter.powerMinW ?? Number.NEGATIVE_INFINITY;
  const max = filter.powerMaxW ?? Number.POSITIVE_INFINITY;
  const area = filter.area ? prepareArea(filter.area) : null;
  const { points } = table;
  const out = new Uint32Array(points.length);
  let count = 0;
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (statuses && !statuses.has(p.status)) continue;
    if (communes && !communes.has(p.insee)) continue;
    if (epci && !epci.has(context.epciOf.get(p.insee) ?? '')) continue;
    const power = table.currentPowerW[i]!;
    if (power < min || power > max) continue;
    if (technologies && !technologies.has(table.currentTechnology[i]!)) continue;
    if (classes && !classes.has(table.factorClass[i]!)) continue;
    if (area && !inArea(area, p.lon, p.lat)) continue;
    out[count++] = i;
  }
  return out.subarray(0, count);
}

/**
 * Sorts indices by what the point consumes today, biggest first (the biggest potential savings when the point
 * is still to renovate); ties keep index order so the list does not flicker. Returns a new array.
 */
export function sortByConsumption(table: LightsTable, indices: ArrayLike<number>): Uint32Array {
  const sorted = Uint32Array.from(indices);
  const kwh = table.currentKwh;
  sorted.sort((a, b) => kwh[b]! - kwh[a]! || a - b);
  return sorted;
}
