import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';

/**
 * Clusters that show what they hold: a dark disc with the point count, surrounded by concentric bands, one per
 * category (status, or compliance verdict), each as thick as the category's share of the cluster's points.
 * MapLibre cannot draw pie slices in a circle layer, but it can stack circles: band k is a circle whose radius
 * is core + width × (1 − share of the categories before k), drawn from the first category outwards to the last
 * inwards, so each visible band's thickness is width × its own share. Pure data: tested without a map.
 */
export interface RingCategory {
  /** Property-safe key (cluster property `n_<key>`). */
  key: string;
  color: string;
  /** True for a point of this category (evaluated on each point when clustering). */
  match: ExpressionSpecification;
}

export interface ClusterRingSpec {
  clusterProperties: Record<string, unknown>;
  /** Ring bands then the core disc, bottom to top (the first band, id = prefix, covers the whole cluster). */
  layers: LayerSpecification[];
}

export const RING_WIDTH = 6;

/** The core disc radius by point count (same steps as before the ring existed). */
export const CORE_RADIUS: ExpressionSpecification = [
  'step',
  ['get', 'point_count'],
  9,
  50,
  12,
  250,
  15,
  1000,
  19,
];

export const countProperty = (key: string) => `n_${key}`;

export function clusterRing(
  source: string,
  idPrefix: string,
  categories: readonly RingCategory[],
  coreColor: string,
): ClusterRingSpec {
  const clusterProperties = Object.fromEntries(
    categories.map((c) => [countProperty(c.key), ['+', ['case', c.match, 1, 0]]]),
  );
  const filter: ExpressionSpecification = ['has', 'point_count'];
  const layers: LayerSpecification[] = categories.map((c, k) => {
    const before = categories
      .slice(0, k)
      .map((b) => ['get', countProperty(b.key)] as ExpressionSpecification);
    const shareBefore: ExpressionSpecification | number =
      before.length === 0 ? 0 : ['/', ['+', 0, ...before], ['max', 1, ['get', 'point_count']]];
    return {
      // The first band is the cluster's full disc: it carries the prefix as id, the click target.
      id: k === 0 ? idPrefix : `${idPrefix}-ring-${c.key}`,
      type: 'circle',
      source,
      filter,
      paint: {
        'circle-color': c.color,
        'circle-radius': ['+', CORE_RADIUS, ['*', RING_WIDTH, ['-', 1, shareBefore]]],
      },
    } as LayerSpecification;
  });
  layers.push({
    id: `${idPrefix}-core`,
    type: 'circle',
    source,
    filter,
    paint: {
      'circle-color': coreColor,
      'circle-radius': CORE_RADIUS,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
  } as LayerSpecification);
  return { clusterProperties, layers };
}
