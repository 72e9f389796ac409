/**
 * The choropleth on screen: the user's choice in the panel, or the current view's indicator in
 * presentation mode. The fill hook, the legend and the exports all read `useActiveChoropleth`.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { ClassificationMethod } from '../../domain/choropleth/classify.ts';
import type { PaletteId } from '../../domain/choropleth/palettes.ts';
import type { Dataset, IndicatorData } from '../../domain/indicators/types.ts';
import type { PcaetIndicator, PcaetValue } from '../../domain/pcaet/types.ts';
import { memoLast } from '../../lib/memo.ts';
import type { DashboardLevel, DashboardMapChoice } from '../../state/dashboardSlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { type DatasetStatus, useDashboardData } from './data.ts';
import { buildDashboardChoropleth, type DashboardChoropleth } from './mapModel.ts';
import { PRESENTATION_VIEWS, viewChoice } from './presentation/views.ts';

const sirensOf = memoLast((territory: TerritoryData): string[] => territory.meta.epci.map((e) => e.siren));

/** A few slots: the panel, the map and the presentation may ask for different choices in one render. */
function memoSlots<A extends unknown[], R>(fn: (...args: A) => R, size = 4): (...args: A) => R {
  const slots: { args: A; result: R }[] = [];
  return (...args: A) => {
    const hit = slots.find((s) => s.args.every((a, i) => Object.is(a, args[i])));
    if (hit) return hit.result;
    const result = fn(...args);
    slots.unshift({ args, result });
    slots.length = Math.min(slots.length, size);
    return result;
  };
}

const choroplethOf = memoSlots(
  (
    data: IndicatorData,
    status: Record<Dataset, DatasetStatus>,
    epciSirens: string[],
    pcaetIndicators: PcaetIndicator[],
    pcaetValues: PcaetValue[],
    indicator: string,
    method: ClassificationMethod,
    classes: number,
    manualBreaks: number[],
    palette: PaletteId,
    level: DashboardLevel,
  ): DashboardChoropleth =>
    buildDashboardChoropleth(
      { data, status, epciSirens, pcaetIndicators, pcaetValues },
      { indicator, method, classes, manualBreaks, palette, level },
    ),
);

export function useChoropleth(choice: DashboardMapChoice): DashboardChoropleth | null {
  const dashboard = useDashboardData();
  const pcaetIndicators = useAppStore((s) => s.pcaetIndicators);
  const pcaetValues = useAppStore((s) => s.pcaetValues);
  if (!dashboard) return null;
  return choroplethOf(
    dashboard.data,
    dashboard.status,
    sirensOf(dashboard.territory),
    pcaetIndicators,
    pcaetValues,
    choice.indicator,
    choice.method,
    choice.classes,
    choice.manualBreaks,
    choice.palette,
    choice.level,
  );
}

const choiceOf = memoLast(
  (base: DashboardMapChoice, on: boolean, index: number): DashboardMapChoice =>
    on ? viewChoice(PRESENTATION_VIEWS[Math.min(index, PRESENTATION_VIEWS.length - 1)]!, base) : base,
);

/** The map choice in force: the panel's, or the presentation view's. */
export function useActiveChoice(): DashboardMapChoice {
  const base = useAppStore((s) => s.dashboardMap);
  const on = useAppStore((s) => s.presentationOn);
  const index = useAppStore((s) => s.presentationView);
  return choiceOf(base, on, index);
}

export function useActiveChoropleth(): DashboardChoropleth | null {
  return useChoropleth(useActiveChoice());
}

/** The communes' fill while the dashboard is on screen. */
export function useDashboardFill(active: boolean): ExpressionSpecification | string | null {
  const current = useActiveChoropleth();
  if (!active || !current?.choropleth) return null;
  return current.choropleth.paint as ExpressionSpecification | string;
}
