import { formatNumber } from '../../domain/choropleth/format.ts';
import type { ContractDashboard, TargetProgress, TrajectoryRow } from '../../domain/indicators/trajectory.ts';
import type { Dataset } from '../../domain/indicators/types.ts';
import { monthLabel } from '../format.ts';
import type { DatasetStatus } from './data.ts';
import { NotLoaded } from './TargetsSection.tsx';
import { type ChartPoint, TimeChart } from './TimeChart.tsx';

/** End of a `yyyy-mm` month as an ISO date. */
function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** One target's cumulative curve against its linear path, with today's marker, hover values and exports. */
export function trajectoryChart(
  target: TargetProgress,
  rows: TrajectoryRow[],
  start: string,
  asOf: string,
  exportable = true,
) {
  const done = rows.filter((r) => r.cumulative !== null);
  const cumulative: ChartPoint[] = [
    { date: start, value: 0 },
    // The current month ends today: the real curve never runs past the today marker.
    ...done.map((r) => ({ date: minDate(monthEnd(r.month), asOf), value: r.cumulative! })),
  ];
  const planned: ChartPoint[] = [
    { date: start, value: 0 },
    ...rows.map((r) => ({ date: monthEnd(r.month), value: r.planned })),
  ];
  const last = done.at(-1);
  const summary = last
    ? `Fin ${monthLabel(last.month)} : ${formatNumber(last.cumulative!)} ${target.unit} cumulés, ${formatNumber(Math.round(last.planned))} attendus sur la trajectoire linéaire ; objectif ${formatNumber(target.target)} à la fin du contrat.`
    : 'Aucun mois écoulé depuis le début du contrat.';
  return (
    <TimeChart
      key={target.id}
      testId={`trajectory-${target.id}`}
      today={asOf}
      exportName={exportable ? `trajectoire-${target.label}` : undefined}
      title={`${target.label} : cumul mensuel et trajectoire linéaire`}
      summary={summary}
      series={[
        {
          id: 'planned',
          label: `Trajectoire linéaire vers ${formatNumber(target.target)}`,
          className: 'series-planned',
          points: planned,
        },
        { id: 'cumulative', label: 'Réalisé (cumul)', className: 'series-actual', points: cumulative },
      ]}
      table={{
        caption: `${target.label} par mois`,
        columns: ['Mois', 'Cumul réalisé', 'Trajectoire'],
        rows: rows.map((r) => [
          monthLabel(r.month),
          r.cumulative === null ? '—' : formatNumber(r.cumulative),
          formatNumber(Math.round(r.planned)),
        ]),
      }}
    />
  );
}

export function TrajectoryCharts({
  dashboard,
  status,
}: {
  dashboard: ContractDashboard;
  status: Record<Dataset, DatasetStatus>;
}) {
  const charted = dashboard.targets.filter((t) => t.trajectory !== null);
  return (
    <section aria-labelledby="trajectory-title" className="dashboard-section">
      <h3 id="trajectory-title">Trajectoire mensuelle</h3>
      {charted.map((t) => {
        const s = status[t.id as Dataset];
        return s.loaded ? (
          trajectoryChart(t, t.trajectory!, dashboard.period.start, dashboard.asOf)
        ) : (
          <div key={t.id}>
            <h4>{t.label}</h4>
            <NotLoaded label={s.label} />
          </div>
        );
      })}
      <p className="muted small">
        Les friches retenues ne sont pas datées dans l’inventaire : pas de courbe mensuelle pour cet objectif.
      </p>
    </section>
  );
}
