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
  /** Big inventories in team mode: the server's vector tiles, and the overview grid below their zoom. */
  lightsTiles: 'lights-tiles',
  lightsCells: 'lights-cells',
  frichesContext: 'friches-context',
  frichesSurfaces: 'friches-surfaces',
  frichesPoints: 'friches-points',
  dashboardSites: 'dashboard-sites',
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
  /** Points of the server's vector tiles (big inventories in team mode). */
  lightsTilePoints: 'lights-tile-points',
  frichesContextFill: 'friches-context-fill',
  frichesContextLine: 'friches-context-line',
  frichesContextPoints: 'friches-context-points',
  frichesSurfaceFill: 'friches-surface-fill',
  frichesSurfaceLine: 'friches-surface-line',
  frichesPoints: 'friches-points',
  frichesHover: 'friches-hover',
  frichesSelected: 'friches-selected',
  frichesRankLabels: 'friches-rank-labels',
  dashboardSites: 'dashboard-sites',
  dashboardSiteLabels: 'dashboard-site-labels',
  /** Drawing tools (src/map/draw), kept above every other layer. */
  drawFill: 'draw-fill',
  drawLine: 'draw-line',
  drawVertices: 'draw-vertices',
} as const;
