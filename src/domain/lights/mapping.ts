import { cleanCell, normaliseHeader } from '../../io/csv/values.ts';
import { parseDateFr } from '../../io/formats/date.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import { freeTextScan } from '../advice/privacy.ts';
import { type LightColumns, type LightField, resolveLightColumns } from './columns.ts';
import { generatedIds, isMastColumn, mastAndHeadId } from './identifiers.ts';
import { consumedPowerProblem } from './losses.ts';
import {
  type DimmingRegime,
  type IgnorableField,
  type LightPoint,
  type LightStatus,
  type Renovation,
  TECHNOLOGY_LABELS,
} from './types.ts';
import { parseStatus, parseTechnology, powerInLabel } from './vocabulary.ts';

export interface LightsImport {
  /** False when the file cannot be an inventory at all (no power column…); errors then holds row 0. */
  ok: boolean;
  points: LightPoint[];
  /** Rows rejected by the import engine, then by this mapping, in row order. Each has a French reason. */
  errors: RowError[];
  /** Aggregated remarks (values interpreted or ignored), in French. */
  warnings: string[];
  /** Source column used for each field. */
  columns: LightColumns;
  /** Data rows of the file: always points + errors. */
  rows: number;
  /** Kept points lying outside the territory (`outsideTerritory` set), among `points`. */
  outsideTerritory: number;
}

/** Groups per-row remarks into one French line each, with a few examples, instead of 25,000 lines. */
class Remarks {
  private readonly byKey = new Map<string, { message: string; count: number; examples: string[] }>();

  add(key: string, message: string, row: number, value?: string): void {
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { message, count: 0, examples: [] };
      this.byKey.set(key, entry);
    }
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(value ? `ligne ${row} « ${value} »` : `ligne ${row}`);
  }

  /** A remark about the whole file, listed first. */
  note(message: string): void {
    this.notes.push(`${message}.`);
  }

  private readonly notes: string[] = [];

  list(): string[] {
    return [
      ...this.notes,
      ...[...this.byKey.values()].map(({ message, count, examples }) => {
        const more = count > examples.length ? ', …' : '';
        return `${message} : ${count} ligne${count > 1 ? 's' : ''} (${examples.join(', ')}${more}).`;
      }),
    ];
  }
}

class RowRejected extends Error {}

const UNIT_SUFFIX = /\s*(w|watts?|k|kelvin|lm|lumens?|%|h|heures?)\s*$/i;

/**
 * Maps an imported table onto light points. Bad core values (power, dates, dimming hours) reject the row
 * with a French reason; unrecognised technologies become « Autre / inconnu » and bad optional values
 * (colour temperature, flux, ULR, install year) are dropped, both with an aggregated warning.
 * Dimming/switch-off columns describe the lamp in place after works when the row carries works, the existing
 * lamp otherwise; `*_avant` columns always describe the lamp before works.
 */
export interface MapLightsControls {
  /** Rows mapped so far out of the table's rows (every few thousand rows, and at the end). */
  onProgress?: (done: number, total: number) => void;
  /** Checked every few thousand rows: an aborted mapping throws the signal's reason (AbortError). */
  signal?: AbortSignal;
}

/** Rows between two progress reports / cancellation checks: frequent enough, invisible in the cost. */
const CHECK_EVERY = 20_000;

