import { nearestDistanceM } from '../context.ts';
import { type Criterion, describeBreakpoints, formatDistance, piecewise } from './criterion.ts';

/** Walking distance to a station (≤ 500 m) is ideal; beyond 5 km the site depends on the car. */
const BREAKS = [
  [500, 1],
  [1_000, 0.75],
  [2_000, 0.4],
  [5_000, 0.1],
  [10_000, 0],
] as const;

export const stationDistanceCriterion: Criterion = {
  id: 'stationDistance',
  label: 'Distance à la gare ou à l’arrêt le plus proche',
  unit: 'm',
  needs: ['stations'],
  description:
    'Distance à vol d’oiseau (géodésique) entre le point du site et la gare ou l’arrêt de transport en ' +
    'commun le plus proche de la couche « Gares et arrêts ». Sans cette couche : non renseigné. ' +
    `Seuils : ${describeBreakpoints(BREAKS, 'm')}.`,
  weight: 2,
  evaluate(site, ctx) {
    return ctx.stations ? nearestDistanceM(ctx.stations, site.point.coordinates) : null;
  },
  normalise: piecewise(BREAKS),
  format: formatDistance,
};
