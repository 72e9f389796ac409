import { overlapCriterion } from './overlap.ts';

export const floodShareCriterion = overlapCriterion({
  id: 'floodShare',
  label: 'Part en zone inondable',
  role: 'floodZones',
  layerLabel: 'Zones inondables',
  why:
    'Construire en zone inondable expose des personnes et des biens : la note baisse avec la part ' +
    'inondable.',
  renaturationWhy: 'rendre ces terrains à l’eau (champ d’expansion des crues) est un atout.',
  weight: 2,
});
