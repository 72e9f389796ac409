import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateFrichesSample } from '../../../scripts/samples/friches.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../domain/territory/types.ts';
import { type FrichesContext, presetWeights } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import {
  requestMatrix,
  STABILITY_DELAY_MS,
  scheduleStability,
  stabilityFor,
  WORKER_THRESHOLD,
} from './matrixCache.ts';

/** Two hand-made square communes; scoring reads only communes and centres of the territory. */
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: ['62160', '62893'].map((insee, i) => {
    const x = 1.5 + i * 0.1;
    const ring = [
      [x, 50.6],
      [x + 0.1, 50.6],
      [x + 0.1, 50.7],
      [x, 50.7],
      [x, 50.6],
    ];
    return {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: {
        insee,
        name: insee,
        epciSiren: '246200729',
        epciName: 'CA',
        population: 1000,
        areaKm2: 78,
      },
    };
  }),
};
const centres: CommuneCentreCollection = {
  type: 'FeatureCollection',
  features: communes.features.map((c, i) => ({
    type: 'Feature',
    properties: { insee: c.properties.insee, name: c.properties.name, population: 1000 },
    geometry: { type: 'Point', coordinates: [1.55 + i * 0.1, 50.65] },
  })),
};
const territory = { communes, centres } as TerritoryData;
const noContext: FrichesContext = {};
const sitesOf = (count: number) => generateFrichesSample(communes, centres, { seed: 3, count }).sites;

beforeEach(() => {
  useAppStore.setState({ frichesMatrix: null, frichesStability: null });
});
afterEach(() => vi.useRealTimers());

describe('friches worker results in the one store', () => {
  it('publishes the matrix in the store, keyed by its inputs, and computes it once per input change', () => {
    const sites = sitesOf(12);
    requestMatrix(sites, noContext, territory);
    const entry = useAppStore.getState().frichesMatrix;
    expect(entry?.sites).toBe(sites);
    expect(entry?.state.status).toBe('ready');
    if (entry?.state.status !== 'ready') throw new Error('not ready');
    expect(entry.state.matrix.siteCount).toBe(12);

    requestMatrix(sites, noContext, territory);
    expect(useAppStore.getState().frichesMatrix).toBe(entry);

    const others = sitesOf(5);
    requestMatrix(others, noContext, territory);
    expect(useAppStore.getState().frichesMatrix?.sites).toBe(others);
  });

  it('gives every reader the same stability object for the same small inventory and weights', () => {
    const sites = sitesOf(10);
    requestMatrix(sites, noContext, territory);
    const entry = useAppStore.getState().frichesMatrix;
    if (entry?.state.status !== 'ready') throw new Error('not ready');
    const weights = presetWeights(null);
    const first = stabilityFor(entry.state.matrix, weights);
    expect(first).not.toBeNull();
    expect(stabilityFor(entry.state.matrix, weights)).toBe(first);
    expect(stabilityFor(entry.state.matrix, { ...weights })).not.toBe(first);
    // Small inventories never go through the store.
    expect(useAppStore.getState().frichesStability).toBeNull();
  });

  it('publishes "pending" at once for a large inventory, then the result after the delay', () => {
    vi.useFakeTimers();
    const sites = sitesOf(WORKER_THRESHOLD + 5);
    requestMatrix(sites, noContext, territory);
    const entry = useAppStore.getState().frichesMatrix;
    if (entry?.state.status !== 'ready') throw new Error('not ready');
    const matrix = entry.state.matrix;
    const weights = presetWeights(null);
    scheduleStability(matrix, weights);
    expect(useAppStore.getState().frichesStability).toEqual({ matrix, weights, stability: null });
    expect(stabilityFor(matrix, weights)).toBeNull();
    vi.advanceTimersByTime(STABILITY_DELAY_MS);
    const stability = useAppStore.getState().frichesStability?.stability;
    expect(stability).not.toBeNull();
    expect(stabilityFor(matrix, weights)).toBe(stability);
    // Other weights: the previous probabilities are never shown for them.
    expect(stabilityFor(matrix, { ...weights })).toBeNull();
  });
});
