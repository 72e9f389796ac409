import type { PaddingOptions } from 'maplibre-gl';
import { getMapInstance } from './mapInstance.ts';

/**
 * Frames the live map on a set of WGS84 positions (a module's "show all" button). `padding` keeps room for
 * overlays such as a legend. Returns false when no map is loaded or there is nothing to frame.
 */
export function fitToPoints(
  points: readonly (readonly number[])[],
  padding: Partial<PaddingOptions> = {},
): boolean {
  const map = getMapInstance();
  const finite = points.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (!map || finite.length === 0) return false;
  const xs = finite.map((p) => p[0]!);
  const ys = finite.map((p) => p[1]!);
  map.fitBounds(
    [
      [Math.min(...xs), Math.min(...ys)],
      [Math.max(...xs), Math.max(...ys)],
    ],
    { padding: { top: 40, right: 40, bottom: 40, left: 40, ...padding }, maxZoom: 15, duration: 600 },
  );
  return true;
}
