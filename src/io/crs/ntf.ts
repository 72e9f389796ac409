import proj4 from 'proj4';
import type { NtfCode } from '../types.ts';

/*
 * NTF (Paris) Lambert zones, the projections of municipal and syndicate layers made before 2000.
 *
 * Lambert Conformal Conic with one standard parallel and a scale factor, on the Clarke 1880 (IGN) ellipsoid,
 * longitudes from the Paris meridian (2°20′14.025″ E). Parallels are the EPSG values in degrees
 * (55, 52, 49 and 46.85 grades).
 *
 * NTF → RGF93 (≈ WGS84, see project.ts): the three-parameter geocentric translation published by IGN,
 * TX = −168 m, TY = −60 m, TZ = +320 m (proj4 `+towgs84=-168,-60,320`), the same as PROJ/GDAL use for
 * NTF → WGS84. Its accuracy is a few metres: the official grid (gr3df97a / ntf_r93.gsb, a few centimetres)
 * is not shipped. Measured against PROJ with that grid (ntf.test.ts): 2.1–2.3 m on the Pays Boulonnais,
 * 1.4 m in Paris, 0.8 m in Marseille. That is
 * below the accuracy of the layers that still use NTF (digitised on 1:25 000 maps) and far below the size
 * of a commune, so an NTF point always lands in the same commune as with the grid.
 */

const CLARKE_IGN = '+a=6378249.2 +b=6356515 +towgs84=-168,-60,320,0,0,0,0 +pm=paris +units=m +no_defs';

function ntf(lat: number, k: number, x0: number, y0: number): string {
  return `+proj=lcc +lat_1=${lat} +lat_0=${lat} +lon_0=0 +k_0=${k} +x_0=${x0} +y_0=${y0} ${CLARKE_IGN} +type=crs`;
}

export const NTF_DEFS: Record<NtfCode, string> = {
  'EPSG:27561': ntf(49.5, 0.999877341, 600000, 200000),
  'EPSG:27562': ntf(46.8, 0.99987742, 600000, 200000),
  'EPSG:27563': ntf(44.1, 0.999877499, 600000, 200000),
  'EPSG:27564': ntf(42.165, 0.99994471, 234.358, 185861.369),
  'EPSG:27571': ntf(49.5, 0.999877341, 600000, 1200000),
  'EPSG:27572': ntf(46.8, 0.99987742, 600000, 2200000),
  'EPSG:27573': ntf(44.1, 0.999877499, 600000, 3200000),
  'EPSG:27574': ntf(42.165, 0.99994471, 234.358, 4185861.369),
};

export const NTF_LABELS: Record<NtfCode, string> = {
  'EPSG:27561': 'NTF (Paris) Lambert Nord France, zone I (EPSG:27561)',
  'EPSG:27562': 'NTF (Paris) Lambert Centre France, zone II (EPSG:27562)',
  'EPSG:27563': 'NTF (Paris) Lambert Sud France, zone III (EPSG:27563)',
  'EPSG:27564': 'NTF (Paris) Lambert Corse, zone IV (EPSG:27564)',
  'EPSG:27571': 'NTF (Paris) Lambert I carto (EPSG:27571)',
  'EPSG:27572': 'NTF (Paris) Lambert II étendu (EPSG:27572)',
  'EPSG:27573': 'NTF (Paris) Lambert III carto (EPSG:27573)',
  'EPSG:27574': 'NTF (Paris) Lambert IV carto (EPSG:27574)',
};

export const NTF_CODES = Object.keys(NTF_DEFS) as NtfCode[];

export function isNtf(crs: string): crs is NtfCode {
  return crs in NTF_DEFS;
}

const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';
const converters = new Map<NtfCode, proj4.Converter>();

function converter(crs: NtfCode): proj4.Converter {
  let c = converters.get(crs);
  if (!c) {
    c = proj4(NTF_DEFS[crs], WGS84);
    converters.set(crs, c);
  }
  return c;
}

/** NTF Lambert (x, y) → WGS84 [lon, lat]; NaN (never a throw) for non-finite or unprojectable input. */
export function ntfToWgs84(crs: NtfCode, x: number, y: number): [number, number] {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return [Number.NaN, Number.NaN];
  try {
    const [lon, lat] = converter(crs).forward([x, y]) as [number, number];
    return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : [Number.NaN, Number.NaN];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}

/** WGS84 [lon, lat] → NTF Lambert (x, y). */
export function wgs84ToNtf(crs: NtfCode, lon: number, lat: number): [number, number] {
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return [Number.NaN, Number.NaN];
  try {
    const [x, y] = converter(crs).inverse([lon, lat]) as [number, number];
    return [x, y];
  } catch {
    return [Number.NaN, Number.NaN];
  }
}
