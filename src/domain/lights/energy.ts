import type { ContractTargets } from '../territory/types.ts';
import { consumedPowerW, lossFactorsOf } from './losses.ts';
import type { DimmingRegime, FactorClass, LightPoint, Renovation, Technology } from './types.ts';

/** Nights per year used to turn "hours per night" regimes into hours per year. */
export const NIGHTS_PER_YEAR = 365;

export const FACTOR4_THRESHOLD = 4;
export const FACTOR2_THRESHOLD = 2;
/**
 * A factor that is 4 on paper must classify as facteur 4 even if floating-point arithmetic yields
 * 3.9999999999999996, so thresholds are compared with a relative tolerance far below any measurable wattage.
 */
const THRESHOLD_TOLERANCE = 1e-9;

export interface LightingSettings {
  /** Hours a lamp lit from dusk to dawn burns per year, before any dimming or switch-off. */
  burningHoursPerYear: number;
  electricityPriceEurPerKwh: number;
  /** Emission factor of the electricity consumed, kgCO₂e per kWh. */
  co2KgPerKwh: number;
  /** Where each value comes from, shown next to it in the UI (French). */
  sources: { burningHoursPerYear: string; electricityPriceEurPerKwh: string; co2KgPerKwh: string };
  /** Ballast/driver loss factors the user changed (losses.ts); absent technologies use the defaults. */
  lossFactors?: Partial<Record<Technology, number>>;
}

export type LightingSettingKey = keyof LightingSettings['sources'];

export const LIGHTING_SETTING_LABELS: Readonly<Record<LightingSettingKey, { label: string; unit: string }>> =
  {
    burningHoursPerYear: { label: 'Durée annuelle de fonctionnement', unit: 'h/an' },
    electricityPriceEurPerKwh: { label: "Prix de l'électricité", unit: '€/kWh' },
    co2KgPerKwh: { label: "Facteur d'émission de l'électricité", unit: 'kgCO₂e/kWh' },
  };

export const USER_SOURCE = "Valeur saisie par l'utilisateur";

export const DEFAULT_LIGHTING_SETTINGS: Readonly<LightingSettings> = Object.freeze({
  burningHoursPerYear: 4100,
  electricityPriceEurPerKwh: 0.2,
  co2KgPerKwh: 0.052,
  sources: Object.freeze({
    burningHoursPerYear:
      'ADEME et fiches CEE d’éclairage extérieur (RES-EC-104) : un éclairage allumé du coucher au lever du soleil fonctionne environ 4 100 h par an en France.',
    electricityPriceEurPerKwh:
      'Ordre de grandeur indicatif du prix du kWh payé par une commune pour l’éclairage public (tarif réglementé « bleu » C5 publié par la CRE, taxes et acheminement compris). Remplacez-le par le prix de votre contrat de fourniture.',
    co2KgPerKwh:
      'ADEME, Base Empreinte® : « Électricité — mix moyen — consommation », France continentale (0,052 kgCO₂e/kWh). Reprenez le millésime le plus récent de la base si besoin.',
  }),
});

/**
 * The burning hours a user can pick (ADEME figures). 4 100 h is a lamp lit from dusk to dawn all year; 3 100 h
 * is the 2015 average of French street lighting, switch-offs and dimming included: it suits an inventory that
 * does not record them, and would count them twice in one that does.
 */
export const BURNING_HOURS_PRESETS: readonly { hours: number; label: string; source: string }[] = [
  {
    hours: 4100,
    label: 'ADEME, allumage du coucher au lever du soleil (valeur historique)',
    source:
      'ADEME : un éclairage public allumé du coucher au lever du soleil fonctionne environ 4 100 h par an (valeur historique, reprise par les fiches CEE d’éclairage extérieur RES-EC-104).',
  },
  {
    hours: 3100,
    label: 'ADEME, moyenne nationale 2015 (extinctions et abaissements compris)',
    source:
      'ADEME : durée moyenne de fonctionnement de l’éclairage public en France de 3 100 h par an en 2015, extinctions et abaissements nocturnes compris. À réserver à un inventaire qui ne renseigne pas les extinctions (sinon elles seraient comptées deux fois).',
  },
];

/** Returns new settings with one value changed, its source marked as user-entered. */
export function withSetting(
  settings: LightingSettings,
  key: LightingSettingKey,
  value: number,
): LightingSettings {
  return { ...settings, [key]: value, sources: { ...settings.sources, [key]: USER_SOURCE } };
}

