import { agree } from '../../lib/plural.ts';
import { toCsv } from '../csv/write.ts';
import type { ImportResult } from '../types.ts';

const fr = (n: number) => n.toLocaleString('fr-FR');

/** One French sentence for the report header and the CLI/UI summaries. */
export function importSummary(result: ImportResult): string {
  if (!result.ok) return `Import impossible : ${result.errors[0]?.reason ?? 'fichier illisible'}`;
  const accepted = result.features.count;
  const rejected = result.rows - accepted;
  return `${fr(result.rows)} ${agree(result.rows, 'ligne lue', 'lignes lues')} : ${fr(accepted)} ${agree(accepted, 'acceptée', 'acceptées')} (dont ${fr(result.outsideTerritory)} hors du territoire, ${agree(result.outsideTerritory, 'conservée', 'conservées')}), ${fr(rejected)} ${agree(rejected, 'rejetée', 'rejetées')}.`;
}

/**
 * The validation report as CSV (`;`, BOM, formula-neutralised via toCsv): one line per rejected row with its
 * reason, and one per accepted row lying outside the territory, in file order.
 */
export function validationReportCsv(result: ImportResult): string {
  const idColumn = result.mapping.id ? result.features.attributes[result.mapping.id] : undefined;
  const lines: { row: number; cells: (string | number | null)[] }[] = result.errors.map((error) => ({
    row: error.row,
    cells: [error.row, 'rejetée', error.reason, null],
  }));
  const { features } = result;
  // Without a commune join (no communes given) nothing is known to be outside the territory.
  for (let i = 0; i < features.count && result.outsideTerritory > 0; i++) {
    if (features.insee[i] !== null) continue;
    const row = features.row[i]!;
    lines.push({
      row,
      cells: [
        row,
        'conservée, hors territoire',
        'en dehors des communes du territoire',
        idColumn?.get(i) ?? null,
      ],
    });
  }
  lines.sort((a, b) => a.row - b.row);
  return toCsv(
    ['ligne', 'statut', 'raison', 'identifiant'],
    lines.map((l) => l.cells),
  );
}
