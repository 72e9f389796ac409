import type { CcCode, CrsCode } from '../types.ts';
import { NTF_CODES, NTF_DEFS, NTF_LABELS } from './ntf.ts';

/** Parameters of RGF93 / CCzz: latitude of origin zz°, parallels zz ∓ 0.75°, false northing (zz − 41)·10⁶ + 200 000. */
export interface CcZone {
  zone: number;
  lat0: number;
  lat1: number;
  lat2: number;
  x0: number;
  y0: number;
}

export const CC_ZONES: Record<CcCode, CcZone> = Object.fromEntries(
  [42, 43, 44, 45, 46, 47, 48, 49, 50].map((zone) => [
    `EPSG:39${zone}`,
    {
      zone,
      lat0: zone,
      lat1: zone - 0.75,
      lat2: zone + 0.75,
      x0: 1_700_000,
      y0: (zone - 41) * 1_000_000 + 200_000,
    },
  ]),
) as Record<CcCode, CcZone>;

const CC_CODES = Object.keys(CC_ZONES) as CcCode[];

const GRS80_NULL_SHIFT = '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';

/**
 * proj4 strings as published by the EPSG registry (epsg.io). RGF93 is declared with a null shift
 * to WGS84 (`+towgs84=0,...`): see project.ts for why that is exact enough for us; NTF's shift is in ntf.ts.
 */
export const PROJ4_DEFS: Record<Exclude<CrsCode, 'EPSG:4326'>, string> = {
  'EPSG:2154': `+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 ${GRS80_NULL_SHIFT}`,
  ...(Object.fromEntries(
    CC_CODES.map((code) => {
      const z = CC_ZONES[code];
      return [
        code,
        `+proj=lcc +lat_0=${z.lat0} +lon_0=3 +lat_1=${z.lat1} +lat_2=${z.lat2} +x_0=${z.x0} +y_0=${z.y0} ${GRS80_NULL_SHIFT}`,
      ];
    }),
  ) as Record<CcCode, string>),
  ...NTF_DEFS,
};

export type ProjectedCrs = Exclude<CrsCode, 'EPSG:4326'>;

/** French labels for reports and the CRS picker. */
export const CRS_LABELS: Record<CrsCode, string> = {
  'EPSG:4326': 'WGS84 (longitude/latitude, EPSG:4326)',
  'EPSG:2154': 'Lambert-93 (EPSG:2154)',
  ...(Object.fromEntries(CC_CODES.map((code) => [code, `CC${CC_ZONES[code].zone} (${code})`])) as Record<
    CcCode,
    string
  >),
  ...NTF_LABELS,
};

/** Picker order: current systems first, then the CC zones from north to south, then NTF. */
export const CRS_CODES: readonly CrsCode[] = [
  'EPSG:4326',
  'EPSG:2154',
  ...[...CC_CODES].reverse(),
  ...NTF_CODES,
];

/** Structural type so that this module does not import proj4 itself (callers pass their instance). */
export interface Proj4Registry {
  defs(name: string, projection: string): unknown;
}

/** Registers every projected CRS above on a proj4 instance (proj4 ships only 4326/3857). */
export function registerProj4Defs(proj4: Proj4Registry): void {
  for (const [code, def] of Object.entries(PROJ4_DEFS)) proj4.defs(code, def);
}

export function isCrsCode(value: string): value is CrsCode {
  return (CRS_CODES as readonly string[]).includes(value);
}

/** EPSG numbers we accept, mapped to the CRS we treat them as. RGF93/ETRS89 geographic ≈ WGS84 (see project.ts). */
const EPSG_ALIASES: Record<string, CrsCode> = {
  '4326': 'EPSG:4326',
  '4171': 'EPSG:4326', // RGF93 v1 geographic 2D
  '7084': 'EPSG:4326', // RGF93 v1 geographic 2D (lon/lat)
  '9777': 'EPSG:4326', // RGF93 v2 geographic 2D
  '9782': 'EPSG:4326', // RGF93 v2b geographic 2D
  '4258': 'EPSG:4326', // ETRS89
  '2154': 'EPSG:2154',
  '9794': 'EPSG:2154', // RGF93 v2 / Lambert-93
  '10160': 'EPSG:2154', // RGF93 v2b / Lambert-93
  '9844': 'EPSG:3950', // RGF93 v2 / CC50
};

export function crsFromEpsgNumber(code: string | number): CrsCode | null {
  const text = String(code).trim();
  const alias = EPSG_ALIASES[text];
  if (alias) return alias;
  const direct = `EPSG:${text}`;
  return isCrsCode(direct) && direct !== 'EPSG:4326' ? direct : null;
}

/**
 * Legacy GeoJSON (2008) `crs.properties.name`: `urn:ogc:def:crs:EPSG::2154`, `EPSG:2154`,
 * `http://www.opengis.net/def/crs/EPSG/0/2154`, `urn:ogc:def:crs:OGC:1.3:CRS84`.
 */
export function crsFromGeoJsonName(name: string): CrsCode | null {
  const text = name.trim();
  if (/(^|[:/])CRS:?84$/i.test(text)) return 'EPSG:4326';
  const match =
    /EPSG(?::[\d.]*)?:+(\d+)$/i.exec(text) ?? /\/EPSG\/[^/]+\/(\d+)$/i.exec(text) ?? /^(\d+)$/.exec(text);
  return match ? crsFromEpsgNumber(match[1]!) : null;
}