/** French message when a setting value is unusable, null when valid. */
export function settingProblem(key: LightingSettingKey, value: number): string | null {
  const { label } = LIGHTING_SETTING_LABELS[key];
  if (!Number.isFinite(value) || value < 0) return `${label} : la valeur doit être un nombre positif.`;
  if (key === 'burningHoursPerYear' && (value === 0 || value > 8760))
    return `${label} : la valeur doit être comprise entre 1 et 8 760 heures par an.`;
  return null;
}

const safeHours = (h: number) => (Number.isFinite(h) && h > 0 ? h : 0);
const safeLevel = (l: number) => (Number.isFinite(l) ? Math.min(1, Math.max(0, l)) : 1);

/**
 * Hours per year at full-power equivalent under a regime.
 *   h/night available = burningHours / 365
 *   off  = min(switchOffHours, h/night)            dimmed = min(dimmingHours, h/night − off)
 *   effective = burningHours − 365 × off − 365 × dimmed × (1 − level)
 * Capping per night keeps the result in [0, burningHours] however large the hours typed are. Validation
 * with French messages happens at the boundaries (regimeProblem); here values are clamped so the
 * arithmetic never yields NaN.
 */
export function effectiveHours(regime: DimmingRegime, burningHoursPerYear: number): number {
  const yearly = safeHours(burningHoursPerYear);
  const perNight = yearly / NIGHTS_PER_YEAR;
  let off = 0;
  let dimmed = 0;
  let level = 1;
  switch (regime.kind) {
    case 'none':
      break;
    case 'dimming':
      dimmed = safeHours(regime.hours);
      level = safeLevel(regime.level);
      break;
    case 'nightSwitchOff':
      off = safeHours(regime.hours);
      break;
    case 'dimmingAndSwitchOff':
      off = safeHours(regime.switchOffHours);
      dimmed = safeHours(regime.dimmingHours);
      level = safeLevel(regime.level);
      break;
  }
  off = Math.min(off, perNight);
  dimmed = Math.min(dimmed, perNight - off);
  return yearly - NIGHTS_PER_YEAR * off - NIGHTS_PER_YEAR * dimmed * (1 - level);
}

/** Annual energy in kWh = power (W) × effective hours / 1000. */
export function annualEnergyKwh(powerW: number, regime: DimmingRegime, burningHoursPerYear: number): number {
  if (!Number.isFinite(powerW) || powerW <= 0) return 0;
  return (powerW * effectiveHours(regime, burningHoursPerYear)) / 1000;
}

/** French message describing what is wrong with a regime, or null. Hours are per night. */
export function regimeProblem(regime: DimmingRegime): string | null {
  const hours = (h: number, what: string) =>
    Number.isFinite(h) && h >= 0 && h <= 24
      ? null
      : `${what} : nombre d'heures par nuit entre 0 et 24 attendu.`;
  const level = (l: number) =>
    Number.isFinite(l) && l >= 0 && l <= 1
      ? null
      : "Niveau d'abaissement : part de la puissance entre 0 et 1 (ou 0 à 100 %) attendue.";
  switch (regime.kind) {
    case 'none':
      return null;
    case 'dimming':
      return hours(regime.hours, 'Abaissement') ?? level(regime.level);
    case 'nightSwitchOff':
      return hours(regime.hours, 'Extinction');
    case 'dimmingAndSwitchOff':
      return (
        hours(regime.dimmingHours, 'Abaissement') ??
        hours(regime.switchOffHours, 'Extinction') ??
        level(regime.level) ??
        (regime.dimmingHours + regime.switchOffHours > 24
          ? 'Abaissement et extinction dépassent 24 heures par nuit.'
          : null)
      );
  }
}

/**
 * Classifies a renovation factor. `null` (energy after unknown) → notClassifiable. Infinity (energy after is
 * zero while the lamp still exists, e.g. switched off the whole night) is ≥ 4 → factor4; a removed lamp is
 * told apart earlier by assessRenovation (powerAfterW === 0 → decommissioned).
 */
export function classifyFactor(factor: number | null): FactorClass {
  if (factor === null || Number.isNaN(factor)) return 'notClassifiable';
  if (factor >= FACTOR4_THRESHOLD * (1 - THRESHOLD_TOLERANCE)) return 'factor4';
  if (factor >= FACTOR2_THRESHOLD * (1 - THRESHOLD_TOLERANCE)) return 'factor2';
  return 'belowTarget';
}

export interface RenovationAssessment {
  /** Annual energy of the lamp as it was (kWh/yr). */
  energyBeforeKwh: number;
  /** Annual energy after works; null when no renovation data or power after unknown. */
  energyAfterKwh: number | null;
  /** energyBefore ÷ energyAfter; null when not computable; Infinity when energy after is 0. */
  factor: number | null;
  /** null when the point carries no renovation data at all. */
  factorClass: FactorClass | null;
  /** energyBefore − energyAfter (may be negative if the new lamp consumes more); null when unknown. */
  savedKwh: number | null;
}

