import type { ConversionStats } from '../../domain/advice/conversion.ts';
import type { AdviceDashboard } from '../../domain/advice/dashboard.ts';
import { formatFrenchDate } from '../../domain/advice/dates.ts';
import type { CommuneIndicatorRow } from '../../domain/advice/indicators.ts';
import { conversionScopeNote } from '../../domain/advice/scope.ts';
import { formatNumber, formatPercent } from '../../domain/choropleth/format.ts';
import { periodLabel } from '../../domain/period.ts';
import { formatInt } from '../format.ts';
import { IndicatorTables } from './IndicatorTables.tsx';
import { ProgressChart } from './ProgressChart.tsx';
import { countOf } from './plural.ts';

function Bar({ value, max, label, marker }: { value: number; max: number; label: string; marker?: number }) {
  const share = Math.max(0, Math.min(1, value / max));
  return (
    <div
      className="bar"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div className="bar-fill" style={{ width: `${share * 100}%` }} />
      {marker !== undefined ? <div className="bar-marker" style={{ left: `${marker * 100}%` }} /> : null}
    </div>
  );
}

function Conversion({
  stats,
  target,
  maturityMonths,
  scopeNote,
}: {
  stats: ConversionStats;
  target: number;
  maturityMonths: number;
  /** Period rule of the rate (or its fallback to every session), printed under the figure. */
  scopeNote: string;
}) {
  return (
    <section className="advice-card" aria-labelledby="advice-conv-h">
      <h3 id="advice-conv-h">Passage à l’acte</h3>
      <p className="figure">
        <strong data-testid="advice-conversion-rate">
          {stats.rate === null ? '—' : formatPercent(stats.rate)}
        </strong>{' '}
        <span className="muted">objectif {formatPercent(target)}</span>
      </p>
      <p className="period-note" data-testid="advice-conversion-scope">
        Conseils {scopeNote}
      </p>
      {stats.rate !== null ? (
        <Bar
          value={Math.round(stats.rate * 100)}
          max={100}
          label="Taux de passage à l’acte (%)"
          marker={target}
        />
      ) : null}
      <p>
        <span data-testid="advice-conversion-numerator">{formatInt(stats.numerator)}</span>{' '}
        {stats.numerator >= 2 ? 'conseils suivis' : 'conseil suivi'} de travaux engagés ou réalisés sur{' '}
        <span data-testid="advice-conversion-denominator">{formatInt(stats.denominator)}</span>{' '}
        {stats.denominator >= 2 ? 'conseils mûrs' : 'conseil mûr'} (datant d’au moins {maturityMonths} mois).
      </p>
      {stats.unknownShare !== null ? (
        <p>
          Issue encore inconnue : {formatPercent(stats.unknownShare)} ({countOf(stats.unknown, 'conseil')} « à
          relancer » ou « sans réponse »).
        </p>
      ) : null}
      {stats.smallSample ? (
        <p className="warning" role="note" data-testid="advice-small-sample">
          Moins de 5 conseils mûrs : ce taux repose sur trop peu de cas pour être interprété.
        </p>
      ) : null}
    </section>
  );
}

function CommuneCard({ row, epciName }: { row: CommuneIndicatorRow; epciName: string | undefined }) {
  return (
    <section className="advice-card" aria-labelledby="advice-commune-h" data-testid="advice-commune-card">
      <h3 id="advice-commune-h">{row.name}</h3>
      <dl className="facts">
        <dt>Intercommunalité</dt>
        <dd>{epciName ?? row.epciSiren}</dd>
        <dt>Conseils</dt>
        <dd data-testid="advice-commune-sessions">{formatInt(row.sessions)}</dd>
        <dt>Pour 1 000 hab.</dt>
        <dd>{row.sessionsPer1000 === null ? '—' : formatNumber(row.sessionsPer1000, 1)}</dd>
      </dl>
    </section>
  );
}

export function IndicatorsTab({
  dashboard,
  selected,
  selectedStats,
  maturityMonths,
  epciNames,
}: {
  dashboard: AdviceDashboard;
  selected: CommuneIndicatorRow | null;
  /** Conversion of the selected commune's sessions (null for the whole territory). */
  selectedStats: ConversionStats | null;
  maturityMonths: number;
  epciNames: Map<string, string>;
}) {
  const { delivery } = dashboard;
  return (
    <>
      {selected && selectedStats ? (
        <>
          <CommuneCard row={selected} epciName={epciNames.get(selected.epciSiren)} />
          <Conversion
            stats={selectedStats}
            target={delivery.conversionTarget}
            maturityMonths={maturityMonths}
            scopeNote={conversionScopeNote(delivery.pools)}
          />
        </>
      ) : (
        <>
          <section className="advice-card" aria-labelledby="advice-delivery-h">
            <h3 id="advice-delivery-h">Conseils réalisés</h3>
            <p className="figure">
              <strong data-testid="advice-delivered">{formatInt(delivery.delivered)}</strong>{' '}
              <span className="muted">sur {formatInt(delivery.target)} visés</span>
            </p>
            <p className="period-note" data-testid="advice-delivered-scope">
              Conseils {periodLabel(delivery.pools.scope)}
            </p>
            <Bar value={delivery.delivered} max={delivery.target} label="Conseils réalisés sur l’objectif" />
            <p>
              {formatPercent(delivery.progress, 1)} de l’objectif. Trajectoire linéaire au{' '}
              {formatFrenchDate(dashboard.asOf)} : {formatInt(delivery.expected)} conseils (
              {delivery.gap >= 0 ? 'avance' : 'retard'} de {formatInt(Math.abs(delivery.gap))}).
            </p>
            {delivery.outsideContract > 0 && delivery.pools.scope === 'contract' ? (
              <p className="muted">
                {countOf(delivery.outsideContract, 'conseil daté', 'conseils datés')} hors de la période du
                contrat, non comptés.
              </p>
            ) : null}
            <ProgressChart monthly={dashboard.monthly} target={delivery.target} />
          </section>
          <Conversion
            stats={delivery.conversion}
            target={delivery.conversionTarget}
            maturityMonths={maturityMonths}
            scopeNote={conversionScopeNote(delivery.pools)}
          />
        </>
      )}
      <IndicatorTables
        communes={dashboard.communes}
        epci={dashboard.epci}
        selected={selected}
        scopeNote={`Conseils ${periodLabel(delivery.pools.scope)} ; passage à l’acte ${conversionScopeNote(delivery.pools)}.`}
      />
    </>
  );
}
