import { overlapCriterion } from './overlap.ts';

export const corridorShareCriterion = overlapCriterion({
  id: 'corridorShare',
  label: 'Part en trame verte et bleue',
  role: 'greenBlueCorridors',
  layerLabel: 'Trame verte et bleue',
  why:
    'Un site sur un corridor écologique doit préserver la continuité : la note baisse avec la part ' +
    'concernée.',
  renaturationWhy: 'un site sur la trame renaturé restaure une continuité écologique.',
  weight: 1,
});
