import type { Geometry } from 'geojson';
import { isoDate } from '../formats/date.ts';
import { parseWkt } from '../wkt.ts';
import { readEnumItem, splitMultiple } from './enumerations.ts';
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
  /**
   * Required field missing or invalid that scoring does not need (dates, type, source...): the site is kept,
   * scored and flagged as not conformant for a CNIG export.
   */
  nonConformant: FieldIssue[];
  /** Enumeration cells read tolerantly (apostrophe, accent, case, legacy value, separator): for the report. */
  normalised: { field: string; from: string; to: string }[];
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

/** Every allowed value, never cut: the right spelling must be visible in the message. */
function listValues(values: readonly string[]): string {
  return values.map((v) => `« ${v} »`).join(', ');
}

/** Required fields without which a row cannot become a site (identity and position). */
const IDENTITY_FIELDS = new Set(['site_id', 'site_nom', 'geompoint']);

type Normalised = RecordValidation['normalised'];

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
  normalised: Normalised = [],
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
  // Free-text lists (activity labels) keep their commas: only coded lists get the tolerant separators.
  const coded = field.enum !== undefined || field.itemPattern !== undefined;
  const items = !field.multiple
    ? [text]
    : coded
      ? splitMultiple(field.name, text, field.enum)
      : text.split('|').map((s) => s.trim());
  const found: Normalised = [];
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (field.enum) {
      const reading = readEnumItem(field.name, item, field.enum);
      if (!reading) {
        return {
          ok: false,
          reason: `« ${item} » n'est pas une valeur autorisée (valeurs possibles : ${listValues(field.enum)})`,
        };
      }
      if (reading.from !== undefined)
        found.push({ field: field.name, from: reading.from, to: reading.value });
      items[k] = reading.value;
      continue;
    }
    if (field.itemPattern && !field.itemPattern.test(item)) {
      return { ok: false, reason: `« ${item} » ne respecte pas le format attendu (${field.patternHint})` };
    }
  }
  const value = field.multiple ? items.join('|') : items[0]!;
  if (field.multiple && coded && items.length > 1 && !text.includes('|')) {
    found.push({ field: field.name, from: text, to: value });
  }
  normalised.push(...found);
  return { ok: true, value };
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
  const nonConformant: FieldIssue[] = [];
  const normalised: Normalised = [];
  let geompoint: Geometry | null = null;
  let geomsurf: Geometry | null = null;
  for (const field of CNIG_FRICHES_FIELDS) {
    const raw = cell(field.name);
    if (raw === undefined) continue;
    const text = raw?.trim() ?? null;
    const label = `${field.name} (${field.title})`;
    const required = field.required ? (IDENTITY_FIELDS.has(field.name) ? blocking : nonConformant) : null;
    const suffix =
      required === nonConformant ? ' — site conservé et classé, non conforme pour l’export CNIG' : '';
    if (text === null || isMissingValue(text)) {
      if (required) {
        required.push({
          field: field.name,
          value: raw,
          message: `${label} : valeur obligatoire manquante${suffix}`,
        });
      }
      continue;
    }
    const checked = checkValue(field, text, normalised);
    if (checked.ok) {
      record[field.name] = checked.value;
      if (field.name === 'geompoint') geompoint = checked.geometry ?? null;
      if (field.name === 'geomsurf') geomsurf = checked.geometry ?? null;
      continue;
    }
    const issue = { field: field.name, value: raw };
    if (required) required.push({ ...issue, message: `${label} : ${checked.reason}${suffix}` });
    else
      nonBlocking.push({ ...issue, message: `${label} : ${checked.reason} — valeur ignorée, site conservé` });
  }
  return { record, blocking, nonBlocking, nonConformant, normalised, geompoint, geomsurf };
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
