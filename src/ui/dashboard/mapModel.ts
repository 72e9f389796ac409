/**
 * The dashboard map: one `buildChoropleth` result per (data, choice), read by the communes' fill, the
 * legend overlay, the export legend and the table, so none of them can disagree with another.
 *
 * EPCI level: the indicator is aggregated with its own rule (ratio of sums for rates…) by
 * `computeIndicator(…, 'epci')`, classified over the 3 EPCI, and the communes are painted with their
 * EPCI's colour (`idProperty: 'epciSiren'` on the commune features). The legend then counts EPCI.
 */
import { AGGREGATION_LABELS, toChoroplethValues } from '../../domain/choropleth/aggregate.ts';
import { buildChoropleth, type Choropleth } from '../../domain/choropleth/choropleth.ts';
import {
  computeIndicator,
  formulaOf,
  INDICATORS,
  indicatorById,
  indicatorPeriodLabel,
} from '../../domain/indicators/registry.ts';
import {
  TARGET_SHARE_BREAKS,
  TARGET_SHARE_MIDPOINT,
  TARGET_SHARES,
  type TargetShareDefinition,
  targetShareValues,
} from '../../domain/indicators/targetShare.ts';
import type { Dataset, IndicatorData } from '../../domain/indicators/types.ts';
import { pcaetProgress, placesOfLevel, shownUnit, yearsShown } from '../../domain/pcaet/progress.ts';
import {
  DIRECTION_LABELS,
  LEVEL_LABELS,
  type PcaetIndicator,
  type PcaetValue,
} from '../../domain/pcaet/types.ts';
import type { ContractConfig } from '../../domain/territory/types.ts';
import { type DashboardLevel, type DashboardMapChoice, PCAET_PREFIX } from '../../state/dashboardSlice.ts';
import { DATASET_LABELS, type DatasetStatus } from './data.ts';

export interface MapIndicatorInfo {
  /** Registry id, or `pcaet:<id>`. */
  key: string;
  label: string;
  unit: string;
  direction: 'up' | 'down';
  source: string;
  formula: string;
  /** Datasets the values come from (empty for a PCAET indicator, whose values are typed or imported here). */
  requires: readonly Dataset[];
  /** How commune values become EPCI values (French), null when the level is fixed. */
  aggregation: string | null;
  /** PCAET indicators are mapped at their own level only. */
  fixedLevel: DashboardLevel | null;
  /** Whole counts (points, sessions, sites): legend bounds are then given as whole numbers. */
  integer: boolean;
  pcaet: PcaetIndicator | null;
  /** « Part de l'objectif » maps: value ÷ the place's own target, classified around 100 %. */
  targetShare: (TargetShareDefinition & { note: string }) | null;
}

/** Key prefix of the « part de l'objectif » maps in the indicator list. */
export const TARGET_PREFIX = 'objectif:';

/** PCAET indicators that can be mapped: commune level (and EPCI level, drawn through the communes). */
export function mappablePcaet(indicators: readonly PcaetIndicator[]): PcaetIndicator[] {
  return indicators.filter((i) => i.level === 'commune' || i.level === 'epci');
}

export function mapIndicators(
  contract: ContractConfig,
  pcaet: readonly PcaetIndicator[],
): MapIndicatorInfo[] {
  return [
    ...INDICATORS.map(
      (i): MapIndicatorInfo => ({
        key: i.id,
        label: i.label,
        unit: i.unit,
        direction: i.direction,
        source: i.source,
        formula: formulaOf(i, contract),
        requires: i.requires,
        aggregation: AGGREGATION_LABELS[i.aggregation.kind],
        fixedLevel: null,
        integer: i.kind === 'count',
        pcaet: null,
        targetShare: null,
      }),
    ),
    ...TARGET_SHARES.map(
      (t): MapIndicatorInfo => ({
        key: `${TARGET_PREFIX}${t.id}`,
        label: t.label,
        unit: '%',
        direction: 'up',
        source: indicatorById(t.id === 'lightsRenovated' ? 'lightsRenovatedShare' : 'adviceSessions')!.source,
        formula: `${t.target(contract)}. Classes fixes autour de 100 % : en dessous, l’objectif n’est pas atteint (rouges), au-dessus il est dépassé (bleus).`,
        requires: t.requires,
        aggregation: 'rapport des sommes (valeurs et objectifs des communes)',
        fixedLevel: null,
        integer: false,
        pcaet: null,
        targetShare: { ...t, note: t.target(contract) },
      }),
    ),
    ...mappablePcaet(pcaet).map(
      (p): MapIndicatorInfo => ({
        key: `${PCAET_PREFIX}${p.id}`,
        label: `PCAET — ${p.name}`,
        unit: shownUnit(p),
        direction: p.direction,
        source: p.source?.trim() || 'Valeurs PCAET saisies ou importées dans le tableau de bord',
        formula: `Dernière valeur mesurée par ${LEVEL_LABELS[p.level].toLowerCase()}, jamais datée après aujourd’hui (les objectifs et estimations ne sont pas cartographiés)${p.normalisation === 'inhabitant' ? ', divisée par la population légale (INSEE) de chaque lieu' : ''}. Sens de progression : ${DIRECTION_LABELS[p.direction].toLowerCase()}.`,
        requires: [],
        aggregation: null,
        fixedLevel: p.level === 'epci' ? 'epci' : 'commune',
        integer: false,
        pcaet: p,
        targetShare: null,
      }),
    ),
  ];
}

