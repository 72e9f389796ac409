import { categorical } from './criterion.ts';

/**
 * A site without a project is where identification matters most. A site "avec projet" is already carried
 * by someone: penalised but kept visible. A "reconvertie" site is no longer a brownfield: it is excluded
 * from the ranking (see scoring.ts) and scores 0 here.
 */
export const siteStatusCriterion = categorical({
  id: 'siteStatus',
  label: 'Statut du site',
  description:
    'Statut au regard de l’état de friche (site_statut). Une friche sans projet porte le plus fort enjeu ; ' +
    'une friche potentielle (issue d’inventaires type BASIAS, non vérifiée) doit être confirmée ; une friche ' +
    'avec projet est déjà portée (pénalisée, reste visible) ; une friche reconvertie est exclue du classement.',
  weight: 1.5,
  levels: [
    { value: 'friche sans projet', score: 1 },
    { value: 'friche potentielle', score: 0.7 },
    { value: 'friche avec projet', score: 0.3 },
    { value: 'friche reconvertie', score: 0 },
  ],
  read: (site) => site.status,
});
