import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex, type CommuneAreas } from '../../geo/communeIndex.ts';
import type { ImportResult, LayerKind } from '../types.ts';
import { parseWkt } from '../wkt.ts';
import { importFile } from './importFile.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const communes = buildCommuneIndex(
  JSON.parse(readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8')) as CommuneAreas,
);
const encoder = new TextEncoder();
const RUNS = 1000;

/** The invariants every import must keep, whatever the input. */
function checkAccounting(result: ImportResult): void {
  const reasons = result.errors.map((e) => e.reason).join(' | ');
  expect(reasons).not.toMatch(/Erreur inattendue/);
  if (!result.ok) {
    expect(result.rows).toBe(0);
    expect(result.features.count).toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.row).toBe(0);
    return;
  }
  const rejected = result.errors.length;
  expect(result.rows).toBe(result.features.count + rejected);
  // Each data row appears exactly once: accepted or rejected, never both, never twice.
  const seen = new Set<number>();
  for (const row of [...result.features.row, ...result.errors.map((e) => e.row)]) {
    expect(seen.has(row)).toBe(false);
    seen.add(row);
  }
  expect(seen.size).toBe(result.rows);
  for (const error of result.errors) expect(error.reason.length).toBeGreaterThan(3);
  const f = result.features;
  expect(f.lon.length).toBe(f.count);
  expect(f.insee.length).toBe(f.count);
  let outside = 0;
  for (let i = 0; i < f.count; i++) if (f.insee[i] === null) outside++;
  expect(result.outsideTerritory).toBe(outside);
}

const HEADERS = ['id', 'X', 'Y', 'lon', 'lat', 'geom', 'insee', 'nom', 'Longitude (WGS84)', 'site_id', ''];
const CELLS = fc.oneof(
  fc.constantFrom('', 'NA', 'N/A', 'n/a', '62160', '75056', '2A004', 'abc', '1,5', '-0,25', '1 234,5'),
  fc.constantFrom('601352,62', '7071043,05', '1.60533', '50.72824', '50,72824', '1,60533', '1e999', '--1'),
  fc.constantFrom(
    'POINT(1.6 50.7)',
    'POINT (50.7 1.6)',
    'POLYGON((1 2, 3 4',
    'SRID=2154;POINT(601352 7071043)',
  ),
  fc.constantFrom(
    '"quoted;cell"',
    '"a ""b"" c"',
    '"multi\nline"',
    '"unclosed',
    'stray"quote',
    '\u00e9\u20ac',
    '=CMD()',
  ),
  fc.string({ maxLength: 12 }),
  fc.double({ noNaN: false }).map(String),
);
const EOL = fc.constantFrom('\n', '\r\n', '\r');
const DELIMITER = fc.constantFrom(';', ',', '\t', '|');

/** Plausible values for a named column, so that some rows of a fuzzed file are importable. */
function valueFor(name: string): fc.Arbitrary<string> {
  if (/^(X|lon|Longitude)/.test(name))
    return fc.constantFrom('1,60533', '1.61406', '601352,62', '50,72824', 'NA');
  if (/^(Y|lat|Latitude)/.test(name))
    return fc.constantFrom('50,72824', '50.77996', '7071043,05', '1,60533', '');
  if (name === 'geom')
    return fc.constantFrom(
      'POINT(1.6 50.72)',
      'POINT (50.72 1.6)',
      'POLYGON((1.6 50.7, 1.62 50.7, 1.62 50.72, 1.6 50.7))',
    );
  if (name === 'insee') return fc.constantFrom('62160', '62893', '75056', 'NA');
  return fc.constantFrom('A', 'B', '1', '2', 'EP-1');
}

const csvText = fc
  .record({
    delimiter: DELIMITER,
    eol: EOL,
    header: fc.oneof(
      fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 6 }),
      fc
        .tuple(
          fc.constantFrom(
            ['id', 'lon', 'lat'],
            ['X', 'Y', 'insee'],
            ['site_id', 'geom'],
            ['Longitude (WGS84)', 'Latitude (WGS84)'],
          ),
          fc.array(fc.constantFrom(...HEADERS), { maxLength: 3 }),
        )
        .map(([base, extra]) => [...base, ...extra]),
    ),
    bom: fc.boolean(),
    trailing: fc.constantFrom('', '\n', '\n\n', ';;;\n'),
  })
  .chain(({ header, ...rest }) =>
    fc
      .array(
        fc.oneof(
          fc.array(CELLS, { maxLength: 8 }),
          fc.tuple(...header.map((name) => fc.oneof(valueFor(name), valueFor(name), CELLS))),
        ),
        { maxLength: 25 },
      )
      .map((rows) => ({ header, rows, ...rest })),
  )
  .map(
    ({ delimiter, eol, header, rows, bom, trailing }) =>
      `${bom ? '\uFEFF' : ''}${[header, ...rows].map((r) => r.join(delimiter)).join(eol)}${trailing}`,
  );

