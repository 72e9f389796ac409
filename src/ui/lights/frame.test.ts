import { describe, expect, it, vi } from 'vitest';
import type { CommuneCollection } from '../../domain/territory/types.ts';

const fitBounds = vi.fn();
vi.mock('../../map/mapInstance.ts', () => ({ getMapInstance: () => ({ fitBounds }) }));

const { communesBounds, frameChoice } = await import('./frame.ts');

const square = (insee: string, siren: string, x: number, y: number) => ({
  type: 'Feature' as const,
  properties: { insee, name: insee, epciSiren: siren, epciName: siren, population: 1 },
  geometry: {
    type: 'Polygon' as const,
    coordinates: [
      [
        [x, y],
        [x + 0.1, y],
        [x + 0.1, y + 0.1],
        [x, y + 0.1],
        [x, y],
      ],
    ],
  },
});
const communes = {
  type: 'FeatureCollection',
  features: [square('62001', 'A', 1.6, 50.7), square('62002', 'A', 1.8, 50.6), square('62003', 'B', 2, 50.5)],
} as unknown as CommuneCollection;

describe('framing a commune or an EPCI', () => {
  it('bounds one commune, or every commune of an EPCI', () => {
    expect(communesBounds(communes, { insee: '62001' })).toEqual([
      [1.6, 50.7],
      [1.7000000000000002, 50.800000000000004],
    ]);
    const a = communesBounds(communes, { siren: 'A' })!;
    expect(a[0]).toEqual([1.6, 50.6]);
    expect(a[1][0]).toBeCloseTo(1.9, 9);
    expect(a[1][1]).toBeCloseTo(50.8, 9);
    expect(communesBounds(communes, { insee: '99999' })).toBeNull();
  });

  it('fits the live map on them', () => {
    expect(frameChoice(communes, { siren: 'B' })).toBe(true);
    expect(fitBounds).toHaveBeenCalledTimes(1);
    const [bounds] = fitBounds.mock.calls[0]!;
    expect(bounds[0]).toEqual([2, 50.5]);
  });
});
