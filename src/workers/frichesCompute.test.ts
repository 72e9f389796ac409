import { afterEach, describe, expect, it } from 'vitest';
import { generateFrichesSample } from '../../scripts/samples/friches.ts';
import {
  type ContextLayers,
  computeCriteriaMatrix,
  PRESETS,
  prepareContext,
  rankStability,
} from '../domain/friches/index.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../domain/territory/types.ts';
import { createWorkerClient } from './client.ts';
import { exposeWorkerApi } from './expose.ts';
import { frichesApi } from './frichesApi.ts';
import { computeMatrixInChunks, MATRIX_CHUNK } from './frichesCompute.ts';
import { isAbortError } from './protocol.ts';

/** Three hand-made square communes side by side (about 7 km × 11 km each). */
const INSEE: [string, string, number][] = [
  ['62160', 'Boulogne-sur-Mer', 40_000],
  ['62893', 'Wimereux', 6_000],
  ['62268', 'Desvres', 5_000],
];
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: INSEE.map(([insee, name, population], i) => {
    const x = 1.5 + i * 0.1;
    return {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, 50.6],
            [x + 0.1, 50.6],
            [x + 0.1, 50.7],
            [x, 50.7],
            [x, 50.6],
          ],
        ],
      },
      properties: { insee, name, epciSiren: '246200729', epciName: 'CA', population, areaKm2: 78 },
    };
  }),
};
const centres: CommuneCentreCollection = {
  type: 'FeatureCollection',
  features: INSEE.map(([insee, name, population], i) => ({
    type: 'Feature',
    properties: { insee, name, population },
    geometry: { type: 'Point', coordinates: [1.55 + i * 0.1, 50.65] },
  })),
};

// More than two chunks, the last one partial.
const COUNT = MATRIX_CHUNK * 2 + 17;
const sample = generateFrichesSample(communes, centres, { seed: 7, count: COUNT });
const layers: ContextLayers = {
  communes,
  communeCentres: centres,
  stations: sample.stations,
  floodZones: sample.floodZones,
};
const direct = computeCriteriaMatrix(sample.sites, prepareContext(layers));

describe('criteria matrix in chunks', () => {
  it('equals the matrix computed in one go, with progress up to the total', async () => {
    const progress: [number, number][] = [];
    let pauses = 0;
    const chunked = await computeMatrixInChunks(sample.sites, layers, {
      onProgress: (done, total) => progress.push([done, total]),
      pause: async () => {
        pauses++;
      },
    });
    expect(chunked).toEqual(direct);
    // Some criteria are really measured (not every cell "non renseigné").
    expect(chunked.normalised.some((v) => !Number.isNaN(v))).toBe(true);
    expect(progress[0]).toEqual([0, COUNT]);
    expect(progress.at(-1)).toEqual([COUNT, COUNT]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
    expect(pauses).toBe(3);
  });

  it('handles an empty inventory', async () => {
    const empty = await computeMatrixInChunks([], layers);
    expect(empty.siteCount).toBe(0);
    expect(empty.criterionCount).toBe(direct.criterionCount);
  });
});

describe('brownfield worker api over a message channel', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  function connect() {
    const channel = new MessageChannel();
    cleanups.push(exposeWorkerApi(frichesApi, channel.port1, { progressIntervalMs: 0 }));
    const client = createWorkerClient<typeof frichesApi>(channel.port2);
    cleanups.push(
      () => client.dispose(),
      () => channel.port1.close(),
      () => channel.port2.close(),
    );
    return client;
  }

  it('returns the same matrix as the main thread would compute, reporting progress', async () => {
    const client = connect();
    const seen: number[] = [];
    const matrix = await client.call(
      'criteria',
      { sites: sample.sites, layers },
      { onProgress: (done) => seen.push(done) },
    );
    expect(matrix).toEqual(direct);
    expect(matrix.raw).toBeInstanceOf(Float64Array);
    expect(seen.at(-1)).toBe(COUNT);
  });

  it('computes the rank stability of a matrix, as the main thread would', async () => {
    const client = connect();
    const profile = PRESETS.habitat.profile;
    const stability = await client.call('stability', { matrix: direct, profile });
    expect(stability).toEqual(rankStability(direct, profile));
    // The matrix was copied, not moved: still usable here.
    expect(direct.normalised.length).toBe(COUNT * direct.criterionCount);
  });

  it('stops when cancelled', async () => {
    const client = connect();
    const controller = new AbortController();
    const call = client.call(
      'criteria',
      { sites: sample.sites, layers },
      { signal: controller.signal, onProgress: () => controller.abort() },
    );
    const error = await call.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });
});
