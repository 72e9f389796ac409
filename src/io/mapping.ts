import { normaliseHeader } from './csv/values.ts';
import { parseNumberFr } from './formats/number.ts';
import { parseGeometryText } from './geometryText.ts';
import type { ColumnMapping, LayerKind } from './types.ts';
import { looksLikeWkt } from './wkt.ts';

/**
 * Automatic guess of which columns hold the id, the coordinates / WKT and the commune code. The UI shows it
 * for confirmation; the user's choice (`Partial<ColumnMapping>`) then overrides it, and is remembered per
 * file shape (`fileShapeKey`) so that next month's export of the same tool maps itself.
 */

export const EMPTY_MAPPING: ColumnMapping = {
  id: null,
  x: null,
  y: null,
  wkt: null,
  insee: null,
  commune: null,
  postcode: null,
};

const X_NAMES = [
  'x',
  'x_l93',
  'xl93',
  'x_lambert93',
  'x_lambert_93',
  'x_lamb93',
  'lambert_x',
  'x_cc50',
  'coord_x',
  'coordx',
  'coordonnee_x',
  'coordonnees_x',
  'x_coord',
  'xcoord',
  'point_x',
  'x_gps',
  'lon',
  'lng',
  'long',
  'longitude',
  'longitude_wgs84',
  'longitude_wgs_84',
  'lon_wgs84',
  'x_wgs84',
  'gps_lon',
  'gps_longitude',
  'easting',
];
const Y_NAMES = [
  'y',
  'y_l93',
  'yl93',
  'y_lambert93',
  'y_lambert_93',
  'y_lamb93',
  'lambert_y',
  'y_cc50',
  'coord_y',
  'coordy',
  'coordonnee_y',
  'coordonnees_y',
  'y_coord',
  'ycoord',
  'point_y',
  'y_gps',
  'lat',
  'latitude',
  'latitude_wgs84',
  'latitude_wgs_84',
  'lat_wgs84',
  'y_wgs84',
  'gps_lat',
  'gps_latitude',
  'northing',
];
const X_PATTERN = /(^|_)(x|lon|lng|long|longitude)(_|$)/;
const Y_PATTERN = /(^|_)(y|lat|latitude)(_|$)/;

// `position_geographique`: SNCF « Gares de voyageurs » ("lat,lon"); `c_geo`: SNCF « Liste des gares ».
const ODS_NAMES = [
  'geo_point_2d',
  'geo_point',
  'geopoint',
  'coordonnees',
  'coordonnees_gps',
  'geo_shape',
  'position_geographique',
  'c_geo',
];

const GEOMETRY_NAMES = ['wkt', 'geom', 'geometry', 'geometrie', 'the_geom', 'wkt_geom'];
const WKT_NAMES: Record<LayerKind, string[]> = {
  friches: ['geompoint', 'geom_point', ...GEOMETRY_NAMES, 'geomsurf', ...ODS_NAMES],
  context: ['geomsurf', ...GEOMETRY_NAMES, 'geo_shape', 'geompoint', 'geom_point', ...ODS_NAMES],
  lights: [...GEOMETRY_NAMES, 'geompoint', 'geom_point', ...ODS_NAMES],
  advice: [...GEOMETRY_NAMES, 'geompoint', 'geom_point', ...ODS_NAMES],
};

const INSEE_NAMES = [
  'insee',
  'code_insee',
  'codeinsee',
  'comm_insee',
  'com_insee',
  'insee_com',
  'inseecom',
  'insee_commune',
  'code_insee_commune',
  'num_insee',
  'codgeo',
  'code_geo',
  'code_commune',
  'code_commune_insee',
  'depcom',
  'cog',
];

const COMMUNE_NAMES = [
  'commune',
  'nom_commune',
  'nom_de_la_commune',
  'commune_nom',
  'libelle_commune',
  'lib_commune',
  'libcom',
  'nom_com',
  'nomcom',
  'ville',
  'localite',
];
const POSTCODE_NAMES = [
  'code_postal',
  'codepostal',
  'cp',
  'cod_postal',
  'code_post',
  'postcode',
  'zip',
  'zipcode',
];
const POSTCODE_VALUE = /^\d{4,5}(\.0+)?$/;

