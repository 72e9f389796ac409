import { describe, expect, it } from 'vitest';
import { LAT, LON, makeSite, metresToDegrees, rectangle } from '../../../test/fixtures/friches/sites.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { metresPerPixel, sheetLayout } from '../../map/export/layout.ts';
import type { FricheRow } from './rows.ts';
import {
  communesInView,
  formatNeighbourDistance,
  nearbySites,
  SHEET_SCALE,
  sheetCrop,
  sheetZoom,
} from './sheetContext.ts';

const at = (eastM: number, northM: number): [number, number] => {
  const [dx, dy] = metresToDegrees(LAT, eastM, northM);
  return [LON + dx, LAT + dy];
};
const row = (id: string, eastM: number, rank: number | null, outside = false): FricheRow => ({
  index: 0,
  site: makeSite({ id, name: `Friche ${id}`, point: { type: 'Point', coordinates: at(eastM, 0) } }),
  score: rank ? 0.5 : null,
  scoreMin: null,
  scoreMax: null,
  rank,
  outside,
  reliability: 1,
  top5: null,
  exclusion: null,
});

describe('site sheet context', () => {
  it('lists the neighbours within 2 km, nearest first, without outside sites unless they are shown', () => {
    const rows = [
      row('A', 0, 1),
      row('B', 1_500, 3),
      row('C', -300, null),
      row('D', 2_500, 2),
      row('E', 800, null, true),
    ];
    expect(nearbySites(rows, 'A').map((n) => [n.id, Math.round(n.distanceM / 10) * 10])).toEqual([
      ['C', 300],
      ['B', 1_500],
    ]);
    expect(nearbySites(rows, 'A', { showOutside: true }).map((n) => n.id)).toEqual(['C', 'E', 'B']);
    expect(nearbySites(rows, 'A', { limit: 1 }).map((n) => n.id)).toEqual(['C']);
    expect(nearbySites(rows, 'nope')).toEqual([]);
    expect([formatNeighbourDistance(304), formatNeighbourDistance(1_540)]).toEqual(['300 m', '1,5 km']);
  });

  it('finds the communes the extract covers, with a label point inside their visible part', () => {
    const commune = (insee: string, name: string, w: number, e: number) => ({
      type: 'Feature' as const,
      properties: { insee, name, epciSiren: '', epciName: '', population: 1, areaKm2: 1 },
      geometry: rectangle(LON, LAT, w, -5_000, e, 5_000),
    });
    // West commune up to 1 km east of the centre, east one beyond, a third far away.
    const communes = {
      type: 'FeatureCollection',
      features: [
        commune('62001', 'Ouest', -5_000, 1_000),
        commune('62002', 'Est', 1_000, 5_000),
        commune('62003', 'Loin', 20_000, 30_000),
      ],
    } as unknown as CommuneCollection;
    const [w, s] = at(-2_000, -1_000);
    const [e, n] = at(2_000, 1_000);
    const found = communesInView(communes, [w, s, e, n]);
    expect(found.map((c) => c.insee)).toEqual(['62001', '62002']);
    expect(found[0]!.share).toBeCloseTo(0.75, 2);
    expect(found[1]!.share).toBeCloseTo(0.25, 2);
    // Each name sits in the middle of the visible part, not at the commune's own centre (out of view).
    expect(found[1]!.labelAt[0]).toBeCloseTo(at(1_500, 0)[0], 4);
    expect(found[1]!.labelAt[1]).toBeCloseTo(LAT, 4);
    // A sliver under 2 % of the view is left out.
    expect(communesInView(communes, [at(-2_000, 0)[0], s, at(1_030, 0)[0], n]).map((c) => c.insee)).toEqual([
      '62001',
    ]);
  });

  it('zooms so that the printed extract is at 1/25 000', () => {
    const sheet = { width: 1600, height: 760, textScale: 1.8 };
    for (const container of [
      { width: 900, height: 860 },
      { width: 1400, height: 500 },
    ]) {
      const z = sheetZoom(LAT, container, sheet);
      const crop = sheetCrop(container, sheet);
      const area = sheetLayout(sheet.width, sheet.height, true, sheet.textScale).map;
      // Ground metres across the printed map area ÷ its printed width (area share of 18.6 cm).
      const groundM = metresPerPixel(LAT, z) * crop.width;
      const printedM = 0.186 * (area.width / sheet.width);
      expect(groundM / printedM).toBeCloseTo(SHEET_SCALE, 0);
    }
  });
});
