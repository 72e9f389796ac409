/**
 * The figures of a PCAET indicator per place, the one computation behind the panel, the map, the exports and
 * `atlas pcaet --json` (one figure, one value):
 * - the latest measured value at or before `asOf` (a measured value is never in the future);
 * - per inhabitant when the indicator asks for it (`normalisation: 'inhabitant'`): value ÷ the place's legal
 *   population from the committed territory data;
 * - the baseline: the measured value of the reference year (`baselineYear`), else the first measured value;
 * - the target: the place's own (its latest-dated « objectif »), else the indicator's target where it applies
 *   — to the territory, and to every place when it is per inhabitant (the same intensity everywhere); an
 *   absolute territorial target (e.g. 300 ktCO₂e for the whole territory) is never given to each commune;
 * - the share of the way travelled: (latest − baseline) ÷ (target − baseline), 1 = target reached.
 */
import type { PcaetIndicator, PcaetValue } from './types.ts';

export interface PcaetPlaceInfo {
  /** INSEE code, EPCI SIREN, or null for the territory. */
  id: string | null;
  name: string;
  /** Legal population (INSEE), for values per inhabitant. */
  population: number;
}

export interface DatedFigure {
  date: string;
  value: number;
}

export interface PlaceProgress {
  place: string | null;
  name: string;
  /** Latest measured value at or before the date of the figures (normalised when the indicator asks). */
  latest: DatedFigure | null;
  baseline: DatedFigure | null;
  /** `place`: the place's own objective; `territory`: the indicator's target, where it applies. */
  target: (DatedFigure & { origin: 'place' | 'territory' }) | null;
  /** (latest − baseline) ÷ (target − baseline): 0 at the baseline, 1 at the target; null when unknown. */
  shareTravelled: number | null;
}

/** The unit as shown: « tCO₂e/hab. » when the values are per inhabitant. */
export function shownUnit(indicator: PcaetIndicator): string {
  return indicator.normalisation === 'inhabitant' ? `${indicator.unit}/hab.` : indicator.unit;
}

/** The indicator's own target applies to a place: always to the territory, else only per inhabitant. */
export function territorialTargetApplies(indicator: PcaetIndicator, place: string | null): boolean {
  return place === null || indicator.level === 'territory' || indicator.normalisation === 'inhabitant';
}

/**
 * Values as shown: measured values, estimates and the place's own objectives divided by its population when
 * the indicator is per inhabitant (the indicator's target is already written per inhabitant then).
 */
export function shownValues(
  indicator: PcaetIndicator,
  values: readonly PcaetValue[],
  populationOf: (place: string | null) => number | undefined,
): PcaetValue[] {
  const own = values.filter((v) => v.indicatorId === indicator.id);
  if (indicator.normalisation !== 'inhabitant') return own;
  return own.flatMap((v) => {
    const population = populationOf(v.place ?? null);
    return population && population > 0 ? [{ ...v, value: v.value / population }] : [];
  });
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

export function placeProgress(
  indicator: PcaetIndicator,
  shown: readonly PcaetValue[],
  place: PcaetPlaceInfo,
  asOf: string,
): PlaceProgress {
  const own = shown.filter((v) => (v.place ?? null) === place.id);
  const measured = own.filter((v) => v.type === 'value' && v.date <= asOf).sort(byDate);
  const last = measured.at(-1);
  const latest = last ? { date: last.date, value: last.value } : null;
  const year = indicator.baselineYear;
  const base = year === undefined ? measured[0] : measured.find((v) => Number(v.date.slice(0, 4)) === year);
  const baseline = base ? { date: base.date, value: base.value } : null;
  const ownTarget = own
    .filter((v) => v.type === 'target')
    .sort(byDate)
    .at(-1);
  const target = ownTarget
    ? { date: ownTarget.date, value: ownTarget.value, origin: 'place' as const }
    : territorialTargetApplies(indicator, place.id)
      ? { ...indicator.target, origin: 'territory' as const }
      : null;
  const span = target && baseline ? target.value - baseline.value : 0;
  const shareTravelled =
    latest && baseline && target && span !== 0 ? (latest.value - baseline.value) / span : null;
  return { place: place.id, name: place.name, latest, baseline, target, shareTravelled };
}

/** Every place of the indicator's level (the territory alone for a territorial indicator), in `places` order. */
export function pcaetProgress(
  indicator: PcaetIndicator,
  values: readonly PcaetValue[],
  places: readonly PcaetPlaceInfo[],
  asOf: string,
): PlaceProgress[] {
  const population = new Map(places.map((p) => [p.id, p.population]));
  const shown = shownValues(indicator, values, (place) => population.get(place));
  return places.map((place) => placeProgress(indicator, shown, place, asOf));
}

/** « valeurs de 2024 » / « dernières valeurs, de 2022 à 2024 »: the years of the values shown. */
export function yearsShown(progress: readonly { latest: { date: string } | null }[]): string {
  const years = progress.flatMap((p) => (p.latest ? [p.latest.date.slice(0, 4)] : [])).sort();
  if (years.length === 0) return 'aucune valeur mesurée';
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return first === last ? `valeurs de ${first}` : `dernières valeurs, de ${first} à ${last}`;
}

/** The places of a level with their legal populations: communes, EPCI (sum of their communes), territory. */
export function placesOfLevel(
  level: PcaetIndicator['level'],
  communes: readonly { insee: string; name: string; epciSiren: string; population: number }[],
  names: { epci?: ReadonlyMap<string, string>; territory?: string } = {},
): PcaetPlaceInfo[] {
  if (level === 'commune')
    return communes.map((c) => ({ id: c.insee, name: c.name, population: c.population }));
  if (level === 'territory') {
    const population = communes.reduce((sum, c) => sum + c.population, 0);
    return [{ id: null, name: names.territory ?? 'Territoire', population }];
  }
  const epci = new Map<string, number>();
  for (const c of communes) epci.set(c.epciSiren, (epci.get(c.epciSiren) ?? 0) + c.population);
  return [...epci].map(([siren, population]) => ({
    id: siren,
    name: names.epci?.get(siren) ?? siren,
    population,
  }));
}
