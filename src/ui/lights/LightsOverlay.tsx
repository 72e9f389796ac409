import type { Polygon } from 'geojson';
import { useEffect, useState } from 'react';
import { type LightCategory, lightLegend, VERDICT_STYLE, VERDICTS } from '../../domain/lights/index.ts';
import { periodLabel } from '../../domain/period.ts';
import { pointsInPolygon } from '../../geo/pointsInPolygon.ts';
import { DrawToolbar } from '../../map/draw/DrawToolbar.tsx';
import { SOURCE } from '../../map/ids.ts';
import { NOT_ASSESSED_STYLE } from '../../map/layers/lights.ts';
import { useMapInstance } from '../../map/mapInstance.ts';
import { lightsShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { useDrawTool } from '../draw/useDrawTool.ts';
import { formatInt } from '../format.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import {
  categoryCountsOf,
  contextOf,
  filteredOf,
  tableOf,
  useFilteredLights,
  useLightFeatures,
  verdictCountsOf,
} from './derived.ts';

/**
 * Selected = the points matching the filter that lie inside the drawn zone. Read from the store at the
 * moment the drawing ends, so a filter changed while drawing is honoured.
 */
function selectInZone(polygon: Polygon): number {
  const s = useAppStore.getState();
  if (!s.territory) return 0;
  const table = tableOf(s.lightPoints, s.lightingSettings);
  const filtered = filteredOf(table, s.lightsFilter, contextOf(s.territory.communes), s.lightsCompliance);
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

/** Legend entries for the map's current colouring, with the filtered points' counts. */
function useLegendEntries(): { key: string; label: string; color: string; count: number }[] {
  const features = useLightFeatures();
  const filtered = useFilteredLights();
  const style = useAppStore((s) => s.lightsMapStyle);
  if (style === 'compliance') {
    const counts = verdictCountsOf(features, filtered);
    return [
      ...VERDICTS.map((v) => ({ key: v, ...VERDICT_STYLE[v], count: counts[v] ?? 0 })),
      { key: 'notAssessed', ...NOT_ASSESSED_STYLE, count: counts.notAssessed ?? 0 },
    ];
  }
  const counts: Partial<Record<LightCategory, number>> = categoryCountsOf(features, filtered);
  return lightLegend(counts).map((e) => ({
    key: e.category,
    label: e.label,
    color: e.color,
    count: e.count,
  }));
}

/**
 * Collapsible (a summary line stays, so the legend never has to hide communes), bounded in height, and fed by
 * the same features as the map so its counts follow an edit at once.
 */
function Legend() {
  const source = useAppStore(lightsShownSource);
  const style = useAppStore((s) => s.lightsMapStyle);
  const [open, setOpen] = useState(true);
  const entries = useLegendEntries();
  return (
    <section
      className={`map-legend lights-legend${open ? '' : ' lights-legend--closed'}`}
      aria-label="Légende des points lumineux"
      data-testid="lights-legend"
    >
      <button
        type="button"
        className="lights-legend__toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title={open ? 'Replier la légende' : 'Déplier la légende'}
      >
        <strong>
          {style === 'compliance' ? 'Conformité à l’arrêté du 27 décembre 2018' : 'Points lumineux'}
        </strong>{' '}
        <span aria-hidden="true">{open ? '▾' : '▸'}</span>
      </button>{' '}
      <SourceBadge source={source} />
      {open ? (
        <>
          <div className="muted" data-testid="legend-period">
            Nombre de points correspondant aux filtres ({periodLabel('all')})
            {style === 'status' ? (
              <> ; les jauges ne comptent que les travaux datés {periodLabel('contract')}.</>
            ) : (
              '.'
            )}
          </div>
          <ul>
            {entries.map((entry) => (
              <li key={entry.key}>
                <span className="swatch lights-swatch" style={{ background: entry.color }} />
                {entry.label} <span className="muted">({formatInt(entry.count)})</span>
              </li>
            ))}
            <li>
              <span className="swatch lights-swatch lights-swatch--cluster" />
              Groupe de points : nombre au centre, anneau aux couleurs ci-dessus (épaisseur selon leur part) ;
              cliquez pour zoomer
            </li>
            <li>
              <span className="swatch lights-swatch lights-swatch--selected" />
              Point sélectionné
            </li>
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * « Construction de la couche… » while MapLibre's worker clusters the points (tens of thousands take a
 * moment after an import or a filter change): the map looks unchanged meanwhile, this says why.
 */
function LayerLoading() {
  const map = useMapInstance();
  const features = useLightFeatures();
  const filtered = useFilteredLights();
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-armed whenever the drawn points change.
  useEffect(() => {
    if (!map) return;
    const check = () =>
      setBusy(map.getSource(SOURCE.lights) !== undefined && !map.isSourceLoaded(SOURCE.lights));
    check();
    map.on('sourcedata', check);
    map.on('idle', check);
    return () => {
      map.off('sourcedata', check);
      map.off('idle', check);
    };
  }, [map, features, filtered]);
  return busy ? (
    <p className="draw-hint lights-loading" role="status" data-testid="lights-layer-loading">
      Construction de la couche des points lumineux…
    </p>
  ) : null;
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
        <LayerLoading />
      </div>
      <Legend />
    </>
  );
}
