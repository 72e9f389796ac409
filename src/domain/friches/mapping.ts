import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { CNIG_FRICHES_FIELDS } from '../../io/cnig/schema.ts';
import { type CnigRecord, checkColumns, type FieldIssue, validateRecord } from '../../io/cnig/validate.ts';
import { reprojectGeometry, swapGeometryAxes } from '../../io/crs/index.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import { toWkt } from '../../io/wkt.ts';
import { freeTextScan } from '../advice/privacy.ts';
import type { Brownfield, SiteStatus } from './types.ts';

/** Standard CNIG fields: validated and exported as the standard defines them; other columns are free text. */
const STANDARD_FIELDS = new Set(CNIG_FRICHES_FIELDS.map((f) => f.name));

export interface FlaggedSite {
  row: number;
  siteId: string;
  /** French, one per optional field set aside (or inconsistency noticed). */
  issues: string[];
}

/** The validation report of a brownfield inventory (French texts). `sites = valid + invalid`. */
export interface FrichesImportReport {
  sites: number;
  valid: number;
  invalid: number;
  /** One entry per rejected row: reasons from the import engine or the CNIG required fields. */
  rejected: RowError[];
  /** Kept sites with optional fields that failed validation. */
  flagged: FlaggedSite[];
  /** File-level findings: missing/extra columns, axis swap, coordinate system, values read tolerantly... */
  warnings: string[];
  /** Enumeration values read tolerantly, counted per (field, value as written, value read): never rejected. */
  normalisations: { field: string; from: string; to: string; count: number }[];
  /** Kept and scored sites missing a required value of the standard (dates...): not conformant for export. */
  nonConformant: number;
  outsideTerritory: number;
}

/** « 50 valeurs `mixte` lues comme `mixte - autre` (site_type) ». */
export function describeReading(n: { field: string; from: string; to: string; count: number }): string {
  const what = n.count === 1 ? '1 valeur' : `${n.count} valeurs`;
  return `${what} « ${n.from} » ${n.count === 1 ? 'lue' : 'lues'} comme « ${n.to} » (${n.field}).`;
}

/** Identity fields: a row without them cannot be told apart from the others, whatever the file shape. */
const IDENTITY = ['site_id', 'site_nom'];

const isSurface = (g: Geometry | null | undefined): g is Polygon | MultiPolygon =>
  g?.type === 'Polygon' || g?.type === 'MultiPolygon';

const split = (value: string | undefined) => (value ? value.split('|').filter((v) => v !== '') : []);

/**
 * A brownfield from validated CNIG values (import, form edit, sample generator). `record.site_id` and
 * `record.site_nom` are expected; geometries in WGS84. The record's WKT cells are rewritten from them.
 */
export function brownfieldFromRecord(
  record: CnigRecord,
  point: Point,
  surface: Polygon | MultiPolygon | null,
  extras: Partial<Pick<Brownfield, 'territoryInsee' | 'row' | 'raw' | 'flags'>> = {},
): Brownfield {
  const normalised: CnigRecord = { ...record, geompoint: toWkt(point) };
  if (surface) normalised.geomsurf = toWkt(surface);
  else delete normalised.geomsurf;
  const area = record.unite_fonciere_surface;
  return {
    id: record.site_id ?? '',
    name: record.site_nom ?? record.site_id ?? '',
    insee: record.comm_insee ?? null,
    territoryInsee: extras.territoryInsee ?? null,
    communeName: record.comm_nom ?? null,
    status: (record.site_statut as SiteStatus | undefined) ?? null,
    pollution: record.sol_pollution_existe ?? null,
    zoneType: record.urba_zone_type ?? null,
    buildingCondition: record.bati_etat ?? null,
    buildingVacancy: record.bati_vacance ?? null,
    heritage: record.bati_patrimoine ?? null,
    ownerPerson: split(record.proprio_personne),
    ownerType: split(record.proprio_type),
    ownerName: split(record.proprio_nom),
    parcelAreaM2: area !== undefined && /^-?\d+$/.test(area) ? Number(area) : null,
    point,
    surface,
    record: normalised,
    raw: extras.raw ?? { ...record },
    row: extras.row ?? 0,
    flags: extras.flags ?? [],
  };
}

/**
 * Turns an import (kind "friches": CNIG CSV, Cartofriches export, GeoJSON...) into brownfields and a
 * validation report. Geometries read from WKT cells get the same treatment as the import engine gave the
 * file's main geometry (axis swap first, then reprojection), so that `geomsurf` lands on `geompoint`.
 */
/** Territory commune names by INSEE code (for messages naming communes rather than codes). */
export type CommuneNames = ReadonlyMap<string, string>;

export function communeNamesOf(communes: {
  features: readonly { properties: { insee: string; name: string } }[];
}): CommuneNames {
  return new Map(communes.features.map((f) => [f.properties.insee, f.properties.name]));
}

/** « Boulogne-sur-Mer (62160) », or the code alone when the name is unknown. */
function communeLabel(insee: string, names: CommuneNames, declaredName?: string): string {
  const name = names.get(insee) ?? declaredName;
  return name ? `${name} (${insee})` : insee;
}

