import { useEffect, useState } from 'react';
import { formatNumber } from '../../domain/choropleth/format.ts';
import { useMapInstance } from '../../map/mapInstance.ts';
import { useAppStore } from '../../state/store.ts';
import { communeRefsOf, epciNamesOf, useDashboardData } from './data.ts';
import type { DashboardChoropleth } from './mapModel.ts';
import { placeDetails } from './selection.ts';

/**
 * The tooltip of the selected commune: its value, the legend class it falls in and the scope, at the
 * commune's centre; it follows the map as it moves. React text only: names never reach an HTML parser.
 */
export function CommuneTooltip({ current }: { current: DashboardChoropleth }) {
  const insee = useAppStore((s) => s.selectedCommune);
  const select = useAppStore((s) => s.selectCommune);
  const dashboard = useDashboardData();
  const map = useMapInstance();
  const [, setFrame] = useState(0);
  useEffect(() => {
    if (!map) return;
    const redraw = () => setFrame((n) => n + 1);
    map.on('move', redraw);
    map.on('resize', redraw);
    return () => {
      map.off('move', redraw);
      map.off('resize', redraw);
    };
  }, [map]);
  if (!insee || !dashboard || !map) return null;
  const { territory } = dashboard;
  const details = placeDetails(current, insee, communeRefsOf(territory), epciNamesOf(territory));
  const centre = territory.centres.features.find((f) => f.properties.insee === insee);
  if (!details || !centre) return null;
  const [lng, lat] = centre.geometry.coordinates as [number, number];
  const point = map.project([lng, lat]);
  const { clientWidth: width, clientHeight: height } = map.getContainer();
  if (point.x < 0 || point.y < 0 || point.x > width || point.y > height) return null;
  // Opens to the side with room, so it never runs off the map.
  const left = point.x > width / 2;
  const up = point.y > height / 2;
  return (
    <section
      className="commune-tooltip"
      role="dialog"
      aria-label={`Valeurs de ${details.name}`}
      data-testid="commune-tooltip"
      style={{
        left: left ? undefined : point.x + 12,
        right: left ? width - point.x + 12 : undefined,
        top: up ? undefined : point.y + 12,
        bottom: up ? height - point.y + 12 : undefined,
      }}
    >
      <header>
        <h3>{details.name}</h3>
        <button type="button" aria-label="Fermer" onClick={() => select(null)}>
          ×
        </button>
      </header>
      {current.level === 'commune' ? <p className="muted small">{details.epciName}</p> : null}
      <p className="tooltip-indicator">{details.indicator}</p>
      <p className="tooltip-value" data-testid="tooltip-value">
        <span className="swatch" style={{ background: details.color }} aria-hidden="true" /> {details.value}
      </p>
      <p className="small">Classe : {details.classLabel}</p>
      <p className="muted small">
        {formatNumber(details.population)} habitants · {details.period}
      </p>
    </section>
  );
}
