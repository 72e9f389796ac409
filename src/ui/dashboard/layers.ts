/** Map layers of the dashboard: the numbered shortlist sites in the presentation's last view. */
import type { Brownfield } from '../../domain/friches/types.ts';
import type { BrownfieldsInput } from '../../domain/indicators/types.ts';
import { memoLast } from '../../lib/memo.ts';
import { type NumberedSite, numberedSiteLayers } from '../../map/layers/dashboard.ts';
import { type MapSpec, mergeSpecs } from '../../map/spec.ts';
import { useAppStore } from '../../state/store.ts';
import { useDashboardData } from './data.ts';
import { useActiveChoropleth } from './hooks.ts';
import { shortlistSites } from './presentation/figures.ts';
import { PRESENTATION_VIEWS } from './presentation/views.ts';
import { useValueLabels, valueLabelLayers, valueLabelsOffered } from './valueLabels.ts';

const numberedOf = memoLast((input: BrownfieldsInput, sites: Brownfield[]): NumberedSite[] => {
  const byId = new Map(sites.map((s) => [s.id, s]));
  return shortlistSites(input.sites).sites.flatMap((s, i) => {
    const site = byId.get(s.id);
    return site ? [{ id: s.id, number: i + 1, name: s.name, point: site.point }] : [];
  });
});

const layersOf = memoLast((numbered: NumberedSite[]): MapSpec | null =>
  numbered.length > 0 ? numberedSiteLayers(numbered) : null,
);

const labelsOf = memoLast(valueLabelLayers);

const merged = memoLast((a: MapSpec | null, b: MapSpec | null): MapSpec | null =>
  a && b ? mergeSpecs(a, b) : (a ?? b),
);

/** The numbered sites of the presentation's shortlist view (null on any other screen). */
export function useShortlistSites(): NumberedSite[] | null {
  const dashboard = useDashboardData();
  const on = useAppStore((s) => s.presentationOn);
  const index = useAppStore((s) => s.presentationView);
  const sites = useAppStore((s) => s.frichesSites);
  const view = PRESENTATION_VIEWS[Math.min(index, PRESENTATION_VIEWS.length - 1)]!;
  const input = dashboard?.data.brownfields;
  if (!on || view.id !== 'shortlist' || !input) return null;
  return numberedOf(input, sites);
}

export function useDashboardLayers(active: boolean): MapSpec | null {
  const numbered = useShortlistSites();
  const current = useActiveChoropleth();
  const labelsOn = useValueLabels((s) => s.on);
  const territory = useAppStore((s) => s.territory);
  if (!active) return null;
  const labels =
    labelsOn && current?.choropleth && territory && valueLabelsOffered(current)
      ? labelsOf(current, territory)
      : null;
  return merged(numbered ? layersOf(numbered) : null, labels);
}
