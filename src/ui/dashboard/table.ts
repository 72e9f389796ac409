/**
 * Rows of the per-place table, built from the map's own values (so the table, the map and the legend
 * show the same figures), sorted with the engine's `sortTable` and exported with `tableCsv` / `toCsv`.
 */

import { indicatorById } from '../../domain/indicators/registry.ts';
import { sortTable, type TableRow, tableCsv } from '../../domain/indicators/table.ts';
import type { CommuneRef } from '../../domain/indicators/types.ts';
import { toCsv } from '../../io/csv/write.ts';
import type { DashboardChoropleth } from './mapModel.ts';

export function placeRows(
  current: DashboardChoropleth,
  communes: readonly CommuneRef[],
  epciNames: ReadonlyMap<string, string>,
): TableRow[] {
  const key = current.info.key;
  const places =
    current.level === 'commune'
      ? communes.map((c) => ({ id: c.insee, name: c.name, epci: c.epciSiren, population: c.population }))
      : [...epciNames].map(([siren, name]) => ({
          id: siren,
          name,
          epci: siren,
          population: communes.filter((c) => c.epciSiren === siren).reduce((s, c) => s + c.population, 0),
        }));
  return places.map((p) => ({
    ...p,
    values: { [key]: current.values.get(p.id) ?? null },
    smallSample: current.smallSample.has(p.id) ? [key] : [],
  }));
}

/** CSV of the rows as shown (formula-safe, `;`, decimal commas, BOM). */
export function placeCsv(current: DashboardChoropleth, rows: readonly TableRow[]): string {
  const indicator = indicatorById(current.info.key);
  if (indicator) return tableCsv(rows, current.level, [indicator], () => current.period);
  const level = current.level;
  const header = [
    level === 'commune' ? 'code_insee' : 'siren',
    level === 'commune' ? 'commune' : 'epci',
    'population',
    `${current.info.label} (${current.info.unit}) — ${current.period}`,
    'date de la valeur',
  ];
  return toCsv(
    header,
    rows.map((r) => [
      r.id,
      r.name,
      r.population,
      r.values[current.info.key] ?? null,
      current.dates?.get(r.id) ?? null,
    ]),
    { decimalComma: true },
  );
}

/**
 * Sorts like `sortTable`, but by value the rows resting on too few cases come after the reliable ones
 * (before those without data): a village with 2 sessions and 100 % must not top the ranking.
 */
export function sortPlaces(
  rows: readonly TableRow[],
  key: 'name' | 'population' | 'value',
  direction: 'asc' | 'desc',
  indicatorKey: string,
): TableRow[] {
  if (key !== 'value') return sortTable(rows, key, direction);
  const reliable = rows.filter((r) => r.smallSample.length === 0);
  const small = rows.filter((r) => r.smallSample.length > 0 && r.values[indicatorKey] !== null);
  const empty = rows.filter((r) => r.smallSample.length > 0 && r.values[indicatorKey] === null);
  const sorted = sortTable(reliable, indicatorKey, direction);
  const withValue = sorted.filter((r) => r.values[indicatorKey] !== null);
  const without = sorted.filter((r) => r.values[indicatorKey] === null);
  return [...withValue, ...sortTable(small, indicatorKey, direction), ...without, ...empty];
}
