import type { ExpressionSpecification } from 'maplibre-gl';
import { formatNumber } from '../../domain/choropleth/format.ts';
import type { AdviceMapIndicator } from '../../state/adviceSlice.ts';
import { adviceShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { adviceChoropleth, MAP_INDICATOR_LABELS } from './choropleth.ts';
import { useAdviceDashboard } from './derived.ts';

function useChoropleth() {
  const dashboard = useAdviceDashboard();
  const indicator = useAppStore((s) => s.adviceMapIndicator);
  const hasData = useAppStore((s) => s.adviceSessions.length > 0 || s.adviceSource !== null);
  return dashboard && hasData ? adviceChoropleth(dashboard.communes, indicator) : null;
}

/** The communes' fill while the advice module is on screen; the legend below reads the same object. */
export function useAdviceCommuneFill(active: boolean): ExpressionSpecification | string | null {
  const choropleth = useChoropleth();
  if (!active || !choropleth) return null;
  return choropleth.paint as ExpressionSpecification | string;
}

export function AdviceLegend() {
  const choropleth = useChoropleth();
  const indicator = useAppStore((s) => s.adviceMapIndicator);
  const setIndicator = useAppStore((s) => s.setAdviceMapIndicator);
  const source = useAppStore(adviceShownSource);
  if (!choropleth) return null;
  const entries = [
    ...choropleth.classes.map((c, i) => ({
      key: `class-${i}`,
      color: c.color,
      label: c.label,
      count: c.count,
    })),
    ...(indicator === 'conversionRate' ? [{ key: 'small', ...choropleth.smallSample }] : []),
    { key: 'none', ...choropleth.noData },
  ];
  return (
    <section
      className="map-legend advice-legend"
      aria-label="Légende de la carte des conseils"
      data-testid="advice-legend"
    >
      <label htmlFor="advice-map-indicator">
        <strong>Carte</strong>
      </label>
      <select
        id="advice-map-indicator"
        value={indicator}
        onChange={(e) => setIndicator(e.target.value as AdviceMapIndicator)}
      >
        {(Object.keys(MAP_INDICATOR_LABELS) as AdviceMapIndicator[]).map((k) => (
          <option key={k} value={k}>
            {MAP_INDICATOR_LABELS[k]}
          </option>
        ))}
      </select>
      <div className="legend-source">
        <SourceBadge source={source} />
      </div>
      <ul>
        {entries.map((e) => (
          <li key={e.key} data-testid="advice-legend-entry">
            <span className="swatch" style={{ background: e.color }} aria-hidden="true" />
            <span className="legend-label">{e.label}</span>
            <span className="muted legend-count">{formatNumber(e.count)} comm.</span>
          </li>
        ))}
      </ul>
      {choropleth.warnings.map((w) => (
        <p key={w} className="muted small">
          {w}
        </p>
      ))}
      <p className="muted small">Classes par quantiles. Cliquez une commune pour filtrer le panneau.</p>
    </section>
  );
}
