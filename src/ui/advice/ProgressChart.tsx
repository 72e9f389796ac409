import { useId } from 'react';
import type { MonthlyProgressRow } from '../../domain/advice/indicators.ts';
import { formatInt, monthLabel } from '../format.ts';

const W = 340;
const H = 190;
const M = { left: 42, right: 10, top: 10, bottom: 26 };

/** Step of the y grid: 1, 2 or 5 × 10^k, about four lines. */
function gridStep(max: number): number {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * power).find((s) => s >= raw) ?? raw;
}

/**
 * Cumulative sessions by month against the contract's linear trajectory, as plain SVG (no chart library).
 * The same figures are available as a table for screen readers and for checking.
 */
export function ProgressChart({ monthly, target }: { monthly: MonthlyProgressRow[]; target: number }) {
  const id = useId();
  const n = monthly.length;
  if (n === 0) return null;
  const done = monthly.filter((r) => r.cumulative !== null);
  const last = done[done.length - 1];
  const maxValue = Math.max(target, ...done.map((r) => r.cumulative ?? 0), 1);
  const step = gridStep(maxValue);
  const top = Math.ceil(maxValue / step) * step;
  const x = (i: number) => M.left + (i / n) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const path = (points: [number, number][]) =>
    points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
  const trajectory = path([[0, 0], ...monthly.map((r, i): [number, number] => [i + 1, r.trajectory])]);
  const cumulative = path([[0, 0], ...done.map((r, i): [number, number] => [i + 1, r.cumulative ?? 0])]);
  const grid = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  const years = monthly.map((r, i) => ({ month: r.month, i })).filter((r) => r.month.endsWith('-01'));
  const summary = last
    ? `Fin ${monthLabel(last.month)} : ${formatInt(last.cumulative ?? 0)} conseils cumulés, trajectoire linéaire ${formatInt(last.trajectory)} ; objectif ${formatInt(target)} à la fin du contrat.`
    : 'Aucun mois écoulé depuis le début du contrat.';

  return (
    <figure className="advice-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        data-testid="advice-chart"
      >
        <title id={`${id}-t`}>Conseils cumulés par mois et trajectoire linéaire du contrat</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {grid.map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={M.left - 4} y={y(v) + 4} textAnchor="end" className="tick">
              {formatInt(v)}
            </text>
          </g>
        ))}
        {years.map(({ month, i }) => (
          <g key={month}>
            <line x1={x(i)} x2={x(i)} y1={M.top} y2={H - M.bottom} className="grid" />
            <text x={x(i) + 3} y={H - M.bottom + 15} className="tick">
              {month.slice(0, 4)}
            </text>
          </g>
        ))}
        <path d={trajectory} className="trajectory" />
        <path d={cumulative} className="cumulative" />
        {last ? (
          <circle cx={x(done.length)} cy={y(last.cumulative ?? 0)} r={3.5} className="cumulative-dot" />
        ) : null}
      </svg>
      <figcaption>
        <span className="key cumulative-key" /> Conseils réalisés (cumul){' '}
        <span className="key trajectory-key" /> Trajectoire linéaire vers {formatInt(target)}
      </figcaption>
      <details>
        <summary>Voir les données du graphique</summary>
        <table className="advice-table compact">
          <thead>
            <tr>
              <th scope="col">Mois</th>
              <th scope="col">Conseils</th>
              <th scope="col">Cumul</th>
              <th scope="col">Trajectoire</th>
            </tr>
          </thead>
          <tbody>
            {monthly.map((r) => (
              <tr key={r.month}>
                <th scope="row">{monthLabel(r.month)}</th>
                <td>{r.sessions === null ? '—' : formatInt(r.sessions)}</td>
                <td>{r.cumulative === null ? '—' : formatInt(r.cumulative)}</td>
                <td>{formatInt(r.trajectory)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
