/** Validation of PCAET indicators and values, with French messages for the form and the import report. */
import { parseDateFr } from '../../io/formats/date.ts';
import { formatFrenchDate, localToday } from '../advice/dates.ts';
import {
  LEVEL_LABELS,
  PCAET_LEVELS,
  PCAET_VALUE_TYPES,
  type PcaetIndicator,
  type PcaetValue,
  type PcaetValueType,
} from './types.ts';

/** Known places of the territory, to reject values attached to a commune or EPCI we do not steer. */
export interface PcaetPlaces {
  communes: ReadonlySet<string>;
  epci: ReadonlySet<string>;
  /** Today (ISO): a measured value dated after it is refused (objectives may be future). Default: today. */
  today?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date in ISO form. */
export function isIsoDate(text: string): boolean {
  return ISO.test(text) && parseDateFr(text) === text;
}

/**
 * `2024` → `2024-01-01` (annual figures are dated by their year, as in Territoires en Transitions);
 * otherwise a French or ISO date (`31/12/2024`, `2024-12-31`); null when unreadable.
 */
export function parseYearOrDate(text: string | null | undefined): string | null {
  const s = text?.trim() ?? '';
  if (/^\d{4}$/.test(s)) {
    const year = Number(s);
    return year >= 1900 && year <= 2200 ? `${s}-01-01` : null;
  }
  return parseDateFr(s, { excelSerial: true });
}

/** `Émissions GES (résidentiel)` → `emissions-ges-residentiel`, suffixed `-2`, `-3`… if taken. */
export function indicatorIdFromName(name: string, taken: Iterable<string> = []): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'indicateur';
  const used = new Set(taken);
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function validateIndicator(
  indicator: PcaetIndicator,
  others: readonly PcaetIndicator[] = [],
): string[] {
  const errors: string[] = [];
  if (!indicator.id?.trim()) errors.push("L'identifiant de l'indicateur est obligatoire.");
  else if (others.some((o) => o.id === indicator.id)) {
    errors.push(`Un autre indicateur porte déjà l'identifiant « ${indicator.id} ».`);
  }
  if (!indicator.name?.trim()) errors.push("Le nom de l'indicateur est obligatoire.");
  else if (others.some((o) => o.id !== indicator.id && sameName(o.name, indicator.name))) {
    errors.push(`Un indicateur s'appelle déjà « ${indicator.name.trim()} ».`);
  }
  if (!indicator.unit?.trim()) {
    errors.push("L'unité est obligatoire (par exemple « tCO₂e », « MWh », « % », « logements »).");
  }
  if (indicator.direction !== 'up' && indicator.direction !== 'down') {
    errors.push('Le sens de progression doit être « à la hausse » ou « à la baisse ».');
  }
  if (!PCAET_LEVELS.includes(indicator.level)) {
    errors.push('Le niveau doit être « territoire », « EPCI » ou « commune ».');
  }
  if (!indicator.target || !Number.isFinite(indicator.target.value)) {
    errors.push('La valeur cible doit être un nombre.');
  }
  if (indicator.normalisation !== undefined && indicator.normalisation !== 'inhabitant') {
    errors.push('La normalisation doit être « par habitant » ou aucune.');
  }
  const year = indicator.baselineYear;
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2200)) {
    errors.push('L’année de référence doit être une année (par exemple 2015).');
  }
  if (!indicator.target || !isIsoDate(indicator.target.date ?? '')) {
    errors.push("La date cible doit être une date valide (AAAA-MM-JJ ou JJ/MM/AAAA à l'import).");
  }
  return errors;
}

function sameName(a: string, b: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .trim()
      .toLowerCase();
  return fold(a) === fold(b);
}

