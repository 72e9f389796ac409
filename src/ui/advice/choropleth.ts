/**
 * The advice map: one `buildChoropleth` call gives both the communes' fill and the legend.
 * Conversion rates resting on fewer than 5 mature sessions are drawn apart (« données insuffisantes »),
 * never coloured as if they were reliable.
 */
import type { CommuneIndicatorRow } from '../../domain/advice/indicators.ts';
import { buildChoropleth, type Choropleth } from '../../domain/choropleth/choropleth.ts';
import { memoLast } from '../../lib/memo.ts';
import type { AdviceMapIndicator } from '../../state/adviceSlice.ts';

export const MAP_INDICATOR_LABELS: Record<AdviceMapIndicator, string> = {
  sessionsPer1000: 'Conseils pour 1 000 habitants',
  conversionRate: 'Passage à l’acte (conseils mûrs)',
};

export const INSUFFICIENT_LABEL = 'Données insuffisantes (moins de 5 conseils mûrs)';

export function adviceChoroplethOf(
  rows: readonly CommuneIndicatorRow[],
  indicator: AdviceMapIndicator,
): Choropleth {
  const values = new Map<string, number | null>();
  const smallSample = new Set<string>();
  for (const row of rows) {
    if (indicator === 'sessionsPer1000') values.set(row.insee, row.sessionsPer1000);
    else {
      values.set(row.insee, row.conversionRate === null ? null : row.conversionRate * 100);
      if (row.conversionRate !== null && row.smallSample) smallSample.add(row.insee);
    }
  }
  return buildChoropleth({
    indicator: { id: indicator, unit: indicator === 'conversionRate' ? '%' : '' },
    values,
    method: 'quantile',
    classes: 5,
    palette: indicator === 'conversionRate' ? 'Greens' : 'YlGnBu',
    smallSample,
    universe: rows.map((r) => r.insee),
    smallSampleLabel: INSUFFICIENT_LABEL,
    noDataLabel:
      indicator === 'conversionRate'
        ? 'Sans données (aucun conseil mûr)'
        : 'Sans données (population inconnue)',
  });
}

/** Shared by the map fill and the legend: same rows and indicator → the very same object. */
export const adviceChoropleth = memoLast(adviceChoroplethOf);
