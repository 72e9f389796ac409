import type { Position } from 'geojson';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { fitToPoints } from '../../map/fitPoints.ts';

/**
 * South-west and north-east corners of the communes chosen in the filter (by INSEE code, or every commune of
 * an EPCI by SIREN), WGS84; null when nothing matches. Pure: the map framing below is the only side effect.
 */
export function communesBounds(
  communes: CommuneCollection,
  choice: { insee?: string; siren?: string },
): [[number, number], [number, number]] | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (p: Position) => {
    const [x = Number.NaN, y = Number.NaN] = p;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  };
  for (const f of communes.features) {
    const p = f.properties;
    if (choice.insee ? p.insee !== choice.insee : p.epciSiren !== choice.siren) continue;
    const g = f.geometry;
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const polygon of polygons) for (const ring of polygon) for (const pos of ring) visit(pos);
  }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** Frames the live map on the chosen commune or EPCI (through the map's one fitBounds helper). */
export function frameChoice(
  communes: CommuneCollection,
  choice: { insee?: string; siren?: string },
): boolean {
  const bounds = communesBounds(communes, choice);
  // The legend sits bottom-left: keep room for it so the framed communes are not hidden under it.
  return bounds ? fitToPoints(bounds, { left: 60, bottom: 80 }) : false;
}
