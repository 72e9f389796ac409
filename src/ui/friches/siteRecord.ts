import { area, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { type Brownfield, brownfieldFromRecord } from '../../domain/friches/index.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { pointOnSurface } from '../../geo/pointOnSurface.ts';
import { CNIG_FRICHES_FIELDS } from '../../io/cnig/schema.ts';
import { type CnigRecord, validateRecord } from '../../io/cnig/validate.ts';
import { toWkt } from '../../io/wkt.ts';

/** The CNIG fields the form edits (the others are kept as they were). */
export const FORM_FIELDS = [
  'site_id',
  'site_nom',
  'site_type',
  'site_statut',
  'site_adresse',
  'comm_nom',
  'comm_insee',
  'site_identif_date',
  'sol_pollution_existe',
  'urba_zone_type',
  'urba_zaer',
  'bati_etat',
  'bati_vacance',
  'bati_patrimoine',
  'proprio_personne',
  'proprio_nom',
  'unite_fonciere_surface',
  'source_nom',
] as const;

export type FormField = (typeof FORM_FIELDS)[number];
export type FormValues = Record<FormField, string>;

const REQUIRED = new Set(CNIG_FRICHES_FIELDS.filter((f) => f.required).map((f) => f.name));

export const today = () => new Date().toISOString().slice(0, 10);

/**
 * Representative point of a drawn perimeter: the same kernel as the import (geo/pointOnSurface), so a drawn
 * and an imported copy of one site get the same point, hence the same distances and score.
 */
export function representativePoint(surface: Polygon | MultiPolygon): Point {
  // A degenerate (flat) perimeter has no inside: its first vertex is then the only honest point.
  const first = surface.type === 'Polygon' ? surface.coordinates[0]?.[0] : surface.coordinates[0]?.[0]?.[0];
  const p = pointOnSurface(surface) ?? (first ? [first[0]!, first[1]!] : [Number.NaN, Number.NaN]);
  return { type: 'Point', coordinates: p };
}

export function communeAt(point: Point, communes: CommuneCollection): { insee: string; name: string } | null {
  const hit = communes.features.find((f) => booleanPointInPolygon(point, f));
  return hit ? { insee: hit.properties.insee, name: hit.properties.name } : null;
}

/** Suggests a free `site_id` in the CNIG style: INSEE code, then a sequence number. */
export function suggestId(insee: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${insee}_S${String(n).padStart(3, '0')}`;
    if (!taken.has(id)) return id;
  }
}

export function initialValues(site: Brownfield | null, defaults: Partial<FormValues>): FormValues {
  const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, site?.record[f] ?? ''])) as FormValues;
  for (const [k, v] of Object.entries(defaults)) if (!values[k as FormField] && v) values[k as FormField] = v;
  return values;
}

export type SiteFromForm = { ok: true; site: Brownfield; notes: string[] } | { ok: false; errors: string[] };

/**
 * Validates the form against the CNIG schema (same rules as an import) and builds the site. Any invalid
 * value blocks the form (unlike an import, the user can correct it right away); `notes` lists nothing more.
 */
export function siteFromForm(
  values: FormValues,
  base: CnigRecord,
  point: Point,
  surface: Polygon | MultiPolygon | null,
  territoryInsee: string | null,
): SiteFromForm {
  const record: Record<string, string> = { ...base };
  for (const f of FORM_FIELDS) {
    const v = values[f].trim();
    if (v) record[f] = v;
    else delete record[f];
  }
  record.site_actu_date = today();
  record.geompoint = toWkt(point);
  if (surface) record.geomsurf = toWkt(surface);
  // Required fields left empty must be reported: "absent column" (undefined) would skip them.
  const validation = validateRecord((name) => record[name] ?? (REQUIRED.has(name) ? null : undefined));
  // The form is stricter than an import: what the user types must conform to the standard.
  const errors = [...validation.blocking, ...validation.nonConformant, ...validation.nonBlocking].map((i) =>
    i.message.replace(
      / — (valeur ignorée, site conservé|site conservé et classé, non conforme pour l’export CNIG)$/,
      '',
    ),
  );
  if (errors.length > 0) return { ok: false, errors };
  const site = brownfieldFromRecord(validation.record, point, surface, { territoryInsee });
  return { ok: true, site, notes: [] };
}

export const surfaceM2 = (surface: Polygon | MultiPolygon) => Math.round(area(surface));
