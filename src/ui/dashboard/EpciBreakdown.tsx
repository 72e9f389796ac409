import { useMemo } from 'react';
import { formatNumber } from '../../domain/choropleth/format.ts';
import { indicatorById, indicatorPeriodLabel } from '../../domain/indicators/registry.ts';
import { indicatorTable } from '../../domain/indicators/table.ts';
import type { Dataset, IndicatorData, IndicatorDefinition } from '../../domain/indicators/types.ts';
import { periodLabel } from '../../domain/period.ts';
import type { DatasetStatus } from './data.ts';

const BREAKDOWN = [
  'cotriProgress',
  'adviceSessions',
  'adviceConversionRate',
  'lightsCounted',
  'lightsRenovated',
  'lightsFactor4',
  'lightsFactor2',
  'brownfieldsCount',
] as const;

/** Each EPCI's figures, aggregated from its communes with each indicator's own rule (rates: ratio of sums). */
export function EpciBreakdown({
  data,
  status,
  epciNames,
}: {
  data: IndicatorData;
  status: Record<Dataset, DatasetStatus>;
  epciNames: ReadonlyMap<string, string>;
}) {
  const indicators = useMemo(() => BREAKDOWN.map((id) => indicatorById(id)!) as IndicatorDefinition[], []);
  const rows = useMemo(
    () => indicatorTable(data, 'epci', indicators, epciNames),
    [data, indicators, epciNames],
  );
  const cell = (indicator: IndicatorDefinition, value: number | null, small: boolean) => {
    const missing = indicator.requires.filter((d) => !status[d].loaded);
    // The composite reads every dataset but is defined without one: say which part is missing.
    if (missing.length === indicator.requires.length) return <span className="muted">non chargé</span>;
    if (value === null) return <span className="muted">—</span>;
    const digits = indicator.kind === 'count' ? 0 : 1;
    return (
      <>
        {formatNumber(value, digits)}
        {indicator.unit === '%' ? '\u202F%' : ''}
        {small ? <span className="muted small"> (effectif faible)</span> : null}
        {missing.length > 0 ? <span className="muted small"> (partiel)</span> : null}
      </>
    );
  };
  return (
    <section aria-labelledby="epci-title" className="dashboard-section">
      <h3 id="epci-title">Répartition par EPCI</h3>
      <p className="muted small">
        Chiffres {periodLabel(data.scope)} ; leur total est celui des objectifs ci-dessus.
      </p>
      <div className="table-scroll whole">
        <table className="dashboard-table epci-table" data-testid="epci-table">
          <caption className="visually-hidden">Indicateurs du contrat par EPCI</caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              {rows.map((r) => (
                <th key={r.id} scope="col">
                  {r.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => (
              <tr key={indicator.id}>
                <th scope="row">
                  {indicator.label}
                  {indicator.unit && indicator.unit !== '%' ? (
                    <span className="muted"> ({indicator.unit})</span>
                  ) : null}
                  <span className="muted small period-note"> — {indicatorPeriodLabel(indicator, data)}</span>
                </th>
                {rows.map((r) => (
                  <td key={r.id} className="num">
                    {cell(indicator, r.values[indicator.id] ?? null, r.smallSample.includes(indicator.id))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">
        Valeurs d’EPCI recalculées à partir des communes : sommes pour les effectifs, rapport des sommes pour
        les taux (jamais une moyenne de taux). « Partiel » : un des modules n’est pas chargé.
      </p>
    </section>
  );
}
