import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { crsFromGeoJsonName, crsFromPrj, isCrsCode, registerProj4Defs } from './defs.ts';

const GCS_RGF93 =
  'GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const esriLcc = (name: string, p1: number, p2: number, lat0: number, x0: number, y0: number) =>
  `PROJCS["${name}",${GCS_RGF93},PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",${x0}.0],PARAMETER["False_Northing",${y0}.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",${p1}],PARAMETER["Standard_Parallel_2",${p2}],PARAMETER["Latitude_Of_Origin",${lat0}],UNIT["Meter",1.0]]`;

/** OGC WKT1 as written by GDAL/QGIS, with nested authorities for the datum, units and GEOGCS. */
const OGC_LAMBERT_93 =
  'PROJCS["RGF93 / Lambert-93",GEOGCS["RGF93",DATUM["Reseau_Geodesique_Francais_1993",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],TOWGS84[0,0,0,0,0,0,0],AUTHORITY["EPSG","6171"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4171"]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["X",EAST],AXIS["Y",NORTH],AUTHORITY["EPSG","2154"]]';

const LAMBERT_II_ETENDU =
  'PROJCS["NTF_Paris_Lambert_II_etendu",GEOGCS["GCS_NTF_Paris",DATUM["D_NTF",SPHEROID["Clarke_1880_IGN",6378249.2,293.4660212936265]],PRIMEM["Paris",2.337229166666667],UNIT["Grad",0.01570796326794897]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",600000.0],PARAMETER["False_Northing",2200000.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",45.89891888888889],PARAMETER["Standard_Parallel_2",47.69601444444444],PARAMETER["Latitude_Of_Origin",46.8],UNIT["Meter",1.0]]';

describe('registerProj4Defs', () => {
  it('teaches proj4 both French projections', () => {
    registerProj4Defs(proj4);
    expect(proj4('EPSG:4326', 'EPSG:2154', [3, 46.5])[0]).toBeCloseTo(700000, 3);
    expect(proj4('EPSG:4326', 'EPSG:3950', [3, 50])[1]).toBeCloseTo(9200000, 3);
  });
});

