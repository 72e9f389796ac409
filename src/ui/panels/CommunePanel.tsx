import { useAppStore } from '../../state/store.ts';
import { formatDecimal, formatInt } from '../format.ts';

export function CommunePanel() {
  const territory = useAppStore((s) => s.territory);
  const insee = useAppStore((s) => s.selectedCommune);
  const select = useAppStore((s) => s.selectCommune);
  if (!territory) return null;
  const commune = territory.communes.features.find((f) => f.properties.insee === insee)?.properties;
  if (!commune) {
    const { meta } = territory;
    return (
      <section className="panel" aria-labelledby="territory-title">
        <h2 id="territory-title">{meta.name}</h2>
        <p>
          {formatInt(meta.communes)} communes, {formatInt(meta.population)} habitants (population municipale
          légale).
        </p>
        <ul className="epci-list">
          {meta.epci.map((e) => (
            <li key={e.siren}>
              <strong>{e.name}</strong> — {e.communes} communes, {formatInt(e.population)} hab.{' '}
              <span className="muted">SIREN {e.siren}</span>
            </li>
          ))}
        </ul>
        <p className="hint">Cliquez sur une commune pour afficher sa fiche.</p>
      </section>
    );
  }
  const density = commune.population / commune.areaKm2;
  return (
    <section className="panel" aria-labelledby="commune-title" data-testid="commune-panel">
      <button type="button" className="link" onClick={() => select(null)}>
        ← Tout le territoire
      </button>
      <h2 id="commune-title">{commune.name}</h2>
      <dl className="facts">
        <dt>Code INSEE</dt>
        <dd data-testid="commune-insee">{commune.insee}</dd>
        <dt>Intercommunalité</dt>
        <dd>{commune.epciName}</dd>
        <dt>Population</dt>
        <dd data-testid="commune-population">{formatInt(commune.population)} hab.</dd>
        <dt>Superficie</dt>
        <dd>{formatDecimal(commune.areaKm2)} km²</dd>
        <dt>Densité</dt>
        <dd>{formatInt(density)} hab./km²</dd>
      </dl>
    </section>
  );
}