/** French problems of one value for its indicator; empty when valid. */
export function validateValue(value: PcaetValue, indicator: PcaetIndicator, places: PcaetPlaces): string[] {
  const errors: string[] = [];
  if (value.indicatorId !== indicator.id) errors.push(`Indicateur « ${value.indicatorId} » inattendu.`);
  if (!isIsoDate(value.date)) errors.push(`Date « ${value.date} » invalide.`);
  if (!Number.isFinite(value.value)) errors.push('La valeur doit être un nombre.');
  if (!PCAET_VALUE_TYPES.includes(value.type)) {
    errors.push('Le type doit être « valeur », « objectif » ou « estimation ».');
  }
  const today = places.today ?? localToday();
  // A result cannot have been measured yet: only objectives (and estimates, e.g. a projection) look ahead.
  if (value.type === 'value' && isIsoDate(value.date) && value.date > today) {
    errors.push(
      `Valeur mesurée datée du ${formatFrenchDate(value.date)}, dans le futur (aujourd’hui : ${formatFrenchDate(today)}) : seul un objectif ou une estimation peut être daté après aujourd’hui.`,
    );
  }
  errors.push(...placeProblems(value.place, indicator));
  if (indicator.level === 'commune' && value.place && !places.communes.has(value.place)) {
    errors.push(`Commune ${value.place} hors du territoire.`);
  }
  if (indicator.level === 'epci' && value.place && !places.epci.has(value.place)) {
    errors.push(`EPCI ${value.place} hors du territoire.`);
  }
  return errors;
}

function placeProblems(place: string | null, indicator: PcaetIndicator): string[] {
  const level = LEVEL_LABELS[indicator.level]?.toLowerCase() ?? indicator.level;
  if (indicator.level === 'territory') {
    return place
      ? [
          `« ${indicator.name} » se suit à l'échelle du territoire : ne renseignez ni commune ni EPCI (${place}).`,
        ]
      : [];
  }
  if (!place) {
    return [
      `« ${indicator.name} » se suit par ${level} : indiquez ${indicator.level === 'commune' ? 'le code INSEE' : 'le SIREN de l’EPCI'}.`,
    ];
  }
  if (indicator.level === 'commune' && !/^(\d{5}|2[AB]\d{3})$/.test(place)) {
    return [`Code INSEE « ${place} » invalide (5 caractères attendus).`];
  }
  if (indicator.level === 'epci' && !/^\d{9}$/.test(place)) {
    return [`SIREN d'EPCI « ${place} » invalide (9 chiffres attendus).`];
  }
  return [];
}

/** Key of a value slot: one value per indicator, place, date and type. */
export function valueKey(v: Pick<PcaetValue, 'indicatorId' | 'place' | 'date' | 'type'>): string {
  return `${v.indicatorId}|${v.place ?? ''}|${v.date}|${v.type}`;
}

/** French message for a value that would overwrite another one. */
export function duplicateMessage(v: PcaetValue): string {
  return `Doublon : ${WITH_ARTICLE[v.type]} existe déjà pour le ${v.date}${v.place ? ` et ce lieu (${v.place})` : ''}.`;
}

const WITH_ARTICLE: Record<PcaetValueType, string> = {
  value: 'une valeur mesurée',
  target: 'un objectif',
  estimate: 'une estimation',
};

/** Stored values are untrusted (an edited project file): keep only well-formed ones. */
export function cleanPcaet(
  indicators: unknown,
  values: unknown,
): { pcaetIndicators: PcaetIndicator[]; pcaetValues: PcaetValue[] } {
  const kept: PcaetIndicator[] = [];
  for (const candidate of Array.isArray(indicators) ? indicators : []) {
    const indicator = candidate as PcaetIndicator;
    if (indicator && typeof indicator === 'object' && validateIndicator(indicator, kept).length === 0)
      kept.push(indicator);
  }
  const levelOf = new Map(kept.map((i) => [i.id, i.level]));
  const pcaetValues = (Array.isArray(values) ? values : []).filter((v): v is PcaetValue => {
    const value = v as PcaetValue;
    return (
      Boolean(value) &&
      levelOf.has(value.indicatorId) &&
      isIsoDate(value.date) &&
      typeof value.value === 'number' &&
      Number.isFinite(value.value) &&
      PCAET_VALUE_TYPES.includes(value.type) &&
      (value.place === null || typeof value.place === 'string')
    );
  });
  return { pcaetIndicators: kept.filter((i) => PCAET_LEVELS.includes(i.level)), pcaetValues };
}