describe('crsFromPrj', () => {
  it.each([
    ['ESRI RGF_1993_Lambert_93', esriLcc('RGF_1993_Lambert_93', 44, 49, 46.5, 700000, 6600000), 'EPSG:2154'],
    ['QGIS RGF93_Lambert_93', esriLcc('RGF93_Lambert_93', 44, 49, 46.5, 700000, 6600000), 'EPSG:2154'],
    ['RGF93 v2b name', esriLcc('RGF93 v2b / Lambert-93', 44, 49, 46.5, 700000, 6600000), 'EPSG:2154'],
    ['OGC WKT with AUTHORITY', OGC_LAMBERT_93, 'EPSG:2154'],
    ['ESRI RGF93_CC50', esriLcc('RGF93_CC50', 49.25, 50.75, 50, 1700000, 9200000), 'EPSG:3950'],
    ['ESRI RGF_1993_CC50', esriLcc('RGF_1993_CC50', 49.25, 50.75, 50, 1700000, 9200000), 'EPSG:3950'],
    ['OGC RGF93 / CC50', esriLcc('RGF93 / CC50', 49.25, 50.75, 50, 1700000, 9200000), 'EPSG:3950'],
    ['unusual name, Lambert-93 parameters', esriLcc('Custom', 49, 44, 46.5, 700000, 6600000), 'EPSG:2154'],
    ['unusual name, CC50 parameters', esriLcc('Export SIG', 50.75, 49.25, 50, 1700000, 9200000), 'EPSG:3950'],
    [
      'ESRI GCS_WGS_1984',
      'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      'EPSG:4326',
    ],
    [
      'OGC WGS 84 with AUTHORITY',
      'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]',
      'EPSG:4326',
    ],
    ['RGF93 geographic', GCS_RGF93, 'EPSG:4326'],
    [
      'with BOM and trailing newline',
      `\uFEFF${esriLcc('RGF93_Lambert_93', 44, 49, 46.5, 700000, 6600000)}\r\n`,
      'EPSG:2154',
    ],
  ])('recognises %s', (_label, prj, expected) => {
    expect(crsFromPrj(prj)).toBe(expected);
  });

  it('reads Lambert II étendu and every CC zone', () => {
    expect(crsFromPrj(LAMBERT_II_ETENDU)).toBe('EPSG:27572');
    expect(crsFromPrj(esriLcc('RGF93_CC49', 48.25, 49.75, 49, 1700000, 8200000))).toBe('EPSG:3949');
    // Parameters alone, under an unusual name.
    expect(crsFromPrj(esriLcc('Conique_maison', 41.25, 42.75, 42, 1700000, 1200000))).toBe('EPSG:3942');
    expect(crsFromPrj('PROJCS["NTF (Paris) / Lambert zone I",GEOGCS["NTF (Paris)"]]')).toBe('EPSG:27571');
    expect(crsFromPrj('PROJCS["NTF_Paris_Lambert_Nord_France",GEOGCS["GCS_NTF_Paris"]]')).toBe('EPSG:27561');
  });

  it.each([
    ['a local projection', esriLcc('Local', 45, 47, 46, 100000, 200000)],
    ['empty', ''],
    ['not WKT', 'hello world'],
    ['truncated', 'PROJCS["RGF93_Lam'],
  ])('returns null for %s', (_label, prj) => {
    expect(crsFromPrj(prj)).toBeNull();
  });

  it('does not mistake a nested GEOGCS authority for the projected CRS', () => {
    const withoutOuter = OGC_LAMBERT_93.replace(',AUTHORITY["EPSG","2154"]]', ']').replace(
      'RGF93 / Lambert-93',
      'Some projection',
    );
    // Name unknown, outer authority gone: the parameters still identify Lambert-93, never 4171 → WGS84.
    expect(crsFromPrj(withoutOuter)).toBe('EPSG:2154');
  });
});

describe('crsFromGeoJsonName', () => {
  it.each([
    ['urn:ogc:def:crs:EPSG::2154', 'EPSG:2154'],
    ['urn:ogc:def:crs:EPSG:6.3:2154', 'EPSG:2154'],
    ['EPSG:2154', 'EPSG:2154'],
    ['epsg:3950', 'EPSG:3950'],
    ['urn:ogc:def:crs:EPSG::3950', 'EPSG:3950'],
    ['http://www.opengis.net/def/crs/EPSG/0/2154', 'EPSG:2154'],
    ['urn:ogc:def:crs:OGC:1.3:CRS84', 'EPSG:4326'],
    ['urn:ogc:def:crs:EPSG::4326', 'EPSG:4326'],
    ['EPSG:4171', 'EPSG:4326'],
    ['OGC:CRS84', 'EPSG:4326'],
  ])('maps %s to %s', (name, expected) => {
    expect(crsFromGeoJsonName(name)).toBe(expected);
  });

  it('reads NTF and CC codes', () => {
    expect(crsFromGeoJsonName('EPSG:27572')).toBe('EPSG:27572');
    expect(crsFromGeoJsonName('urn:ogc:def:crs:EPSG::3949')).toBe('EPSG:3949');
  });

  it.each(['EPSG:27575', 'urn:ogc:def:crs:EPSG::3857', '', 'Lambert 93 maybe'])(
    'returns null for %j',
    (name) => {
      expect(crsFromGeoJsonName(name)).toBeNull();
    },
  );
});

describe('isCrsCode', () => {
  it('accepts the 19 supported codes only', () => {
    expect(isCrsCode('EPSG:2154')).toBe(true);
    for (const n of [3942, 3946, 3950, 27561, 27562, 27563, 27564, 27571, 27572, 27573, 27574])
      expect(isCrsCode(`EPSG:${n}`)).toBe(true);
    expect(isCrsCode('EPSG:3941')).toBe(false);
    expect(isCrsCode('EPSG:3857')).toBe(false);
    expect(isCrsCode('auto')).toBe(false);
  });
});
