import { areasNear } from '../context.ts';
import { areaInsideConvexM2, circlePolygon, clipBbox } from '../geo.ts';
import { type Criterion, describeBreakpoints, formatNumber, piecewise } from './criterion.ts';

export const POPULATION_RADIUS_M = 1_000;

/** Residents within walking distance: the demand a housing or facility project would serve. */
const BREAKS = [
  [0, 0],
  [500, 0.25],
  [2_000, 0.6],
  [5_000, 0.9],
  [10_000, 1],
] as const;

export const population1kmCriterion: Criterion = {
  id: 'population1km',
  label: 'Population à moins de 1 km',
  unit: 'hab.',
  needs: ['communes'],
  description:
    'Habitants estimés dans un disque de 1 km autour du point du site : somme, pour chaque commune ' +
    'coupée par le disque, de sa densité (population légale ÷ superficie) × la surface de la commune ' +
    'dans le disque. Suppose une population répartie uniformément dans chaque commune ; seules les ' +
    'communes du territoire sont comptées (site hors territoire : non renseigné). ' +
    `Seuils : ${describeBreakpoints(BREAKS, 'hab.')}.`,
  weight: 2,
  evaluate(site, ctx) {
    if (!site.territoryInsee) return null;
    const disc = circlePolygon(site.point.coordinates, POPULATION_RADIUS_M);
    let people = 0;
    for (const i of areasNear(ctx.communes, clipBbox(disc))) {
      const density = ctx.communeDensity[i]!;
      if (density > 0) people += density * areaInsideConvexM2(ctx.communes.clip[i]!, disc[0]![0]!);
    }
    return people;
  },
  normalise: piecewise(BREAKS),
  format: (raw) => `${formatNumber(Math.round(raw))} hab.`,
};
