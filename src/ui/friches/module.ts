import type { ModuleView } from '../modules.ts';
import { FrichesLegend } from './FrichesLegend.tsx';
import { FrichesPanel } from './FrichesPanel.tsx';
import { FRICHES_CLICK_HANDLERS, useFrichesMapLayers } from './mapLayers.ts';
import './friches.css';

/** « Friches » (issue 6): CNIG inventory, multi-criteria ranking on the map, defensible shortlist of 5. */
export const frichesModule: ModuleView = {
  id: 'friches',
  Panel: FrichesPanel,
  useMapLayers: useFrichesMapLayers,
  MapOverlay: FrichesLegend,
  clickHandlers: FRICHES_CLICK_HANDLERS,
};