const GENERIC_IDS = ['id', 'identifiant', 'ident', 'uid', 'gid', 'fid', 'objectid', 'reference', 'ref'];
const ID_NAMES: Record<LayerKind, string[]> = {
  friches: ['site_id', 'id_site', 'identifiant_site', ...GENERIC_IDS],
  // As street-lighting inventories write it (SIG exports, maintenance contractors, syndicats d'énergie).
  // `cod_ouvrag` (mast) is completed by its `foyer` (lamp head) in the lighting module.
  lights: [
    'n_point_lumineux',
    'no_point_lumineux',
    'num_point_lumineux',
    'numero_point_lumineux',
    'id_point_lumineux',
    'identifiant_point_lumineux',
    'n_pl',
    'no_pl',
    'num_pl',
    'numero_pl',
    'id_pl',
    'id_point',
    'id_pt',
    'id_luminaire',
    'num_point',
    'numero_point',
    'n_point',
    'no_point',
    'code_point',
    'identifiant_point',
    ...GENERIC_IDS,
    'numero',
    'num',
    'n',
    'cod_ouvrag',
    'code_ouvrage',
    'cod_ouvrage',
  ],
  advice: ['id_conseil', 'num_dossier', 'numero_dossier', 'id_dossier', ...GENERIC_IDS, 'dossier', 'numero'],
  context: GENERIC_IDS,
};

