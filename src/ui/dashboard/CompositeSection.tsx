import { formatPercent } from '../../domain/choropleth/format.ts';
import type { ContractDashboard } from '../../domain/indicators/trajectory.ts';
import type { Dataset } from '../../domain/indicators/types.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { combinedSource, type DatasetStatus } from './data.ts';

const ALL: Dataset[] = ['advice', 'lights', 'brownfields'];

/** « Avancement COTRI » with its formula spelled out, and which parts are missing. */
export function CompositeSection({
  dashboard,
  status,
}: {
  dashboard: ContractDashboard;
  status: Record<Dataset, DatasetStatus>;
}) {
  const missing = ALL.filter((d) => !status[d].loaded).map((d) => status[d].label);
  const value = dashboard.composite.value;
  return (
    <section
      aria-labelledby="composite-title"
      className="dashboard-section composite"
      data-testid="composite"
    >
      <h3 id="composite-title">Avancement COTRI</h3>
      <p className="composite-value">
        {missing.length === ALL.length || value === null ? (
          <span className="not-loaded">Données non chargées</span>
        ) : (
          <strong data-testid="composite-value">{formatPercent(value / 100)}</strong>
        )}{' '}
        <SourceBadge source={combinedSource(status, ALL)} />
      </p>
      {missing.length > 0 && missing.length < ALL.length ? (
        <p className="warning small">
          Données non chargées : {missing.join(', ')}. Leur part compte pour 0 % dans la moyenne ci-dessus,
          qui sous-estime donc l’avancement réel.
        </p>
      ) : null}
      <details open>
        <summary>Formule</summary>
        <p className="formula" data-testid="composite-formula">
          {dashboard.composite.formula}
        </p>
      </details>
    </section>
  );
}
