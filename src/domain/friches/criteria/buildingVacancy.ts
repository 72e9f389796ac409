import { categorical } from './criterion.ts';

export const buildingVacancyCriterion = categorical({
  id: 'buildingVacancy',
  label: 'Vacance des bâtiments',
  description:
    'État de vacance des bâtiments (bati_vacance) : un site vacant est mobilisable sans éviction ni ' +
    'relogement.',
  weight: 1,
  levels: [
    { value: 'vacant', score: 1 },
    { value: 'partiellement occupé', score: 0.5 },
    { value: 'occupé', score: 0 },
  ],
  read: (site) => site.buildingVacancy,
});
