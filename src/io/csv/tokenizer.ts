/**
 * Byte-level CSV tokenizer: the hot path of the import engine.
 *
 * Why not PapaParse: it builds one string per cell and one array (or object) per row, i.e. ~7 million short
 * strings for a 1 M-row street-light file — seconds of work and hundreds of MB. This tokenizer never
 * decodes text: it records where each cell starts and ends in the source bytes (two Int32 per cell), so
 * numbers are parsed straight from the bytes and attribute text is decoded lazily, on demand.
 * The cell arrays are row-major (record r, column c at r * columns + c) for write locality.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

export interface CsvCells {
  /** Fields per record (the header's). Extra fields are checked, not stored. */
  columns: number;
  /** Data records stored; blank records (empty or delimiters only) are skipped but keep their row number. */
  records: number;
  /** Spreadsheet row of each stored record (header = 1). Length ≥ records. */
  rowNumber: Int32Array;
  /** Byte offset where each cell starts. Length ≥ records × columns. */
  starts: Int32Array;
  /**
   * Byte offset where each cell ends (exclusive). Negative (`~end`) for a cell that must be unquoted when
   * read (escaped `""`, text after the closing quote, unclosed quote): then `start..~end` is the raw text.
   */
  ends: Int32Array;
  /** Record index → French reason for records the tokenizer already knows are broken. */
  issues: Map<number, string>;
}

/** Position just after the first record (line end included), quotes respected. */
export function endOfRecord(bytes: Uint8Array, start: number): number {
  let inQuotes = false;
  for (let p = start; p < bytes.length; p++) {
    const b = bytes[p]!;
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (b === LF || b === CR)) {
      return b === CR && bytes[p + 1] === LF ? p + 2 : p + 1;
    }
  }
  return bytes.length;
}

export class CsvTokenizer {
  private pos: number;
  private rowIndex = 0;
  private count = 0;
  private capacity: number;
  private starts: Int32Array;
  private ends: Int32Array;
  private rowNumber: Int32Array;
  private readonly issues = new Map<number, string>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly delimiter: number,
    private readonly columns: number,
    start: number,
    private readonly firstRow: number,
    estimatedRecords: number,
  ) {
    this.pos = start;
    this.capacity = Math.max(16, Math.ceil(estimatedRecords));
    this.starts = new Int32Array(this.capacity * columns);
    this.ends = new Int32Array(this.capacity * columns);
    this.rowNumber = new Int32Array(this.capacity);
  }

  get position(): number {
    return this.pos;
  }

  get recordCount(): number {
    return this.count;
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private grow(): void {
    const capacity = Math.ceil(this.capacity * 1.5) + 16;
    const n = this.columns;
    const starts = new Int32Array(capacity * n);
    starts.set(this.starts);
    const ends = new Int32Array(capacity * n);
    ends.set(this.ends);
    const rowNumber = new Int32Array(capacity);
    rowNumber.set(this.rowNumber);
    this.starts = starts;
    this.ends = ends;
    this.rowNumber = rowNumber;
    this.capacity = capacity;
  }

  /** Tokenizes whole records until the position reaches `until` (or the end of the bytes). */
  run(until: number): void {
    const bytes = this.bytes;
    const length = bytes.length;
    const d = this.delimiter;
    const n = this.columns;
    let pos = this.pos;
    let starts = this.starts;
    let ends = this.ends;
    let rowNumber = this.rowNumber;
    let count = this.count;
    let capacity = this.capacity;
    let row = this.firstRow + this.rowIndex;
    const limit = Math.min(until, length);
    while (pos < limit) {
      if (count >= capacity) {
        this.count = count;
        this.grow();
        starts = this.starts;
        ends = this.ends;
        rowNumber = this.rowNumber;
        capacity = this.capacity;
      }
      const base = count * n;
      const recordStart = pos;
      let col = 0;
      let content = false;
      let extra = false;
      let issue: string | null = null;
      // One record.
      for (;;) {
        let cellStart = pos;
        let cellEnd: number;
        if (pos < length && bytes[pos] === QUOTE) {
          let p = pos + 1;
          let escaped = false;
          let closed = false;
          while (p < length) {
            if (bytes[p] === QUOTE) {
              if (p + 1 < length && bytes[p + 1] === QUOTE) {
                escaped = true;
                p += 2;
                continue;
              }
              closed = true;
              break;
            }
            p++;
          }
          if (!closed) {
            // Treat the quote as a literal so the following lines stay records of their own.
            issue = 'guillemet ouvrant sans guillemet fermant';
            p = pos + 1;
            while (p < length && bytes[p] !== LF && bytes[p] !== CR && bytes[p] !== d) p++;
            cellEnd = ~p;
          } else {
            const inner = p;
            p++;
            let b = p < length ? bytes[p]! : LF;
            if (b !== d && b !== LF && b !== CR) {
              while (p < length) {
                b = bytes[p]!;
                if (b === d || b === LF || b === CR) break;
                p++;
              }
              cellEnd = ~p;
            } else if (escaped) {
              cellEnd = ~p;
            } else {
              cellStart = pos + 1;
              cellEnd = inner;
            }
          }
          pos = p;
          content = true;
        } else {
          while (pos < length) {
            const b = bytes[pos]!;
            if (b === d || b === LF || b === CR) break;
            pos++;
          }
          cellEnd = pos;
          if (pos > cellStart) content = true;
        }
        if (col < n) {
          starts[base + col] = cellStart;
          ends[base + col] = cellEnd;
        } else if ((cellEnd < 0 ? ~cellEnd : cellEnd) > cellStart) {
          extra = true;
        }
        col++;
        if (pos >= length) break;
        const b = bytes[pos]!;
        if (b === d) {
          pos++;
          continue;
        }
        pos += b === CR && pos + 1 < length && bytes[pos + 1] === LF ? 2 : 1;
        break;
      }
      const recordRow = row++;
      if (!content || (pos - recordStart <= 2 * n + 8 && isBlankBytes(bytes, recordStart, pos, d))) continue;
      for (let c = col; c < n; c++) {
        starts[base + c] = 0;
        ends[base + c] = 0;
      }
      if (extra) issue ??= `${col} champs au lieu de ${n} (séparateur dans une valeur sans guillemets ?)`;
      if (issue) this.issues.set(count, issue);
      rowNumber[count] = recordRow;
      count++;
    }
    this.pos = pos;
    this.count = count;
    this.rowIndex = row - this.firstRow;
  }

  result(): CsvCells {
    return {
      columns: this.columns,
      records: this.count,
      rowNumber: this.rowNumber,
      starts: this.starts,
      ends: this.ends,
      issues: this.issues,
    };
  }
}

function isBlankBytes(bytes: Uint8Array, start: number, end: number, delimiter: number): boolean {
  for (let p = start; p < end; p++) {
    const b = bytes[p]!;
    if (b !== delimiter && b !== SPACE && b !== TAB && b !== LF && b !== CR) return false;
  }
  return true;
}
