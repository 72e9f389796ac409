/**
 * Team mode with a big inventory (issue #18 item 8): the map draws the lights from the server's vector tiles
 * (src/map/layers/lightsTiles.ts) once the user's inventory has more points than the threshold. The list, the
 * legend and the gauges are unchanged: they count the store's points (the records the API returned).
 */
import type { LightsTable } from '../../domain/lights/index.ts';
import { memoLast } from '../../lib/memo.ts';
import type { LightMapFeature } from '../../map/layers/lights.ts';
import { overviewCells, tileStates } from '../../map/layers/lightsTiles.ts';
import { useAppStore } from '../../state/store.ts';

/** Above this many points the map uses the server's tiles (a GeoJSON source of 100,000 points is slow). */
export const DEFAULT_TILE_THRESHOLD = 100_000;
/** Overrides the threshold on this browser (tests use a small inventory: « 1000 »). */
export const TILE_THRESHOLD_KEY = 'atlas-cotri:seuil-tuiles';

export function tileThreshold(): number {
  try {
    const stored = Number(globalThis.localStorage?.getItem(TILE_THRESHOLD_KEY) ?? Number.NaN);
    return Number.isInteger(stored) && stored >= 0 ? stored : DEFAULT_TILE_THRESHOLD;
  } catch {
    return DEFAULT_TILE_THRESHOLD;
  }
}

/** True when the map should draw the lights from the team server's tiles. */
export function useTiledLights(): boolean {
  const team = useAppStore((s) => s.teamMode === 'team' && s.teamUser !== null);
  const count = useAppStore((s) => s.lightPoints.length);
  return team && count > tileThreshold();
}

export const idsOf = memoLast((table: LightsTable): string[] => table.points.map((p) => p.id));
export const indexByIdOf = memoLast(
  (ids: readonly string[]): Map<string, number> => new Map(ids.map((id, i) => [id, i])),
);
export const tileStatesOf = memoLast(tileStates);
export const overviewCellsOf = memoLast(overviewCells);

/**
 * Changes when a point is added, removed or moved, so that the tiles (which hold positions, fetched once per
 * view) are fetched again; a status or power edit only changes feature state and keeps the loaded tiles.
 */
export const geometryRevisionOf = memoLast((features: readonly LightMapFeature[]): string => {
  let hash = 2166136261;
  for (const f of features) {
    const [lon = 0, lat = 0] = f.geometry.coordinates;
    hash = Math.imul(hash ^ Math.round(lon * 1e6), 16777619);
    hash = Math.imul(hash ^ Math.round(lat * 1e6), 16777619);
  }
  return `${features.length}-${(hash >>> 0).toString(36)}`;
});

/** The tile URL template of this page's team server (absolute: MapLibre fetches tiles from its worker). */
export function tilesUrl(revision: string): string {
  return `${globalThis.location.origin}/api/tiles/lights/{z}/{x}/{y}.mvt?v=${revision}`;
}