const KINDS: LayerKind[] = ['lights', 'advice', 'friches', 'context'];

/** How many fuzzed imports reached each outcome: guards against generators that only produce refusals. */
function tally() {
  const counts = { refused: 0, accepted: 0, rejected: 0 };
  return {
    counts,
    add(result: ImportResult) {
      if (!result.ok) counts.refused++;
      if (result.features.count > 0) counts.accepted++;
      if (result.ok && result.errors.length > 0) counts.rejected++;
    },
  };
}

describe('import fuzzing (fast-check)', () => {
  it(`CSV: ${RUNS} malformed files never throw and account for every row`, async () => {
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(
        csvText,
        fc.constantFrom(...KINDS),
        fc.constantFrom('auto', 'EPSG:2154', 'EPSG:4326'),
        async (text, kind, crs) => {
          const result = await importFile(encoder.encode(text), {
            kind,
            fileName: 'f.csv',
            communes,
            crs: crs as 'auto',
          });
          checkAccounting(result);
          outcomes.add(result);
        },
      ),
      { numRuns: RUNS },
    );
    expect(outcomes.counts.accepted).toBeGreaterThan(RUNS / 10);
    expect(outcomes.counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(outcomes.counts.refused).toBeGreaterThan(0);
  });

  it(`CSV: rows without quotes are counted exactly (${RUNS} files)`, async () => {
    const plain = fc.record({
      delimiter: DELIMITER,
      eol: EOL,
      rows: fc.array(
        fc.array(fc.constantFrom('1', 'NA', '', '1,60533', '50,72824', 'x', '601352,62', '7071043,05'), {
          minLength: 3,
          maxLength: 3,
        }),
        { maxLength: 30 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(plain, async ({ delimiter, eol, rows }) => {
        const lines = rows.map((r) => r.join(delimiter));
        const text = `id${delimiter}lon${delimiter}lat${eol}${lines.join(eol)}`;
        const result = await importFile(encoder.encode(text), {
          kind: 'lights',
          fileName: 'f.csv',
          communes,
          mapping: { x: 'lon', y: 'lat' },
        });
        checkAccounting(result);
        // Blank records (all cells empty) are not data rows; every other line is one.
        const expected = lines.filter((l) => l.split(delimiter).some((c) => c !== '')).length;
        expect(result.rows).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it(`arbitrary bytes: ${RUNS} random binaries never throw`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.constantFrom('a.csv', 'a.geojson', 'a.zip', 'a.txt'),
        async (bytes, fileName) => {
          checkAccounting(await importFile(bytes, { kind: 'context', fileName, communes }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  const wktText = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'POINT',
          'MULTIPOINT',
          'LINESTRING',
          'POLYGON',
          'MULTIPOLYGON',
          'GEOMETRYCOLLECTION',
          'EMPTY',
          'Z',
          'SRID=2154;',
        ),
        fc.constantFrom('(', ')', ',', ' ', '((', '))', '.', '-', 'e'),
        fc.double({ min: -1e7, max: 1e7, noNaN: true }).map(String),
        fc.constantFrom('1.6 50.7', '601352 7071043', '50.7 1.6', '1 2, 3 4, 5 6, 1 2'),
      ),
      { maxLength: 30 },
    )
    .map((tokens) => tokens.join(''));

  const validWkt = fc.constantFrom(
    'POINT(1.6 50.72)',
    'POINT (50.72 1.61)',
    'point z (1.75 50.63 12)',
    'POLYGON((1.6 50.7, 1.62 50.7, 1.62 50.72, 1.6 50.7))',
    'MULTIPOLYGON(((1.8 50.67,1.83 50.67,1.83 50.68,1.8 50.67)))',
    'LINESTRING(1.6 50.7, 1.7 50.8)',
    'POINT(2.35 48.85)',
  );

  it(`WKT: ${RUNS} malformed texts never throw and always give a geometry or a reason`, () => {
    fc.assert(
      fc.property(wktText, (text) => {
        const result = parseWkt(text);
        if (result.ok) expect(result.geometry.type).toBeTruthy();
        else expect(result.reason).toMatch(/WKT|géométrie/);
      }),
      { numRuns: RUNS },
    );
  });

  it(`WKT column: ${RUNS} CSV files of random WKT account for every row`, async () => {
    const wktOutcomes = tally();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(wktText, validWkt), { maxLength: 12 }), async (values) => {
        const text = `id;geom\n${values.map((v, i) => `${i};"${v.replace(/"/g, '""')}"`).join('\n')}\n`;
        const result = await importFile(encoder.encode(text), {
          kind: 'friches',
          fileName: 'f.csv',
          communes,
          mapping: { wkt: 'geom' },
        });
        checkAccounting(result);
        expect(result.rows).toBe(values.length);
        wktOutcomes.add(result);
      }),
      { numRuns: RUNS },
    );
    expect(wktOutcomes.counts.accepted).toBeGreaterThan(RUNS / 20);
  });

  const coordinate = fc.oneof(
    fc.double({ min: -10, max: 60, noNaN: true }),
    fc.constantFrom(1.6, 50.7, 601352, 7071043, 0),
    fc.anything(),
  );
  const position = fc.oneof(
    fc.tuple(coordinate, coordinate),
    fc.array(coordinate, { maxLength: 4 }),
    fc.anything(),
  );
  const geometry = fc.oneof(
    fc.record({
      type: fc.constantFrom(
        'Point',
        'MultiPoint',
        'LineString',
        'MultiLineString',
        'Polygon',
        'MultiPolygon',
        'Circle',
        'GeometryCollection',
      ),
      coordinates: fc.oneof(
        position,
        fc.array(position, { maxLength: 5 }),
        fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 3 }),
        fc.array(fc.array(fc.array(position, { maxLength: 6 }), { maxLength: 2 }), { maxLength: 2 }),
      ),
      geometries: fc.array(fc.record({ type: fc.constant('Point'), coordinates: position }), {
        maxLength: 2,
      }),
    }),
    fc.constant(null),
    fc.anything(),
  );
  const nearBoulogne = fc.tuple(
    fc.double({ min: 1.58, max: 1.9, noNaN: true }),
    fc.double({ min: 50.6, max: 50.82, noNaN: true }),
  );
  const plausibleGeometry = fc.oneof(
    nearBoulogne.map(([x, y]) => ({ type: 'Point', coordinates: [x, y] })),
    nearBoulogne.map(([x, y]) => ({ type: 'Point', coordinates: [y, x] })),
    nearBoulogne.map(([x, y]) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.01, y],
          [x + 0.01, y + 0.01],
          [x, y],
        ],
      ],
    })),
  );
  const feature = fc.oneof(
    fc.record({
      type: fc.constant('Feature'),
      geometry: plausibleGeometry,
      properties: fc.constant({ id: 'a' }),
    }),
    fc.record({
      type: fc.constant('Feature'),
      geometry,
      properties: fc.oneof(
        fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue()),
        fc.constant(null),
        fc.anything(),
      ),
    }),
    fc.anything(),
  );
  const geojson = fc.oneof(
    fc.record({
      type: fc.constant('FeatureCollection'),
      crs: fc.oneof(
        fc.constant(undefined),
        fc.record({
          type: fc.constant('name'),
          properties: fc.record({
            name: fc.constantFrom('urn:ogc:def:crs:EPSG::2154', 'EPSG:4326', 'EPSG:27572', 'n/a'),
          }),
        }),
      ),
      features: fc.oneof(fc.array(feature, { maxLength: 8 }), fc.anything()),
    }),
    feature,
    geometry,
    fc.jsonValue(),
  );

  it(`GeoJSON: ${RUNS} malformed documents never throw and account for every feature`, async () => {
    const outcomes = tally();
    await fc.assert(
      fc.asyncProperty(geojson, fc.boolean(), async (doc, truncate) => {
        let text: string;
        try {
          text = JSON.stringify(doc) ?? 'null';
        } catch {
          text = '{';
        }
        if (truncate) text = text.slice(0, Math.floor(text.length / 2));
        const result = await importFile(encoder.encode(text), {
          kind: 'context',
          fileName: 'z.geojson',
          communes,
        });
        checkAccounting(result);
        outcomes.add(result);
      }),
      { numRuns: RUNS },
    );
    expect(outcomes.counts.accepted).toBeGreaterThan(RUNS / 20);
    expect(outcomes.counts.rejected).toBeGreaterThan(RUNS / 10);
    expect(outcomes.counts.refused).toBeGreaterThan(RUNS / 10);
  });
});
