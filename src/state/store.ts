import { create } from 'zustand';
import { type AdviceSlice, createAdviceSlice } from './adviceSlice.ts';
import { createDashboardSlice, type DashboardSlice } from './dashboardSlice.ts';
import { createFrichesComputeSlice, type FrichesComputeSlice } from './frichesComputeSlice.ts';
import { createFrichesSlice, type FrichesSlice } from './frichesSlice.ts';
import { createImportHistorySlice, type ImportHistorySlice } from './importHistorySlice.ts';
import { createImportMappingsSlice, type ImportMappingsSlice } from './importMappingsSlice.ts';
import { createLightsSlice, type LightsSlice } from './lightsSlice.ts';
import { createTeamSlice, type TeamSlice } from './teamSlice.ts';
import { createTerritorySlice, type TerritorySlice } from './territorySlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice.ts';

/** One store, in slices: raw data and user choices only — everything else is derived where it is shown. */
export type AppState = TerritorySlice &
  UiSlice &
  WorkspaceSlice &
  AdviceSlice &
  LightsSlice &
  DashboardSlice &
  FrichesSlice &
  FrichesComputeSlice &
  ImportMappingsSlice &
  ImportHistorySlice &
  TeamSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTerritorySlice(...a),
  ...createUiSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createAdviceSlice(...a),
  ...createLightsSlice(...a),
  ...createDashboardSlice(...a),
  ...createFrichesSlice(...a),
  ...createFrichesComputeSlice(...a),
  ...createImportMappingsSlice(...a),
  ...createImportHistorySlice(...a),
  ...createTeamSlice(...a),
}));
