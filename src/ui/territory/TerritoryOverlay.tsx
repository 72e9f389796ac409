import type { Polygon } from 'geojson';
import { useMemo, useState } from 'react';
import { pointsInPolygon } from '../../geo/pointsInPolygon.ts';
import { DrawToolbar } from '../../map/draw/DrawToolbar.tsx';
import { EPCI_COLOURS } from '../../map/layers/territory.ts';
import { useAppStore } from '../../state/store.ts';
import { useDrawTool } from '../draw/useDrawTool.ts';
import { MapExportButtons } from '../export/MapExportButtons.tsx';
import { formatInt } from '../format.ts';
import { TerritoryLegend } from './TerritoryLegend.tsx';

/** Legend, drawing tools (zone → communes counted by their label point) and map export. */
export function TerritoryOverlay() {
  const territory = useAppStore((s) => s.territory);
  const [zone, setZone] = useState<Polygon | null>(null);
  const draw = useDrawTool({ onComplete: setZone });

  const centres = useMemo(() => {
    const features = territory?.centres.features ?? [];
    return {
      lon: Float64Array.from(features, (f) => f.geometry.coordinates[0] ?? Number.NaN),
      lat: Float64Array.from(features, (f) => f.geometry.coordinates[1] ?? Number.NaN),
      props: features.map((f) => f.properties),
    };
  }, [territory]);
  const inZone = useMemo(() => {
    if (!zone) return null;
    const hits = pointsInPolygon(centres.lon, centres.lat, zone);
    return Array.from(hits, (i) => centres.props[i]!);
  }, [zone, centres]);

  if (!territory) return null;
  const { meta } = territory;
  const legend = {
    title: 'Intercommunalités',
    items: territory.epci.features.map((f, i) => ({
      colour: EPCI_COLOURS[i % EPCI_COLOURS.length]!,
      label: f.properties.name,
    })),
  };
  const clearZone = () => {
    setZone(null);
    draw.clear();
  };
  const population = inZone?.reduce((sum, c) => sum + c.population, 0) ?? 0;

  return (
    <>
      <TerritoryLegend />
      <section className="map-tools" aria-label="Outils de la carte">
        <DrawToolbar draw={draw} />
        {inZone && draw.mode === 'idle' ? (
          <p className="drawn-zone" data-testid="drawn-zone">
            Zone dessinée : {formatInt(inZone.length)} commune{inZone.length > 1 ? 's' : ''}
            {inZone.length > 0 ? ` (${formatInt(population)} hab.)` : ''}{' '}
            <button type="button" className="link" onClick={clearZone}>
              Effacer
            </button>
          </p>
        ) : null}
        <MapExportButtons
          title={`${meta.name} — communes et intercommunalités`}
          subtitle={`${formatInt(meta.communes)} communes, ${formatInt(meta.population)} habitants (population municipale légale)`}
          legend={legend}
          sources={meta.licence}
          date={meta.builtAt}
          fileName={`carte-${meta.name}`}
        />
      </section>
    </>
  );
}
