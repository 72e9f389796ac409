import { formatFrenchDate } from '../../../domain/advice/dates.ts';
import { formatNumber } from '../../../domain/choropleth/format.ts';
import { shownUnit } from '../../../domain/pcaet/progress.ts';
import { seriesAgainstTarget } from '../../../domain/pcaet/series.ts';
import type { PcaetIndicator, PcaetValue } from '../../../domain/pcaet/types.ts';
import { type ChartSeries, TimeChart } from '../TimeChart.tsx';

const fmt = (v: number | null, unit: string) =>
  v === null ? '—' : `${formatNumber(v, Math.abs(v) < 10 ? 2 : 0)} ${unit}`;

/** Measured values and estimates of one place against the indicator's target path. */
export function PcaetChart({
  indicator,
  values,
  place,
  placeName,
}: {
  indicator: PcaetIndicator;
  values: readonly PcaetValue[];
  place: string | null;
  placeName: string;
}) {
  const series = seriesAgainstTarget(indicator, values, place);
  const measured = series.points
    .filter((p) => p.value !== null)
    .map((p) => ({ date: p.date, value: p.value! }));
  const estimates = series.points
    .filter((p) => p.estimate !== null)
    .map((p) => ({ date: p.date, value: p.estimate! }));
  const lines: ChartSeries[] = [
    {
      id: 'path',
      label: 'Trajectoire cible',
      className: 'series-planned',
      points: series.path.map((p) => ({ date: p.date, value: p.value })),
    },
    { id: 'value', label: 'Valeurs mesurées', className: 'series-actual', points: measured, dots: true },
  ];
  if (estimates.length > 0)
    lines.push({
      id: 'estimate',
      label: 'Estimations',
      className: 'series-estimate',
      points: estimates,
      dots: true,
    });
  const latest = series.latest;
  const last = series.points.filter((p) => p.gap !== null).at(-1);
  const unit = shownUnit(indicator);
  // The place's own objective, or the territory's where it applies (progress.ts), never invented.
  const goal = series.path.filter((p) => p.origin !== 'baseline').at(-1);
  const objective = goal
    ? `Objectif ${fmt(goal.value, unit)} au ${formatFrenchDate(goal.date)}.`
    : 'Sans objectif propre (l’objectif du territoire ne se répartit pas par lieu).';
  const summary = latest
    ? `${placeName} : dernière ${latest.type === 'value' ? 'valeur mesurée' : 'estimation'} ${fmt(latest.value, unit)} au ${formatFrenchDate(latest.date)}${last ? ` ; ${last.onTrack ? 'conforme ou meilleure que' : 'en retard sur'} la trajectoire cible (écart ${fmt(last.gap, unit)})` : ''}. ${objective}`
    : `${placeName} : aucune valeur mesurée. ${objective}`;
  return (
    <div data-testid="pcaet-chart">
      <TimeChart
        title={`${indicator.name} — ${placeName}`}
        summary={summary}
        series={lines}
        table={{
          caption: `${indicator.name} (${unit}) — ${placeName}`,
          columns: ['Date', 'Valeur mesurée', 'Estimation', 'Trajectoire cible', 'Écart'],
          rows: series.points.map((p) => [
            formatFrenchDate(p.date),
            fmt(p.value, unit),
            fmt(p.estimate, unit),
            fmt(p.target, unit),
            fmt(p.gap, unit),
          ]),
        }}
      />
      <p className="small">{summary}</p>
    </div>
  );
}
