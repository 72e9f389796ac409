import { useId } from 'react';
import { formatNumber } from '../../domain/choropleth/format.ts';

export interface ChartPoint {
  /** ISO date (yyyy-mm-dd). */
  date: string;
  value: number;
}

export interface ChartSeries {
  id: string;
  label: string;
  /** CSS class giving the stroke (colour, dashes): see dashboard.css. */
  className: string;
  points: ChartPoint[];
  /** Draw a dot on each point (measured values) rather than only a line. */
  dots?: boolean;
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface TimeChartProps {
  title: string;
  /** One-sentence summary read by screen readers. */
  summary: string;
  series: ChartSeries[];
  table: ChartTable;
  testId?: string;
}

const W = 340;
const H = 190;
const M = { left: 46, right: 12, top: 10, bottom: 26 };
const DAY = 86_400_000;
const time = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Grid step 1, 2 or 5 × 10^k, about four lines. */
function gridStep(span: number): number {
  const raw = span / 4 || 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * power).find((s) => s >= raw) ?? raw;
}

/**
 * A dated line chart in plain SVG (no chart library), with its title, a summary and the figures as a
 * visually hidden table for screen readers (and for anyone checking the drawing).
 */
export function TimeChart({ title, summary, series, table, testId }: TimeChartProps) {
  const id = useId();
  const all = series.flatMap((s) => s.points);
  if (all.length === 0) return null;
  const xs = all.map((p) => time(p.date));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + DAY);
  const values = all.map((p) => p.value);
  const rawMin = Math.min(0, ...values);
  const rawMax = Math.max(...values, rawMin + 1);
  const step = gridStep(rawMax - rawMin);
  const bottom = Math.floor(rawMin / step) * step;
  const top = Math.ceil(rawMax / step) * step;
  const x = (iso: string) => M.left + ((time(iso) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - bottom) / (top - bottom)) * (H - M.top - M.bottom);
  const grid = Array.from({ length: Math.round((top - bottom) / step) + 1 }, (_, k) => bottom + k * step);
  const firstYear = new Date(x0).getUTCFullYear();
  const lastYear = new Date(x1).getUTCFullYear();
  const years: string[] = [];
  // A label needs about 30 px: over a long span, every 2nd or 5th year only.
  const yearWidth = ((W - M.left - M.right) * 365.25 * DAY) / (x1 - x0);
  const every = [1, 2, 5, 10].find((k) => k * yearWidth >= 30) ?? 10;
  for (let year = firstYear; year <= lastYear; year++) {
    if (year % every !== 0) continue;
    const iso = `${year}-01-01`;
    if (time(iso) >= x0 && time(iso) <= x1) years.push(iso);
  }
  const decimals = step < 1 ? 1 : 0;
  return (
    <figure className="time-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t ${id}-d`}>
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        {grid.map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={M.left - 4} y={y(v) + 4} textAnchor="end" className="tick">
              {formatNumber(v, decimals)}
            </text>
          </g>
        ))}
        {years.map((iso) => (
          <g key={iso}>
            <line x1={x(iso)} x2={x(iso)} y1={M.top} y2={H - M.bottom} className="grid" />
            <text x={x(iso) + 3} y={H - M.bottom + 15} className="tick">
              {iso.slice(0, 4)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.id} className={s.className}>
            {s.points.length > 1 ? (
              <path
                d={s.points
                  .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`)
                  .join(' ')}
                className="line"
              />
            ) : null}
            {s.dots || s.points.length === 1
              ? s.points.map((p) => (
                  <circle key={p.date} cx={x(p.date)} cy={y(p.value)} r={3.2} className="dot" />
                ))
              : null}
          </g>
        ))}
      </svg>
      <figcaption>
        <strong>{title}</strong>
        <span className="chart-keys">
          {series.map((s) => (
            <span key={s.id} className={`chart-key ${s.className}`}>
              <span className="key-line" aria-hidden="true" /> {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <table className="visually-hidden">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={table.columns[i]} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={table.columns[i]}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
