export {
  CRS_CODES,
  CRS_LABELS,
  crsFromEpsgNumber,
  crsFromGeoJsonName,
  crsFromPrj,
  isCrsCode,
  PROJ4_DEFS,
  type Proj4Registry,
  type ProjectedCrs,
  registerProj4Defs,
} from './defs.ts';
export {
  CRS_RANGES,
  type CrsDetection,
  type CrsHypothesis,
  DETECTION_SAMPLE_SIZE,
  detectCrs,
  FRANCE_BBOX,
  hypothesisLabel,
  isInFrance,
  looksLike,
  type Range,
} from './detect.ts';
export {
  fromWgs84,
  mapPositions,
  reprojectGeometry,
  reprojectInPlace,
  swapGeometryAxes,
  toWgs84,
} from './project.ts';
