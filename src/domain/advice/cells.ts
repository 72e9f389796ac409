/** Cell readers of the advice import: enumerations, lists, contact history, and row-grouped remarks. */
import { readAdviceDate } from './dates.ts';
import { splitList } from './text.ts';
import type { FollowUpContact, FollowUpStatus } from './types.ts';
import { readFollowUpStatus } from './vocabulary.ts';

/** A column missing from the file: reported once, not on every row. */
export const ABSENT = Symbol('absent');

export class Notes {
  private readonly byMessage = new Map<string, number[]>();
  private pending: [string, number][] = [];
  /** Held until the row is accepted: a rejected row reports its error, not side remarks. */
  add(message: string, row: number): void {
    this.pending.push([message, row]);
  }
  commit(): void {
    for (const [message, row] of this.pending) {
      const rows = this.byMessage.get(message) ?? [];
      rows.push(row);
      this.byMessage.set(message, rows);
    }
    this.pending = [];
  }
  discard(): void {
    this.pending = [];
  }
  list(): string[] {
    return [...this.byMessage].map(([message, rows]) => {
      const shown = rows.slice(0, 10).join(', ');
      const more = rows.length > 10 ? ` et ${rows.length - 10} autres` : '';
      return `${message} (${rows.length === 1 ? 'ligne' : `${rows.length} lignes :`} ${shown}${more}).`;
    });
  }
}

export function readEnum<T extends string>(
  cell: string | null | typeof ABSENT,
  reader: (c: string | null) => T | null | undefined,
  labels: Record<T | 'unknown', string>,
  what: string,
  notes: Notes,
  row: number,
): T | 'unknown' | { error: string } {
  if (cell === ABSENT) return 'unknown';
  const value = reader(cell);
  if (value === undefined) {
    notes.add(`${what} non renseigné, enregistré « non renseigné »`, row);
    return 'unknown';
  }
  if (value === null) {
    const accepted = Object.entries(labels)
      .filter(([code]) => code !== 'unknown')
      .map(([, label]) => label)
      .join(', ');
    return { error: `${what.toLowerCase()} « ${cell} » non reconnu (valeurs possibles : ${accepted})` };
  }
  return value;
}

export function readList<T extends string>(
  cell: string | null,
  reader: (c: string) => T | null | undefined,
  what: string,
  notes: Notes,
  row: number,
): T[] {
  const values = new Set<T>();
  for (const item of splitList(cell)) {
    const value = reader(item);
    if (value) values.add(value);
    else {
      notes.add(`${what} « ${item} » non reconnue, classée « autre »`, row);
      values.add('other' as T);
    }
  }
  return [...values];
}

/** `2025-04-15 travaux envisagés | 15/07/2025 : travaux engagés` → dated contacts. */
export function readHistory(
  cell: string | null,
  fallbackStatus: FollowUpStatus,
): { contacts: FollowUpContact[]; bad: string[] } {
  const contacts: FollowUpContact[] = [];
  const bad: string[] = [];
  for (const entry of (cell ?? '')
    .split(/[|\n]/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = /^(\S+)\s*[:\-–]?\s*(.*)$/.exec(entry);
    const date = m ? readAdviceDate(m[1]!) : null;
    const status = m?.[2] ? readFollowUpStatus(m[2]) : undefined;
    if (!date || status === null) bad.push(entry);
    else contacts.push({ date, statusAfter: status ?? fallbackStatus });
  }
  contacts.sort((a, b) => a.date.localeCompare(b.date));
  return { contacts, bad };
}
