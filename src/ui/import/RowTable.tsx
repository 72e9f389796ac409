import type { RowError } from '../../io/types.ts';
import { formatInt } from '../format.ts';

export const SHOWN_ROWS = 100;

/** Row number + reason, the first hundred; the full list is in the downloadable report. */
export function RowTable({
  caption,
  rows,
  testId,
  reasonHeader = 'Raison',
  idOf,
}: {
  caption: string;
  rows: readonly RowError[];
  testId: string;
  reasonHeader?: string;
  /** The row's identifier in the file, shown when the file has an identifier column. */
  idOf?: ((row: number) => string | null) | undefined;
}) {
  if (rows.length === 0) return null;
  const more = rows.length - SHOWN_ROWS;
  return (
    <div className="import-rows">
      <table data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Ligne</th>
            <th scope="col">{reasonHeader}</th>
            {idOf ? <th scope="col">Identifiant</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN_ROWS).map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a row may carry several reasons; order is stable.
            <tr key={`${e.row}-${i}`}>
              <td>{e.row}</td>
              <td>{e.reason}</td>
              {idOf ? <td>{idOf(e.row) ?? ''}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? (
        <p className="import-muted" data-testid={`${testId}-more`}>
          … et {formatInt(more)} {more > 1 ? 'autres' : 'autre'} (liste complète dans le rapport CSV).
        </p>
      ) : null}
    </div>
  );
}
