/**
 * The commune the user picked (map click or search box): what its tooltip says and which table row it
 * highlights. Values, classes and labels come from the same choropleth as the map and legend.
 */
import { formatNumber, formatValue } from '../../domain/choropleth/format.ts';
import type { CommuneRef } from '../../domain/indicators/types.ts';
import { legendRows, SMALL_SAMPLE_LEAD } from './legend.ts';
import type { DashboardChoropleth } from './mapModel.ts';

export interface PlaceDetails {
  /** The table row to highlight: the commune's INSEE code, or its EPCI's SIREN at EPCI level. */
  rowId: string;
  name: string;
  /** The commune's EPCI (at EPCI level, the place itself). */
  epciName: string;
  population: number;
  /** « 21,8 % » or « sans donnée ». */
  value: string;
  /** The legend entry the value falls in, word for word. */
  classLabel: string;
  color: string;
  period: string;
  indicator: string;
}

/** One decimal more than the legend bounds, as in the table: a value never reads equal to a bound it exceeds. */
export function valueText(current: DashboardChoropleth, value: number | null): string {
  if (value === null) return 'sans donnée';
  const decimals = Number.isInteger(value) ? 0 : Math.min(3, (current.choropleth?.decimals ?? 0) + 1);
  return current.info.unit ? formatValue(value, current.info.unit, decimals) : formatNumber(value, decimals);
}

export function placeDetails(
  current: DashboardChoropleth,
  insee: string,
  communes: readonly CommuneRef[],
  epciNames: ReadonlyMap<string, string>,
): PlaceDetails | null {
  const commune = communes.find((c) => c.insee === insee);
  if (!commune) return null;
  const epci = current.level === 'epci';
  const rowId = epci ? commune.epciSiren : commune.insee;
  const epciName = epciNames.get(commune.epciSiren) ?? commune.epciSiren;
  const population = epci
    ? communes.filter((c) => c.epciSiren === commune.epciSiren).reduce((s, c) => s + c.population, 0)
    : commune.population;
  const assignment = current.choropleth?.classOf(rowId);
  const rows = legendRows(current);
  const row =
    assignment?.kind === 'class'
      ? rows.filter((r) => r.kind === 'class')[assignment.index]
      : rows.find((r) => r.kind === assignment?.kind);
  const lead = row?.lead ? `${row.lead} : ` : '';
  return {
    rowId,
    name: epci ? epciName : commune.name,
    epciName,
    population,
    value: valueText(current, current.values.get(rowId) ?? null),
    classLabel: row ? `${lead}${row.label}` : assignment?.kind === 'smallSample' ? SMALL_SAMPLE_LEAD : '',
    color: assignment?.color ?? '#ffffff',
    period: current.period,
    indicator: current.info.label,
  };
}

/** Lower case, no accents, hyphens and apostrophes as spaces: « Saint-Étienne-au-Mont » ≈ « st etienne ». */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .trim();
}

/** Communes whose name (or INSEE code) matches the query: exact name first, then prefixes, then the rest. */
export function findCommunes(query: string, communes: readonly CommuneRef[], limit = 8): CommuneRef[] {
  const q = searchKey(query);
  if (!q) return [];
  const scored = communes.flatMap((c) => {
    const key = searchKey(c.name);
    const rank = key === q || c.insee === q ? 0 : key.startsWith(q) ? 1 : key.includes(q) ? 2 : -1;
    return rank < 0 ? [] : [{ c, rank }];
  });
  return scored
    .sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name, 'fr'))
    .slice(0, limit)
    .map((s) => s.c);
}
