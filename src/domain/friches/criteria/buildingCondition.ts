import { categorical } from './criterion.ts';

export const buildingConditionCriterion = categorical({
  id: 'buildingCondition',
  label: 'État des bâtiments',
  description:
    'Dégradation des bâtiments (bati_etat) : des bâtiments peu dégradés se réutilisent à moindre coût.',
  weight: 1,
  levels: [
    { value: 'dégradation inexistante ou faible', score: 1 },
    { value: 'dégradation hétérogène', score: 0.6 },
    { value: 'dégradation moyenne', score: 0.5 },
    { value: 'dégradation très importante', score: 0.2 },
  ],
  read: (site) => site.buildingCondition,
});
