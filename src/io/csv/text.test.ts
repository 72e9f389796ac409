import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsvText } from './text.ts';

describe('parseCsvText', () => {
  it('handles quotes, escaped quotes, delimiters and line breaks inside quotes, CRLF', () => {
    expect(parseCsvText('a;b\r\n"x;1";"il dit ""oui""\nfin"\r\n', ';')).toEqual([
      ['a', 'b'],
      ['x;1', 'il dit "oui"\nfin'],
    ]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['id;X;Y\n1;601234,5;7067890,1\n2;601300,5;7067800,2\n', ';'],
    ['id,lon,lat\n1,1.61,50.72\n2,1.62,50.73\n', ','],
    ['id\tlon\tlat\n1\t1,61\t50,72\n', '\t'],
    ['id|lon|lat\n1|1,61|50,72\n2|1,6|50,7\n', '|'],
    ['nom,wkt\n"a","POLYGON((1 2, 3 4, 5 6, 1 2))"\n', ','],
    ['site;refcad\n1;A|B|C\n2;D|E\n', ';'],
  ])('%j → %j', (sample, delimiter) => {
    expect(detectDelimiter(sample)).toBe(delimiter);
  });
  it('is not fooled by decimal commas in a semicolon file', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i};1,${i};50,${i}`).join('\n');
    expect(detectDelimiter(`id;lon;lat\n${rows}\n`)).toBe(';');
  });
});
