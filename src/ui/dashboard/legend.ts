/**
 * Legend entries of a dashboard choropleth, for the on-screen legend and the exported sheet alike: both
 * list the same classes, counts and colours as the `match` expression painting the map.
 */
import { METHOD_LABELS } from '../../domain/choropleth/classify.ts';
import { formatNumber } from '../../domain/choropleth/format.ts';
import type { LegendSpec } from '../../map/export/layout.ts';
import { type DashboardChoropleth, placeWord } from './mapModel.ts';

export interface LegendRow {
  key: string;
  kind: 'class' | 'smallSample' | 'noData';
  color: string;
  /** Bold lead ("Données insuffisantes"), then the explanation. */
  lead: string | null;
  label: string;
  count: number;
  countLabel: string;
}

export const SMALL_SAMPLE_LEAD = 'Données insuffisantes';

/**
 * Fill opacity of every choropleth (dashboard, advice): opaque, so the map shows the legend's colours
 * exactly; lightness belongs to the palette, never to a dimmed fill over the basemap.
 */
export const CHOROPLETH_FILL_OPACITY = 1;
export const NO_DATA_LEAD = 'Sans données';

export function legendRows(current: DashboardChoropleth): LegendRow[] {
  const c = current.choropleth;
  if (!c) return [];
  const count = (n: number) => `${formatNumber(n)} ${placeWord(current.level, n)}`;
  const rows: LegendRow[] = c.classes.map((k, i) => ({
    key: `class-${i}`,
    kind: 'class',
    color: k.color,
    lead: null,
    label: k.label,
    count: k.count,
    countLabel: count(k.count),
  }));
  // Shown whenever the indicator can have small samples, even at 0, so the rule is visible.
  if (
    c.smallSample.count > 0 ||
    current.smallSample.size > 0 ||
    current.info.key === 'adviceConversionRate'
  ) {
    rows.push({
      key: 'small',
      kind: 'smallSample',
      color: c.smallSample.color,
      lead: SMALL_SAMPLE_LEAD,
      label: c.smallSample.label,
      count: c.smallSample.count,
      countLabel: count(c.smallSample.count),
    });
  }
  if (c.noData.count > 0) {
    rows.push({
      key: 'none',
      kind: 'noData',
      color: c.noData.color,
      lead: NO_DATA_LEAD,
      label: c.noData.label,
      count: c.noData.count,
      countLabel: count(c.noData.count),
    });
  }
  return rows;
}

export function legendTitle(current: DashboardChoropleth): string {
  const unit = current.info.unit ? ` (${current.info.unit})` : '';
  return `${current.info.label}${unit} — par ${current.level === 'epci' ? 'EPCI' : 'commune'} — ${current.period}`;
}

export function methodLine(current: DashboardChoropleth): string {
  const c = current.choropleth;
  if (!c) return '';
  // A share of the target: what 100 % means is part of the legend (screen, PNG and print alike).
  if (current.info.targetShare)
    return `Classes fixes centrées sur l’objectif ; ${current.info.targetShare.note}`;
  return `${METHOD_LABELS[c.method]}, ${c.classes.length} classe${c.classes.length >= 2 ? 's' : ''}`;
}

/** The legend drawn on exported sheets (composeMapPng / printMap). */
export function exportLegend(current: DashboardChoropleth): LegendSpec {
  return {
    title: `${legendTitle(current)} · ${methodLine(current)}`,
    items: legendRows(current).map((r) => ({
      colour: r.color,
      label: `${r.lead ? `${r.lead} : ` : ''}${r.label} (${r.countLabel})`,
    })),
  };
}
