/**
 * The dashboard's tables: one row per commune (or per EPCI) with every indicator, sortable, and their CSV
 * export through `toCsv` (formula neutralisation, `;`, BOM, decimal commas for French spreadsheets).
 */
import { type CsvCell, toCsv } from '../../io/csv/write.ts';
import { computeIndicator, INDICATORS, type Level } from './registry.ts';
import type { IndicatorData, IndicatorDefinition } from './types.ts';

export interface TableRow {
  /** INSEE code or EPCI SIREN. */
  id: string;
  name: string;
  epci: string;
  population: number;
  /** Indicator id → value (null = no data). */
  values: Record<string, number | null>;
  /** Indicator ids whose value rests on too few cases. */
  smallSample: string[];
}

export function indicatorTable(
  data: IndicatorData,
  level: Level = 'commune',
  indicators: readonly IndicatorDefinition[] = INDICATORS,
  epciNames: ReadonlyMap<string, string> = new Map(),
): TableRow[] {
  const computed = indicators.map(
    (indicator) => [indicator.id, computeIndicator(indicator, data, level)] as const,
  );
  const places =
    level === 'commune'
      ? data.communes.map((c) => ({ id: c.insee, name: c.name, epci: c.epciSiren, population: c.population }))
      : [...new Set(data.communes.map((c) => c.epciSiren))].map((siren) => ({
          id: siren,
          name: epciNames.get(siren) ?? siren,
          epci: siren,
          population: data.communes
            .filter((c) => c.epciSiren === siren)
            .reduce((s, c) => s + c.population, 0),
        }));
  return places.map((place) => {
    const values: Record<string, number | null> = {};
    const smallSample: string[] = [];
    for (const [id, byPlace] of computed) {
      const v = byPlace.get(place.id);
      values[id] = v?.value ?? null;
      if (v?.smallSample) smallSample.push(id);
    }
    return { ...place, values, smallSample };
  });
}

/**
 * Sorts by an indicator (or `name`/`population`); places without a value always go last, whatever the
 * direction, so "no data" never passes for the best or the worst.
 */
export function sortTable(
  rows: readonly TableRow[],
  key: string,
  direction: 'asc' | 'desc' = 'desc',
): TableRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const sortValue = (row: TableRow): number | string | null =>
    key === 'name' ? row.name : key === 'population' ? row.population : (row.values[key] ?? null);
  return [...rows].sort((a, b) => {
    const va = sortValue(a);
    const vb = sortValue(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    if (typeof va === 'string' || typeof vb === 'string')
      return sign * String(va).localeCompare(String(vb), 'fr');
    return sign * (va - vb) || a.name.localeCompare(b.name, 'fr');
  });
}

/** French CSV of the table: one column per indicator (label and unit), plus a small-sample column. */
export function tableCsv(
  rows: readonly TableRow[],
  level: Level = 'commune',
  indicators: readonly IndicatorDefinition[] = INDICATORS,
  /** Scope of each indicator's values (period rule), appended to its column name. */
  periodOf?: (indicator: IndicatorDefinition) => string,
): string {
  const named = (i: IndicatorDefinition) => {
    const base = i.unit ? `${i.label} (${i.unit})` : i.label;
    return periodOf ? `${base} — ${periodOf(i)}` : base;
  };
  const header = [
    level === 'commune' ? 'code_insee' : 'siren',
    level === 'commune' ? 'commune' : 'epci',
    ...(level === 'commune' ? ['siren_epci'] : []),
    'population',
    ...indicators.map(named),
    'effectif trop faible',
  ];
  const body = rows.map((row): CsvCell[] => [
    row.id,
    row.name,
    ...(level === 'commune' ? [row.epci] : []),
    row.population,
    ...indicators.map((i) => roundForCsv(row.values[i.id] ?? null)),
    row.smallSample.map((id) => indicators.find((i) => i.id === id)?.label ?? id).join(' | '),
  ]);
  return toCsv(header, body, { decimalComma: true });
}

/** Spreadsheet users do not need 15 significant digits of a percentage. */
function roundForCsv(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
