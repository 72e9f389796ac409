import { nearestDistanceM } from '../context.ts';
import { distanceM } from '../geo.ts';
import { type Criterion, describeBreakpoints, formatDistance, piecewise } from './criterion.ts';

/** A site in the bourg (≤ 300 m from the centre) reinforces centrality; beyond 4 km it is detached. */
const BREAKS = [
  [300, 1],
  [1_000, 0.6],
  [2_000, 0.3],
  [4_000, 0],
] as const;

export const centreDistanceCriterion: Criterion = {
  id: 'centreDistance',
  label: 'Distance au centre de la commune',
  unit: 'm',
  needs: ['communeCentres'],
  description:
    'Distance géodésique entre le point du site et le centre de sa commune (couche « Centres des ' +
    'communes », remplaçable par les mairies importées). Si la couche ne porte pas le code INSEE de la ' +
    'commune, le centre le plus proche est retenu. Site hors du territoire et sans centre connu : non ' +
    `renseigné. Seuils : ${describeBreakpoints(BREAKS, 'm')}.`,
  weight: 1.5,
  evaluate(site, ctx) {
    const centres = ctx.centres;
    const insee = site.territoryInsee ?? site.insee;
    const i = insee ? centres.insee.indexOf(insee) : -1;
    if (i >= 0) return distanceM(site.point.coordinates, [centres.lon[i]!, centres.lat[i]!]);
    return site.territoryInsee ? nearestDistanceM(centres, site.point.coordinates) : null;
  },
  normalise: piecewise(BREAKS),
  format: formatDistance,
};
