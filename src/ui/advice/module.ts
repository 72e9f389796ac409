import type { ModuleView } from '../modules.ts';
import { AdviceLegend, useAdviceCommuneFill } from './AdviceLegend.tsx';
import { AdvicePanel } from './AdvicePanel.tsx';
import './advice.css';

/** « Conseils énergie » (issue 5): communes coloured by the choropleth, panel with indicators, follow-up, form. */
export const adviceModule: ModuleView = {
  id: 'advice',
  Panel: AdvicePanel,
  useCommuneFill: useAdviceCommuneFill,
  MapOverlay: AdviceLegend,
};
