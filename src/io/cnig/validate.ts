import type { Geometry } from 'geojson';
import { isoDate } from '../formats/date.ts';
import { parseWkt } from '../wkt.ts';
import { CNIG_FRICHES_FIELDS, type CnigField, isMissingValue } from './schema.ts';

/** CNIG values of one site, normalised: only valid cells, dates in ISO form, trimmed. */
export type CnigRecord = Record<string, string>;

export interface FieldIssue {
  field: string;
  /** The cell as read (null when missing). */
  value: string | null;
  /** French, self-contained: names the field and says what is expected. */
  message: string;
}

export interface RecordValidation {
  /** Valid cells only (normalised): what the rest of the application may rely on. */
  record: CnigRecord;
  /** Required field missing or invalid: the row cannot become a site. */
  blocking: FieldIssue[];
  /** Optional field invalid: the row is kept, the value ignored, the site flagged. */
  nonBlocking: FieldIssue[];
  /** Parsed geometries when valid (in file coordinates: no reprojection or axis swap here). */
  geompoint: Geometry | null;
  geomsurf: Geometry | null;
}

export interface ColumnCheck {
  missingRequired: string[];
  missingOptional: string[];
  /** Columns outside the standard (kept in the raw record, not exported). */
  extra: string[];
  /** French, one per notable finding, for the import report. */
  warnings: string[];
}

const MAX_LISTED = 6;

function listValues(values: readonly string[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => `« ${v} »`);
  return values.length > MAX_LISTED ? `${shown.join(', ')}…` : shown.join(', ');
}

/**
 * Cartofriches exports write `dd/mm/yyyy`; the standard wants ISO. Both are accepted, ISO is kept. Stricter
 * than `parseDateFr` on purpose (a conformity check: two-digit fields, four-digit year, no serials); the
 * calendar check is the shared `isoDate`.
 */
export function normaliseDate(text: string): string | null {
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(text);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [y, m, d] = [Number(fr[3]), Number(fr[2]), Number(fr[1])];
  else return null;
  return isoDate(y, m, d);
}

/** Returns the normalised value, or a French reason why the cell does not conform. */
function checkValue(
  field: CnigField,
  text: string,
): { ok: true; value: string; geometry?: Geometry } | { ok: false; reason: string } {
  switch (field.type) {
    case 'integer':
      return /^-?\d+$/.test(text)
        ? { ok: true, value: String(Number(text)) }
        : { ok: false, reason: `« ${text} » n'est pas un nombre entier` };
    case 'date': {
      const iso = normaliseDate(text);
      return iso
        ? { ok: true, value: iso }
        : { ok: false, reason: `« ${text} » n'est pas une date valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)` };
    }
    case 'year':
      return /^\d{4}$/.test(text)
        ? { ok: true, value: text }
        : { ok: false, reason: `« ${text} » n'est pas une année (attendu AAAA)` };
    case 'wktPoint':
    case 'wktSurface': {
      const parsed = parseWkt(text);
      if (!parsed.ok) return { ok: false, reason: parsed.reason };
      const type = parsed.geometry.type;
      const expected = field.type === 'wktPoint' ? ['Point'] : ['Polygon', 'MultiPolygon'];
      if (!expected.includes(type)) {
        const what = field.type === 'wktPoint' ? 'un POINT' : 'un POLYGON ou MULTIPOLYGON';
        return { ok: false, reason: `géométrie ${type.toUpperCase()} au lieu de ${what}` };
      }
      return { ok: true, value: text, geometry: parsed.geometry };
    }
    case 'string':
      break;
  }
  const items = field.multiple ? text.split('|').map((s) => s.trim()) : [text];
  for (const item of items) {
    if (field.enum && !field.enum.includes(item)) {
      return {
        ok: false,
        reason: `« ${item} » n'est pas une valeur autorisée (valeurs possibles : ${listValues(field.enum)})`,
      };
    }
    if (field.itemPattern && !field.itemPattern.test(item)) {
      return { ok: false, reason: `« ${item} » ne respecte pas le format attendu (${field.patternHint})` };
    }
  }
  return { ok: true, value: field.multiple ? items.join('|') : text };
}

/**
 * Validates one row against the CNIG schema. `cell(name)` returns the raw text of a column, or undefined
 * when the file has no such column: a required column absent from the whole file (e.g. `urba_zaer`,
 * added in a recent version of the standard and missing from Cartofriches exports) is reported once by
 * `checkColumns` instead of rejecting every row.
 */
export function validateRecord(cell: (field: string) => string | null | undefined): RecordValidation {
  const record: CnigRecord = {};
  const blocking: FieldIssue[] = [];
  const nonBlocking: FieldIssue[] = [];
  let geompoint: Geometry | null = null;
  let geomsurf: Geometry | null = null;
  for (const field of CNIG_FRICHES_FIELDS) {
    const raw = cell(field.name);
    if (raw === undefined) continue;
    const text = raw?.trim() ?? null;
    const label = `${field.name} (${field.title})`;
    if (text === null || isMissingValue(text)) {
      if (field.required)
        blocking.push({ field: field.name, value: raw, message: `${label} : valeur obligatoire manquante` });
      continue;
    }
    const checked = checkValue(field, text);
    if (checked.ok) {
      record[field.name] = checked.value;
      if (field.name === 'geompoint') geompoint = checked.geometry ?? null;
      if (field.name === 'geomsurf') geomsurf = checked.geometry ?? null;
      continue;
    }
    const issue = { field: field.name, value: raw };
    if (field.required) blocking.push({ ...issue, message: `${label} : ${checked.reason}` });
    else
      nonBlocking.push({ ...issue, message: `${label} : ${checked.reason} — valeur ignorée, site conservé` });
  }
  return { record, blocking, nonBlocking, geompoint, geomsurf };
}

/** Compares a file's header with the standard (names compared exactly, as the standard requires). */
export function checkColumns(columns: readonly string[]): ColumnCheck {
  const present = new Set(columns.map((c) => c.trim()));
  const missingRequired = CNIG_FRICHES_FIELDS.filter((f) => f.required && !present.has(f.name)).map(
    (f) => f.name,
  );
  const missingOptional = CNIG_FRICHES_FIELDS.filter((f) => !f.required && !present.has(f.name)).map(
    (f) => f.name,
  );
  const known = new Set(CNIG_FRICHES_FIELDS.map((f) => f.name));
  const extra = [...present].filter((c) => c !== '' && !known.has(c));
  const warnings: string[] = [];
  if (missingRequired.length > 0) {
    warnings.push(
      `Colonnes obligatoires du standard CNIG absentes du fichier : ${missingRequired.join(', ')}. ` +
        'Les sites sont conservés, mais le fichier n’est pas conforme au standard (fréquent pour les exports Cartofriches).',
    );
  }
  if (missingOptional.length > 0) {
    warnings.push(`Colonnes facultatives absentes : ${missingOptional.join(', ')}.`);
  }
  if (extra.length > 0) {
    warnings.push(`Colonnes hors standard CNIG (conservées, non exportées) : ${extra.join(', ')}.`);
  }
  return { missingRequired, missingOptional, extra, warnings };
}
