import { overlapCriterion } from './overlap.ts';

export const floodShareCriterion = overlapCriterion({
  id: 'floodShare',
  label: 'Part en zone inondable',
  role: 'floodZones',
  layerLabel: 'Zones inondables',
  why:
    'Construire en zone inondable expose des personnes et des biens : la note baisse avec la part ' +
    'inondable (le profil « renaturation » lit ce critère à l’envers : rendre ces terrains à l’eau est un atout).',
  weight: 2,
});
