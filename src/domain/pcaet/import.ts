/**
 * Maps an imported CSV (the import engine's ImportResult) onto PCAET values.
 * Expected columns (any order, accents and case ignored): `indicateur` (identifier or name),
 * `date` or `année`, `valeur`, `code_insee` and/or `epci`/`siren`, `type` (valeur | objectif | estimation,
 * `valeur` when the column is absent or the cell empty).
 * Nothing is lost: every data row becomes a value or a French error with its spreadsheet row.
 *
 * Two entry points: `mapPcaetImport` for an ImportResult (the import engine locates rows by INSEE code,
 * so it suits commune-level files), and `readPcaetCsv`, which reads the file with the import engine's
 * CSV reader (encoding, delimiter, decimal commas) without asking each row for a place — territory- and
 * EPCI-level values have no commune, and the location stage would reject them.
 */

import { readCsv } from '../../io/csv/parse.ts';
import { normaliseHeader } from '../../io/csv/values.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import { type ImportTable, tableFromImport } from '../../io/import/table.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import { agree } from '../../lib/plural.ts';
import type { PcaetIndicator, PcaetValue, PcaetValueType } from './types.ts';
import { duplicateMessage, type PcaetPlaces, parseYearOrDate, validateValue, valueKey } from './validate.ts';

/** The generic import table (see src/io/import/table.ts). */
export type PcaetTable = ImportTable;
export type { tableFromImport };

export interface PcaetImportResult {
  /** Data rows of the file: values + errors (rows rejected by the import engine included). */
  rows: number;
  values: PcaetValue[];
  /** Sorted by row. */
  errors: RowError[];
  warnings: string[];
  columns: Record<PcaetColumn, string | null>;
}

export type PcaetColumn = 'indicator' | 'date' | 'value' | 'insee' | 'epci' | 'type';

const ALIASES: Record<PcaetColumn, string[]> = {
  indicator: ['indicateur', 'indicateur_id', 'id_indicateur', 'nom_indicateur', 'indicator'],
  date: ['date', 'annee', 'an', 'millesime', 'year'],
  value: ['valeur', 'value', 'resultat', 'montant'],
  insee: ['code_insee', 'insee', 'code_commune', 'com', 'codgeo', 'depcom'],
  epci: ['epci', 'siren', 'siren_epci', 'code_epci'],
  type: ['type', 'type_valeur', 'nature'],
};

export function detectPcaetColumns(fields: readonly string[]): Record<PcaetColumn, string | null> {
  const byKey = new Map(fields.map((f) => [normaliseHeader(f), f]));
  const pick = (column: PcaetColumn) => {
    for (const alias of ALIASES[column]) {
      const field = byKey.get(alias);
      if (field !== undefined) return field;
    }
    return null;
  };
  return {
    indicator: pick('indicator'),
    date: pick('date'),
    value: pick('value'),
    insee: pick('insee'),
    epci: pick('epci'),
    type: pick('type'),
  };
}

const TYPE_WORDS: Record<string, PcaetValueType> = {
  valeur: 'value',
  resultat: 'value',
  realise: 'value',
  mesure: 'value',
  value: 'value',
  objectif: 'target',
  cible: 'target',
  target: 'target',
  estimation: 'estimate',
  estime: 'estimate',
  estimee: 'estimate',
  provisoire: 'estimate',
  estimate: 'estimate',
};

export function readValueType(cell: string | null): PcaetValueType | null {
  if (cell === null || cell.trim() === '') return 'value';
  return TYPE_WORDS[normaliseHeader(cell)] ?? null;
}

/** `62160.0` → `62160`; a 4-digit code lost its leading zero. */
function normaliseCode(cell: string | null, digits: number): string | null {
  const text = cell?.trim().replace(/\.0+$/, '').toUpperCase() ?? '';
  if (!text) return null;
  return /^\d+$/.test(text) && text.length === digits - 1 ? `0${text}` : text;
}

/** Reads CSV bytes (UTF-8 or Windows-1252, `;` `,` or tab) and maps them; broken records become row errors. */
export async function readPcaetCsv(
  bytes: Uint8Array,
  indicators: readonly PcaetIndicator[],
  places: PcaetPlaces,
): Promise<PcaetImportResult> {
  const csv = await readCsv(bytes);
  if (!csv) {
    return {
      rows: 0,
      values: [],
      errors: [{ row: 0, reason: 'Fichier vide : aucune ligne d’en-tête.' }],
      warnings: [],
      columns: detectPcaetColumns([]),
    };
  }
  const kept: number[] = [];
  const broken: RowError[] = [];
  for (let r = 0; r < csv.records; r++) {
    const issue = csv.issues.get(r);
    if (issue) broken.push({ row: csv.rowNumber[r]!, reason: issue });
    else kept.push(r);
  }
  const columns = new Map(csv.fields.map((field, index) => [field, csv.column(index)]));
  const mapped = mapPcaetTable(
    {
      fields: csv.fields,
      count: kept.length,
      rowOf: (i) => csv.rowNumber[kept[i]!]!,
      get: (i, field) => columns.get(field)?.get(kept[i]!) ?? null,
    },
    indicators,
    places,
  );
  return {
    ...mapped,
    rows: csv.records,
    errors: [...broken, ...mapped.errors].sort((a, b) => a.row - b.row),
  };
}

