import { useAppStore } from '../../state/store.ts';
import { DashboardLegend } from './DashboardLegend.tsx';
import { combinedSource, useDashboardData } from './data.ts';
import { useActiveChoropleth } from './hooks.ts';
import { PresentationOverlay } from './presentation/PresentationOverlay.tsx';

/** On the map: the legend, or the whole presentation layout in presentation mode. */
export function DashboardOverlay() {
  const on = useAppStore((s) => s.presentationOn);
  const dashboard = useDashboardData();
  const current = useActiveChoropleth();
  if (on) return <PresentationOverlay />;
  if (!dashboard || !current) return null;
  const source = current.info.pcaet ? null : combinedSource(dashboard.status, current.info.requires);
  return <DashboardLegend current={current} source={source} />;
}
