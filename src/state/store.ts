import { create } from 'zustand';
import { createTerritorySlice, type TerritorySlice } from './territorySlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

/** One store, in slices: raw data and user choices only — everything else is derived where it is shown. */
export type AppState = TerritorySlice & UiSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createTerritorySlice(...a),
  ...createUiSlice(...a),
}));
