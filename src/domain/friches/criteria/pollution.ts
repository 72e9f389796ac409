import { categorical } from './criterion.ts';

/**
 * Depollution cost and delay weigh on every reuse; a treated site is almost as good as a clean one. Renaturation
 * reads it the same way (a proven pollution must be managed before the public can use the land).
 */
export const pollutionCriterion = categorical({
  id: 'pollution',
  label: 'Pollution des sols',
  description:
    'Existence d’une pollution du sol (sol_pollution_existe) : une pollution avérée renchérit et retarde ' +
    'la reconversion (diagnostic, plan de gestion, dépollution).',
  weight: 2,
  levels: [
    { value: 'pollution inexistante', score: 1 },
    { value: 'pollution traitée', score: 0.9 },
    { value: 'pollution peu probable', score: 0.75 },
    { value: 'pollution supposée', score: 0.3 },
    { value: 'pollution avérée', score: 0 },
  ],
  read: (site) => site.pollution,
});
