import { CHOROPLETH_FILL_OPACITY } from '../dashboard/legend.ts';
import type { ModuleView } from '../modules.ts';
import { AdviceLegend, useAdviceCommuneFill } from './AdviceLegend.tsx';
import { AdvicePanel } from './AdvicePanel.tsx';
import './advice.css';

/** « Conseils énergie » (issue 5): communes coloured by the choropleth, panel with indicators, follow-up, form. */
export const adviceModule: ModuleView = {
  id: 'advice',
  Panel: AdvicePanel,
  useCommuneFill: useAdviceCommuneFill,
  // Opaque fills: the legend's swatches are the colours the map shows (no dimming of the palette).
  communeFillOpacity: CHOROPLETH_FILL_OPACITY,
  MapOverlay: AdviceLegend,
};
