import { type CsvCell, toCsv } from '../../io/csv/write.ts';
import type { ImportResult } from '../../io/types.ts';
import type { ModuleOutcome } from './outcome.ts';

export const REPORT_HEADER = ['ligne', 'statut', 'raison', 'identifiant'];

/**
 * The import report as CSV, in file order: rows rejected (by the engine or by the module's rules), kept rows
 * with remarks, and kept rows outside the territory. Same columns as `validationReportCsv` (src/io), which
 * only knows the engine's rejections; cells go through `toCsv`, so imported text cannot become a formula.
 */
/**
 * The identifier (engine mapping's column) of a file row, when the row reached the features. Features come
 * in file order: a binary search over their row numbers, instead of a map of a million rows built before
 * the report can show (a map only for features out of order, built on first use).
 */
export function rowIdLookup(result: ImportResult): (row: number) => string | null {
  const { features } = result;
  const idColumn = result.mapping.id ? features.attributes[result.mapping.id] : undefined;
  if (!idColumn) return () => null;
  const rows = features.row.subarray(0, features.count);
  let ascending = true;
  for (let i = 1; i < rows.length && ascending; i++) ascending = rows[i - 1]! < rows[i]!;
  let indexOfRow: Map<number, number> | null = null;
  const find = (row: number): number | undefined => {
    if (!ascending) {
      if (!indexOfRow) {
        indexOfRow = new Map();
        for (let i = 0; i < rows.length; i++) indexOfRow.set(rows[i]!, i);
      }
      return indexOfRow.get(row);
    }
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid] === row) return mid;
      if (rows[mid]! < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return (row) => {
    const i = find(row);
    return i === undefined ? null : (idColumn.get(i) ?? null);
  };
}

export function importReportCsv(result: ImportResult, outcome: ModuleOutcome<unknown>): string {
  const { features } = result;
  const idOf = rowIdLookup(result);

  const lines: { row: number; order: number; cells: CsvCell[] }[] = [];
  const rejected = new Set<number>();
  const fatal = outcome.fatal ?? (result.ok ? null : (result.errors[0]?.reason ?? null));
  if (fatal) lines.push({ row: 0, order: 0, cells: [0, 'fichier refusé', fatal, null] });
  for (const error of outcome.errors) {
    if (error.row <= 0) continue;
    rejected.add(error.row);
    lines.push({ row: error.row, order: 1, cells: [error.row, 'rejetée', error.reason, idOf(error.row)] });
  }
  for (const flag of outcome.flagged ?? []) {
    lines.push({
      row: flag.row,
      order: 2,
      cells: [flag.row, 'conservée, avec remarque', flag.reason, idOf(flag.row)],
    });
  }
  // Without a commune join nothing is known to be outside the territory (insee is then null everywhere).
  if (result.outsideTerritory > 0) {
    for (let i = 0; i < features.count; i++) {
      const row = features.row[i]!;
      if (features.insee[i] !== null || rejected.has(row)) continue;
      lines.push({
        row,
        order: 3,
        cells: [row, 'conservée, hors territoire', 'en dehors des communes du territoire', idOf(row)],
      });
    }
  }
  lines.sort((a, b) => a.row - b.row || a.order - b.order);
  return toCsv(
    REPORT_HEADER,
    lines.map((l) => l.cells),
  );
}
