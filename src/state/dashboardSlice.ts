import type { StateCreator } from 'zustand';
import {
  CLASSIFICATION_METHODS,
  type ClassificationMethod,
  MAX_CLASSES,
  MIN_CLASSES,
} from '../domain/choropleth/classify.ts';
import { type PaletteId, paletteInfo } from '../domain/choropleth/palettes.ts';
import type { PcaetIndicator, PcaetValue } from '../domain/pcaet/types.ts';
import { cleanPcaet } from '../domain/pcaet/validate.ts';
import { DEFAULT_PERIOD_SCOPE, PERIOD_SCOPES, type PeriodScope } from '../domain/period.ts';
import { registerPersistedSection } from './persist.ts';
import type { AppState } from './store.ts';

export type DashboardLevel = 'commune' | 'epci';

/**
 * The map's choice. `indicator` is a dashboard indicator id (INDICATORS) or `pcaet:<id>` for a
 * commune-level PCAET indicator defined by the user.
 */
export interface DashboardMapChoice {
  indicator: string;
  method: ClassificationMethod;
  classes: number;
  /** Bounds for the `manual` method, ascending (classes + 1 numbers). */
  manualBreaks: number[];
  palette: PaletteId;
  level: DashboardLevel;
}

export const DEFAULT_DASHBOARD_MAP: DashboardMapChoice = {
  indicator: 'cotriProgress',
  method: 'quantile',
  classes: 5,
  manualBreaks: [0, 25, 50, 75, 100],
  palette: 'YlGnBu',
  level: 'commune',
};

export const PCAET_PREFIX = 'pcaet:';

export interface DashboardSlice {
  dashboardMap: DashboardMapChoice;
  /** Council-meeting mode: full window, one view at a time. Not persisted (a reload starts in normal mode). */
  presentationOn: boolean;
  presentationView: number;
  /**
   * The period rule of every contract figure (domain/period.ts), shared by the dashboard, the advice and
   * lighting panels. Not persisted: a reload starts on the contract period, the default.
   */
  periodScope: PeriodScope;
  setPeriodScope: (scope: PeriodScope) => void;
  pcaetIndicators: PcaetIndicator[];
  pcaetValues: PcaetValue[];
  setDashboardMap: (patch: Partial<DashboardMapChoice>) => void;
  setPresentation: (on: boolean) => void;
  setPresentationView: (index: number) => void;
  addPcaetIndicator: (indicator: PcaetIndicator) => void;
  removePcaetIndicator: (id: string) => void;
  /** Replaces every value of the store (after a merge done by the caller). */
  setPcaetValues: (values: PcaetValue[]) => void;
}

/** A choice from storage or a form, made safe: each bad field falls back to its current value. */
export function cleanMapChoice(
  input: Partial<DashboardMapChoice>,
  base: DashboardMapChoice,
): DashboardMapChoice {
  const method = CLASSIFICATION_METHODS.includes(input.method as ClassificationMethod)
    ? (input.method as ClassificationMethod)
    : base.method;
  const classes =
    typeof input.classes === 'number' &&
    Number.isInteger(input.classes) &&
    input.classes >= MIN_CLASSES &&
    input.classes <= MAX_CLASSES
      ? input.classes
      : base.classes;
  const manualBreaks =
    Array.isArray(input.manualBreaks) &&
    input.manualBreaks.every((b) => typeof b === 'number' && Number.isFinite(b))
      ? input.manualBreaks.slice(0, MAX_CLASSES + 1)
      : base.manualBreaks;
  return {
    indicator: typeof input.indicator === 'string' && input.indicator ? input.indicator : base.indicator,
    method,
    classes,
    manualBreaks,
    palette: typeof input.palette === 'string' && paletteInfo(input.palette) ? input.palette : base.palette,
    level: input.level === 'commune' || input.level === 'epci' ? input.level : base.level,
  };
}

export const createDashboardSlice: StateCreator<AppState, [], [], DashboardSlice> = (set) => ({
  dashboardMap: DEFAULT_DASHBOARD_MAP,
  presentationOn: false,
  presentationView: 0,
  periodScope: DEFAULT_PERIOD_SCOPE,
  setPeriodScope: (periodScope) =>
    set({ periodScope: PERIOD_SCOPES.includes(periodScope) ? periodScope : DEFAULT_PERIOD_SCOPE }),
  pcaetIndicators: [],
  pcaetValues: [],
  setDashboardMap: (patch) => set((s) => ({ dashboardMap: cleanMapChoice(patch, s.dashboardMap) })),
  setPresentation: (presentationOn) => set({ presentationOn, presentationView: 0 }),
  setPresentationView: (index) => set({ presentationView: Math.max(0, Math.floor(index)) }),
  addPcaetIndicator: (indicator) =>
    set((s) => ({ pcaetIndicators: [...s.pcaetIndicators.filter((i) => i.id !== indicator.id), indicator] })),
  removePcaetIndicator: (id) =>
    set((s) => ({
      pcaetIndicators: s.pcaetIndicators.filter((i) => i.id !== id),
      pcaetValues: s.pcaetValues.filter((v) => v.indicatorId !== id),
      // The map must not keep pointing at an indicator that no longer exists.
      dashboardMap:
        s.dashboardMap.indicator === `${PCAET_PREFIX}${id}`
          ? { ...s.dashboardMap, indicator: DEFAULT_DASHBOARD_MAP.indicator }
          : s.dashboardMap,
    })),
  setPcaetValues: (pcaetValues) => set({ pcaetValues }),
});

interface PersistedDashboard {
  map: DashboardMapChoice;
  pcaetIndicators: PcaetIndicator[];
  pcaetValues: PcaetValue[];
}

export { cleanPcaet };

registerPersistedSection<PersistedDashboard>({
  key: 'dashboard',
  version: 1,
  pick: (s) => ({ map: s.dashboardMap, pcaetIndicators: s.pcaetIndicators, pcaetValues: s.pcaetValues }),
  apply: (data) => ({
    dashboardMap: cleanMapChoice(data?.map ?? {}, DEFAULT_DASHBOARD_MAP),
    ...cleanPcaet(data?.pcaetIndicators, data?.pcaetValues),
  }),
});
