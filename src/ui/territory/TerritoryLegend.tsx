import { EPCI_COLOURS } from '../../map/layers/territory.ts';
import { useAppStore } from '../../state/store.ts';

export function TerritoryLegend() {
  const epci = useAppStore((s) => s.territory?.epci.features);
  if (!epci) return null;
  return (
    <section className="map-legend" aria-label="Légende">
      <strong>Intercommunalités</strong>
      <ul>
        {epci.map((f, i) => (
          <li key={f.properties.siren}>
            <span className="swatch" style={{ background: EPCI_COLOURS[i % EPCI_COLOURS.length] }} />
            {f.properties.name}
          </li>
        ))}
      </ul>
    </section>
  );
}
