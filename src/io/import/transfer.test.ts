import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommuneIndex, type CommuneAreas } from '../../geo/communeIndex.ts';
import type { ImportedFeatures } from '../types.ts';
import { importFile } from './importFile.ts';
import { columnOf } from './records.ts';
import { deserializeFeatures, serializeFeatures } from './transfer.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const communes = buildCommuneIndex(
  JSON.parse(readFileSync(resolve(ROOT, 'public/data/generated/communes.geojson'), 'utf8')) as CommuneAreas,
);

function roundTrip(features: ImportedFeatures): { copy: ImportedFeatures; transferred: number } {
  const { payload, transferables } = serializeFeatures(features);
  const cloned = structuredClone(payload, { transfer: transferables });
  return { copy: deserializeFeatures(cloned), transferred: transferables.length };
}

function snapshot(f: ImportedFeatures) {
  return {
    count: f.count,
    row: Array.from(f.row),
    lon: Array.from(f.lon),
    lat: Array.from(f.lat),
    insee: f.insee,
    geometry: f.geometry,
    crossed: f.crossed,
    attributes: Object.fromEntries(Object.keys(f.attributes).map((name) => [name, columnOf(f, name)])),
  };
}

describe('serializeFeatures / deserializeFeatures', () => {
  it('round-trips a CSV import (zero-copy text columns over the source bytes)', async () => {
    const bytes = readFileSync(resolve(ROOT, 'test/fixtures/import/eclairage-lambert93-windows1252.csv'));
    const result = await importFile(bytes, { kind: 'lights', fileName: 'e.csv', communes });
    const before = snapshot(result.features);
    const { copy, transferred } = roundTrip(result.features);
    expect(snapshot(copy)).toEqual(before);
    expect(before.attributes.remarque![2]).toBe('Carrefour "Pôle" ; côté église');
    expect(transferred).toBeGreaterThanOrEqual(5);
  });

  it('round-trips polygons, null crossed lists and dictionary columns', async () => {
    const bytes = readFileSync(resolve(ROOT, 'test/fixtures/import/contexte-lambert93-crs.geojson'));
    const result = await importFile(bytes, { kind: 'context', fileName: 'z.geojson', communes });
    const before = snapshot(result.features);
    expect(before.crossed?.[1]).toBeNull();
    expect(snapshot(roundTrip(result.features).copy)).toEqual(before);
  });

  it('round-trips every geometry type', () => {
    const geometry = [
      { type: 'Point', coordinates: [1, 2] },
      null,
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
      },
      {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 0],
            ],
          ],
          [
            [
              [5, 5],
              [6, 5],
              [6, 6],
              [5, 5],
            ],
          ],
        ],
      },
      { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [9, 9] }] },
    ] as ImportedFeatures['geometry'];
    const count = geometry!.length;
    const features: ImportedFeatures = {
      count,
      row: Int32Array.from({ length: count }, (_, i) => i + 1),
      lon: new Float64Array(count),
      lat: new Float64Array(count),
      geometry,
      insee: new Array(count).fill(null),
      crossed: null,
      attributes: {},
    };
    expect(roundTrip(features).copy.geometry).toEqual(geometry);
  });
});
