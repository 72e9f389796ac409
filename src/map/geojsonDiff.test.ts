import type { Feature, FeatureCollection, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureCollectionDiff } from './geojsonDiff.ts';

const point = (id: string | number | undefined, x = 0): Feature<Point> => ({
  type: 'Feature',
  ...(id === undefined ? {} : { id }),
  geometry: { type: 'Point', coordinates: [x, 0] },
  properties: {},
});
const fc = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('featureCollectionDiff', () => {
  const a = point(0);
  const b = point(1);
  const c = point(2);

  it('removes what is gone and adds what is new, leaving shared objects alone', () => {
    expect(featureCollectionDiff(fc([a, b, c]), fc([c, a]))).toEqual({ remove: [1], add: [] });
    expect(featureCollectionDiff(fc([a]), fc([a, b, c]))).toEqual({ remove: [], add: [b, c] });
    expect(featureCollectionDiff(fc([a, b]), fc([a, b]))).toEqual({ remove: [], add: [] });
  });

  it('re-adds a feature whose object changed under the same id (an add replaces it)', () => {
    const b2 = point(1, 5);
    const diff = featureCollectionDiff(fc([a, b]), fc([a, b2]));
    expect(diff).toEqual({ remove: [], add: [b2] });
    expect(diff!.add[0]).toBe(b2);
  });

  it('treats string and number ids as different ids', () => {
    expect(featureCollectionDiff(fc([point('1')]), fc([b]))).toEqual({ remove: ['1'], add: [b] });
  });

  it('gives up when ids are missing or duplicated, or the data is not two collections', () => {
    expect(featureCollectionDiff(fc([point(undefined)]), fc([a]))).toBeNull();
    expect(featureCollectionDiff(fc([a]), fc([point(undefined)]))).toBeNull();
    expect(featureCollectionDiff(fc([a, point(0, 3)]), fc([a]))).toBeNull();
    expect(featureCollectionDiff(fc([a]), fc([b, point(1, 3)]))).toBeNull();
    expect(featureCollectionDiff(a, fc([a]))).toBeNull();
  });
});
