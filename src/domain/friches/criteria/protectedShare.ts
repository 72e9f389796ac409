import { overlapCriterion } from './overlap.ts';

export const protectedShareCriterion = overlapCriterion({
  id: 'protectedShare',
  label: 'Part en espace naturel protégé',
  role: 'protectedAreas',
  layerLabel: 'Espaces naturels protégés (Natura 2000, ZNIEFF)',
  why:
    'Un site en Natura 2000 ou ZNIEFF appelle évaluation d’incidences et évitement : la note baisse avec ' +
    'la part protégée.',
  renaturationWhy:
    'un site en espace protégé renaturé renforce un milieu déjà reconnu pour sa valeur écologique.',
  weight: 1.5,
});
