import { parseDateFr } from '../../io/formats/date.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import type { LightField } from './columns.ts';
import { STATUS_LABELS, TECHNOLOGY_LABELS } from './types.ts';
import { parseStatus, parseTechnology } from './vocabulary.ts';

/**
 * What the import dialog shows for each field the lighting module reads, in the order a lighting manager
 * checks them. `id` is chosen with the engine's mapping (it also names rows in the rejection report).
 */
export const LIGHT_FIELD_LABELS: Readonly<Record<Exclude<LightField, 'id'>, string>> = {
  lampHead: 'N° de foyer (complète le code d’ouvrage)',
  address: 'Adresse',
  status: 'Statut (à rénover, programmé, rénové)',
  technologyBefore: 'Technologie (avant travaux)',
  powerBeforeW: 'Puissance (avant travaux, W)',
  technologyAfter: 'Technologie après travaux',
  powerAfterW: 'Puissance après travaux (W)',
  consumedPowerW: 'Puissance consommée, lampe et appareillage (W)',
  consumedPowerAfterW: 'Puissance consommée après travaux (W)',
  renovationDate: 'Date des travaux',
  scheduledDate: 'Date prévue (programmation)',
  dimmingHours: 'Abaissement (heures par nuit)',
  dimmingPercent: 'Taux d’abaissement (%)',
  switchOffHours: 'Extinction (heures par nuit)',
  dimmingHoursBefore: 'Abaissement avant travaux (h)',
  dimmingPercentBefore: 'Taux d’abaissement avant travaux (%)',
  switchOffHoursBefore: 'Extinction avant travaux (h)',
  colourTemperatureK: 'Température de couleur (K)',
  ulrPercent: 'ULR (% du flux vers le ciel)',
  fluxLm: 'Flux lumineux (lm)',
  installYear: 'Date ou année de pose',
};

export const LIGHT_DIALOG_FIELDS = Object.keys(LIGHT_FIELD_LABELS) as Exclude<LightField, 'id'>[];

const UNIT = /\s*(w|watts?|k|kelvin|lm|lumens?|%|h|heures?)\s*$/i;
const frDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * How the module will read one cell of a field, in French (« Sodium haute pression », « 150 W »,
 * « non reconnu : classé Autre / inconnu »), for the mapping preview. Same parsers as `mapLights`.
 */
export function interpretLightValue(field: Exclude<LightField, 'id'>, text: string): string {
  switch (field) {
    case 'status': {
      const s = parseStatus(text);
      return s ? STATUS_LABELS[s] : 'non reconnu : déduit des autres colonnes';
    }
    case 'technologyBefore':
    case 'technologyAfter': {
      const t = parseTechnology(text);
      return t ? TECHNOLOGY_LABELS[t] : `non reconnue : classée « ${TECHNOLOGY_LABELS.other} »`;
    }
    case 'renovationDate':
    case 'scheduledDate': {
      const d = parseDateFr(text);
      return d ? frDate(d) : 'date illisible : ligne rejetée';
    }
    case 'installYear': {
      const d = parseDateFr(text);
      if (d) return d.slice(0, 4);
      const n = parseNumberFr(text);
      return n !== null && n >= 1900 && n <= 2100 ? String(Math.round(n)) : 'illisible : ignorée';
    }
    case 'address':
    case 'lampHead':
      return text;
    default: {
      const n = parseNumberFr(text, { units: UNIT });
      if (n === null) return 'illisible';
      const unit: Partial<Record<LightField, string>> = {
        powerBeforeW: ' W',
        powerAfterW: ' W',
        consumedPowerW: ' W',
        consumedPowerAfterW: ' W',
        dimmingHours: ' h',
        switchOffHours: ' h',
        dimmingHoursBefore: ' h',
        switchOffHoursBefore: ' h',
        dimmingPercent: ' %',
        dimmingPercentBefore: ' %',
        colourTemperatureK: ' K',
        ulrPercent: ' %',
        fluxLm: ' lm',
      };
      return `${n.toLocaleString('fr-FR')}${unit[field] ?? ''}`;
    }
  }
}
