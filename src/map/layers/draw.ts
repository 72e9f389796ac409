import type { FeatureCollection } from 'geojson';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

const COLOUR = '#0b5cad';
const EMPTY: MapSpec = { sources: {}, layers: [] };

/**
 * The drawing tools' sketch (vertices, edges, rubber band, the kept result) as map layers. Built like every
 * other layer and written by the one MapSync: App merges it last, so the sketch stays above every module layer.
 * `sketch` is null when no drawing tool is mounted (no source, no layers).
 */
export function drawLayers(sketch: FeatureCollection | null): MapSpec {
  if (!sketch) return EMPTY;
  return {
    sources: { [SOURCE.drawSketch]: { type: 'geojson', data: sketch } },
    layers: [
      {
        id: LAYER.drawFill,
        type: 'fill',
        source: SOURCE.drawSketch,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': COLOUR, 'fill-opacity': 0.15 },
      },
      {
        id: LAYER.drawLine,
        type: 'line',
        source: SOURCE.drawSketch,
        filter: ['in', ['geometry-type'], ['literal', ['Polygon', 'LineString']]],
        layout: { 'line-join': 'round', 'line-cap': 'round' },
        paint: { 'line-color': COLOUR, 'line-width': ['match', ['get', 'role'], 'result', 2.5, 2] },
      },
      {
        id: LAYER.drawVertices,
        type: 'circle',
        source: SOURCE.drawSketch,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': ['match', ['get', 'role'], 'closing-vertex', 8, 4.5],
          'circle-color': ['match', ['get', 'role'], 'closing-vertex', '#E69F00', '#ffffff'],
          'circle-stroke-color': COLOUR,
          'circle-stroke-width': 2,
        },
      },
    ],
  };
}