export function mapLights(
  result: ImportResult,
  overrides: Partial<LightColumns> = {},
  controls: MapLightsControls = {},
): LightsImport {
  const columns = resolveLightColumns(result.fields, result.mapping.id, overrides);
  const errors: RowError[] = [...result.errors];
  const points: LightPoint[] = [];
  const remarks = new Remarks();
  // RGPD: text kept on points (address, values set aside) is scanned so no e-mail or phone number is stored.
  const freeText = freeTextScan();
  const done = (ok: boolean): LightsImport => ({
    ok,
    points,
    errors: errors.sort((a, b) => a.row - b.row),
    warnings: [...result.warnings, ...freeText.report(), ...remarks.list()],
    columns,
    rows: result.rows,
    outsideTerritory: points.reduce((n, p) => n + (p.outsideTerritory ? 1 : 0), 0),
  });
  if (!result.ok) return done(false);
  if (!columns.powerBeforeW) {
    errors.push({
      row: 0,
      reason:
        'Colonne de puissance introuvable : le fichier doit contenir une colonne « puissance », « puissance_w » ou « P (W) » (en watts).',
    });
    return done(false);
  }
  const { features } = result;
  const usedIds = new Set<string>();
  const nextGeneratedId = generatedIds();
  const withLampHead =
    columns.id !== null && columns.lampHead !== null && isMastColumn(normaliseHeader(columns.id));
  if (!columns.id)
    remarks.note(
      'Aucune colonne d’identifiant : identifiants générés à partir de la position du point (« PLG-… », identiques à chaque import du même fichier), signalés comme générés',
    );

  for (let i = 0; i < features.count; i++) {
    if (i % CHECK_EVERY === 0 && i > 0) {
      controls.signal?.throwIfAborted();
      controls.onProgress?.(i, features.count);
    }
    const row = features.row[i]!;
    const cell = (field: LightField): string | null => {
      const name = columns[field];
      return name ? cleanCell(features.attributes[name]?.get(i)) : null;
    };
    const reject = (reason: string): never => {
      throw new RowRejected(reason);
    };
    /** Number in a core field: absent → null, unreadable → row rejected. */
    const number = (field: LightField, what: string): number | null => {
      const text = cell(field);
      if (text === null) return null;
      const value = parseNumberFr(text, { units: UNIT_SUFFIX });
      if (value === null) reject(`${what} « ${text} » illisible : un nombre est attendu.`);
      return value;
    };
    const date = (field: LightField, what: string): string | null => {
      const text = cell(field);
      if (text === null) return null;
      const value = parseDateFr(text, { excelSerial: true });
      if (value === null)
        reject(`${what} « ${text} » invalide (formats acceptés : JJ/MM/AAAA ou AAAA-MM-JJ).`);
      return value;
    };
    /** Impossible values of this row, flagged on the point as written, never used. */
    const ignored: Partial<Record<IgnorableField, string>> = {};
    /** Optional descriptive number: unreadable or implausible → flagged on the point and in a warning. */
    const optional = (field: IgnorableField, what: string, min: number, max: number): number | undefined => {
      const text = cell(field);
      if (text === null) return undefined;
      const value = parseNumberFr(text, { units: UNIT_SUFFIX });
      if (value !== null && value >= min && value <= max) return value;
      const clean = freeText.keep(columns[field] ?? field, text);
      remarks.add(
        `bad-${field}`,
        `${what} illisible ou invraisemblable, valeur ignorée`,
        row,
        clean ? text : undefined,
      );
      if (clean) ignored[field] = text;
      return undefined;
    };
    /** Consumed power (lamp + gear): used only when plausible next to the nominal power. */
    const consumed = (field: IgnorableField, nominalW: number | null): number | undefined => {
      const text = cell(field);
      if (text === null) return undefined;
      const value = parseNumberFr(text, { units: UNIT_SUFFIX });
      // 0 means unknown, as for nominal power: nothing to flag.
      if (value === 0) return undefined;
      const problem = value === null ? 'illisible' : consumedPowerProblem(value, nominalW ?? 0);
      if (problem === null) return value!;
      const clean = freeText.keep(columns[field] ?? field, text);
      remarks.add(
        `bad-${field}`,
        `Puissance consommée ignorée (${problem}), pertes par défaut appliquées`,
        row,
        clean ? text : undefined,
      );
      if (clean) ignored[field] = text;
      return undefined;
    };
    const hours = (field: LightField, what: string): number | null => {
      const h = number(field, what);
      if (h !== null && (h < 0 || h > 24))
        reject(`${what} de ${h} h : une durée par nuit entre 0 et 24 h est attendue.`);
      return h;
    };
    const regime = (
      dimField: LightField,
      pctField: LightField,
      offField: LightField,
    ): DimmingRegime | null => {
      const dim = hours(dimField, "Durée d'abaissement");
      const off = hours(offField, "Durée d'extinction");
      let reduction = number(pctField, "Taux d'abaissement");
      if (reduction !== null) {
        // "50", "50 %" and "0,5" all mean a 50 % reduction of power.
        if (reduction > 1) reduction /= 100;
        if (reduction < 0 || reduction > 1)
          reject(`Taux d'abaissement « ${cell(pctField)} » : un pourcentage entre 0 et 100 est attendu.`);
      }
      if (dim === null && off === null && reduction === null) return null;
      if (dim && reduction === null) {
        remarks.add('dim-no-level', 'Abaissement sans taux indiqué, 50 % retenu', row);
        reduction = 0.5;
      }
      if (!dim && reduction !== null && reduction > 0)
        remarks.add('level-no-dim', "Taux d'abaissement sans durée d'abaissement, ignoré", row);
      // Rounded so that 70 % written in a file gives back exactly 0.3, not 0.30000000000000004.
      const level = Math.round((1 - (reduction ?? 0)) * 1e9) / 1e9;
      if (dim && off) return { kind: 'dimmingAndSwitchOff', dimmingHours: dim, level, switchOffHours: off };
      if (dim) return { kind: 'dimming', hours: dim, level };
      if (off) return { kind: 'nightSwitchOff', hours: off };
      return { kind: 'none' };
    };

    try {
      // Outside every commune of the territory: kept and flagged (nothing is lost), counted toward nothing.
      const insee = features.insee[i] ?? '';
      const lon = features.lon[i]!;
      const lat = features.lat[i]!;
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) reject('Coordonnées absentes ou illisibles.');

      const powerText = cell('powerBeforeW');
      const techText = cell('technologyBefore');
      // « 150 », « 150 W », or a label carrying it (« LAMP SOHP 150W »); 0 or empty = unknown, then the power
      // written in the lamp label (« SHP-100W-T ») is used.
      let powerBeforeW =
        powerText === null
          ? null
          : (parseNumberFr(powerText, { units: UNIT_SUFFIX }) ?? powerInLabel(powerText));
      if (powerText !== null && powerBeforeW === null)
        reject(`Puissance « ${powerText} » illisible : un nombre est attendu.`);
      if (powerBeforeW === null || powerBeforeW === 0) {
        const fromLabel = techText === null ? null : powerInLabel(techText);
        if (fromLabel !== null) {
          remarks.add(
            'power-from-label',
            'Puissance absente ou 0 (inconnue), lue dans le libellé de la lampe',
            row,
            techText!,
          );
          powerBeforeW = fromLabel;
        }
      }
      if (powerBeforeW === null) reject('Puissance absente : la puissance de la lampe (W) est obligatoire.');
      if (powerBeforeW === 0)
        reject('Puissance 0 : inconnue dans le fichier et absente du libellé de la lampe.');
      if (powerBeforeW! < 0)
        reject(`Puissance « ${powerText} » : une puissance supérieure à 0 W est attendue.`);
      if (powerBeforeW! > 5000)
        reject(`Puissance de ${powerBeforeW} W invraisemblable pour un point lumineux.`);

      let technologyBefore = techText === null ? null : parseTechnology(techText);
      if (technologyBefore === null) {
        if (techText === null)
          remarks.add('tech-missing', `Technologie absente, classée « ${TECHNOLOGY_LABELS.other} »`, row);
        else
          remarks.add(
            'tech-unknown',
            `Technologie non reconnue, classée « ${TECHNOLOGY_LABELS.other} »`,
            row,
            techText,
          );
        technologyBefore = 'other';
      }

      const powerAfterW = number('powerAfterW', 'Puissance après travaux');
      if (powerAfterW !== null && powerAfterW < 0)
        reject(
          `Puissance après travaux de ${powerAfterW} W : une valeur positive est attendue (0 pour un point déposé).`,
        );
      if (powerAfterW !== null && powerAfterW > 5000)
        reject(`Puissance après travaux de ${powerAfterW} W invraisemblable pour un point lumineux.`);
      const techAfterText = cell('technologyAfter');
      let technologyAfter = techAfterText === null ? null : parseTechnology(techAfterText);
      if (techAfterText !== null && technologyAfter === null) {
        remarks.add(
          'tech-after-unknown',
          `Technologie après travaux non reconnue, classée « ${TECHNOLOGY_LABELS.other} »`,
          row,
          techAfterText,
        );
        technologyAfter = 'other';
      }
      const renovationDate = date('renovationDate', 'Date de rénovation');
      let scheduledDate = date('scheduledDate', 'Date de programmation');
      const regimeNow = regime('dimmingHours', 'dimmingPercent', 'switchOffHours');
      const regimeBeforeExplicit = regime(
        'dimmingHoursBefore',
        'dimmingPercentBefore',
        'switchOffHoursBefore',
      );
      const colourTemperatureK = optional('colourTemperatureK', 'Température de couleur', 1000, 10000);

      const hasWorks = powerAfterW !== null || techAfterText !== null || renovationDate !== null;
      const statusText = cell('status');
      let status: LightStatus | null = statusText === null ? null : parseStatus(statusText);
      if (status === null) {
        status =
          renovationDate !== null || powerAfterW !== null
            ? 'renovated'
            : scheduledDate
              ? 'scheduled'
              : 'toRenovate';
        if (statusText !== null)
          remarks.add('status-unknown', `Statut non reconnu, déduit des autres colonnes`, row, statusText);
      }
      if (status === 'toRenovate' && hasWorks)
        remarks.add(
          'works-on-unrenovated',
          'Point « à rénover » portant des données de travaux (conservées comme prévision)',
          row,
        );
      if (status === 'scheduled' && !scheduledDate && renovationDate) scheduledDate = renovationDate;

      let renovation: Renovation | undefined;
      if (status === 'renovated' || hasWorks) {
        if (status === 'renovated' && powerAfterW === null)
          remarks.add('renovated-no-power', 'Point rénové sans puissance après travaux : non classable', row);
        if (status === 'renovated' && renovationDate === null)
          remarks.add(
            'renovated-no-date',
            'Point rénové sans date de travaux : non compté dans les objectifs du contrat',
            row,
          );
        if (status === 'renovated' && technologyAfter === null)
          remarks.add(
            'renovated-no-tech',
            `Point rénové sans technologie après travaux, classée « ${TECHNOLOGY_LABELS.other} »`,
            row,
          );
        const consumedPowerAfterW = consumed('consumedPowerAfterW', powerAfterW);
        renovation = {
          technologyAfter: technologyAfter ?? 'other',
          powerAfterW,
          regime: regimeNow ?? { kind: 'none' },
          ...(colourTemperatureK !== undefined ? { colourTemperatureK } : {}),
          ...(consumedPowerAfterW !== undefined ? { consumedPowerAfterW } : {}),
          ...(status === 'renovated' && renovationDate ? { date: renovationDate } : {}),
        };
      }
      const regimeBefore = regimeBeforeExplicit ?? (renovation ? null : regimeNow);

      const given = cell('id');
      let id = given
        ? withLampHead
          ? mastAndHeadId(given, cell('lampHead'))
          : given
        : nextGeneratedId(lon, lat);
      if (usedIds.has(id)) {
        remarks.add('duplicate-id', 'Identifiant en double, complété par le numéro de ligne', row, id);
        id = `${id} (ligne ${row})`;
      }
      usedIds.add(id);

      const installYearRaw = cell('installYear');
      const installYear =
        installYearRaw && parseDateFr(installYearRaw)
          ? Number(parseDateFr(installYearRaw)!.slice(0, 4))
          : optional('installYear', 'Année de pose', 1900, 2100);
      const address = cell('address');
      const fluxLm = optional('fluxLm', 'Flux lumineux', 1, 500000);
      const ulrPercent = optional('ulrPercent', 'ULR', 0, 100);
      const consumedPowerW = consumed('consumedPowerW', powerBeforeW);

      const point: LightPoint = {
        id,
        insee,
        lon,
        lat,
        technologyBefore,
        powerBeforeW: powerBeforeW!,
        status,
      };
      if (!insee) point.outsideTerritory = true;
      if (!given) point.generatedId = true;
      if (address && freeText.keep(columns.address ?? 'address', address, { postalAddressAllowed: true }))
        point.address = address;
      if (regimeBefore && regimeBefore.kind !== 'none') point.regimeBefore = regimeBefore;
      if (renovation) point.renovation = renovation;
      if (status === 'scheduled' && scheduledDate) point.scheduledDate = scheduledDate;
      if (fluxLm !== undefined) point.fluxLm = fluxLm;
      if (ulrPercent !== undefined) point.ulrPercent = ulrPercent;
      if (installYear !== undefined) point.installYear = Math.round(installYear);
      if (consumedPowerW !== undefined) point.consumedPowerW = consumedPowerW;
      // Without works the colour temperature is the lamp in place's (with works, the new lamp's).
      if (!renovation && colourTemperatureK !== undefined) point.colourTemperatureK = colourTemperatureK;
      if (Object.keys(ignored).length > 0) point.ignoredValues = ignored;
      points.push(point);
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      errors.push({ row, reason: error.message });
    }
  }
  controls.onProgress?.(features.count, features.count);
  return done(true);
}
