import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumberFr } from '../formats/number.ts';
import { parseNumberBytes } from './columns.ts';
import { readCsv } from './parse.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function table(text: string | Uint8Array) {
  const t = await readCsv(typeof text === 'string' ? utf8(text) : text);
  if (!t) throw new Error('no table');
  const columns = t.fields.map((_, i) => t.column(i));
  const rows = Array.from({ length: t.records }, (_, r) => columns.map((c) => c.get(r)));
  return { t, rows };
}

describe('readCsv', () => {
  it('reads a semicolon file with decimal commas, NA and trailing empty lines', async () => {
    const { t, rows } = await table(
      'id;X;Y;nom\n1;601234,5;7067890,25;NA\n2;601300;7067800,5;Desvres\n\n;;;\n\n',
    );
    expect(t.delimiter).toBe(';');
    expect(t.fields).toEqual(['id', 'X', 'Y', 'nom']);
    expect(rows).toEqual([
      ['1', '601234,5', '7067890,25', null],
      ['2', '601300', '7067800,5', 'Desvres'],
    ]);
    expect(Array.from(t.rowNumber.subarray(0, t.records))).toEqual([2, 3]);
    expect(t.column(1).numberAt(0)).toBe(601234.5);
    expect(t.column(2).numberAt(1)).toBe(7067800.5);
    expect(t.column(3).numberAt(0)).toBeNaN();
  });

  it('keeps quoted delimiters, escaped quotes and multi-line fields in one record, numbering rows as a spreadsheet', async () => {
    const { t, rows } = await table(
      'id,commentaire,lon,lat\r\n1,"Rue de la Paix, côté ""mer""\r\nsecond étage",1.61,50.72\r\n2,simple,1.62,50.73\r\n',
    );
    expect(t.delimiter).toBe(',');
    expect(rows).toEqual([
      ['1', 'Rue de la Paix, côté "mer"\r\nsecond étage', '1.61', '50.72'],
      ['2', 'simple', '1.62', '50.73'],
    ]);
    expect(Array.from(t.rowNumber.subarray(0, 2))).toEqual([2, 3]);
  });

  it('reads tab- and pipe-separated files', async () => {
    expect((await table('id\tlon\tlat\n1\t1,61\t50,72\n')).rows).toEqual([['1', '1,61', '50,72']]);
    const pipe = await table('id|lon|lat\n1|1,61|50,72\n2|1,7|50,6\n');
    expect(pipe.t.delimiter).toBe('|');
    expect(pipe.rows[1]).toEqual(['2', '1,7', '50,6']);
  });

  it('decodes a Windows-1252 file with accents', async () => {
    // "commune;nom\n62160;Équihen-Plage (côte d'Opale)\n" in Windows-1252.
    const bytes = new Uint8Array([
      ...utf8('commune;nom\n62160;'),
      0xc9,
      ...utf8('quihen-Plage (c'),
      0xf4,
      ...utf8("te d'Opale) \u0080\n").filter((b) => b < 0x80),
      0x80,
      0x0a,
    ]);
    const { t, rows } = await table(bytes);
    expect(t.encoding).toBe('windows-1252');
    expect(rows[0]).toEqual(['62160', "Équihen-Plage (côte d'Opale)"]);
    expect(rows[1]).toEqual(['€', null]);
  });

  it('strips a UTF-8 BOM from the first header', async () => {
    const { t } = await table('\uFEFFidentifiant;longitude;latitude\nA;1,6;50,7\n');
    expect(t.bom).toBe(true);
    expect(t.fields[0]).toBe('identifiant');
  });

  it('honours an Excel sep= line', async () => {
    const { t, rows } = await table('sep=,\na,b\n1;2,3\n');
    expect(t.delimiter).toBe(',');
    expect(rows).toEqual([['1;2', '3']]);
    expect(t.rowNumber[0]).toBe(3);
  });

  it('flags records with extra non-empty fields and recovers after an unclosed quote', async () => {
    const { t, rows } = await table('a;b\n1;2;3\n4;5;\n"6;7\n8;9\n');
    expect(rows.length).toBe(4);
    expect(t.issues.get(0)).toMatch(/3 champs au lieu de 2/);
    expect(t.issues.has(1)).toBe(false);
    expect(t.issues.get(2)).toMatch(/guillemet/);
    expect(rows[3]).toEqual(['8', '9']);
  });

  it('fills short records with nulls and works without a final line break', async () => {
    const { rows } = await table('a;b;c\n1\n2;3;4');
    expect(rows).toEqual([
      ['1', null, null],
      ['2', '3', '4'],
    ]);
  });

  it('reads in small chunks exactly as in one go and reports progress', async () => {
    const text = `id;v\n${Array.from({ length: 500 }, (_, i) => `${i};"x${i}\n${i}"`).join('\n')}\n`;
    const calls: number[] = [];
    const t = await readCsv(utf8(text), { chunkBytes: 97, checkpoint: (n) => void calls.push(n) });
    expect(t!.records).toBe(500);
    expect(t!.column(1).get(499)).toBe('x499\n499');
    expect(t!.rowNumber[499]).toBe(501);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.at(-1)).toBe(500);
  });

  it('returns null for an empty file', async () => {
    expect(await readCsv(new Uint8Array())).toBeNull();
    expect(await readCsv(utf8('\n\n  \n'))).toBeNull();
  });
});

