import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { type BBox, bboxOf, type ClipMultiPolygon, distanceM, toClip } from './geo.ts';
import type { AreaCollection, ContextLayers, ContextRole, PointCollection } from './types.ts';

/** Polygons of one layer, ready for clipping, behind a bounding-box index. */
export interface PreparedAreas {
  geometries: (Polygon | MultiPolygon)[];
  /** Per area: its `typezone` (PLU zoning layers from the Géoportail de l'Urbanisme), else null. */
  zoneTypes: (string | null)[];
  clip: ClipMultiPolygon[];
  bboxes: BBox[];
  index: Flatbush | null;
}

export interface PreparedPoints {
  lon: Float64Array;
  lat: Float64Array;
  insee: (string | null)[];
  /** Index on (lon · cos φ₀, lat) so that planar nearest-neighbour order approximates ground distance. */
  index: Flatbush | null;
  cosLat: number;
}

/** Context layers with their spatial indexes, built once per context change and shared by every criterion. */
export interface PreparedContext {
  layers: ContextLayers;
  available: ReadonlySet<ContextRole>;
  communes: PreparedAreas;
  /** Inhabitants per m² of each commune (same order as `communes`). */
  communeDensity: Float64Array;
  centres: PreparedPoints;
  stations: PreparedPoints | null;
  floodZones: PreparedAreas | null;
  protectedAreas: PreparedAreas | null;
  greenBlueCorridors: PreparedAreas | null;
  urbanZones: PreparedAreas | null;
}

function isArea(f: Feature | null | undefined): f is Feature<Polygon | MultiPolygon> {
  return !!f?.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon');
}

export function prepareAreas(collection: AreaCollection): PreparedAreas {
  const features = collection.features.filter(isArea);
  const geometries = features.map((f) => f.geometry);
  const bboxes = geometries.map(bboxOf);
  let index: Flatbush | null = null;
  if (bboxes.length > 0) {
    index = new Flatbush(bboxes.length);
    for (const b of bboxes) index.add(b[0], b[1], b[2], b[3]);
    index.finish();
  }
  const zoneTypes = features.map((f) => {
    const t = (f.properties as Record<string, unknown> | null)?.typezone;
    return typeof t === 'string' && t.trim() ? t.trim() : null;
  });
  return { geometries, zoneTypes, clip: geometries.map(toClip), bboxes, index };
}

export function preparePoints(collection: PointCollection): PreparedPoints {
  const features = collection.features.filter(
    (f): f is Feature<Point> => f?.geometry?.type === 'Point' && f.geometry.coordinates.length >= 2,
  );
  const n = features.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const insee: (string | null)[] = [];
  let sumLat = 0;
  features.forEach((f, i) => {
    lon[i] = f.geometry.coordinates[0]!;
    lat[i] = f.geometry.coordinates[1]!;
    sumLat += lat[i]!;
    const code = (f.properties as { insee?: unknown } | null)?.insee;
    insee.push(typeof code === 'string' ? code : null);
  });
  const cosLat = n > 0 ? Math.cos(((sumLat / n) * Math.PI) / 180) : 1;
  let index: Flatbush | null = null;
  if (n > 0) {
    index = new Flatbush(n);
    for (let i = 0; i < n; i++) index.add(lon[i]! * cosLat, lat[i]!);
    index.finish();
  }
  return { lon, lat, insee, index, cosLat };
}

/** Candidate polygons whose bounding box meets `bbox`. */
export function areasNear(layer: PreparedAreas, bbox: BBox): number[] {
  return layer.index ? layer.index.search(bbox[0], bbox[1], bbox[2], bbox[3]) : [];
}

/**
 * Distance in metres to the nearest point of a layer. The planar index (longitudes scaled by cos φ₀)
 * proposes a few candidates; the exact geodesic distance decides among them.
 */
export function nearestDistanceM(layer: PreparedPoints, point: Position): number | null {
  if (!layer.index) return null;
  const candidates = layer.index.neighbors(point[0]! * layer.cosLat, point[1]!, 8);
  let best = Number.POSITIVE_INFINITY;
  for (const i of candidates) {
    const d = distanceM(point, [layer.lon[i]!, layer.lat[i]!]);
    if (d < best) best = d;
  }
  return Number.isFinite(best) ? best : null;
}

export function prepareContext(layers: ContextLayers): PreparedContext {
  const communes = prepareAreas(layers.communes);
  const communeDensity = new Float64Array(communes.geometries.length);
  const communeFeatures = layers.communes.features.filter(isArea);
  communeFeatures.forEach((f, i) => {
    const km2 = f.properties.areaKm2;
    communeDensity[i] = km2 > 0 ? f.properties.population / (km2 * 1e6) : 0;
  });
  const available = new Set<ContextRole>(['communes', 'communeCentres']);
  const optionalAreas = (role: 'floodZones' | 'protectedAreas' | 'greenBlueCorridors' | 'urbanZones') => {
    const layer = layers[role];
    if (!layer) return null;
    available.add(role);
    return prepareAreas(layer);
  };
  const stations = layers.stations ? preparePoints(layers.stations) : null;
  if (stations) available.add('stations');
  return {
    layers,
    available,
    communes,
    communeDensity,
    centres: preparePoints(layers.communeCentres as PointCollection),
    stations,
    floodZones: optionalAreas('floodZones'),
    protectedAreas: optionalAreas('protectedAreas'),
    greenBlueCorridors: optionalAreas('greenBlueCorridors'),
    urbanZones: optionalAreas('urbanZones'),
  };
}
