/**
 * Everything the advice screens show is derived here from the store's raw sessions, once per change:
 * the panel, the map fill and the legend read the same memoised results, so they cannot disagree.
 */
import { useMemo } from 'react';
import type { CommuneRef } from '../../domain/advice/communes.ts';
import { type AdviceDashboard, adviceDashboard } from '../../domain/advice/dashboard.ts';
import { localToday } from '../../domain/advice/dates.ts';
import type { CommuneIndicatorRow } from '../../domain/advice/indicators.ts';
import type { PeriodScope } from '../../domain/period.ts';
import { memoLast } from '../../lib/memo.ts';
import type { AdviceSettings } from '../../state/adviceSlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';

/** The user's calendar day; read once per render tree (a session typed at 23:59 still belongs to that day). */
export function useToday(): string {
  return useMemo(() => localToday(), []);
}

export interface TerritoryRefs {
  communes: CommuneRef[];
  /** Communes sorted by French name, for selects. */
  sorted: CommuneRef[];
  nameOf: Map<string, string>;
  epciOf: Map<string, string>;
}

export const territoryRefs = memoLast((territory: TerritoryData): TerritoryRefs => {
  const communes = territory.communes.features.map((f) => ({
    insee: f.properties.insee,
    name: f.properties.name,
  }));
  const sorted = [...communes].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    communes,
    sorted,
    nameOf: new Map(communes.map((c) => [c.insee, c.name])),
    epciOf: new Map(territory.communes.features.map((f) => [f.properties.insee, f.properties.epciSiren])),
  };
});

export function useTerritoryRefs(): TerritoryRefs | null {
  const territory = useAppStore((s) => s.territory);
  return territory ? territoryRefs(territory) : null;
}

const computeDashboard = memoLast(
  (
    sessions: AppSessions,
    territory: TerritoryData,
    settings: AdviceSettings,
    asOf: string,
    scope: PeriodScope,
  ): AdviceDashboard =>
    adviceDashboard(
      sessions,
      {
        communes: territory.communes.features.map((f) => f.properties),
        epci: territory.meta.epci,
        contract: territory.meta.contract,
      },
      { asOf, maturityMonths: settings.maturityMonths, offsetsMonths: settings.reminderOffsets, scope },
    ),
);

type AppSessions = ReturnType<typeof useAppStore.getState>['adviceSessions'];

export function useAdviceDashboard(): AdviceDashboard | null {
  const sessions = useAppStore((s) => s.adviceSessions);
  const territory = useAppStore((s) => s.territory);
  const settings = useAppStore((s) => s.adviceSettings);
  const scope = useAppStore((s) => s.periodScope);
  const today = useToday();
  if (!territory) return null;
  return computeDashboard(sessions, territory, settings, today, scope);
}

export function communeRow(dashboard: AdviceDashboard, insee: string | null): CommuneIndicatorRow | null {
  return insee ? (dashboard.communes.find((c) => c.insee === insee) ?? null) : null;
}
