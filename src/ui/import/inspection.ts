import { type CrsDetection, detectCrs } from '../../io/crs/detect.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import type { InspectResult } from '../../io/import/inspect.ts';
import type { ColumnMapping } from '../../io/types.ts';

/** GeoJSON and shapefile features carry their geometry: only the id and INSEE columns can be chosen. */
export const geometryInFeatures = (inspection: InspectResult) =>
  inspection.format === 'geojson' || inspection.format === 'shapefile' || inspection.format === 'geopackage';

/**
 * The CRS to announce for the chosen columns: the engine's detection (on up to 2,000 rows) while the user
 * keeps the proposed X/Y, else a detection on the preview rows so the announcement follows the choice.
 */
export function detectedCrs(inspection: InspectResult, mapping: ColumnMapping): CrsDetection | null {
  const proposed = inspection.mapping;
  if (
    mapping.x === proposed.x &&
    mapping.y === proposed.y &&
    mapping.wkt === proposed.wkt &&
    (inspection.crs || inspection.crsReason)
  )
    return {
      crs: inspection.crs,
      swapped: inspection.swappedAxes,
      reason: inspection.crsReason ?? '',
      candidates: inspection.crsCandidates,
    };
  if (!mapping.x || !mapping.y) return null;
  const xi = inspection.fields.indexOf(mapping.x);
  const yi = inspection.fields.indexOf(mapping.y);
  if (xi < 0 || yi < 0) return null;
  const xs = inspection.preview.map((row) => parseNumberFr(row[xi]) ?? Number.NaN);
  const ys = inspection.preview.map((row) => parseNumberFr(row[yi]) ?? Number.NaN);
  const detection = detectCrs(xs, ys);
  return { ...detection, reason: `${detection.reason} (sur les premières lignes)` };
}

/** Why the chosen mapping cannot be imported, in French; null when it can. */
export function mappingProblem(inspection: InspectResult, mapping: ColumnMapping): string | null {
  if (geometryInFeatures(inspection)) return null;
  if ((mapping.x === null) !== (mapping.y === null))
    return 'Choisissez à la fois la colonne X (longitude) et la colonne Y (latitude).';
  if (mapping.x && mapping.x === mapping.y) return 'Les colonnes X et Y doivent être différentes.';
  if (!mapping.x && !mapping.wkt && !mapping.insee && !mapping.commune && !mapping.postcode)
    return 'Indiquez où se trouve la position : colonnes X et Y, une colonne de géométrie WKT ou, à défaut, le code INSEE, le nom ou le code postal de la commune.';
  return null;
}

/** Applies one select change; choosing X/Y drops the WKT column and vice versa (one geometry source). */
export function changeMapping(
  mapping: ColumnMapping,
  key: keyof ColumnMapping,
  value: string | null,
): ColumnMapping {
  const next = { ...mapping, [key]: value };
  if ((key === 'x' || key === 'y') && value) next.wkt = null;
  if (key === 'wkt' && value) {
    next.x = null;
    next.y = null;
  }
  return next;
}
