import type { Polygon } from 'geojson';
import { useState } from 'react';
import { type LightCategory, lightLegend } from '../../domain/lights/index.ts';
import { periodLabel } from '../../domain/period.ts';
import { pointsInPolygon } from '../../geo/pointsInPolygon.ts';
import { DrawToolbar } from '../../map/draw/DrawToolbar.tsx';
import { useAppStore } from '../../state/store.ts';
import { useDrawTool } from '../draw/useDrawTool.ts';
import { formatInt } from '../format.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import {
  categoryCountsOf,
  contextOf,
  featuresOf,
  filteredOf,
  tableOf,
  useFilteredLights,
  useLightsTable,
} from './derived.ts';

/**
 * Selected = the points matching the filter that lie inside the drawn zone. Read from the store at the
 * moment the drawing ends, so a filter changed while drawing is honoured.
 */
function selectInZone(polygon: Polygon): number {
  const s = useAppStore.getState();
  if (!s.territory) return 0;
  const table = tableOf(s.lightPoints, s.lightingSettings);
  const filtered = filteredOf(table, s.lightsFilter, contextOf(s.territory.communes));
  const lon = new Float64Array(filtered.length);
  const lat = new Float64Array(filtered.length);
  filtered.forEach((i, k) => {
    lon[k] = table.points[i]!.lon;
    lat[k] = table.points[i]!.lat;
  });
  const hits = pointsInPolygon(lon, lat, polygon);
  s.setLightsSelection(Array.from(hits, (k) => table.points[filtered[k]!]!.id));
  return hits.length;
}

function Legend() {
  const table = useLightsTable();
  const filtered = useFilteredLights();
  const source = useAppStore((s) => s.lightsSource);
  const counts: Partial<Record<LightCategory, number>> = categoryCountsOf(featuresOf(table), filtered);
  return (
    <section className="map-legend" aria-label="Légende des points lumineux" data-testid="lights-legend">
      <strong>Points lumineux</strong> <SourceBadge source={source} />
      <div className="muted" data-testid="legend-period">
        Nombre de points correspondant aux filtres ({periodLabel('all')}) ; les jauges ne comptent que les
        travaux datés {periodLabel('contract')}.
      </div>
      <ul>
        {lightLegend(counts).map((entry) => (
          <li key={entry.category}>
            <span className="swatch lights-swatch" style={{ background: entry.color }} />
            {entry.label} <span className="muted">({formatInt(entry.count)})</span>
          </li>
        ))}
        <li>
          <span className="swatch lights-swatch lights-swatch--cluster" />
          Groupe de points (nombre) : cliquez pour zoomer
        </li>
        <li>
          <span className="swatch lights-swatch lights-swatch--selected" />
          Point sélectionné
        </li>
      </ul>
    </section>
  );
}

export function LightsOverlay() {
  const [message, setMessage] = useState<string | null>(null);
  const draw = useDrawTool({
    onComplete: (polygon) => {
      const n = selectInZone(polygon);
      setMessage(
        `${formatInt(n)} point${n > 1 ? 's' : ''} filtré${n > 1 ? 's' : ''} sélectionné${n > 1 ? 's' : ''} dans la zone.`,
      );
    },
  });
  return (
    <>
      <div className="map-tools">
        <DrawToolbar draw={draw} ariaLabel="Sélection de points lumineux sur la carte" />
        {message ? (
          <p className="draw-hint" role="status" data-testid="zone-selection">
            {message}
          </p>
        ) : null}
      </div>
      <Legend />
    </>
  );
}
