/** What an exported sheet of the current dashboard map says: title, legend, sources, date, badge. */

import type { LegendSpec } from '../../map/export/layout.ts';
import { type ShownSource, sampleWarning } from '../../state/sourceState.ts';
import { exportLegend, methodLine } from './legend.ts';
import type { DashboardChoropleth } from './mapModel.ts';

export const BOUNDARIES_SOURCE =
  'Contours : IGN Admin Express, INSEE (Licence Ouverte) · Populations : INSEE';

export interface SheetContent {
  title: string;
  subtitle: string;
  legend: LegendSpec;
  sources: string;
  date: string;
  badge?: string;
}

export function sheetContent(
  current: DashboardChoropleth,
  territoryName: string,
  asOf: string,
  source: ShownSource | null,
  basemap = false,
): SheetContent {
  const badge = sampleWarning(source);
  return {
    title: `${current.info.label} — ${territoryName}`,
    subtitle: `Par ${current.level === 'epci' ? 'EPCI' : 'commune'} · ${methodLine(current)}`,
    legend: exportLegend(current),
    // The map's attribution control is not part of the captured canvas: the sheet's footer carries it.
    sources: `${current.info.source} · ${BOUNDARIES_SOURCE}${basemap ? ' · Fond de plan : © IGN — Plan IGN' : ''}`,
    date: asOf,
    ...(badge ? { badge } : {}),
  };
}
