import { describe, expect, it } from 'vitest';
import { ArrayColumn } from '../csv/columns.ts';
import { readCsv } from '../csv/parse.ts';
import { RowErrors, rejectDuplicateIds } from './stages.ts';

async function idColumn(bytes: Uint8Array) {
  const table = (await readCsv(bytes))!;
  return { column: table.column(0), rowNumber: table.rowNumber, n: table.records };
}

describe('rejectDuplicateIds', () => {
  it('rejects later repeats among 70,000 ids, quoted or padded, ignoring missing ids', async () => {
    const ids = Array.from({ length: 70_000 }, (_, i) => `LP-${i}`);
    ids[50_000] = ' LP-7 ';
    ids[60_000] = '"LP-123"';
    ids[69_999] = 'LP-123';
    ids[10] = 'NA';
    ids[11] = 'NA';
    ids[12] = '';
    const { column, rowNumber, n } = await idColumn(
      new TextEncoder().encode(`id;v\n${ids.map((id) => `${id};1`).join('\n')}\n`),
    );
    const errors = new RowErrors(n, new Map());
    rejectDuplicateIds(column, rowNumber, errors, 'id');
    expect([...errors.reasons.keys()].sort((a, b) => a - b)).toEqual([50_000, 60_000, 69_999]);
    expect(errors.reasons.get(50_000)).toBe(
      'identifiant « LP-7 » en double (déjà présent ligne 9, colonne id)',
    );
    expect(errors.reasons.get(69_999)).toMatch(/déjà présent ligne 125,/);
  });

  it('compares Windows-1252 ids by their text, and skips rows already rejected', async () => {
    // "Été-1;1\nÉté-1;2\nÉté-2;3\n" in Windows-1252
    const latin = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    const { column, rowNumber, n } = await idColumn(
      latin('id;v\n\u00c9t\u00e9-1;1\n\u00c9t\u00e9-1;2\n\u00c9t\u00e9-2;3\n\u00c9t\u00e9-2;4\n'),
    );
    expect(column.encoding).toBe('windows-1252');
    const errors = new RowErrors(n, new Map([[2, 'déjà rejetée']]));
    rejectDuplicateIds(column, rowNumber, errors, 'id');
    expect(errors.reasons.get(1)).toMatch(/« Été-1 » en double \(déjà présent ligne 2/);
    expect(errors.reasons.get(2)).toBe('déjà rejetée');
    expect(errors.reasons.has(3)).toBe(false);
  });

  it('tells apart distinct ids whose 32-bit hashes collide', async () => {
    // FNV-1a("ID-149599") === FNV-1a("ID-312382"): equal hashes, different ids.
    const text = 'id;v\nID-149599;1\nID-312382;2\nID-312382;3\nID-149599;4\n';
    const { column, rowNumber, n } = await idColumn(new TextEncoder().encode(text));
    const hashes = new Int32Array(n);
    column.hashes(hashes, new Uint8Array(n));
    expect(hashes[0]).toBe(hashes[1]);
    const errors = new RowErrors(n, new Map());
    rejectDuplicateIds(column, rowNumber, errors, 'id');
    expect([...errors.reasons.entries()].sort()).toEqual([
      [2, 'identifiant « ID-312382 » en double (déjà présent ligne 3, colonne id)'],
      [3, 'identifiant « ID-149599 » en double (déjà présent ligne 2, colonne id)'],
    ]);
  });

  it('works on plain columns (GeoJSON properties)', () => {
    const errors = new RowErrors(4, new Map());
    rejectDuplicateIds(new ArrayColumn(['a', null, 'a', null]), Int32Array.from([1, 2, 3, 4]), errors, 'id');
    expect([...errors.reasons.entries()]).toEqual([
      [2, 'identifiant « a » en double (déjà présent ligne 1, colonne id)'],
    ]);
  });
});
