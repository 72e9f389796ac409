/** Source and layer ids: the map's public vocabulary (tests query these). */
export const SOURCE = {
  communes: 'communes',
  epci: 'epci',
  territory: 'territory',
  centres: 'commune-centres',
  basemap: 'basemap-ign',
  drawSketch: 'draw-sketch',
  lights: 'lights',
  lightsSelected: 'lights-selected',
} as const;

export const LAYER = {
  background: 'background',
  basemap: 'basemap-ign',
  communesFill: 'communes-fill',
  communesLine: 'communes-line',
  epciLine: 'epci-line',
  territoryLine: 'territory-line',
  communeLabels: 'commune-labels',
  lightsClusters: 'lights-clusters',
  lightsClusterCount: 'lights-cluster-count',
  lightsPoints: 'lights-points',
  lightsSelected: 'lights-selected',
  /** Drawing tools (src/map/draw), kept above every other layer. */
  drawFill: 'draw-fill',
  drawLine: 'draw-line',
  drawVertices: 'draw-vertices',
} as const;
