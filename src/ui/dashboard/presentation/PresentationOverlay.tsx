import { bbox } from '@turf/turf';
import { useEffect, useRef } from 'react';
import { formatFrenchDate } from '../../../domain/advice/dates.ts';
import { contractDashboard } from '../../../domain/indicators/trajectory.ts';
import { memoLast } from '../../../lib/memo.ts';
import { useMapInstance } from '../../../map/mapInstance.ts';
import { useAppStore } from '../../../state/store.ts';
import { SourceBadge } from '../../SourceBadge.tsx';
import { DashboardLegend } from '../DashboardLegend.tsx';
import { combinedSource, useDashboardData } from '../data.ts';
import { BOUNDARIES_SOURCE } from '../exportSheet.ts';
import { useActiveChoropleth } from '../hooks.ts';
import { useShortlistSites } from '../layers.ts';
import { trajectoryChart } from '../TrajectoryCharts.tsx';
import { exitPresentation, PRESENTATION_CLASS, presentationKey, stepPresentation } from './control.ts';
import { viewContent } from './figures.ts';
import { KeyFigures, Shortlist } from './KeyFigures.tsx';
import { PRESENTATION_VIEWS } from './views.ts';

const contractOf = memoLast(contractDashboard);

/** Full-window council view: title band, map with its legend and key figures, sources; keyboard driven. */
export function PresentationOverlay() {
  const index = useAppStore((s) => s.presentationView);
  const territory = useAppStore((s) => s.territory);
  const dashboard = useDashboardData();
  const current = useActiveChoropleth();
  const map = useMapInstance();
  const header = useRef<HTMLElement>(null);
  const footer = useRef<HTMLElement>(null);
  const side = useRef<HTMLElement>(null);
  const figures = useRef<HTMLElement>(null);
  const view = PRESENTATION_VIEWS[Math.min(index, PRESENTATION_VIEWS.length - 1)]!;
  const shortlist = useShortlistSites();
  // The map's attribution is under the footer in this layout: the footer carries it.
  const basemap = useAppStore((s) => s.basemap);

  useEffect(() => {
    document.body.classList.add(PRESENTATION_CLASS);
    window.addEventListener('keydown', presentationKey);
    // Leaving fullscreen with the browser's own Escape also leaves the presentation.
    const onFullscreen = () => {
      if (!document.fullscreenElement && useAppStore.getState().presentationOn) exitPresentation();
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    // Left another way (browser history to another module): do not come back in presentation mode.
    const leaveModule = useAppStore.subscribe((state) => {
      if (state.module !== 'dashboard' && state.presentationOn) exitPresentation();
    });
    return () => {
      document.body.classList.remove(PRESENTATION_CLASS);
      window.removeEventListener('keydown', presentationKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      leaveModule();
    };
  }, []);

  // Frame the territory (the shortlist view: its sites, close enough to tell them apart) in the part of the map
  // left free by the title band, the footer and the side column.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-framed on each view (the side column changes height).
  useEffect(() => {
    if (!map || !territory) return;
    const bounds = bbox(territory.outline) as [number, number, number, number];
    const target =
      shortlist && shortlist.length > 0
        ? (bbox({
            type: 'FeatureCollection',
            features: shortlist.map((s) => ({ type: 'Feature', geometry: s.point, properties: {} })),
          }) as [number, number, number, number])
        : bounds;
    const frame = () => {
      map.resize();
      // Sites get a wide margin so their surroundings (coast, neighbouring communes) stay readable.
      const pad = target === bounds ? 24 : 110;
      map.fitBounds(target, {
        duration: 0,
        maxZoom: 12.5,
        padding: {
          top: (header.current?.offsetHeight ?? 0) + (figures.current?.offsetHeight ?? 0) + pad,
          bottom: (footer.current?.offsetHeight ?? 0) + pad,
          left: pad,
          right: (side.current?.offsetWidth ?? 0) + 2 * pad,
        },
      });
    };
    frame();
    const observer = new ResizeObserver(frame);
    observer.observe(map.getContainer());
    return () => {
      observer.disconnect();
      map.resize();
      map.fitBounds(bounds, { padding: 30, duration: 0 });
    };
  }, [map, territory, index, shortlist]);

  if (!dashboard || !current) return null;
  const { data, status } = dashboard;
  const content = viewContent(view, data, status, contractOf(data));
  const source = combinedSource(status, view.datasets);
  const contract = contractOf(data);
  const charted = contract.targets.filter((t) => t.trajectory !== null && status[t.id].loaded);
  const shown = content.missing.length < view.datasets.length;
  return (
    <div
      className="presentation"
      data-testid="presentation"
      data-view={view.id}
      data-views={PRESENTATION_VIEWS.length}
    >
      <header ref={header} className="presentation-header">
        <p className="presentation-step">
          {index + 1} / {PRESENTATION_VIEWS.length} · {view.name} · Données au {formatFrenchDate(data.asOf)}{' '}
          <SourceBadge source={source} />
        </p>
        <h1 data-testid="presentation-title">{view.title}</h1>
      </header>
      <section ref={figures} className="presentation-figures" aria-label="Chiffres clés">
        <KeyFigures content={content} />
      </section>
      {view.id === 'trajectory' ? (
        <section className="presentation-charts" aria-label="Trajectoires du contrat">
          {charted.map((t) => trajectoryChart(t, t.trajectory!, contract.period.start, contract.asOf, false))}
        </section>
      ) : (
        <aside ref={side} className="presentation-side" aria-label="Légende">
          <Shortlist content={content} />
          {shown ? <DashboardLegend current={current} source={null} compact /> : null}
        </aside>
      )}
      <footer ref={footer} className="presentation-footer">
        <p>
          <strong>Sources :</strong> {current.info.source} · {BOUNDARIES_SOURCE}
          {basemap ? ' · Fond de plan : © IGN — Plan IGN' : ''}
        </p>
        <nav aria-label="Navigation de la présentation" className="presentation-nav">
          <button
            type="button"
            onClick={(e) => {
              stepPresentation(-1);
              e.currentTarget.blur();
            }}
            disabled={index === 0}
          >
            ← Précédente
          </button>
          <button
            type="button"
            onClick={(e) => {
              stepPresentation(1);
              e.currentTarget.blur();
            }}
            disabled={index === PRESENTATION_VIEWS.length - 1}
          >
            Suivante →
          </button>
          <button type="button" onClick={exitPresentation} data-testid="presentation-exit">
            Quitter (Échap)
          </button>
        </nav>
      </footer>
    </div>
  );
}
