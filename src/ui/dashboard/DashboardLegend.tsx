import { useId, useRef, useState } from 'react';
import type { ShownSource } from '../../state/sourceState.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { useLegendFraming } from './framing.ts';
import { legendRows, legendTitle, methodLine } from './legend.ts';
import type { DashboardChoropleth } from './mapModel.ts';

export interface DashboardLegendProps {
  current: DashboardChoropleth;
  source: ShownSource | null;
  /** Presentation mode: no explanatory footnote, larger type (CSS). */
  compact?: boolean;
}

/** The legend of the map, built from the same choropleth object as the communes' fill. */
export function DashboardLegend({ current, source, compact = false }: DashboardLegendProps) {
  const rows = legendRows(current);
  const c = current.choropleth;
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  // Collapsible on screen (the presentation keeps its legend open beside the map).
  const [open, setOpen] = useState(true);
  const expanded = compact || open;
  useLegendFraming(ref, !compact);
  return (
    <section
      ref={ref}
      className={`map-legend dashboard-legend${expanded ? '' : ' collapsed'}`}
      aria-label="Légende de la carte"
      data-testid="dashboard-legend"
    >
      <div className="legend-head">
        <h2 className="legend-title">{legendTitle(current)}</h2>
        {compact ? null : (
          <button
            type="button"
            className="legend-toggle"
            aria-expanded={open}
            aria-controls={`${id}-body`}
            onClick={() => setOpen((o) => !o)}
            data-testid="legend-toggle"
          >
            {open ? 'Masquer' : 'Afficher'}
            <span className="visually-hidden"> la légende</span>
          </button>
        )}
      </div>
      <div id={`${id}-body`} hidden={!expanded}>
        <div className="legend-source">
          <SourceBadge source={source} />
        </div>
        {current.error ? (
          <p role="alert" className="legend-error">
            {current.error}
          </p>
        ) : null}
        <ul>
          {rows.map((r) => (
            <li
              key={r.key}
              data-testid="legend-entry"
              data-kind={r.kind}
              data-count={r.count}
              data-color={r.color}
            >
              <span className="swatch" style={{ background: r.color }} aria-hidden="true" />
              <span className="legend-label">
                {r.lead ? <strong className="legend-lead">{r.lead}</strong> : null}
                {r.label}
              </span>
              <span className="legend-count">{r.countLabel}</span>
            </li>
          ))}
        </ul>
        {c ? <p className="legend-method">{methodLine(current)}</p> : null}
        {!compact && c
          ? c.warnings.map((w) => (
              <p key={w} className="muted small">
                {w}
              </p>
            ))
          : null}
        {!compact && current.level === 'epci' ? (
          <p className="muted small">
            Chaque commune prend la couleur de son EPCI ; valeur de l’EPCI : {current.info.aggregation}.
          </p>
        ) : null}
      </div>
    </section>
  );
}
