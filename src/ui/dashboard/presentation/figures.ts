/**
 * The key figures printed beside the map of each presentation view, in large type. Territory values
 * are combined from the commune values with each indicator's own aggregation rule (ratio of sums for
 * rates), the same rule as the EPCI level.
 */
import { combineValues } from '../../../domain/choropleth/aggregate.ts';
import { formatNumber, formatPercent } from '../../../domain/choropleth/format.ts';
import { SHORTLIST_SIZE } from '../../../domain/friches/shortlist.ts';
import { computeIndicator, indicatorById } from '../../../domain/indicators/registry.ts';
import {
  type ContractDashboard,
  PROGRESS_STATUS_LABELS,
  type TargetProgress,
} from '../../../domain/indicators/trajectory.ts';
import type { BrownfieldSummary, Dataset, IndicatorData } from '../../../domain/indicators/types.ts';
import { agree } from '../../../lib/plural.ts';
import type { DatasetStatus } from '../data.ts';
import type { PresentationView } from './views.ts';

export interface Figure {
  label: string;
  value: string;
  detail?: string;
  /** 0..1: drawn as a bar when present. */
  share?: number;
  /** 0..1: the tick of the value expected today on the linear trajectory. */
  expected?: number;
}

export interface ShortlistItem {
  name: string;
  commune: string;
  score: string;
}

export interface ViewContent {
  figures: Figure[];
  /** Datasets of the view that are not loaded (the view then says so instead of showing zeros). */
  missing: DatasetStatus[];
  shortlist: { items: ShortlistItem[]; validated: boolean } | null;
}

export function territoryValue(id: string, data: IndicatorData): number | null {
  const indicator = indicatorById(id);
  if (!indicator) return null;
  return combineValues([...computeIndicator(indicator, data).values()], indicator.aggregation).value;
}

function targetFigure(t: TargetProgress): Figure {
  return {
    label: t.label,
    value: `${formatNumber(t.achieved)} / ${formatNumber(t.target)}`,
    detail: `${formatPercent(t.share)} · ${PROGRESS_STATUS_LABELS[t.status].toLowerCase()} (attendu : ${formatNumber(Math.round(t.expected))})`,
    share: t.share,
    expected: t.target > 0 ? Math.min(1, t.expected / t.target) : 0,
  };
}

const maybe = (v: number | null, format: (v: number) => string) => (v === null ? 'sans donnée' : format(v));

/** The sites the shortlist view shows: the validated (pinned) ones, else the best scores as a proposal. */
export function shortlistSites(sites: readonly BrownfieldSummary[]): {
  validated: boolean;
  sites: BrownfieldSummary[];
} {
  const pinned = sites.filter((s) => s.shortlisted);
  if (pinned.length > 0) return { validated: true, sites: pinned };
  return {
    validated: false,
    sites: [...sites]
      // A site outside the territory cannot be one of the territory's five.
      .filter((s) => s.score !== null && s.insee !== null)
      .sort((a, b) => b.score! - a.score!)
      .slice(0, SHORTLIST_SIZE),
  };
}

function shortlistOf(sites: readonly BrownfieldSummary[], nameOf: ReadonlyMap<string, string>) {
  const { validated, sites: chosen } = shortlistSites(sites);
  return {
    validated,
    items: chosen.map((s) => ({
      name: s.name,
      commune: s.insee ? (nameOf.get(s.insee) ?? s.insee) : 'hors territoire',
      score: s.score === null ? 'non noté' : `${formatNumber(s.score * 100)} / 100`,
    })),
  };
}

export function viewContent(
  view: PresentationView,
  data: IndicatorData,
  status: Record<Dataset, DatasetStatus>,
  contract: ContractDashboard,
): ViewContent {
  const missing = view.datasets.map((d) => status[d]).filter((s) => !s.loaded);
  const target = (id: TargetProgress['id']) => contract.targets.find((t) => t.id === id)!;
  const nameOf = new Map(data.communes.map((c) => [c.insee, c.name]));
  const figures: Figure[] = [];
  let shortlist: ViewContent['shortlist'] = null;
  switch (view.id) {
    case 'summary': {
      if (contract.composite.value !== null && missing.length < view.datasets.length)
        figures.push({
          label: 'Avancement COTRI',
          value: formatPercent(contract.composite.value / 100),
          detail:
            missing.length > 0
              ? `Moyenne des trois objectifs plafonnés à 100 % ; ${missing.map((m) => m.label.toLowerCase()).join(', ')} ${agree(missing.length, 'non chargé, compté', 'non chargés, comptés')} 0 %`
              : 'Moyenne des trois objectifs, chacun plafonné à 100 %',
        });
      for (const t of contract.targets) if (status[t.id].loaded) figures.push(targetFigure(t));
      break;
    }
    case 'trajectory':
      for (const t of contract.targets)
        if (t.trajectory !== null && status[t.id].loaded) figures.push(targetFigure(t));
      break;
    case 'lights':
      if (!status.lights.loaded) break;
      figures.push(targetFigure(target('lights')));
      figures.push({
        label: 'Facteur 4 / facteur 2',
        value: `${formatNumber(contract.lightsDetail.factor4)} / ${formatNumber(contract.lightsDetail.factor2)}`,
        detail: `objectifs ${formatNumber(contract.lightsDetail.factor4Target)} et ${formatNumber(contract.lightsDetail.factor2Target)}`,
      });
      figures.push({
        label: 'Énergie économisée',
        value: maybe(territoryValue('lightsKwhSaved', data), (v) => `${formatNumber(v / 1000)} MWh/an`),
      });
      break;
    case 'advice':
      if (!status.advice.loaded) break;
      figures.push(targetFigure(target('advice')));
      figures.push({
        label: 'Passage à l’acte',
        value: maybe(contract.conversion.rate, (v) => formatPercent(v)),
        detail: `objectif ${formatPercent(contract.conversion.target)} · ${formatNumber(contract.conversion.denominator)} conseils arrivés à maturité`,
      });
      figures.push({
        label: 'Conseils pour 1 000 habitants',
        value: maybe(territoryValue('adviceSessionsPer1000', data), (v) => formatNumber(v, 1)),
      });
      break;
    case 'brownfields': {
      if (!data.brownfields) break;
      const scored = data.brownfields.sites.filter((s) => s.score !== null);
      figures.push({ label: 'Friches recensées', value: formatNumber(data.brownfields.sites.length) });
      figures.push({ label: 'Friches notées', value: formatNumber(scored.length) });
      figures.push({
        label: 'Meilleur score',
        value: maybe(territoryValue('brownfieldsBestScore', data), (v) => `${formatNumber(v)} / 100`),
      });
      break;
    }
    case 'shortlist':
      if (!data.brownfields) break;
      figures.push(targetFigure(target('brownfields')));
      shortlist = shortlistOf(data.brownfields.sites, nameOf);
      break;
  }
  return { figures, missing, shortlist };
}
