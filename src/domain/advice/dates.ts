/**
 * Calendar dates as ISO strings (yyyy-mm-dd): they compare lexicographically, serialise as-is and carry no
 * time zone, which is what an advice date is. Arithmetic goes through UTC so DST never shifts a day.
 */
import { isoDate, parseDateFr } from '../../io/formats/date.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

function build(year: number, month1: number, day: number): string | null {
  return year < 1900 || year > 2200 ? null : isoDate(year, month1, day);
}

export function isIsoDate(text: string): boolean {
  const m = ISO.exec(text);
  return m !== null && build(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

function parts(iso: string): [number, number, number] {
  const m = ISO.exec(iso);
  if (!m) throw new Error(`Date ISO invalide : ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Adds calendar months; the day is clamped to the target month (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = (index % 12) + 1;
  return build(year, month1, Math.min(d, daysInMonth(year, month1)))!;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / DAY_MS);
}

/** `2026-03-14` → `2026-03`. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(daysInMonth(y, m))}`;
}

/** Months from `from` to `to` inclusive, as `yyyy-mm`. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  let current = `${monthOf(from)}-01`;
  const last = monthOf(to);
  while (monthOf(current) <= last) {
    months.push(monthOf(current));
    current = addMonths(current, 1);
  }
  return months;
}

/** The user's local calendar day (a session recorded at 23:30 in France belongs to that day). */
export function localToday(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `2026-03-14` → `14/03/2026`. */
export function formatFrenchDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
}

/**
 * An advice date cell or form field: the one date reader (`io/formats/date.ts`: ISO, jj/mm/aaaa, two-digit
 * years 00–29 → 20xx, Excel serials since these are date columns), kept to the years 1900–2200 that date
 * arithmetic here supports.
 */
export function readAdviceDate(cell: string | null | undefined): string | null {
  const iso = parseDateFr(cell, { excelSerial: true });
  return iso !== null && isIsoDate(iso) ? iso : null;
}
