import { overlapCriterion } from './overlap.ts';

export const protectedShareCriterion = overlapCriterion({
  id: 'protectedShare',
  label: 'Part en espace naturel protégé',
  role: 'protectedAreas',
  layerLabel: 'Espaces naturels protégés (Natura 2000, ZNIEFF)',
  why:
    'Un site en Natura 2000 ou ZNIEFF appelle évaluation d’incidences et évitement : la note baisse avec ' +
    'la part protégée (à l’envers pour la renaturation, qui y trouve un fort intérêt écologique).',
  weight: 1.5,
});
