import { useAppStore } from '../../state/store.ts';
import { CommuneTooltip } from './CommuneTooltip.tsx';
import { DashboardLegend } from './DashboardLegend.tsx';
import { combinedSource, useDashboardData } from './data.ts';
import { useActiveChoropleth } from './hooks.ts';
import { PresentationOverlay } from './presentation/PresentationOverlay.tsx';

/** On the map: the legend, or the whole presentation layout in presentation mode. */
export function DashboardOverlay() {
  const on = useAppStore((s) => s.presentationOn);
  const dashboard = useDashboardData();
  const current = useActiveChoropleth();
  if (!dashboard || !current) return on ? <PresentationOverlay /> : null;
  const source = current.info.pcaet ? null : combinedSource(dashboard.status, current.info.requires);
  return (
    <>
      {on ? <PresentationOverlay /> : <DashboardLegend current={current} source={source} />}
      <CommuneTooltip current={current} />
    </>
  );
}
