import type { PreparedAreas, PreparedContext } from '../context.ts';
import { areasNear } from '../context.ts';
import { coveredAreaM2, pointInArea, surfaceInfo } from '../geo.ts';
import type { Brownfield, ContextRole } from '../types.ts';
import {
  type Criterion,
  type CriterionId,
  describeBreakpoints,
  formatShare,
  piecewise,
} from './criterion.ts';

/**
 * Share (0..1) of the site inside a layer's polygons. With a perimeter: covered area ÷ site area
 * (overlapping polygons merged). With only a point: 1 if the point is inside a polygon, else 0.
 */
export function overlapShare(site: Brownfield, layer: PreparedAreas): number {
  if (site.surface) {
    const info = surfaceInfo(site.surface);
    if (info.areaM2 > 0) {
      const ids = areasNear(layer, info.bbox);
      if (ids.length === 0) return 0;
      const covered = coveredAreaM2(
        info.clip,
        ids.map((i) => layer.clip[i]!),
      );
      return Math.min(1, covered / info.areaM2);
    }
  }
  const p = site.point.coordinates;
  return areasNear(layer, [p[0]!, p[1]!, p[0]!, p[1]!]).some((i) => pointInArea(p, layer.geometries[i]!))
    ? 1
    : 0;
}

/** Any overlap weighs heavily: 10 % of a site in a constraint zone already compromises a building project. */
export const CONSTRAINT_BREAKS = [
  [0, 1],
  [0.1, 0.6],
  [0.5, 0.2],
  [1, 0],
] as const;

/**
 * Renaturation's own reading: land in the flood plain, a protected area or a corridor is where giving it back
 * to nature restores the most (room for water, habitat continuity); a first overlap already makes the site part
 * of that system, so the value rises fast, then saturates.
 */
export const RENATURATION_BREAKS = [
  [0, 0],
  [0.1, 0.5],
  [0.5, 0.9],
  [1, 1],
] as const;

type AreaRole = Extract<ContextRole, 'floodZones' | 'protectedAreas' | 'greenBlueCorridors'>;

export function overlapCriterion(spec: {
  id: CriterionId;
  label: string;
  role: AreaRole;
  layerLabel: string;
  why: string;
  /** French: why this overlap is an asset for renaturation. */
  renaturationWhy: string;
  weight: number;
}): Criterion {
  return {
    id: spec.id,
    label: spec.label,
    unit: '%',
    needs: [spec.role],
    description:
      `Part de la surface du site située dans la couche « ${spec.layerLabel} » (intersection des ` +
      'polygones, zones superposées fusionnées) ; sans périmètre du site, 100 % si son point est dans ' +
      `une zone, 0 % sinon. Sans cette couche : non renseigné. ${spec.why} ` +
      `Seuils (part → note) : ${describeBreakpoints(CONSTRAINT_BREAKS, '')}.`,
    weight: spec.weight,
    evaluate(site: Brownfield, ctx: PreparedContext) {
      const layer = ctx[spec.role];
      return layer ? overlapShare(site, layer) : null;
    },
    normalise: piecewise(CONSTRAINT_BREAKS),
    renaturation: {
      normalise: piecewise(RENATURATION_BREAKS),
      description: `Renaturation : ${spec.renaturationWhy} Seuils renaturation (part → note) : ${describeBreakpoints(RENATURATION_BREAKS, '')}.`,
    },
    format: formatShare,
  };
}
