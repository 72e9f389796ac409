import type { ModuleView } from '../modules.ts';
import { DashboardOverlay } from './DashboardOverlay.tsx';
import { DashboardPanel } from './DashboardPanel.tsx';
import { useDashboardFill } from './hooks.ts';
import { useDashboardLayers } from './layers.ts';
import { CHOROPLETH_FILL_OPACITY } from './legend.ts';
import './dashboard.css';

/** « Tableau de bord » (issue 7): contract progress, choropleths of every indicator, PCAET, presentation mode. */
export const dashboardModule: ModuleView = {
  id: 'dashboard',
  Panel: DashboardPanel,
  useMapLayers: useDashboardLayers,
  useCommuneFill: useDashboardFill,
  // Opaque: the palette carries the colours the legend shows; dimming the fills would make them differ.
  communeFillOpacity: CHOROPLETH_FILL_OPACITY,
  MapOverlay: DashboardOverlay,
};