/**
 * Edge cases, decided here once:
 * - no `renovation` → factorClass null (nothing to classify yet);
 * - powerAfterW null / not a finite number ≥ 0 → 'notClassifiable', savings unknown (null);
 * - powerAfterW 0 → the point was removed (dépose): 'decommissioned', factor Infinity, savings = energy before.
 *   It is NOT counted as a facteur 4 renovation toward the contract (a removed lamp is not a renovated one)
 *   but its savings count in kWh/€/CO₂;
 * - energy before 0 (e.g. already switched off all night) → 'notClassifiable': no energy to divide.
 */
/** Consumed power of the lamp before works (lamp + gear, losses.ts), W. */
export function consumedBeforeW(point: LightPoint, settings: LightingSettings): number {
  return consumedPowerW(
    point.powerBeforeW,
    point.technologyBefore,
    lossFactorsOf(settings.lossFactors),
    point.consumedPowerW,
  );
}

/** Consumed power of the lamp after works, W; null when its nominal power is unknown. */
export function consumedAfterW(renovation: Renovation, settings: LightingSettings): number | null {
  const p = renovation.powerAfterW;
  if (p === null || !Number.isFinite(p) || p < 0) return null;
  if (p === 0) return 0;
  return consumedPowerW(
    p,
    renovation.technologyAfter,
    lossFactorsOf(settings.lossFactors),
    renovation.consumedPowerAfterW,
  );
}

export function assessRenovation(point: LightPoint, settings: LightingSettings): RenovationAssessment {
  const hours = settings.burningHoursPerYear;
  const energyBeforeKwh = annualEnergyKwh(
    consumedBeforeW(point, settings),
    point.regimeBefore ?? { kind: 'none' },
    hours,
  );
  const renovation = point.renovation;
  if (!renovation)
    return { energyBeforeKwh, energyAfterKwh: null, factor: null, factorClass: null, savedKwh: null };
  const power = renovation.powerAfterW;
  if (power === null || !Number.isFinite(power) || power < 0)
    return {
      energyBeforeKwh,
      energyAfterKwh: null,
      factor: null,
      factorClass: 'notClassifiable',
      savedKwh: null,
    };
  if (power === 0)
    return {
      energyBeforeKwh,
      energyAfterKwh: 0,
      factor: Number.POSITIVE_INFINITY,
      factorClass: 'decommissioned',
      savedKwh: energyBeforeKwh,
    };
  const energyAfterKwh = annualEnergyKwh(consumedAfterW(renovation, settings) ?? 0, renovation.regime, hours);
  const savedKwh = energyBeforeKwh - energyAfterKwh;
  if (energyBeforeKwh <= 0)
    return { energyBeforeKwh, energyAfterKwh, factor: null, factorClass: 'notClassifiable', savedKwh };
  const factor = energyAfterKwh === 0 ? Number.POSITIVE_INFINITY : energyBeforeKwh / energyAfterKwh;
  return { energyBeforeKwh, energyAfterKwh, factor, factorClass: classifyFactor(factor), savedKwh };
}

/**
 * What the point consumes today (kWh/yr): the renovated lamp when works are done and its power is known,
 * otherwise the original lamp. Used to sort "biggest savings first".
 */
export function currentEnergyKwh(point: LightPoint, settings: LightingSettings): number {
  const hours = settings.burningHoursPerYear;
  const r = point.renovation;
  const after = point.status === 'renovated' && r ? consumedAfterW(r, settings) : null;
  if (r && after !== null) return annualEnergyKwh(after, r.regime, hours);
  return annualEnergyKwh(consumedBeforeW(point, settings), point.regimeBefore ?? { kind: 'none' }, hours);
}

export const eurosPerYear = (kwh: number, settings: LightingSettings) =>
  kwh * settings.electricityPriceEurPerKwh;
export const tonnesCo2PerYear = (kwh: number, settings: LightingSettings) =>
  (kwh * settings.co2KgPerKwh) / 1000;

export interface FormulaExplanation {
  title: string;
  /** Paragraphs, in reading order. */
  steps: string[];
  /** The settings in use, each with its unit and source. */
  settings: { key: LightingSettingKey; label: string; value: string; source: string }[];
}

const frNumber = (value: number, digits = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }).format(value);

