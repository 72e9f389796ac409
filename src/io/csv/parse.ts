import { decodeBytes, detectEncoding } from '../encoding.ts';
import type { TextEncoding } from '../types.ts';
import { CsvTextColumn } from './columns.ts';
import { type Delimiter, detectDelimiter, isBlankRecord, parseCsvText } from './text.ts';
import { CsvTokenizer, endOfRecord } from './tokenizer.ts';
import { uniqueFieldNames } from './values.ts';

export interface CsvTable {
  bytes: Uint8Array;
  encoding: TextEncoding;
  bom: boolean;
  delimiter: Delimiter;
  /** Header cells, trimmed and made unique (see `uniqueFieldNames`). */
  fields: string[];
  /** Data records (blank lines excluded). */
  records: number;
  /** Spreadsheet row of each record. */
  rowNumber: Int32Array;
  /** Record index → French reason, for records broken at the tokenizer level. */
  issues: Map<number, string>;
  /** Column over all records, by field position. */
  column(index: number): CsvTextColumn;
}

export interface CsvReadOptions {
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  /** Called between chunks of ~4 MB with records read so far and an estimate of the total; may await. */
  checkpoint?: (recordsRead: number, totalEstimate: number) => void | Promise<void>;
  chunkBytes?: number;
}

const SAMPLE_BYTES = 64 * 1024;

function skipBlankLines(bytes: Uint8Array, pos: number): { pos: number; skipped: number } {
  let skipped = 0;
  for (;;) {
    let p = pos;
    while (p < bytes.length && (bytes[p] === 0x20 || bytes[p] === 0x09)) p++;
    if (bytes[p] === 0x0d || bytes[p] === 0x0a) {
      pos = p + (bytes[p] === 0x0d && bytes[p + 1] === 0x0a ? 2 : 1);
      skipped++;
    } else return { pos, skipped };
  }
}

/** Reads a CSV from its bytes; null when the file has no header line at all. */
export async function readCsv(bytes: Uint8Array, options: CsvReadOptions = {}): Promise<CsvTable | null> {
  const detected = detectEncoding(bytes);
  const encoding = options.encoding ?? detected.encoding;
  let { pos, skipped } = skipBlankLines(bytes, detected.bomLength);
  let headerRow = 1 + skipped;
  if (pos >= bytes.length) return null;

  let forced: Delimiter | undefined = options.delimiter;
  // Excel's "sep=;" hint line.
  const firstEnd = endOfRecord(bytes, pos);
  const firstLine = decodeBytes(bytes, encoding, pos, firstEnd).trim();
  const hint = /^sep=(.)$/i.exec(firstLine);
  if (hint && [';', ',', '\t', '|'].includes(hint[1]!)) {
    forced ??= hint[1] as Delimiter;
    pos = firstEnd;
    headerRow++;
  }

  const sampleEnd = Math.min(bytes.length, pos + SAMPLE_BYTES);
  let sample = decodeBytes(bytes, encoding, pos, sampleEnd);
  if (sampleEnd < bytes.length) {
    const lastBreak = Math.max(sample.lastIndexOf('\n'), sample.lastIndexOf('\r'));
    if (lastBreak > 0) sample = sample.slice(0, lastBreak);
  }
  const delimiter = forced ?? detectDelimiter(sample);
  const headerEnd = endOfRecord(bytes, pos);
  const headerCells = parseCsvText(decodeBytes(bytes, encoding, pos, headerEnd), delimiter, 1)[0] ?? [];
  if (isBlankRecord(headerCells)) return null;
  const fields = uniqueFieldNames(headerCells);

  const sampleRecords = Math.max(1, parseCsvText(sample, delimiter).length - 1);
  const dataBytes = bytes.length - headerEnd;
  const sampledBytes = Math.max(1, sampleEnd - headerEnd);
  // A record holds at least one byte per field (delimiters and line break), whatever the sample says: the
  // bound keeps the first allocation (records × fields) sane when the header is longer than the sample.
  const estimate = Math.min(
    sampleEnd >= bytes.length ? sampleRecords : (dataBytes / sampledBytes) * sampleRecords * 1.05,
    dataBytes / Math.max(1, fields.length) + 1,
  );

  const tokenizer = new CsvTokenizer(
    bytes,
    delimiter.charCodeAt(0),
    fields.length,
    headerEnd,
    headerRow + 1,
    estimate + 16,
  );
  const chunk = options.chunkBytes ?? 4 * 1024 * 1024;
  while (!tokenizer.done) {
    tokenizer.run(tokenizer.position + chunk);
    if (options.checkpoint) {
      const progress = (tokenizer.position - headerEnd) / Math.max(1, dataBytes);
      const total = tokenizer.done
        ? tokenizer.recordCount
        : Math.max(tokenizer.recordCount, Math.round(tokenizer.recordCount / Math.max(progress, 1e-6)));
      await options.checkpoint(tokenizer.recordCount, total);
    }
  }
  const cells = tokenizer.result();
  const n = fields.length;
  return {
    bytes,
    encoding,
    bom: detected.bomLength > 0,
    delimiter,
    fields,
    records: cells.records,
    rowNumber: cells.rowNumber,
    issues: cells.issues,
    column: (index) =>
      new CsvTextColumn(bytes, encoding, cells.starts, cells.ends, n, index, null, cells.records),
  };
}
