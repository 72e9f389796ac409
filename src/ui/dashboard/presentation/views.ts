/** The council-meeting sequence: one map and one message per view. */
import type { Dataset } from '../../../domain/indicators/types.ts';
import type { DashboardMapChoice } from '../../../state/dashboardSlice.ts';

export interface PresentationView {
  id: 'summary' | 'trajectory' | 'lights' | 'advice' | 'brownfields' | 'shortlist';
  /** Short name (navigation). */
  name: string;
  title: string;
  /** Registry indicator drawn on the map. */
  indicator: string;
  datasets: readonly Dataset[];
}

export const PRESENTATION_VIEWS: readonly PresentationView[] = [
  {
    id: 'summary',
    name: 'Synthèse',
    title: 'Synthèse — avancement du contrat COTRI',
    indicator: 'cotriProgress',
    datasets: ['lights', 'advice', 'brownfields'],
  },
  {
    // No map: the contract's cumulative curves against their linear paths, with today's marker.
    id: 'trajectory',
    name: 'Trajectoire',
    title: 'Trajectoire — réalisé et trajectoire linéaire du contrat',
    indicator: 'cotriProgress',
    datasets: ['lights', 'advice'],
  },
  {
    id: 'lights',
    name: 'Éclairage',
    title: 'Éclairage public — part du parc rénovée',
    indicator: 'lightsRenovatedShare',
    datasets: ['lights'],
  },
  {
    id: 'advice',
    name: 'Conseils',
    title: 'Conseils énergie — conseils pour 1 000 habitants',
    indicator: 'adviceSessionsPer1000',
    datasets: ['advice'],
  },
  {
    id: 'brownfields',
    name: 'Friches',
    title: 'Friches — meilleur score de reconversion par commune',
    indicator: 'brownfieldsBestScore',
    datasets: ['brownfields'],
  },
  {
    id: 'shortlist',
    name: 'Liste restreinte',
    title: 'Liste restreinte — les 5 friches retenues',
    indicator: 'brownfieldsCount',
    datasets: ['brownfields'],
  },
];

/**
 * A view keeps the user's classification settings (method, classes, palette) so the room sees the maps
 * the staff prepared; manual breaks belong to one indicator, so other views fall back to quantiles.
 */
export function viewChoice(view: PresentationView, base: DashboardMapChoice): DashboardMapChoice {
  const manualHere = base.method === 'manual' && base.indicator === view.indicator;
  return {
    ...base,
    indicator: view.indicator,
    level: 'commune',
    method: base.method === 'manual' && !manualHere ? 'quantile' : base.method,
  };
}
