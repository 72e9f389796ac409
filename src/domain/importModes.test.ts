import { describe, expect, it } from 'vitest';
import { planImport } from './importModes.ts';

interface Session {
  id: string | null;
  commune: string;
  works: boolean;
}

const idOf = (s: Session) => s.id;
const fingerprintOf = (s: Session) => `${s.commune}|${s.works}`;
const s = (id: string | null, commune: string, works = false): Session => ({ id, commune, works });

/** Last import of `conseils-octobre.csv`: A, B, C, D as the file had them then. */
const lastFile = [s('A', '62160'), s('B', '62193'), s('C', '62230'), s('D', '62643')];
const base = planImport({ mode: 'replace', current: [], incoming: lastFile, idOf, fingerprintOf }).snapshot;

/** Since then, the adviser edited B and D in the app and typed E. */
const current = [
  s('A', '62160'),
  s('B', '62193', true),
  s('C', '62230'),
  s('D', '62643', true),
  s('E', '62108'),
];

/** The November file: A unchanged, B unchanged by the file, C and D changed, F new, one row without id. */
const incoming = [
  s('A', '62160'),
  s('B', '62193'),
  s('C', '62230', true),
  s('D', '62644'),
  s('F', '62452'),
  s(null, '62160'),
];

describe('planImport', () => {
  it('« Mettre à jour par identifiant »: added / updated / unchanged / conflicting, applied exactly', () => {
    const plan = planImport({ mode: 'merge', current, incoming, idOf, fingerprintOf, base });
    expect(plan).toMatchObject({
      added: 2,
      updated: 1,
      unchanged: 2,
      conflicting: 1,
      removed: 0,
      skipped: 0,
    });
    // D changed on both sides since the last import of this file: the app's version is kept and reported.
    expect(plan.conflicts).toEqual([{ id: 'D', app: s('D', '62643', true), file: s('D', '62644') }]);
    expect(plan.result).toEqual([
      s('A', '62160'),
      s('B', '62193', true), // the file did not change B: the app's edit stands
      s('C', '62230', true), // changed in the file only: updated
      s('D', '62643', true),
      s('E', '62108'), // typed in the app, absent from the file: kept
      s('F', '62452'),
      s(null, '62160'),
    ]);
    expect(plan.snapshot.get('D')).toBe('62644|false');
    // Nothing is mutated: validation applies `result` all at once or not at all.
    expect(current).toHaveLength(5);
  });

  it('without a base (first import of this file), differences are updates, never conflicts', () => {
    const plan = planImport({ mode: 'merge', current, incoming, idOf, fingerprintOf });
    expect(plan).toMatchObject({ added: 2, updated: 3, unchanged: 1, conflicting: 0 });
    expect(plan.result[1]).toEqual(s('B', '62193'));
  });

  it('« Ajouter » appends new records and skips identifiers already present', () => {
    const plan = planImport({ mode: 'add', current, incoming, idOf, fingerprintOf, base });
    expect(plan).toMatchObject({ added: 2, updated: 0, unchanged: 0, conflicting: 0, skipped: 4 });
    expect(plan.result).toEqual([...current, s('F', '62452'), s(null, '62160')]);
  });

  it('« Remplacer » drops the current records', () => {
    const plan = planImport({ mode: 'replace', current, incoming, idOf, fingerprintOf, base });
    expect(plan).toMatchObject({ added: 6, removed: 5, conflicting: 0 });
    expect(plan.result).toEqual(incoming);
  });

  it('matches the first record of a repeated identifier in the app', () => {
    const plan = planImport({
      mode: 'merge',
      current: [s('A', '1'), s('A', '2')],
      incoming: [s('A', '3')],
      idOf,
      fingerprintOf,
    });
    expect(plan.result).toEqual([s('A', '3'), s('A', '2')]);
  });
});

describe('recordFingerprint', () => {
  it('ignores key order at every depth and the omitted keys, and sees any change', async () => {
    const { recordFingerprint } = await import('./importModes.ts');
    const a = recordFingerprint({ id: 'A', row: 2, nested: { x: 1, y: [1, 2] } }, ['row']);
    expect(recordFingerprint({ nested: { y: [1, 2], x: 1 }, row: 9, id: 'A' }, ['row'])).toBe(a);
    expect(recordFingerprint({ id: 'A', row: 2, nested: { x: 1, y: [2, 1] } }, ['row'])).not.toBe(a);
  });

  it('gives the same fingerprints as the JSON.stringify-with-sorting-replacer it replaced (saved bases stay valid)', async () => {
    const { recordFingerprint } = await import('./importModes.ts');
    // The previous implementation, verbatim: bases saved by it must still match.
    const before = (record: object, omit: readonly string[] = []) => {
      const skip = new Set(omit);
      const top = Object.fromEntries(Object.entries(record).filter(([k]) => !skip.has(k)));
      const text = JSON.stringify(top, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : value,
      );
      let hash = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
      }
      return (hash >>> 0).toString(36);
    };
    const records: [object, string[]][] = [
      [
        {
          id: 'PL-1',
          lon: 16123456,
          lat: 507123456,
          status: 'renovated',
          renovation: { regime: { kind: 'none' }, powerAfterW: null, date: '2024-05-01' },
        },
        [],
      ],
      [
        { b: 1, a: undefined, c: [1, undefined, null, 'x', { z: 1, y: [] }], d: Number.NaN, e: -0, f: 1e21 },
        ['b'],
      ],
      [
        {
          raw: { '10': 'dix', '9': 'neuf', a: 'é\u2028"\\', '01': 'zéro un', '-1': 'moins' },
          sourceRow: 4,
          when: new Date(0),
        },
        ['sourceRow'],
      ],
      [{ nested: { deep: { k: [{ q: true, p: false }] } }, empty: {}, list: [] }, []],
    ];
    for (const [record, omit] of records) expect(recordFingerprint(record, omit)).toBe(before(record, omit));
  });

  it('uses the incoming fingerprints computed beforehand (same plan as computing them)', () => {
    const incoming = [s('A', '62160'), s('F', '62108')];
    const computed = planImport({ mode: 'merge', current, incoming, idOf, fingerprintOf, base });
    const given = planImport({
      mode: 'merge',
      current,
      incoming,
      idOf,
      fingerprintOf: (r) => (incoming.includes(r) ? 'never used for the file' : fingerprintOf(r)),
      incomingPrints: incoming.map(fingerprintOf),
      base,
    });
    expect(given).toEqual(computed);
  });

  it('« Remplacer » keeps the records `keep` protects unless the file has their identifier', () => {
    const plan = planImport({
      mode: 'replace',
      current,
      incoming: [s('E', '62108', true), s('G', '62160')],
      idOf,
      fingerprintOf,
      keep: (r) => r.id === 'E' || r.id === 'B',
    });
    expect(plan).toMatchObject({ added: 2, removed: 4, unchanged: 1 });
    expect(plan.result).toEqual([s('E', '62108', true), s('G', '62160'), s('B', '62193', true)]);
  });
});
