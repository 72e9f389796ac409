/**
 * String-level CSV reader for small texts (sniffing samples, previews, tests). RFC 4180 quoting, `""` escapes,
 * LF / CRLF / CR line ends. The bulk import uses the byte tokenizer in `tokenizer.ts` instead.
 */
export function parseCsvText(
  text: string,
  delimiter: string,
  maxRecords = Number.POSITIVE_INFINITY,
): string[][] {
  const records: string[][] = [];
  const n = text.length;
  let i = 0;
  let record: string[] = [];
  let field = '';
  let atFieldStart = true;
  let inQuotes = false;
  while (i < n && records.length < maxRecords) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      record.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (records.length < maxRecords && (field !== '' || record.length > 0 || inQuotes)) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** A record made only of empty or blank cells (`;;;` lines that spreadsheets leave at the end). */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Picks the delimiter that splits the first records (header included, quotes respected) into the same
 * number (> 1) of fields on every line. Ties go to the candidate giving more fields, then to `;` (the French
 * Excel default). A decimal-comma file is not mistaken for comma-separated because its header has no comma.
 */
export function detectDelimiter(sample: string, maxRecords = 30): Delimiter {
  let best: { delimiter: Delimiter; score: number; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const records = parseCsvText(sample, delimiter, maxRecords + 1)
      .slice(0, maxRecords)
      .filter((r) => !isBlankRecord(r));
    if (records.length === 0) continue;
    const headerCount = records[0]!.length;
    if (headerCount < 2) continue;
    // The last sampled record may be cut in the middle: it does not vote.
    const voters = records.length > 2 ? records.slice(0, -1) : records;
    const agreeing = voters.filter((r) => r.length === headerCount).length;
    const score = agreeing / voters.length;
    if (
      !best ||
      score > best.score + 1e-9 ||
      (Math.abs(score - best.score) <= 1e-9 && headerCount > best.fields)
    ) {
      best = { delimiter, score, fields: headerCount };
    }
  }
  return best?.delimiter ?? ';';
}
