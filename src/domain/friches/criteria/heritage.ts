import { categorical } from './criterion.ts';

export const heritageCriterion = categorical({
  id: 'heritage',
  label: 'Bâti patrimonial',
  description:
    'Présence de bâti patrimonial (bati_patrimoine), lue comme une contrainte pour construire : un bâtiment ' +
    'classé impose conservation et avis de l’architecte des Bâtiments de France (le profil « équipement ' +
    'public » lit ce critère à l’envers : un bâtiment remarquable est un atout pour un équipement culturel).',
  weight: 0.5,
  levels: [
    { value: 'aucun', score: 1 },
    { value: "présence d'un bâtiment d'intérêt", score: 0.5 },
    { value: "présence d'un bâtiment classé", score: 0 },
  ],
  read: (site) => site.heritage,
});