/** "Comment c'est calculé" — written from the settings in use so the worked example matches them. */
export function formulaExplanation(
  settings: LightingSettings = DEFAULT_LIGHTING_SETTINGS,
  targets: Pick<ContractTargets, 'lightsRenovated' | 'lightsFactor4' | 'lightsFactor2'> = {
    lightsRenovated: 2000,
    lightsFactor4: 1500,
    lightsFactor2: 500,
  },
): FormulaExplanation {
  const h = settings.burningHoursPerYear;
  const shpLoss = lossFactorsOf(settings.lossFactors).sodiumHighPressure;
  const ledLoss = lossFactorsOf(settings.lossFactors).led;
  const shpW = consumedPowerW(150, 'sodiumHighPressure', lossFactorsOf(settings.lossFactors));
  const ledW = consumedPowerW(35, 'led', lossFactorsOf(settings.lossFactors));
  const before = annualEnergyKwh(shpW, { kind: 'none' }, h);
  const dimmedHours = effectiveHours({ kind: 'dimming', hours: 6, level: 0.5 }, h);
  const after = annualEnergyKwh(ledW, { kind: 'dimming', hours: 6, level: 0.5 }, h);
  const factor = before / after;
  const value = (key: LightingSettingKey) =>
    `${frNumber(settings[key], key === 'burningHoursPerYear' ? 0 : 3)} ${LIGHTING_SETTING_LABELS[key].unit}`;
  return {
    title: 'Comment c’est calculé',
    steps: [
      `Consommation annuelle d’un point lumineux = puissance consommée (W) × heures de fonctionnement effectives ÷ 1 000, en kWh par an. Sans abaissement ni extinction, un point fonctionne ${frNumber(h)} heures par an.`,
      `Puissance consommée = puissance nominale de la lampe × (1 + pertes de son appareillage), ou la colonne de puissance consommée du fichier quand elle existe. Pertes par défaut : ${frNumber(shpLoss * 100)} % pour les lampes à décharge sur ballast ferromagnétique (sodium, iodures métalliques, ballon fluorescent, fluorescentes), ${frNumber(ledLoss * 100)} % pour un luminaire LED (puissance du luminaire, driver compris) ; sources et valeurs modifiables ci-dessous.`,
      `Une extinction nocturne de E heures par nuit retire 365 × E heures. Un abaissement de A heures par nuit au niveau N (part de la puissance conservée, 50 % = 0,5) retire 365 × A × (1 − N) heures. Les heures par nuit sont plafonnées à la durée moyenne d’une nuit éclairée (${frNumber(h / NIGHTS_PER_YEAR, 1)} h).`,
      `Facteur de rénovation = consommation avant travaux ÷ consommation après travaux. Facteur 4 : rapport supérieur ou égal à 4 ; facteur 2 : supérieur ou égal à 2 ; en dessous : sous l’objectif.`,
      `Exemple : une lanterne sodium haute pression de 150 W appelle ${frNumber(shpW, 1)} W avec son ballast et consomme ${frNumber(shpW, 1)} × ${frNumber(h)} ÷ 1 000 = ${frNumber(before, 1)} kWh/an. Remplacée par une LED de 35 W (${frNumber(ledW, 1)} W consommés) abaissée à 50 % pendant 6 h par nuit : ${frNumber(ledW, 1)} × (${frNumber(h)} − 365 × 6 × 0,5) ÷ 1 000 = ${frNumber(ledW, 1)} × ${frNumber(dimmedHours)} ÷ 1 000 = ${frNumber(after, 1)} kWh/an. Facteur = ${frNumber(before, 1)} ÷ ${frNumber(after, 1)} ≈ ${frNumber(factor, 1)} : facteur 4.`,
      'Cas particuliers : un point dont la puissance après travaux est inconnue n’est pas classé ; un point déposé (puissance après travaux 0 W) compte dans les économies mais pas comme point rénové.',
      `Économies : kWh économisés par an × prix de l’électricité (${value('electricityPriceEurPerKwh')}) ; émissions évitées : kWh économisés × ${value('co2KgPerKwh')} ÷ 1 000, en tonnes de CO₂e par an.`,
      `Objectifs du contrat : seuls les points rénovés dont la date de travaux est comprise dans la période du contrat sont comptés. Les ${frNumber(targets.lightsFactor4)} premiers points au facteur 4 remplissent l’objectif facteur 4, les ${frNumber(targets.lightsFactor2)} premiers au facteur 2 l’objectif facteur 2 ; chaque point au facteur 4 ou 2 compte une seule fois dans l’objectif total de ${frNumber(targets.lightsRenovated)}, y compris les points au facteur 4 au-delà de ${frNumber(targets.lightsFactor4)}.`,
    ],
    settings: (Object.keys(LIGHTING_SETTING_LABELS) as LightingSettingKey[]).map((key) => ({
      key,
      label: LIGHTING_SETTING_LABELS[key].label,
      value: value(key),
      source: settings.sources[key],
    })),
  };
}
