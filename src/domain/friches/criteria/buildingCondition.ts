import { categorical } from './criterion.ts';

export const buildingConditionCriterion = categorical({
  id: 'buildingCondition',
  label: 'État des bâtiments',
  description:
    'Dégradation des bâtiments (bati_etat) : des bâtiments peu dégradés se réutilisent à moindre coût. Pour ' +
    'la renaturation, des bâtiments très dégradés sont voués à la démolition (rien à perdre), des bâtiments ' +
    'sains seraient un gâchis à démolir.',
  weight: 1,
  levels: [
    { value: 'dégradation inexistante ou faible', score: 1, renaturation: 0 },
    { value: 'dégradation hétérogène', score: 0.5, renaturation: 0.5 },
    { value: 'dégradation moyenne', score: 0.4, renaturation: 0.6 },
    { value: 'dégradation très importante', score: 0, renaturation: 1 },
  ],
  read: (site) => site.buildingCondition,
});
