import { type PointerEvent, useId, useRef, useState } from 'react';
import { formatFrenchDate } from '../../domain/advice/dates.ts';
import { formatNumber } from '../../domain/choropleth/format.ts';
import { toCsv } from '../../io/csv/write.ts';
import { downloadBlob, safeFileName } from '../download.ts';

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
  /** ISO date of the data: a vertical « aujourd’hui » marker when it falls inside the chart. */
  today?: string;
  /** Base name of the exported files: the chart gets CSV and SVG export buttons. */
  exportName?: string;
}

/** The value of each series at `date` (the last point on or before it: cumulative series hold their value). */
function valuesAt(series: readonly ChartSeries[], date: string): { label: string; value: number | null }[] {
  return series.map((s) => {
    let value: number | null = null;
    for (const p of s.points) if (p.date <= date) value = p.value;
    return { label: s.label, value };
  });
}

/** The chart as a standalone SVG file: its figures' styles inlined, since the page's CSS does not travel. */
function svgFile(svg: SVGSVGElement): Blob {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.querySelector('.chart-hover')?.remove();
  const live = svg.querySelectorAll<SVGElement>('*');
  copy.querySelectorAll<SVGElement>('*').forEach((node, i) => {
    const style = getComputedStyle(live[i]!);
    node.setAttribute(
      'style',
      ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'font-size', 'font-family']
        .map((k) => `${k}:${style.getPropertyValue(k)}`)
        .join(';'),
    );
  });
  return new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' });
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
export function TimeChart({ title, summary, series, table, testId, today, exportName }: TimeChartProps) {
  const id = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<string | null>(null);
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
  const dates = [...new Set(all.map((p) => p.date))].sort();
  const showToday = today !== undefined && time(today) >= x0 && time(today) <= x1;
  // The hovered date: the charted date nearest to the pointer.
  const onMove = (event: PointerEvent<SVGSVGElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = ((event.clientX - box.left) / box.width) * W;
    let best: string | null = null;
    for (const d of dates) if (best === null || Math.abs(x(d) - px) < Math.abs(x(best) - px)) best = d;
    setHover(best);
  };
  const hovered = hover === null ? null : valuesAt(series, hover);
  const boxWidth = 150;
  const boxX =
    hover !== null && x(hover) + boxWidth + 8 > W ? x(hover) - boxWidth - 6 : hover ? x(hover) + 6 : 0;
  const exportCsv = () =>
    downloadBlob(
      new Blob(
        [
          toCsv(
            ['date', ...series.map((s) => s.label)],
            dates.map((d) => [d, ...valuesAt(series, d).map((v) => v.value)]),
            { decimalComma: true, bom: true },
          ),
        ],
        { type: 'text/csv;charset=utf-8' },
      ),
      safeFileName(exportName ?? title, 'csv'),
    );
  const exportSvg = () => {
    if (svgRef.current) downloadBlob(svgFile(svgRef.current), safeFileName(exportName ?? title, 'svg'));
  };
  return (
    <figure className="time-chart" data-testid={testId}>
      <svg
        ref={svgRef}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        onPointerMove={onMove}
        onPointerLeave={() => setHover(null)}
      >
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
        {showToday ? (
          <g className="chart-today" data-testid="chart-today">
            <line x1={x(today)} x2={x(today)} y1={M.top} y2={H - M.bottom} />
            <text x={x(today) - 3} y={M.top + 9} textAnchor="end">
              aujourd’hui
            </text>
          </g>
        ) : null}
        {hover !== null && hovered ? (
          <g className="chart-hover" data-testid="chart-hover">
            <line x1={x(hover)} x2={x(hover)} y1={M.top} y2={H - M.bottom} />
            <rect x={boxX} y={M.top} width={boxWidth} height={14 + 12 * hovered.length} rx={3} />
            <text x={boxX + 5} y={M.top + 11}>
              <tspan fontWeight="bold">{formatFrenchDate(hover)}</tspan>
              {hovered.map((h) => (
                <tspan key={h.label} x={boxX + 5} dy={12}>
                  {h.label.length > 22 ? `${h.label.slice(0, 21)}…` : h.label} :{' '}
                  {h.value === null ? '—' : formatNumber(h.value, decimals)}
                </tspan>
              ))}
            </text>
          </g>
        ) : null}
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
        {exportName ? (
          <span className="chart-export">
            <button type="button" onClick={exportCsv}>
              Exporter les valeurs (CSV)
            </button>
            <button type="button" onClick={exportSvg}>
              Exporter le graphique (SVG)
            </button>
          </span>
        ) : null}
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
