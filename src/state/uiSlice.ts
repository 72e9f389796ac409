import type { FeatureCollection } from 'geojson';
import type { StateCreator } from 'zustand';
import type { AppState } from './store.ts';

export type ModuleId = 'territory' | 'lights' | 'advice' | 'friches' | 'dashboard';

export const MODULES: { id: ModuleId; label: string; hash: string }[] = [
  { id: 'territory', label: 'Territoire', hash: '#/territoire' },
  { id: 'lights', label: 'Éclairage public', hash: '#/eclairage' },
  { id: 'advice', label: 'Conseils énergie', hash: '#/conseils' },
  { id: 'friches', label: 'Friches', hash: '#/friches' },
  { id: 'dashboard', label: 'Tableau de bord', hash: '#/tableau-de-bord' },
];

export function moduleFromHash(hash: string): ModuleId {
  return MODULES.find((m) => m.hash === hash)?.id ?? 'territory';
}

export interface UiSlice {
  module: ModuleId;
  selectedCommune: string | null;
  basemap: boolean;
  /**
   * A drawing tool owns the map's pointer (a drawing in progress): the shell's click-to-select-a-commune
   * stands aside so that placing a vertex does not also open a commune's card.
   */
  drawing: boolean;
  /** The drawing tool's sketch (vertices, rubber band, kept result); null when no tool is mounted. */
  drawSketch: FeatureCollection | null;
  setModule: (module: ModuleId) => void;
  selectCommune: (insee: string | null) => void;
  setBasemap: (on: boolean) => void;
  setDraw: (draw: { drawing: boolean; drawSketch: FeatureCollection | null }) => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  module: 'territory',
  selectedCommune: null,
  basemap: false,
  drawing: false,
  drawSketch: null,
  setModule: (module) => set({ module }),
  selectCommune: (selectedCommune) => set({ selectedCommune }),
  setBasemap: (basemap) => set({ basemap }),
  setDraw: ({ drawing, drawSketch }) => set({ drawing, drawSketch }),
});
