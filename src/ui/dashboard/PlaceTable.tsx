import { useEffect, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../domain/choropleth/format.ts';
import type { CommuneRef } from '../../domain/indicators/types.ts';
import { useAppStore } from '../../state/store.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { SMALL_SAMPLE_LEAD } from './legend.ts';
import type { DashboardChoropleth } from './mapModel.ts';
import { placeCsv, placeRows, sortPlaces } from './table.ts';

type SortKey = 'name' | 'population' | 'value';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Nom' },
  { key: 'population', label: 'Population' },
  { key: 'value', label: 'Valeur' },
];

/** The selected indicator per commune (or EPCI): sortable, coloured like the map, exportable to CSV. */
export function PlaceTable({
  current,
  communes,
  epciNames,
}: {
  current: DashboardChoropleth;
  communes: readonly CommuneRef[];
  epciNames: ReadonlyMap<string, string>;
}) {
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({
    key: 'value',
    direction: 'desc',
  });
  const rows = useMemo(() => placeRows(current, communes, epciNames), [current, communes, epciNames]);
  const selectedInsee = useAppStore((s) => s.selectedCommune);
  const select = useAppStore((s) => s.selectCommune);
  // The row of the commune picked on the map or in the search box (at EPCI level, its EPCI's row).
  const selectedRow =
    selectedInsee === null
      ? null
      : current.level === 'epci'
        ? (communes.find((c) => c.insee === selectedInsee)?.epciSiren ?? null)
        : selectedInsee;
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (selectedRow === null) return;
    body.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [selectedRow]);
  const sorted = useMemo(
    () => sortPlaces(rows, sort.key, sort.direction, current.info.key),
    [rows, sort, current.info.key],
  );
  // One decimal more than the legend bounds, so a value is never printed equal to the bound it exceeds.
  const decimals = Math.min(3, (current.choropleth?.decimals ?? 0) + 1);
  const anySmall = rows.some((r) => r.smallSample.length > 0);
  const toggle = (key: SortKey) =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'name' ? 'asc' : 'desc' },
    );
  const exportCsv = () => {
    const csv = placeCsv(current, sorted);
    downloadBlob(
      new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      safeFileName(`${current.info.label}-par-${current.level}`, 'csv'),
    );
  };
  const word = current.level === 'epci' ? 'EPCI' : 'commune';
  return (
    <section aria-labelledby="place-table-title" className="dashboard-section">
      <h3 id="place-table-title">
        {current.info.label} par {word}{' '}
        <span className="muted small" data-testid="place-table-period">
          — {current.period}
        </span>
      </h3>
      <button type="button" onClick={exportCsv} data-testid="table-csv">
        Exporter le tableau (CSV)
      </button>
      <div className="table-scroll">
        <table className="dashboard-table" data-testid="place-table">
          <caption className="visually-hidden">
            {current.info.label} par {word}, triable ; les lignes sans donnée restent en bas.
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const active = sort.key === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" className="sort" onClick={() => toggle(c.key)}>
                      {c.key === 'value' && current.info.unit ? `${c.label} (${current.info.unit})` : c.label}
                      <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={body}>
            {sorted.map((r) => {
              const value = r.values[current.info.key] ?? null;
              const assignment = current.choropleth?.classOf(r.id);
              return (
                <tr
                  key={r.id}
                  className={r.id === selectedRow ? 'selected' : undefined}
                  aria-current={r.id === selectedRow ? 'true' : undefined}
                  data-testid={`place-row-${r.id}`}
                >
                  <th scope="row">
                    {current.level === 'commune' ? (
                      <button type="button" className="link" onClick={() => select(r.id)}>
                        {r.name}
                      </button>
                    ) : (
                      r.name
                    )}
                  </th>
                  <td className="num">{formatNumber(r.population)}</td>
                  <td className="num">
                    <span className="swatch" style={{ background: assignment?.color }} aria-hidden="true" />{' '}
                    {value === null ? (
                      <span className="muted">sans donnée</span>
                    ) : (
                      formatNumber(value, Number.isInteger(value) ? 0 : decimals)
                    )}
                    {r.smallSample.length > 0 ? (
                      <abbr title={`${SMALL_SAMPLE_LEAD} : ${current.choropleth?.smallSample.label ?? ''}`}>
                        {' '}
                        *
                      </abbr>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {anySmall ? (
        <p className="muted small">
          * {SMALL_SAMPLE_LEAD} ({current.choropleth?.smallSample.label.toLowerCase()}) : valeur peu fiable,
          classée après les valeurs fiables.
        </p>
      ) : null}
    </section>
  );
}
