export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheets execute cells starting with = + - @ (and tab/CR variants): prefix them with a quote so an
 * imported name can never become a formula in someone's Excel. Finite numbers are written as numbers.
 */
export function neutraliseCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes a CSV document. Default `;` because French Excel opens it directly; a BOM keeps accents right.
 * `decimalComma` writes numbers the way French spreadsheets read them.
 */
export function toCsv(
  header: string[],
  rows: CsvCell[][],
  options: { delimiter?: string; bom?: boolean; decimalComma?: boolean } = {},
): string {
  const delimiter = options.delimiter ?? ';';
  const line = (cells: CsvCell[]) =>
    cells
      .map((cell) => {
        const text = neutraliseCell(cell);
        const localised = options.decimalComma && typeof cell === 'number' ? text.replace('.', ',') : text;
        return quote(localised, delimiter);
      })
      .join(delimiter);
  const body = [line(header), ...rows.map(line)].join('\r\n');
  return `${options.bom === false ? '' : '\uFEFF'}${body}\r\n`;
}
