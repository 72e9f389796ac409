import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { CNIG_FRICHES_FIELDS } from '../../io/cnig/schema.ts';
import { type CsvCell, toCsv } from '../../io/csv/write.ts';
import { toWkt } from '../../io/wkt.ts';
import { agree } from '../../lib/plural.ts';
import type { Brownfield } from './types.ts';

/*
 * Export to the CNIG "Friches" exchange format. What is written is the site's validated record (invalid
 * optional values were already set aside at import and are reported there), with the geometry re-encoded
 * from the site itself in WGS84 longitude-latitude order, so that a re-import reads back the same sites.
 */

/** Required enumerations that admit "inconnu": filled with it rather than left empty (non-conformant). */
const UNKNOWN_WHEN_MISSING = ['site_type', 'urba_zaer'] as const;

export interface CnigExport {
  /** Values per CNIG field, in schema order (null = empty cell). */
  rows: (string | number | null)[][];
  /** French: what was completed or is still missing for conformity. */
  warnings: string[];
}

/** The CNIG values of each site, ready for CSV or GeoJSON, with the conformity notes. */
export function cnigRows(sites: readonly Brownfield[]): CnigExport {
  const filled = new Map<string, number>();
  const stillMissing = new Map<string, string[]>();
  const rows = sites.map((site) => {
    const values: Record<string, string | number | null> = { ...site.record };
    values.geompoint = toWkt(site.point);
    values.geomsurf = site.surface ? toWkt(site.surface) : null;
    for (const name of UNKNOWN_WHEN_MISSING) {
      if (!values[name]) {
        values[name] = 'inconnu';
        filled.set(name, (filled.get(name) ?? 0) + 1);
      }
    }
    for (const field of CNIG_FRICHES_FIELDS) {
      const value = values[field.name];
      if (field.required && (value === undefined || value === null || value === '')) {
        stillMissing.set(field.name, [...(stillMissing.get(field.name) ?? []), site.id]);
      }
      if (field.type === 'integer' && typeof value === 'string') values[field.name] = Number(value);
    }
    return CNIG_FRICHES_FIELDS.map((f) => values[f.name] ?? null);
  });
  const warnings: string[] = [];
  for (const [name, count] of filled) {
    warnings.push(
      `${name} (obligatoire) absent pour ${count} ${agree(count, 'site', 'sites')} : exporté avec la valeur « inconnu ».`,
    );
  }
  for (const [name, ids] of stillMissing) {
    const list = ids.slice(0, 5).join(', ') + (ids.length > 5 ? '…' : '');
    warnings.push(
      `${name} (obligatoire) manquant pour ${ids.length} ${agree(ids.length, 'site', 'sites')} (${list}) : export non conforme.`,
    );
  }
  return { rows, warnings };
}

/**
 * CNIG CSV: comma, UTF-8 without BOM (as the standard's example file), ISO dates, `|` between values.
 * Cells that a spreadsheet would execute (=, +, -, @) are neutralised by `toCsv`.
 */
export function toCnigCsv(sites: readonly Brownfield[]): { csv: string; warnings: string[] } {
  const { rows, warnings } = cnigRows(sites);
  const header = CNIG_FRICHES_FIELDS.map((f) => f.name);
  return { csv: toCsv(header, rows as CsvCell[][], { delimiter: ',', bom: false }), warnings };
}

/**
 * GeoJSON: the perimeter as geometry when known (what GIS users expect), else the point; every CNIG field
 * as a property, `geompoint` included so that the representative point survives a round trip. `extra`
 * adds properties outside the standard (e.g. the shortlist's rank, score and justification note).
 */
export function toCnigGeoJson(
  sites: readonly Brownfield[],
  extra?: (site: Brownfield) => Record<string, string | number | null>,
): {
  geojson: FeatureCollection<Geometry>;
  warnings: string[];
} {
  const { rows, warnings } = cnigRows(sites);
  const features = sites.map((site, i): Feature<Geometry> => {
    const properties: Record<string, string | number | null> = {};
    CNIG_FRICHES_FIELDS.forEach((f, j) => {
      if (f.name !== 'geomsurf') properties[f.name] = rows[i]![j]!;
    });
    if (extra) Object.assign(properties, extra(site));
    return { type: 'Feature', properties, geometry: site.surface ?? site.point };
  });
  return { geojson: { type: 'FeatureCollection', features }, warnings };
}
