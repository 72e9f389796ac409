import type { GeoJSONSource, MapGeoJSONFeature, Map as MapLibreMap } from 'maplibre-gl';
import { getMapInstance } from './mapInstance.ts';

/** Zoom at which a single point (a light, a site) is shown when a list entry is chosen. */
export const POINT_ZOOM = 17;

/**
 * Moves the live map to a WGS84 position (list entries → map). Never zooms out: a user already closer
 * than `zoom` stays there. Returns false when no map is loaded yet.
 */
export function flyToPoint(lon: number, lat: number, zoom = POINT_ZOOM): boolean {
  const map = getMapInstance();
  if (!map || !Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  map.flyTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), zoom), essential: true });
  return true;
}

/**
 * Zooms into a clicked cluster of a clustered GeoJSON source, just enough for it to split; an overview cell
 * of a big inventory (src/map/layers/lightsTiles.ts) says itself where to go (`expand_zoom`).
 */
export async function expandCluster(map: MapLibreMap, feature: MapGeoJSONFeature): Promise<void> {
  const expandZoom = feature.properties.expand_zoom;
  if (typeof expandZoom === 'number' && feature.geometry.type === 'Point') {
    map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom: expandZoom + 0.01 });
    return;
  }
  const source = map.getSource(feature.source) as GeoJSONSource | undefined;
  const clusterId = feature.properties.cluster_id;
  if (!source || typeof clusterId !== 'number' || feature.geometry.type !== 'Point') return;
  const zoom = await source.getClusterExpansionZoom(clusterId);
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  map.easeTo({ center: [lon, lat], zoom: zoom + 0.01 });
}
