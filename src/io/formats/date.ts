/**
 * The one reader of calendar dates found in imported files and forms → ISO `yyyy-mm-dd` (no time zone: an
 * advice session, an installation or a PCAET figure is dated by its day). Every import, form and CLI command
 * uses it, so `01/01/75` has one meaning everywhere.
 *
 * Rules:
 * - ISO `yyyy-mm-dd` (also `yyyy/mm/dd`), optionally followed by a time and offset, which are ignored.
 * - French `jj/mm/aaaa`, also with `-` or `.`, one- or two-digit day and month, optional time (`08:30`, `8h30`).
 * - Two-digit years follow the spreadsheet convention (Excel and LibreOffice defaults): 00–29 → 2000–2029,
 *   30–99 → 1930–1999. A file typed as `jj/mm/aa` and exported as text is then read as the date the spreadsheet
 *   itself showed, and the answer does not depend on the day the import runs (a sliding pivot would read the
 *   same file differently next year). `01/01/75` is 1975 (a streetlight installed then), `14.03.26` is 2026.
 * - Excel serial day numbers (`45678` → 2025-01-21), only when the caller says the column holds dates
 *   (`{ excelSerial: true }`): elsewhere `45678` is a number. 1900 date system, including Lotus's fictitious
 *   29 February 1900 (serial 60); only the plausible range 1990-01-01 … 2099-12-31 is accepted, so an
 *   identifier or an amount is not mistaken for a date. A fractional part (time of day) is ignored.
 * - Impossible dates (31/02, month 13) → null; years outside 1000–9999 → null.
 */
import { isMissingValue } from '../csv/values.ts';

export interface DateOptions {
  /** The column is known to hold dates: accept Excel serial day numbers too. */
  excelSerial?: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-mm-dd` for a real calendar day, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
    return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Two-digit year → four digits, spreadsheet convention (00–29 → 20xx, 30–99 → 19xx). */
export function expandTwoDigitYear(yy: number): number {
  return yy < 30 ? 2000 + yy : 1900 + yy;
}

/** 1990-01-01 and 2099-12-31 as 1900-system serials. */
export const EXCEL_SERIAL_MIN = 32874;
export const EXCEL_SERIAL_MAX = 73050;
const DAY_MS = 86_400_000;

/** Excel 1900-system serial → ISO date (serial 60, the fictitious 29/02/1900, → null). */
export function excelSerialToIso(serial: number): string | null {
  const day = Math.floor(serial);
  if (!(day >= 1) || day === 60) return null;
  // Serials after 60 count one day too many (Lotus 1-2-3's leap 1900), hence the 30 December epoch.
  const epoch = day > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(epoch + day * DAY_MS).toISOString().slice(0, 10);
}

const TIME = String.raw`(?:[T ]+\d{1,2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?|h\d{2}|h)(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})([-/])(\d{1,2})\2(\d{1,2})${TIME}$`);
const FRENCH = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})${TIME}$`);
const SERIAL = /^(\d{5})(?:[.,]\d+)?$/;

/** A date cell (rules above) → `yyyy-mm-dd`, or null when missing or not a real date. */
export function parseDateFr(text: string | null | undefined, options: DateOptions = {}): string | null {
  if (isMissingValue(text)) return null;
  const s = (text as string).trim();
  const iso = ISO.exec(s);
  if (iso) return isoDate(Number(iso[1]), Number(iso[3]), Number(iso[4]));
  const fr = FRENCH.exec(s);
  if (fr) {
    const year = fr[4]!.length === 2 ? expandTwoDigitYear(Number(fr[4])) : Number(fr[4]);
    return isoDate(year, Number(fr[3]), Number(fr[1]));
  }
  if (options.excelSerial) {
    const serial = SERIAL.exec(s);
    if (serial) {
      const day = Number(serial[1]);
      if (day >= EXCEL_SERIAL_MIN && day <= EXCEL_SERIAL_MAX) return excelSerialToIso(day);
    }
  }
  return null;
}
