import type { ModuleView } from '../modules.ts';
import { CommunePanel } from '../panels/CommunePanel.tsx';
import { TerritoryOverlay } from './TerritoryOverlay.tsx';

export const territoryModule: ModuleView = {
  id: 'territory',
  Panel: CommunePanel,
  MapOverlay: TerritoryOverlay,
};
