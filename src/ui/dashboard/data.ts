/**
 * The dashboard's inputs, derived from the modules' raw data in the store through the engine's adapters
 * (the figures each module's own screen shows). A module without data gives `null`, never zeros: the
 * indicators then have no value anywhere and the screens say « Données non chargées ».
 */
import { useMemo } from 'react';
import { localToday } from '../../domain/advice/dates.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { adviceInput, lightsInput } from '../../domain/indicators/adapters.ts';
import type {
  AdviceInput,
  BrownfieldsInput,
  CommuneRef,
  Dataset,
  IndicatorData,
  LightsInput,
} from '../../domain/indicators/types.ts';
import type { LightingSettings } from '../../domain/lights/energy.ts';
import type { LightPoint } from '../../domain/lights/types.ts';
import type { PeriodScope } from '../../domain/period.ts';
import type { ContractConfig } from '../../domain/territory/types.ts';
import { memoLast } from '../../lib/memo.ts';
import { adviceShownSource, combineSources, type ShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { useBrownfieldsInput } from './sources.ts';

export interface DatasetStatus {
  id: Dataset;
  /** French module name. */
  label: string;
  loaded: boolean;
  /** Sample, the user's, or both (sourceState.ts): what its badge says. */
  source: ShownSource | null;
  /** French, e.g. scores still being computed. */
  note?: string;
}

export const DATASET_LABELS: Record<Dataset, string> = {
  lights: 'Éclairage public',
  advice: 'Conseils énergie',
  brownfields: 'Friches',
};

export const communeRefsOf = memoLast((territory: TerritoryData): CommuneRef[] =>
  territory.communes.features.map(({ properties: p }) => ({
    insee: p.insee,
    name: p.name,
    epciSiren: p.epciSiren,
    population: p.population,
  })),
);

export const epciNamesOf = memoLast(
  (territory: TerritoryData): Map<string, string> =>
    new Map(territory.meta.epci.map((e) => [e.siren, e.name])),
);

const lightsInputOf = memoLast(
  (
    points: LightPoint[],
    settings: LightingSettings,
    contract: ContractConfig,
    communes: CommuneRef[],
    scope: PeriodScope,
  ): LightsInput => lightsInput(points, settings, contract, communes, scope),
);

const adviceInputOf = memoLast(
  (
    sessions: AdviceSession[],
    contract: ContractConfig,
    communes: CommuneRef[],
    asOf: string,
    scope: PeriodScope,
  ): AdviceInput => adviceInput(sessions, contract, communes, asOf, scope),
);

const indicatorDataOf = memoLast(
  (
    communes: CommuneRef[],
    contract: ContractConfig,
    asOf: string,
    scope: PeriodScope,
    lights: LightsInput | null,
    advice: AdviceInput | null,
    brownfields: BrownfieldsInput | null,
  ): IndicatorData => ({ communes, contract, asOf, scope, lights, advice, brownfields }),
);

/** The user's calendar day, read once per mounted tree: the dashboard's data date. */
export function useAsOf(): string {
  return useMemo(() => localToday(), []);
}

export interface DashboardData {
  data: IndicatorData;
  status: Record<Dataset, DatasetStatus>;
  territory: TerritoryData;
}

/** Everything the dashboard reads; null until the territory is loaded. */
export function useDashboardData(): DashboardData | null {
  const territory = useAppStore((s) => s.territory);
  const points = useAppStore((s) => s.lightPoints);
  const lightsSource = useAppStore((s) => s.lightsSource);
  const settings = useAppStore((s) => s.lightingSettings);
  const sessions = useAppStore((s) => s.adviceSessions);
  const adviceSource = useAppStore(adviceShownSource);
  const brownfields = useBrownfieldsInput();
  const scope = useAppStore((s) => s.periodScope);
  const asOf = useAsOf();
  if (!territory) return null;
  const communes = communeRefsOf(territory);
  const { contract } = territory.meta;
  const lightsLoaded = lightsSource !== null || points.length > 0;
  const adviceLoaded = adviceSource !== null || sessions.length > 0;
  const data = indicatorDataOf(
    communes,
    contract,
    asOf,
    scope,
    lightsLoaded ? lightsInputOf(points, settings, contract, communes, scope) : null,
    adviceLoaded ? adviceInputOf(sessions, contract, communes, asOf, scope) : null,
    brownfields.input,
  );
  return {
    data,
    territory,
    status: statusOf(
      lightsLoaded,
      lightsSource,
      adviceLoaded,
      adviceSource,
      brownfields.input !== null,
      brownfields.source,
      brownfields.computing,
    ),
  };
}

const statusOf = memoLast(
  (
    lightsLoaded: boolean,
    lightsSource: ShownSource | null,
    adviceLoaded: boolean,
    adviceSource: ShownSource | null,
    frichesLoaded: boolean,
    frichesSource: ShownSource | null,
    frichesComputing: boolean,
  ): Record<Dataset, DatasetStatus> => ({
    lights: { id: 'lights', label: DATASET_LABELS.lights, loaded: lightsLoaded, source: lightsSource },
    advice: { id: 'advice', label: DATASET_LABELS.advice, loaded: adviceLoaded, source: adviceSource },
    brownfields: {
      id: 'brownfields',
      label: DATASET_LABELS.brownfields,
      loaded: frichesLoaded,
      source: frichesSource,
      ...(frichesComputing ? { note: 'calcul des scores en cours…' } : {}),
    },
  }),
);

/** The badge source for figures combining several loaded datasets (combineSources: all sample, mixed, or real). */
export function combinedSource(
  status: Record<Dataset, DatasetStatus>,
  datasets: readonly Dataset[],
): ShownSource | null {
  return combineSources(datasets.filter((d) => status[d].loaded).map((d) => status[d].source));
}
