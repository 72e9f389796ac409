import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

/** IGN Géoplateforme "Plan IGN v2" WMTS tiles (open licence); only requested when the user turns it on. */
export const IGN_PLAN_TILES =
  'https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2' +
  '&STYLE=normal&TILEMATRIXSET=PM&FORMAT=image/png&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';

export function backgroundLayers(basemap: boolean): MapSpec {
  return {
    sources: basemap
      ? {
          [SOURCE.basemap]: {
            type: 'raster',
            tiles: [IGN_PLAN_TILES],
            tileSize: 256,
            maxzoom: 19,
            attribution: '© <a href="https://www.ign.fr/">IGN</a> — Plan IGN',
          },
        }
      : {},
    layers: [
      { id: LAYER.background, type: 'background', paint: { 'background-color': '#dfe7ec' } },
      ...(basemap
        ? [
            {
              id: LAYER.basemap,
              type: 'raster' as const,
              source: SOURCE.basemap,
              paint: { 'raster-opacity': 0.85 },
            },
          ]
        : []),
    ],
  };
}
