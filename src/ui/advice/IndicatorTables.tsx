import { useMemo, useState } from 'react';
import type { CommuneIndicatorRow, EpciIndicatorRow } from '../../domain/advice/indicators.ts';
import { formatNumber, formatPercent } from '../../domain/choropleth/format.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';

type Row = CommuneIndicatorRow | EpciIndicatorRow;
type SortKey = 'name' | 'sessions' | 'sessionsPer1000' | 'conversionRate' | 'mature';

const COLUMNS: { key: SortKey; label: string; title?: string }[] = [
  { key: 'name', label: 'Nom' },
  { key: 'sessions', label: 'Conseils' },
  { key: 'sessionsPer1000', label: '‰ hab.', title: 'Conseils pour 1 000 habitants' },
  { key: 'conversionRate', label: 'Passage à l’acte', title: 'Conseils mûrs suivis de travaux' },
  { key: 'mature', label: 'n mûrs', title: 'Conseils assez anciens pour être jugés' },
];

const keyOf = (row: Row) => ('insee' in row ? row.insee : row.siren);

/** Missing values always sort last, whatever the direction, so "no data" never tops a ranking. */
export function sortRows<T extends Row>(rows: readonly T[], key: SortKey, ascending: boolean): T[] {
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return sign * a.name.localeCompare(b.name, 'fr');
    const va = a[key];
    const vb = b[key];
    if (va === null && vb === null) return a.name.localeCompare(b.name, 'fr');
    if (va === null) return 1;
    if (vb === null) return -1;
    return sign * (va - vb) || a.name.localeCompare(b.name, 'fr');
  });
}

export function ConversionCell({ row }: { row: Row }) {
  if (row.conversionRate === null)
    return (
      <span className="muted" title="Aucun conseil mûr">
        —
      </span>
    );
  return (
    <>
      {formatPercent(row.conversionRate)}
      {row.smallSample ? (
        <span className="flag" title="Moins de 5 conseils mûrs : taux peu fiable">
          {' '}
          ⚠<span className="sr-only"> (moins de 5 conseils mûrs, peu fiable)</span>
        </span>
      ) : null}
    </>
  );
}

interface TableProps<T extends Row> {
  caption: string;
  rows: readonly T[];
  /** Row to emphasise (the selected commune's EPCI). */
  current?: string | null;
  onPick?: (row: T) => void;
  testId: string;
}

export function IndicatorTable<T extends Row>({ caption, rows, current, onPick, testId }: TableProps<T>) {
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({
    key: 'sessions',
    ascending: false,
  });
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.ascending), [rows, sort]);
  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, ascending: !s.ascending } : { key, ascending: key === 'name' }));
  return (
    <div className="table-scroll">
      <table className="advice-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
              >
                <button type="button" className="sort" title={c.title} onClick={() => toggle(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={keyOf(row)} className={keyOf(row) === current ? 'current' : undefined}>
              <th scope="row">
                {onPick ? (
                  <button type="button" className="link" onClick={() => onPick(row)}>
                    {row.name}
                  </button>
                ) : (
                  row.name
                )}
              </th>
              <td>{formatInt(row.sessions)}</td>
              <td>{row.sessionsPer1000 === null ? '—' : formatNumber(row.sessionsPer1000, 1)}</td>
              <td>
                <ConversionCell row={row} />
              </td>
              <td>{formatInt(row.mature)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function IndicatorTables({
  communes,
  epci,
  selected,
  scopeNote,
}: {
  communes: CommuneIndicatorRow[];
  epci: EpciIndicatorRow[];
  selected: CommuneIndicatorRow | null;
  /** « Conseils dans la période du contrat ; passage à l’acte … »: the same rule as the headline. */
  scopeNote: string;
}) {
  const select = useAppStore((s) => s.selectCommune);
  const shown = useMemo(() => (selected ? [selected] : communes), [communes, selected]);
  return (
    <>
      <h3>Par intercommunalité</h3>
      <p className="muted small period-note" data-testid="advice-tables-scope">
        {scopeNote}
      </p>
      <IndicatorTable
        caption="Conseils et passage à l’acte par EPCI"
        rows={epci}
        current={selected?.epciSiren ?? null}
        testId="advice-epci-table"
      />
      <h3>Par commune</h3>
      <IndicatorTable
        caption={
          selected
            ? `Commune sélectionnée : ${selected.name}`
            : `Les ${communes.length} communes (cliquez un nom pour la sélectionner)`
        }
        rows={shown}
        onPick={(row) => select(row.insee)}
        testId="advice-commune-table"
      />
    </>
  );
}
