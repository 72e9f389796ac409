/**
 * Advice sessions ↔ the team server's records. The server keeps a session's columns flat in `properties`:
 * a file imported through the server keeps its own columns as they were (`date_conseil`, `statut_suivi`, or
 * whatever names the file used); a session recorded in the app is written as the CSV export's columns
 * (src/domain/advice/csv.ts), except two the server itself reads — `date` (ISO, required by the API) and
 * `followUpStatus` (the code, counted by GET /api/advice/summary). Both shapes are read by the one advice
 * mapping (`mapAdviceTable`), so a session read back after an edit is the session that was edited.
 * Pseudonymous only: the contact card travels apart (`contact`), never in the properties.
 */
import type { RowError } from '../../io/types.ts';
import { ADVICE_COLUMN_LABELS, type AdviceColumnField, detectAdviceColumns } from './columns.ts';
import type { CommuneRef } from './communes.ts';
import { ADVICE_CSV_HEADER, adviceCsvRows } from './csv.ts';
import { type AdviceTable, mapAdviceTable } from './mapping.ts';
import type { AdviceSession } from './types.ts';

/** What the mapping needs of a server record (see src/storage/syncClient.ts ServerRecord). */
export interface AdviceRecord {
  id: string;
  insee: string | null;
  properties: Readonly<Record<string, unknown>>;
}

export type PropertyValue = string | number | boolean | null;

/** Field names no file uses, holding the record's id and commune (the server's, already checked). */
const ID_FIELD = '\u0000id';
const INSEE_FIELD = '\u0000insee';

/** The export's columns the record does not repeat: id and commune are the record's own. */
const NOT_STORED = new Set(['id_conseil', 'code_insee', 'commune']);
/** The export's columns stored under the name the server reads, with the value it reads. */
const DATE_KEY = 'date';
const STATUS_KEY = 'followUpStatus';

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : String(value);

/** The properties of a session as the app writes them (flat scalars, no personal data). */
export function sessionProperties(session: AdviceSession): Record<string, PropertyValue> {
  const row = adviceCsvRows([session])[0]!;
  const properties: Record<string, PropertyValue> = {};
  ADVICE_CSV_HEADER.forEach((name, k) => {
    if (NOT_STORED.has(name)) return;
    if (name === 'date_conseil') properties[DATE_KEY] = session.date;
    else if (name === 'statut_suivi') properties[STATUS_KEY] = session.followUp.status;
    else properties[name] = row[k] ?? null;
  });
  return properties;
}

/** The properties an edit changed (`before` → `after`, same session); null when nothing stored changed. */
export function sessionPatch(
  before: AdviceSession,
  after: AdviceSession,
): Record<string, PropertyValue> | null {
  const a = sessionProperties(before);
  const b = sessionProperties(after);
  const patch: Record<string, PropertyValue> = {};
  for (const key of Object.keys(b)) if (a[key] !== b[key]) patch[key] = b[key] ?? null;
  return Object.keys(patch).length > 0 ? patch : null;
}

export interface RecordsAsSessions {
  sessions: AdviceSession[];
  /** Records the advice mapping refuses, with its French reason: shown, never silently lost. */
  unreadable: { id: string; reason: string }[];
}

function tableOf(records: readonly AdviceRecord[], fields: string[]): AdviceTable {
  return {
    fields: [ID_FIELD, INSEE_FIELD, ...fields],
    count: records.length,
    rowOf: (i) => i + 1,
    get: (i, field) =>
      field === ID_FIELD
        ? records[i]!.id
        : field === INSEE_FIELD
          ? records[i]!.insee
          : text(records[i]!.properties[field]),
  };
}

/**
 * Sessions of server records, in the records' order. Records are mapped in groups sharing the same property
 * names, so one file's columns never decide how another file's records are read.
 */
export function sessionsFromRecords(
  records: readonly AdviceRecord[],
  communes: readonly CommuneRef[],
): RecordsAsSessions {
  const groups = new Map<string, AdviceRecord[]>();
  for (const r of records) {
    const key = Object.keys(r.properties).sort().join('\u0001');
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const byId = new Map<string, AdviceSession>();
  const unreadable: RecordsAsSessions['unreadable'] = [];
  for (const group of groups.values()) {
    const fields = Object.keys(group[0]!.properties);
    const has = (k: string) => fields.includes(k);
    const mapped = mapAdviceTable(tableOf(group, fields), {
      communes,
      columns: {
        id: ID_FIELD,
        insee: INSEE_FIELD,
        ...(has(DATE_KEY) ? { date: DATE_KEY } : {}),
        ...(has(STATUS_KEY) ? { status: STATUS_KEY } : {}),
      },
    });
    for (const s of mapped.sessions) {
      // A server record is not a row of the user's file: the session's origin is the team's data.
      const { sourceRow: _row, ...session } = s;
      byId.set(s.id, session);
    }
    for (const e of mapped.errors as RowError[])
      unreadable.push({ id: group[e.row - 1]?.id ?? '?', reason: e.reason });
  }
  const sessions: AdviceSession[] = [];
  for (const r of records) {
    const s = byId.get(r.id);
    if (s) sessions.push(s);
  }
  return { sessions, unreadable };
}

/** French label of a session property (conflict view): the advice column it carries, else the raw name. */
export function sessionPropertyLabel(name: string, recordKeys: readonly string[]): string {
  if (name === DATE_KEY) return ADVICE_COLUMN_LABELS.date;
  if (name === STATUS_KEY) return ADVICE_COLUMN_LABELS.status;
  const columns = detectAdviceColumns(recordKeys);
  const field = (Object.keys(columns) as AdviceColumnField[]).find((f) => columns[f] === name);
  return field ? ADVICE_COLUMN_LABELS[field] : name;
}