export interface DashboardChoropleth {
  info: MapIndicatorInfo;
  level: DashboardLevel;
  /** null when the options are invalid (see `error`). */
  choropleth: Choropleth | null;
  /** French, e.g. invalid manual breaks. */
  error: string | null;
  /** Datasets the indicator needs that are not loaded. */
  missing: Dataset[];
  /** Values per place (INSEE or SIREN), for the table; null = no data. */
  values: Map<string, number | null>;
  smallSample: Set<string>;
  /** Date of the latest value per place (PCAET), for the table. */
  dates: Map<string, string> | null;
  /** French scope of the values (period rule, PCAET year…), printed with the legend, table and exports. */
  period: string;
}

export interface MapInputs {
  data: IndicatorData;
  status: Record<Dataset, DatasetStatus>;
  epciSirens: readonly string[];
  pcaetIndicators: readonly PcaetIndicator[];
  pcaetValues: readonly PcaetValue[];
}

function valuesOf(
  info: MapIndicatorInfo,
  level: DashboardLevel,
  inputs: MapInputs,
): Pick<DashboardChoropleth, 'values' | 'smallSample' | 'dates'> {
  if (info.pcaet) {
    // The one PCAET computation (progress.ts): latest measured value up to the data's date, per inhabitant
    // when the indicator asks for it — the same figures as the panel's table, the exports and the CLI.
    const places = placesOfLevel(level === 'epci' ? 'epci' : 'commune', inputs.data.communes);
    const progress = pcaetProgress(info.pcaet, inputs.pcaetValues, places, inputs.data.asOf);
    const values = new Map<string, number | null>();
    const dates = new Map<string, string>();
    for (const p of progress) {
      values.set(p.place!, p.latest?.value ?? null);
      if (p.latest) dates.set(p.place!, p.latest.date);
    }
    return { values, smallSample: new Set(), dates };
  }
  if (info.targetShare) return { ...targetShareValues(info.targetShare.id, inputs.data, level), dates: null };
  const indicator = indicatorById(info.key)!;
  return { ...toChoroplethValues(computeIndicator(indicator, inputs.data, level)), dates: null };
}

export function buildDashboardChoropleth(inputs: MapInputs, choice: DashboardMapChoice): DashboardChoropleth {
  const all = mapIndicators(inputs.data.contract, inputs.pcaetIndicators);
  const info = all.find((i) => i.key === choice.indicator) ?? all[0]!;
  const level = info.fixedLevel ?? choice.level;
  const missing = info.requires.filter((d) => !inputs.status[d].loaded);
  const { values, smallSample, dates } = valuesOf(info, level, inputs);
  const share = info.targetShare;
  const indicator = info.pcaet
    ? null
    : indicatorById(
        share ? (share.id === 'adviceConversion' ? 'adviceConversionRate' : 'cotriProgress') : info.key,
      );
  const noDataLabel =
    missing.length > 0
      ? `Données non chargées (${missing.map((d) => DATASET_LABELS[d]).join(', ')})`
      : (indicator?.noDataLabel ?? (info.pcaet ? 'Aucune valeur mesurée' : 'Sans données'));
  const period = indicator ? indicatorPeriodLabel(indicator, inputs.data) : pcaetPeriod(dates);
  const base = { info, level, missing, values, smallSample, dates, period };
  try {
    const choropleth = buildChoropleth({
      indicator: { id: info.key, unit: info.unit },
      values,
      // A share of the target has one scale, centred on the target: fixed bounds, diverging palette.
      method: share ? 'manual' : choice.method,
      classes: choice.classes,
      ...(share
        ? { manualBreaks: TARGET_SHARE_BREAKS }
        : choice.method === 'manual'
          ? { manualBreaks: choice.manualBreaks }
          : {}),
      palette: share
        ? { id: 'RdBu', midpoint: TARGET_SHARE_MIDPOINT }
        : { id: choice.palette, reverse: info.direction === 'down' },
      smallSample,
      universe: level === 'epci' ? inputs.epciSirens : inputs.data.communes.map((c) => c.insee),
      idProperty: level === 'epci' ? 'epciSiren' : 'insee',
      noDataLabel,
      integer: info.integer,
      ...(indicator?.smallSampleLabel ? { smallSampleLabel: indicator.smallSampleLabel } : {}),
    });
    return { ...base, choropleth, error: null };
  } catch (e) {
    return { ...base, choropleth: null, error: e instanceof Error ? e.message : String(e) };
  }
}

/** « valeurs de 2024 » / « dernières valeurs, de 2022 à 2024 »: the years of the latest values mapped. */
export function pcaetPeriod(dates: ReadonlyMap<string, string> | null): string {
  return yearsShown([...(dates?.values() ?? [])].map((date) => ({ latest: { date } })));
}

/** The word counted by the legend at a level. */
export function placeWord(level: DashboardLevel, count: number): string {
  if (level === 'epci') return 'EPCI';
  return count >= 2 ? 'communes' : 'commune';
}