export function brownfieldsFromImport(
  result: ImportResult,
  names: CommuneNames = new Map(),
): {
  sites: Brownfield[];
  report: FrichesImportReport;
} {
  const columns = checkColumns(result.fields);
  const warnings = [...result.warnings, ...columns.warnings];
  const rejected: RowError[] = [...result.errors];
  const flagged: FlaggedSite[] = [];
  const sites: Brownfield[] = [];
  const { features } = result;
  const crs = result.crs ?? 'EPSG:4326';
  const toWgs84 = (g: Geometry): Geometry => {
    const xy = result.swappedAxes ? swapGeometryAxes(g) : g;
    return crs === 'EPSG:4326' ? xy : reprojectGeometry(xy, crs);
  };
  const pointFromImporter = result.mapping.wkt === 'geompoint' || result.mapping.x !== null;
  const seen = new Map<string, number>();
  const readings = new Map<string, { field: string; from: string; to: string; count: number }>();
  let nonConformant = 0;
  // RGPD: columns outside the standard are kept as free text (`raw`): no e-mail or phone number may stay
  // there (a site's postal address is a place, not a person, so it stays).
  const freeText = freeTextScan();

  for (let i = 0; i < features.count; i++) {
    const row = features.row[i]!;
    const cell = (name: string) => {
      const column = features.attributes[name];
      if (column) return column.get(i);
      return IDENTITY.includes(name) ? null : undefined;
    };
    const validation = validateRecord(cell);
    const { record } = validation;
    const blocking = validation.blocking.map((issue) => issue.message);
    const id = record.site_id;
    if (id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) blocking.push(`site_id « ${id} » en double (déjà utilisé ligne ${first})`);
      else seen.set(id, row);
    }
    if (blocking.length > 0 || id === undefined) {
      rejected.push({ row, reason: blocking.join(' ; ') });
      continue;
    }

    let point: Point = { type: 'Point', coordinates: [features.lon[i]!, features.lat[i]!] };
    if (!pointFromImporter && validation.geompoint?.type === 'Point') {
      point = toWgs84(validation.geompoint) as Point;
    }
    if (!Number.isFinite(point.coordinates[0]!) || !Number.isFinite(point.coordinates[1]!)) {
      // Rows located by INSEE code only (no coordinates): a site needs a position to be scored and mapped.
      rejected.push({ row, reason: 'geompoint (coordonnées du centroïde) : position du site manquante' });
      continue;
    }
    const featureGeometry = features.geometry?.[i];
    let surface: Polygon | MultiPolygon | null = null;
    if (isSurface(featureGeometry)) surface = featureGeometry;
    else if (isSurface(validation.geomsurf)) surface = toWgs84(validation.geomsurf) as Polygon | MultiPolygon;

    for (const n of validation.normalised) {
      const key = `${n.field}\u0000${n.from}\u0000${n.to}`;
      const entry = readings.get(key) ?? { ...n, count: 0 };
      entry.count++;
      readings.set(key, entry);
    }
    if (validation.nonConformant.length > 0) nonConformant++;
    const flags: FieldIssue[] = [...validation.nonConformant, ...validation.nonBlocking];
    const territoryInsee = features.insee[i] ?? null;
    if (record.comm_insee && territoryInsee && record.comm_insee !== territoryInsee) {
      flags.push({
        field: 'comm_insee',
        value: record.comm_insee,
        message:
          `commune déclarée ${communeLabel(record.comm_insee, names, record.comm_nom)}, mais le point est ` +
          `situé à ${communeLabel(territoryInsee, names)} — à vérifier (site conservé)`,
      });
    }
    if (flags.length > 0) flagged.push({ row, siteId: id, issues: flags.map((f) => f.message) });

    const raw: Record<string, string | null> = {};
    for (const [name, column] of Object.entries(features.attributes)) {
      const value = column.get(i);
      if (
        STANDARD_FIELDS.has(name) ||
        value === null ||
        freeText.keep(name, value, { postalAddressAllowed: true })
      )
        raw[name] = value;
    }
    sites.push(brownfieldFromRecord(record, point, surface, { territoryInsee, row, raw, flags }));
  }
  rejected.sort((a, b) => a.row - b.row);
  const normalisations = [...readings.values()].sort(
    (a, b) => b.count - a.count || a.field.localeCompare(b.field),
  );
  for (const n of normalisations) warnings.push(describeReading(n));
  warnings.push(...freeText.report());
  if (nonConformant > 0) {
    warnings.push(
      nonConformant === 1
        ? '1 site sans valeur obligatoire du standard (date, type…) : conservé et classé, signalé non conforme pour l’export CNIG.'
        : `${nonConformant} sites sans valeur obligatoire du standard (date, type…) : conservés et classés, signalés non conformes pour l’export CNIG.`,
    );
  }
  const invalidRows = new Set(rejected.filter((e) => e.row > 0).map((e) => e.row)).size;
  return {
    sites,
    report: {
      sites: sites.length + invalidRows,
      valid: sites.length,
      invalid: invalidRows,
      rejected,
      flagged,
      warnings,
      normalisations,
      nonConformant,
      outsideTerritory: sites.filter((s) => s.territoryInsee === null).length,
    },
  };
}