export function mapPcaetImport(
  result: ImportResult,
  indicators: readonly PcaetIndicator[],
  places: PcaetPlaces,
): PcaetImportResult {
  const mapped = mapPcaetTable(tableFromImport(result), indicators, places);
  const errors = [...result.errors, ...mapped.errors].sort((a, b) => a.row - b.row);
  return {
    ...mapped,
    rows: mapped.rows + result.errors.length,
    errors,
    warnings: [...result.warnings, ...mapped.warnings],
  };
}

export function mapPcaetTable(
  table: PcaetTable,
  indicators: readonly PcaetIndicator[],
  places: PcaetPlaces,
): PcaetImportResult {
  const columns = detectPcaetColumns(table.fields);
  const errors: RowError[] = [];
  const warnings: string[] = [];
  const values: PcaetValue[] = [];
  const missing = (['indicator', 'date', 'value'] as const).filter((c) => columns[c] === null);
  if (missing.length > 0) {
    const names = { indicator: 'indicateur', date: 'date ou année', value: 'valeur' };
    const message = `${agree(missing.length, 'Colonne obligatoire absente', 'Colonnes obligatoires absentes')} : ${missing.map((c) => names[c]).join(', ')}.`;
    for (let i = 0; i < table.count; i++) errors.push({ row: table.rowOf(i), reason: message });
    return { rows: table.count, values, errors, warnings: [message], columns };
  }
  if (columns.type === null)
    warnings.push('Pas de colonne « type » : toutes les lignes sont lues comme des valeurs mesurées.');

  const byId = new Map(indicators.map((d) => [d.id, d]));
  const byName = new Map(indicators.map((d) => [normaliseHeader(d.name), d]));
  const seen = new Set<string>();
  const cell = (i: number, column: PcaetColumn) => {
    const field = columns[column];
    return field === null ? null : table.get(i, field);
  };

  for (let i = 0; i < table.count; i++) {
    const row = table.rowOf(i);
    const reasons: string[] = [];
    const indicatorCell = cell(i, 'indicator')?.trim() ?? '';
    const indicator = byId.get(indicatorCell) ?? byName.get(normaliseHeader(indicatorCell));
    if (!indicator) {
      reasons.push(
        indicatorCell
          ? `indicateur « ${indicatorCell} » inconnu : créez-le d'abord (indicateurs existants : ${indicators.map((d) => d.id).join(', ') || 'aucun'})`
          : 'indicateur non renseigné',
      );
    }
    const dateCell = cell(i, 'date');
    const date = parseYearOrDate(dateCell);
    if (!date)
      reasons.push(
        dateCell?.trim() ? `date ou année « ${dateCell.trim()} » illisible` : 'date non renseignée',
      );
    const valueCell = cell(i, 'value');
    const value = parseNumberFr(valueCell);
    if (value === null)
      reasons.push(
        valueCell?.trim() ? `valeur « ${valueCell.trim()} » non numérique` : 'valeur non renseignée',
      );
    const typeCell = cell(i, 'type');
    const type = readValueType(typeCell);
    if (!type) reasons.push(`type « ${typeCell?.trim()} » inconnu (valeur, objectif ou estimation)`);

    if (indicator && date && value !== null && type) {
      const place =
        indicator.level === 'commune'
          ? (normaliseCode(cell(i, 'insee'), 5) ?? table.inseeOf?.(i) ?? null)
          : indicator.level === 'epci'
            ? normaliseCode(cell(i, 'epci'), 9)
            : (normaliseCode(cell(i, 'insee'), 5) ?? normaliseCode(cell(i, 'epci'), 9));
      const candidate: PcaetValue = { indicatorId: indicator.id, date, type, value, place, sourceRow: row };
      const problems = validateValue(candidate, indicator, places);
      const key = valueKey(candidate);
      if (problems.length === 0 && seen.has(key)) problems.push(duplicateMessage(candidate));
      if (problems.length === 0) {
        seen.add(key);
        values.push(candidate);
        continue;
      }
      reasons.push(...problems.map((p) => p.replace(/\.$/, '')));
    }
    errors.push({ row, reason: `${capitalise(reasons.join(' ; '))}.` });
  }
  return { rows: table.count, values, errors, warnings, columns };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Adds imported values to existing ones; a value for the same slot replaces the old one (counted). */
export function mergeValues(
  existing: readonly PcaetValue[],
  incoming: readonly PcaetValue[],
): { values: PcaetValue[]; replaced: number } {
  const byKey = new Map(existing.map((v) => [valueKey(v), v]));
  let replaced = 0;
  for (const v of incoming) {
    if (byKey.has(valueKey(v))) replaced++;
    byKey.set(valueKey(v), v);
  }
  return { values: [...byKey.values()], replaced };
}