/** Letters and digits only, uppercase: `RGF93 / Lambert-93` and `RGF93_Lambert_93` compare equal. */
function squash(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

const PROJECTED_NAMES: readonly [RegExp, CrsCode][] = [
  [/^(RGF93|RGF1993)(V2B?)?LAMBERT93$/, 'EPSG:2154'],
  [/^LAMBERT93$/, 'EPSG:2154'],
  ...CC_CODES.map((code): [RegExp, CrsCode] => [
    new RegExp(
      `^(RGF93|RGF1993)(V2B?)?(CC|CONICCONFORMALZONE|LAMBERTCC|CONIQUECONFORME)${CC_ZONES[code].zone}$`,
    ),
    code,
  ]),
  // ESRI: NTF_Paris_Lambert_II_etendu, NTF_Paris_Lambert_Nord_France, NTF_Paris_Lambert_zone_I; OGC: NTF (Paris) / …
  [/^NTF(PARIS)?LAMBERT(II|2|ZONEII)E(X)?TENDU$/, 'EPSG:27572'],
  [/^NTF(PARIS)?LAMBERTNORDFRANCE$/, 'EPSG:27561'],
  [/^NTF(PARIS)?LAMBERTCENTREFRANCE$/, 'EPSG:27562'],
  [/^NTF(PARIS)?LAMBERTSUDFRANCE$/, 'EPSG:27563'],
  [/^NTF(PARIS)?LAMBERTCORSE$/, 'EPSG:27564'],
  [/^NTF(PARIS)?LAMBERTZONE(I|1)$/, 'EPSG:27571'],
  [/^NTF(PARIS)?LAMBERTZONE(II|2)$/, 'EPSG:27572'],
  [/^NTF(PARIS)?LAMBERTZONE(III|3)$/, 'EPSG:27573'],
  [/^NTF(PARIS)?LAMBERTZONE(IV|4)$/, 'EPSG:27574'],
];

const GEOGRAPHIC_NAMES =
  /^(GCS)?(WGS1984|WGS84|RGF93|RGF1993|RGF93V2B?|ETRS1989|ETRS89|RESEAUGEODESIQUEFRANCAIS1993)$/;

function parameter(wkt: string, name: string): number | null {
  const re = new RegExp(`PARAMETER\\s*\\[\\s*"${name}"\\s*,\\s*(-?[\\d.]+(?:e[+-]?\\d+)?)`, 'i');
  const match = re.exec(wkt);
  return match ? Number(match[1]) : null;
}

function near(value: number | null, expected: number, tolerance = 1e-6): boolean {
  return value !== null && Math.abs(value - expected) <= tolerance;
}

/** Recognises Lambert-93 and the CC zones from their parameters when the name is unusual. */
function crsFromLccParameters(wkt: string): CrsCode | null {
  if (!/PROJECTION\s*\[\s*"Lambert_Conformal_Conic/i.test(wkt)) return null;
  const p1 = parameter(wkt, 'standard_parallel_1');
  const p2 = parameter(wkt, 'standard_parallel_2');
  const lon0 = parameter(wkt, 'central_meridian');
  const x0 = parameter(wkt, 'false_easting');
  const y0 = parameter(wkt, 'false_northing');
  if (!near(lon0, 3)) return null;
  const parallels = (a: number, b: number) => (near(p1, a) && near(p2, b)) || (near(p1, b) && near(p2, a));
  if (parallels(44, 49) && near(x0, 700000, 1e-3) && near(y0, 6600000, 1e-3)) return 'EPSG:2154';
  for (const code of CC_CODES) {
    const z = CC_ZONES[code];
    if (parallels(z.lat1, z.lat2) && near(x0, z.x0, 1e-3) && near(y0, z.y0, 1e-3)) return code;
  }
  return null;
}

/**
 * Reads a shapefile .prj (ESRI or OGC WKT1). Tries, in order: the outermost AUTHORITY, the PROJCS name,
 * the Lambert parameters, then a bare GEOGCS name. Returns null for anything else (e.g. a local projection)
 * so that the caller falls back to value-range detection and says so.
 * NTF is recognised by name or authority only (its parameters are in grades in many ESRI files).
 */
export function crsFromPrj(prjText: string): CrsCode | null {
  const wkt = prjText.replace(/^\uFEFF/, '').trim();
  if (!wkt) return null;
  const root = /^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[\s*"([^"]*)"/i.exec(wkt);
  if (!root) return null;
  const isProjected = root[1]!.toUpperCase().startsWith('PROJ');

  // Only the outermost AUTHORITY (the one closing the root) names the CRS; nested ones name its datum, unit...
  const outer = /(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$/i.exec(wkt);
  const fromAuthority = outer ? crsFromEpsgNumber(outer[1]!) : null;
  if (fromAuthority) return fromAuthority;

  const name = squash(root[2]!);
  if (isProjected) {
    for (const [pattern, crs] of PROJECTED_NAMES) if (pattern.test(name)) return crs;
    return crsFromLccParameters(wkt);
  }
  return GEOGRAPHIC_NAMES.test(name) ? 'EPSG:4326' : null;
}