// JSON geometries (`geo_shape`) and "lat, lon" pairs (`geo_point_2d`) of Opendatasoft exports.
const isGeometryText = (v: string) =>
  /^\s*[{[]|^\s*-?\d+\.\d+\s*,\s*-?\d+\.\d+\s*$/.test(v) && parseGeometryText(v).ok;

const INSEE_VALUE = /^(\d{5}|2[AB]\d{3})$/i;
/** An INSEE code, or one whose leading zero a spreadsheet dropped (1004 for 01004, restored on import). */
const isInseeLike = (v: string) => INSEE_VALUE.test(v.trim()) || /^\d{4}$/.test(v.trim());

export interface FieldSample {
  name: string;
  /** A few cleaned values from the first records (null = missing). */
  values: readonly (string | null)[];
}

function present(values: readonly (string | null)[]): string[] {
  return values.filter((v): v is string => v !== null && v.trim() !== '');
}

/** True when most sampled values satisfy `test` (an all-missing sample passes: the name decides). */
function mostly(values: readonly (string | null)[], test: (v: string) => boolean): boolean {
  const list = present(values);
  if (list.length === 0) return true;
  return list.filter(test).length * 2 > list.length;
}

const isNumeric = (v: string) => parseNumberFr(v) !== null;

function byNames(fields: readonly FieldSample[], names: readonly string[]): FieldSample[] {
  const normalised = fields.map((f) => normaliseHeader(f.name));
  const found: FieldSample[] = [];
  for (const name of names) {
    const i = normalised.indexOf(name);
    if (i >= 0) found.push(fields[i]!);
  }
  return found;
}

function byPattern(fields: readonly FieldSample[], pattern: RegExp): FieldSample[] {
  return fields.filter((f) => pattern.test(normaliseHeader(f.name)));
}

/**
 * A column named like an INSEE code whose sampled values mostly are not (« abc », « 62 160 »): the file's
 * problem in its own terms, instead of « no INSEE column recognised ». Null when there is none.
 */
export function malformedInseeColumn(
  fields: readonly FieldSample[],
): { name: string; checked: number; malformed: string[] } | null {
  for (const field of byNames(fields, INSEE_NAMES)) {
    if (mostly(field.values, isInseeLike)) continue;
    const list = present(field.values);
    return { name: field.name, checked: list.length, malformed: list.filter((v) => !isInseeLike(v)) };
  }
  return null;
}

/** Guesses the mapping from header names first, then from values (WKT-looking, numeric, INSEE-like). */
export function guessMapping(fields: readonly FieldSample[], kind: LayerKind): ColumnMapping {
  const numeric = (f: FieldSample) => mostly(f.values, isNumeric);
  const x = [...byNames(fields, X_NAMES), ...byPattern(fields, X_PATTERN)].find(numeric) ?? null;
  const y = [...byNames(fields, Y_NAMES), ...byPattern(fields, Y_PATTERN)].find(numeric) ?? null;

  const validWkt = (f: FieldSample) => {
    const list = present(f.values);
    return list.length === 0 || list.some((v) => parseGeometryText(v).ok);
  };
  const wktByName = byNames(fields, WKT_NAMES[kind]);
  const wkt =
    wktByName.find((f) => present(f.values).length > 0 && validWkt(f)) ??
    fields.find(
      (f) => present(f.values).length > 0 && mostly(f.values, (v) => looksLikeWkt(v) || isGeometryText(v)),
    ) ??
    wktByName.find(validWkt) ??
    null;

  const insee = byNames(fields, INSEE_NAMES).find((f) => mostly(f.values, isInseeLike)) ?? null;
  const id = byNames(fields, ID_NAMES[kind])[0] ?? null;
  const commune =
    byNames(fields, COMMUNE_NAMES).find((f) => mostly(f.values, (v) => /\p{L}/u.test(v))) ?? null;
  const postcode =
    byNames(fields, POSTCODE_NAMES).find((f) => mostly(f.values, (v) => POSTCODE_VALUE.test(v.trim()))) ??
    null;

  const mapping: ColumnMapping = {
    id: id?.name ?? null,
    x: null,
    y: null,
    wkt: null,
    insee: insee?.name ?? null,
    commune: commune?.name ?? null,
    postcode: postcode && postcode !== insee ? postcode.name : null,
  };
  // One geometry source: X/Y columns, unless the WKT column carries more than points (surfaces, lines).
  const wktHasShapes =
    wkt !== null &&
    present(wkt.values).some((v) => {
      const parsed = parseGeometryText(v);
      return parsed.ok && parsed.geometry.type !== 'Point';
    });
  if (x && y && x !== y && !wktHasShapes) {
    mapping.x = x.name;
    mapping.y = y.name;
  } else if (wkt) {
    mapping.wkt = wkt.name;
  }
  if (
    mapping.id &&
    [mapping.x, mapping.y, mapping.wkt, mapping.insee, mapping.commune, mapping.postcode].includes(mapping.id)
  )
    mapping.id = null;
  return mapping;
}

/**
 * Applies the user's choices over the guess. Choosing a WKT column drops guessed X/Y and vice versa, so that
 * the geometry source is never ambiguous. Returns French problems for names that are not in the file.
 */
export function resolveMapping(
  fields: readonly string[],
  guess: ColumnMapping,
  override: Partial<ColumnMapping> | undefined,
): { mapping: ColumnMapping; problems: string[] } {
  const mapping: ColumnMapping = { ...guess };
  if (override) {
    for (const key of Object.keys(EMPTY_MAPPING) as (keyof ColumnMapping)[]) {
      if (override[key] !== undefined) mapping[key] = override[key] ?? null;
    }
    if (override.wkt && override.x === undefined && override.y === undefined) {
      mapping.x = null;
      mapping.y = null;
    }
    if ((override.x || override.y) && override.wkt === undefined) mapping.wkt = null;
  }
  const problems: string[] = [];
  for (const key of Object.keys(EMPTY_MAPPING) as (keyof ColumnMapping)[]) {
    const name = mapping[key];
    if (name !== null && !fields.includes(name)) {
      problems.push(`Colonne « ${name} » introuvable dans le fichier (choisie pour ${MAPPING_LABELS[key]}).`);
      mapping[key] = null;
    }
  }
  if ((mapping.x === null) !== (mapping.y === null)) {
    problems.push('Il faut choisir à la fois la colonne X (longitude) et la colonne Y (latitude).');
  }
  return { mapping, problems };
}

export const MAPPING_LABELS: Record<keyof ColumnMapping, string> = {
  id: "l'identifiant",
  x: 'X / longitude',
  y: 'Y / latitude',
  wkt: 'la géométrie WKT',
  insee: 'le code INSEE',
  commune: 'le nom de la commune',
  postcode: 'le code postal',
};

/** Same columns in any order and spelling → same key: lets the UI remember a confirmed mapping. */
export function fileShapeKey(fields: readonly string[]): string {
  return [...fields].map(normaliseHeader).sort().join('|');
}
