/**
 * An advice file imported through the server (POST /api/imports?kind=advice): the two session columns the
 * server itself reads are stored under the names the API and the session counts read (src/domain/advice/
 * serverRecords.ts) — the session's date as `date` (ISO aaaa-mm-jj, required by the record API, counted by
 * GET /api/advice/summary) and its follow-up status as `followUpStatus` (the code). The file's own date and
 * status columns (found by the one advice column detection) are replaced by them — the status as the advice
 * mapping reads it: the status column, else the latest contact of the history, else « à relancer »; a value the advice readers
 * cannot read is kept as typed, so the app shows that record as unreadable with its reason, never a wrong
 * count. Without a date column the file is imported as it is (the rows then carry no date).
 */
import { readHistory } from '../domain/advice/cells.ts';
import { detectAdviceColumns } from '../domain/advice/columns.ts';
import { readAdviceDate } from '../domain/advice/dates.ts';
import { readFollowUpStatus } from '../domain/advice/vocabulary.ts';
import type { ImportResult, StringColumn } from '../io/types.ts';

export const ADVICE_DATE_KEY = 'date';
export const ADVICE_STATUS_KEY = 'followUpStatus';

const mapped = (column: StringColumn, read: (cell: string | null) => string | null): StringColumn => ({
  length: column.length,
  get: (i) => {
    const cell = column.get(i);
    return cell === null ? null : (read(cell) ?? cell);
  },
});

export function withAdviceKeys(result: ImportResult): ImportResult {
  if (!result.ok) return result;
  const source = result.features.attributes;
  const fields = Object.keys(source);
  const columns = detectAdviceColumns(
    fields.filter((f) => f !== result.mapping.id && f !== result.mapping.insee),
  );
  if (!columns.date && !columns.status && !columns.contactHistory) return result;
  const attributes: Record<string, StringColumn> = {};
  for (const name of fields) {
    if (name === columns.date || name === columns.status) continue;
    // A file column already named like a stored key gives way to the normalised one.
    if ((name === ADVICE_DATE_KEY && columns.date) || (name === ADVICE_STATUS_KEY && columns.status))
      continue;
    attributes[name] = source[name]!;
  }
  if (columns.date) attributes[ADVICE_DATE_KEY] = mapped(source[columns.date]!, readAdviceDate);
  const status = columns.status ? source[columns.status]! : null;
  const history = columns.contactHistory ? source[columns.contactHistory]! : null;
  if (status || history)
    attributes[ADVICE_STATUS_KEY] = {
      length: result.features.count,
      get: (i) => {
        const cell = status?.get(i) ?? null;
        const code = readFollowUpStatus(cell);
        // Unknown to the readers: kept as typed (the app then shows the record as unreadable, with why).
        if (code === null) return cell;
        // As the advice mapping: the status column first, else the latest contact of the history.
        return (
          code ?? readHistory(history?.get(i) ?? null, 'toRemind').contacts.at(-1)?.statusAfter ?? 'toRemind'
        );
      },
    };
  return { ...result, features: { ...result.features, attributes } };
}
