import type { ModuleView } from '../modules.ts';
import { CommunePanel } from '../panels/CommunePanel.tsx';
import { TerritoryLegend } from './TerritoryLegend.tsx';

export const territoryModule: ModuleView = {
  id: 'territory',
  Panel: CommunePanel,
  MapOverlay: TerritoryLegend,
};