describe('parseNumberBytes', () => {
  it('is bit-identical to parseFloat on the fast path', () => {
    for (const s of [
      '601234,56',
      '7067890.123456',
      '-0,1',
      '0.30000000000000004',
      '123456789012345',
      '1.7976931348623157',
    ]) {
      const b = utf8(s);
      expect(parseNumberBytes(b, 0, b.length)).toBe(Number.parseFloat(s.replace(',', '.')));
    }
  });
  it('falls back to the French rules for grouped or exponent numbers', () => {
    const b = utf8(' 1 234 567,5 ');
    expect(parseNumberBytes(b, 0, b.length)).toBe(1234567.5);
    const e = utf8('1,5E3');
    expect(parseNumberBytes(e, 0, e.length)).toBe(1500);
    const bad = utf8('12a');
    expect(parseNumberBytes(bad, 0, bad.length)).toBeNaN();
  });
});

describe('bulk column passes agree with the per-cell readers', () => {
  const cell = fc.oneof(
    fc.constantFrom(
      '',
      ' NA ',
      'n/a',
      'null',
      '#N/A',
      '1,5',
      ' -601234,56 ',
      '1 234,5',
      '1.5e3',
      '"2,5"',
      '"a""b"',
      'abc',
    ),
    fc.constantFrom('Été', '"Été"', 'x"y', '12345678901234567', '.5', '5.', '-', ','),
    fc.string({ maxLength: 6 }).filter((s) => !/[;\r\n"]/.test(s)),
  );
  it('numbers() equals parseNumberFr(get(i)); hashes() are equal exactly for equal values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(cell, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        async (cells, latin) => {
          const text = `v;w\n${cells.map((c) => `${c};x`).join('\n')}\n`;
          const bytes = latin ? Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff) : utf8(text);
          const t = (await readCsv(bytes))!;
          const column = t.column(0);
          const numbers = column.numbers();
          const hashes = new Int32Array(t.records);
          const missing = new Uint8Array(t.records);
          column.hashes(hashes, missing);
          for (let i = 0; i < t.records; i++) {
            const value = column.get(i);
            expect(numbers[i]).toBe(parseNumberFr(value) ?? Number.NaN);
            expect(missing[i] === 1).toBe(value === null);
            for (let j = 0; j < i; j++) {
              if (value !== null && value === column.get(j)) expect(hashes[i]).toBe(hashes[j]);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

// Finding 5: a 100,000-column CSV was refused with « Invalid typed array length: 105026800000 » (the record
// estimate broke when the header was longer than the sample).
describe('record estimate with a header longer than the sample', () => {
  it('reads a 100,000-column file', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `colonne${i}`).join(';');
    const row = Array(100_000).fill('1').join(';');
    const table = await readCsv(new TextEncoder().encode(`${header}\n${row}\n3;4\n`));
    expect(table?.fields).toHaveLength(100_000);
    expect(table?.records).toBe(2);
  });
});
