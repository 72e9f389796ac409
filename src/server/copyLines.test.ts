import { describe, expect, it } from 'vitest';
import { DictionaryColumn } from '../io/csv/columns.ts';
import { importFile } from '../io/import/importFile.ts';
import type { ImportResult } from '../io/types.ts';
import { copyText, stagingChunks } from './copyLines.ts';

/** The COPY text of a result built from each column's `get`: what the byte path must reproduce. */
function expected(result: ImportResult, names: string[]): string {
  const f = result.features;
  let out = '';
  for (let i = 0; i < f.count; i++) {
    const id = f.attributes[result.mapping.id!]!.get(i);
    const cells = [copyText(id), copyText(f.insee[i] ?? null), String(f.lon[i]), String(f.lat[i]), '\\N'];
    for (const n of names) cells.push(copyText(f.attributes[n]!.get(i)));
    out += `${cells.join('\t')}\n`;
  }
  return out;
}

const copied = (result: ImportResult, names: string[]) =>
  Buffer.concat([...stagingChunks(result, true, names)]).toString('utf8');

describe('staging COPY lines', () => {
  it('copies plain cells as bytes and gives every other cell the engine’s cleaned text', async () => {
    const csv = [
      'id;lon;lat;nom;note;code',
      'P-000001;1,61;50,72;  Sodium haute pression ;"cité ""Les Tilleuls"" ; entrée";NA',
      'P-000002;1,62;50,73;Iodure métallique;back\\slash et\ttabulation;#N/A',
      'P-000003;1,63;50,74;"sur',
      'deux lignes";\u00a0espace insécable\u00a0;12',
      'P-000004;1,64;50,75;\u000bvertical;n/a;null',
      'P-000005;1,65;50,76;;   ;ABCDE',
    ].join('\r\n');
    const result = await importFile(new TextEncoder().encode(csv), { kind: 'lights', fileName: 'p.csv' });
    expect(result.ok).toBe(true);
    expect(result.features.count).toBe(5);
    const names = Object.keys(result.features.attributes);
    const text = copied(result, names);
    expect(text).toBe(expected(result, names));
    // The cases themselves: quotes undone, escapes, missing markers as null.
    expect(text).toContain('\tcité "Les Tilleuls" ; entrée\t\\N\n');
    expect(text).toContain('\tback\\\\slash et\\ttabulation\t\\N\n');
    expect(text).toContain('\tsur\\r\\ndeux lignes\t');
    // Dictionary-encoded columns (one escaped text per distinct value) give the same lines.
    const attributes = Object.fromEntries(
      names.map((n) => [n, DictionaryColumn.encode(result.features.attributes[n]!)]),
    );
    const encoded = { ...result, features: { ...result.features, attributes } };
    expect(copied(encoded, names)).toBe(text);
  });

  it('reads a Windows-1252 file through the column (never its raw bytes)', async () => {
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('id;lon;lat;nom\nP-000001;1,61;50,72;Boulogne-sur-Mer '),
      0xe9,
      0x74,
      0xe9,
      0x0a,
    ]);
    const result = await importFile(bytes, { kind: 'lights', fileName: 'w.csv' });
    const names = Object.keys(result.features.attributes);
    expect(copied(result, names)).toBe(expected(result, names));
    expect(copied(result, names)).toContain('Boulogne-sur-Mer été');
  });
});
