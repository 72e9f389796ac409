import { useRef } from 'react';
import { CONTEXT_ROLE_LABELS, type ContextRole } from '../../domain/friches/index.ts';
import { fitToPoints } from '../../map/fitPoints.ts';
import { LAYER } from '../../map/ids.ts';
import {
  CONTEXT_STYLE,
  classLabel,
  SCORE_CLASSES,
  scoreClass,
  UNRANKED_COLOUR,
  UNRANKED_LABEL,
} from '../../map/layers/friches.ts';
import { useLayerHover } from '../../map/useLayerHover.ts';
import { frichesShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { useFrichesAnalysis } from './useFrichesAnalysis.ts';

/** Context layers as the legend lists them (the sample ones flagged « exemple fictif »). */
export function useContextLegend() {
  const context = useAppStore((s) => s.frichesContext);
  return Object.values(context).flatMap((e) =>
    e
      ? [
          {
            role: e.role as ContextRole,
            label: CONTEXT_ROLE_LABELS[e.role],
            colour: CONTEXT_STYLE[e.role].colour,
            kind: CONTEXT_STYLE[e.role].kind,
            fictional: e.source.kind === 'sample',
          },
        ]
      : [],
  );
}

/** Map overlay: score classes, shortlist mark, context layers; also wires map → table hover. */
export function FrichesLegend() {
  const view = useFrichesAnalysis();
  const source = useAppStore(frichesShownSource);
  const hover = useAppStore((s) => s.hoverFriche);
  const context = useContextLegend();
  const legend = useRef<HTMLElement>(null);
  useLayerHover([LAYER.frichesPoints], (feature) => {
    const id = feature ? String(feature.properties.id ?? '') : null;
    if (useAppStore.getState().frichesHovered !== id) hover(id);
  });
  if (!view) return null;
  const counts = new Map<string, number>();
  // The same classifier as the map's points and perimeters (scoreClass): a count matches the colour drawn.
  for (const row of view.rows) {
    const k = scoreClass(row.score, row.rank);
    const key = k < 0 ? 'none' : classLabel(k);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const frame = () => {
    const width = legend.current?.querySelector('details')?.open ? (legend.current.offsetWidth ?? 0) : 0;
    fitToPoints(
      view.sites.map((site) => site.point.coordinates),
      { left: width + 30 },
    );
  };
  return (
    <section
      ref={legend}
      className="map-legend friches-legend"
      aria-label="Légende de la carte des friches"
      data-testid="friches-legend"
    >
      <details open>
        <summary>
          <strong>Score de reconversion</strong> <SourceBadge source={source} />
        </summary>
        <ul>
          {SCORE_CLASSES.map((c) => (
            <li key={c.label}>
              <span className="swatch round" style={{ background: c.colour }} aria-hidden="true" />
              <span>{c.label}</span>
              <span className="muted legend-count">{counts.get(c.label) ?? 0}</span>
            </li>
          ))}
          <li>
            <span className="swatch round" style={{ background: UNRANKED_COLOUR }} aria-hidden="true" />
            <span>{UNRANKED_LABEL}</span>
            <span className="muted legend-count">{counts.get('none') ?? 0}</span>
          </li>
          <li>
            <span className="swatch round shortlist-mark" aria-hidden="true" />
            {/* The count is the sites marked on the map (view.shortlist), like the classes' counts above. */}
            <span>Liste restreinte (numéro : rang au classement)</span>
            <span className="muted legend-count" data-testid="friches-legend-shortlist-count">
              {view.shortlist.length}
            </span>
          </li>
        </ul>
        {context.length > 0 ? (
          <>
            <strong className="legend-subtitle">Couches de contexte</strong>
            <ul data-testid="friches-context-legend">
              {context.map((c) => (
                <li key={c.role}>
                  <span
                    className={`swatch ${c.kind === 'point' ? 'round hollow' : 'dashed'}`}
                    style={
                      c.kind === 'point'
                        ? { borderColor: c.colour }
                        : { background: `${c.colour}55`, borderColor: c.colour }
                    }
                    aria-hidden="true"
                  />
                  <span>{c.label}</span>
                  {c.fictional ? <span className="fictional-tag">exemple fictif</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </details>
      <button type="button" className="link small" onClick={frame}>
        Voir tous les sites
      </button>
    </section>
  );
}
