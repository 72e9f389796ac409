/**
 * The friches criteria clip site perimeters against context areas (flood zones, protected areas). Two
 * clipping libraries were in the dependencies: polygon-clipping (what src/domain/friches/geo.ts uses) and
 * turf's own intersect/union. This measures both on the same site × area pairs, in the same run and with
 * the same warm-up, and checks they agree on the clipped areas, so the project keeps the faster one.
 */
import { area, featureCollection, intersect, polygon as turfPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bboxOf, coveredAreaM2, toClip } from '../../src/domain/friches/geo.ts';
import { medianRunMs } from './lib/timing.ts';

export interface ClippingBench {
  /** Site perimeter × context area pairs whose bounding boxes overlap (each is intersected, then unioned per site). */
  pairs: number;
  polygonClippingMedianMs: number;
  turfMedianMs: number;
  /** turf / polygon-clipping: above 1, polygon-clipping is faster. */
  ratio: number;
  /** Largest difference between the two libraries' clipped area for one site, m². */
  maxAreaDiffM2: number;
}

const overlaps = (a: number[], b: number[]) =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

export function benchClipping(
  surfaces: readonly (Polygon | MultiPolygon)[],
  areas: readonly (Polygon | MultiPolygon)[],
  log: (m: string) => void = () => {},
): ClippingBench {
  const areaBoxes = areas.map(bboxOf);
  const work = surfaces
    .map((s) => ({ surface: s, with: areas.filter((_, i) => overlaps(bboxOf(s), areaBoxes[i]!)) }))
    .filter((w) => w.with.length > 0);
  const pairs = work.reduce((n, w) => n + w.with.length, 0);

  // The app's own function (polygon-clipping, with its fallbacks when the library throws).
  const withPolygonClipping = () => work.map((w) => coveredAreaM2(toClip(w.surface), w.with.map(toClip)));
  const feature = (g: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> =>
    g.type === 'Polygon' ? turfPolygon(g.coordinates) : { type: 'Feature', properties: {}, geometry: g };
  // The same algorithm with turf's intersect/union (pieces cut from the site, then merged; overlays merged
  // first if that throws).
  const turfArea = (
    subject: Feature<Polygon | MultiPolygon>,
    overlays: Feature<Polygon | MultiPolygon>[],
  ) => {
    try {
      const pieces = overlays
        .map((o) => intersect(featureCollection([subject, o])))
        .filter((p): p is Feature<Polygon | MultiPolygon> => p !== null);
      if (pieces.length === 0) return 0;
      const merged = pieces.length === 1 ? pieces[0]! : union(featureCollection(pieces));
      return merged ? area(merged) : 0;
    } catch {
      const all = overlays.length === 1 ? overlays[0]! : union(featureCollection(overlays));
      const cut = all ? intersect(featureCollection([subject, all])) : null;
      return cut ? area(cut) : 0;
    }
  };
  const withTurf = () => work.map((w) => turfArea(feature(w.surface), w.with.map(feature)));

  const a = withPolygonClipping();
  const b = withTurf();
  const maxAreaDiffM2 = Math.round(Math.max(0, ...a.map((x, i) => Math.abs(x - b[i]!))) * 100) / 100;
  // Same number of runs and the same warm-up for both, one after the other in this run.
  const polygonClippingMedianMs = medianRunMs(withPolygonClipping, 5, 1);
  const turfMedianMs = medianRunMs(withTurf, 5, 1);
  const ratio = Math.round((turfMedianMs / polygonClippingMedianMs) * 100) / 100;
  log(
    `découpage de ${pairs} paires périmètre × zone : polygon-clipping ${polygonClippingMedianMs} ms, ` +
      `turf ${turfMedianMs} ms (rapport ${ratio}) ; écart d’aire max ${maxAreaDiffM2} m²`,
  );
  return { pairs, polygonClippingMedianMs, turfMedianMs, ratio, maxAreaDiffM2 };
}
