import type { FeatureCollection, Point } from 'geojson';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

export interface NumberedSite {
  id: string;
  /** 1-based number, the same as in the list beside the map. */
  number: number;
  name: string;
  point: Point;
}

/**
 * Sites of the presentation's shortlist view: large numbered discs readable from the back of a council
 * room (dark disc, white ring and number), the names being listed beside the map under the same numbers.
 */
export function numberedSiteLayers(sites: readonly NumberedSite[]): MapSpec {
  const data: FeatureCollection<Point, { id: string; number: number; name: string }> = {
    type: 'FeatureCollection',
    features: sites.map((s) => ({
      type: 'Feature',
      geometry: s.point,
      properties: { id: s.id, number: s.number, name: s.name },
    })),
  };
  return {
    sources: { [SOURCE.dashboardSites]: { type: 'geojson', data } },
    layers: [
      {
        id: LAYER.dashboardSites,
        type: 'circle',
        source: SOURCE.dashboardSites,
        paint: {
          'circle-radius': 15,
          'circle-color': '#0b1f3a',
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 3,
        },
      },
      {
        id: LAYER.dashboardSiteLabels,
        type: 'symbol',
        source: SOURCE.dashboardSites,
        layout: {
          'text-field': ['to-string', ['get', 'number']],
          'text-font': ['sans-serif'],
          'text-size': 17,
          'text-allow-overlap': true,
          'text-ignore-placement': true,
        },
        paint: { 'text-color': '#ffffff' },
      },
    ],
  };
}
