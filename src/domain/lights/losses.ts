import { TECHNOLOGIES, TECHNOLOGY_LABELS, type Technology } from './types.ts';

/**
 * Nominal vs consumed power. Inventories write the lamp's nominal power (« SHP 150 W »); the meter sees the
 * lamp plus its control gear: a discharge lamp (sodium, metal halide, mercury, fluorescent) needs a ballast
 * whose losses add to the lamp's power. An LED luminaire's rated power is already the luminaire's (driver
 * included, as manufacturers declare it), so its default loss is 0.
 *
 *   consumed power = consumed-power column of the file when present and plausible
 *                  = nominal power × (1 + loss factor of the technology) otherwise
 *
 * Loss factors are shares of the nominal power (0,15 = +15 %), editable in the settings.
 */
export type LossFactors = Readonly<Record<Technology, number>>;

/**
 * Ferromagnetic ballasts, the gear of most discharge lamps still in place: CELMA energy classes of ballasts
 * (directive 2000/55/CE) put « faibles pertes » ballasts (B1) at about +12 % of the lamp power and standard
 * ones (B2) at about +20 %; the ADEME/AFE diagnostics of street lighting count 10 to 20 %. 15 % is the middle of
 * that range, the figure lighting manufacturers quote for a B1 ferromagnetic ballast at best.
 */
const BALLAST = 0.15;

export const DEFAULT_LOSS_FACTORS: LossFactors = Object.freeze({
  sodiumHighPressure: BALLAST,
  sodiumLowPressure: BALLAST,
  metalHalide: BALLAST,
  mercury: BALLAST,
  fluorescentTube: BALLAST,
  compactFluorescent: BALLAST,
  led: 0,
  halogen: 0,
  other: 0,
});

const BALLAST_SOURCE =
  'Ballast ferromagnétique : classification énergétique CELMA des ballasts (directive 2000/55/CE), environ +12 % de la puissance de la lampe en classe B1 « faibles pertes » et +20 % en classe B2 (tableaux repris par Énergie+, energieplus-lesite.be) ; les diagnostics d’éclairage public ADEME/AFE comptent 10 à 20 % de pertes. Valeur retenue : 15 %.';

/** Where each default comes from (French), shown next to the factor. */
export const LOSS_FACTOR_SOURCES: Readonly<Record<Technology, string>> = {
  sodiumHighPressure: BALLAST_SOURCE,
  sodiumLowPressure: BALLAST_SOURCE,
  metalHalide: BALLAST_SOURCE,
  mercury: BALLAST_SOURCE,
  fluorescentTube: BALLAST_SOURCE,
  compactFluorescent: BALLAST_SOURCE,
  led: 'Luminaire LED : la puissance déclarée par le fabricant est celle du luminaire complet, alimentation (driver) comprise ; aucune perte ajoutée. Si votre fichier donne la puissance du seul module LED, saisissez les pertes du driver (de l’ordre de 10 %).',
  halogen:
    'Halogène / incandescence : pas d’appareillage d’alimentation (sur secteur), aucune perte ajoutée.',
  other: 'Technologie inconnue : aucune perte ajoutée, faute de savoir quel appareillage l’alimente.',
};

/** Loss factors above this are typing errors (a ballast does not consume as much as its lamp). */
export const MAX_LOSS_FACTOR = 1;

/** French message when a loss factor is unusable, null when valid. */
export function lossFactorProblem(technology: Technology, value: number): string | null {
  if (Number.isFinite(value) && value >= 0 && value <= MAX_LOSS_FACTOR) return null;
  return `Pertes ${TECHNOLOGY_LABELS[technology]} : une part entre 0 et 100 % de la puissance nominale est attendue.`;
}

/** Defaults overridden by the user's valid values; unknown technologies and bad values are ignored. */
const resolved = new WeakMap<object, LossFactors>();

export function lossFactorsOf(overrides: Partial<Record<Technology, number>> | undefined): LossFactors {
  if (!overrides) return DEFAULT_LOSS_FACTORS;
  // Called once per point: the settings object is stable between edits, so resolve it once.
  const known = resolved.get(overrides);
  if (known) return known;
  const out = { ...DEFAULT_LOSS_FACTORS };
  for (const t of TECHNOLOGIES) {
    const v = overrides[t];
    if (typeof v === 'number' && lossFactorProblem(t, v) === null) out[t] = v;
  }
  resolved.set(overrides, out);
  return out;
}

/**
 * Consumed power, W: `measured` (the file's consumed-power column) when given, else nominal × (1 + loss).
 * 0 stays 0 (a removed point consumes nothing) and non-finite or negative powers give 0.
 */
export function consumedPowerW(
  nominalW: number,
  technology: Technology,
  factors: LossFactors,
  measured?: number,
): number {
  if (measured !== undefined && Number.isFinite(measured) && measured >= 0) return measured;
  if (!Number.isFinite(nominalW) || nominalW <= 0) return 0;
  return nominalW * (1 + (factors[technology] ?? 0));
}

/**
 * A consumed-power value is plausible when it is positive, at most 5 000 W, and neither clearly below the
 * nominal power (gear cannot give energy back; 10 % margin for rounding and LED tolerances) nor more than
 * twice it (the column then holds something else).
 */
export function consumedPowerProblem(consumedW: number, nominalW: number): string | null {
  if (!Number.isFinite(consumedW) || consumedW <= 0 || consumedW > 5000)
    return 'puissance consommée invraisemblable';
  if (nominalW > 0 && (consumedW < 0.9 * nominalW || consumedW > 2 * nominalW))
    return `puissance consommée incompatible avec la puissance nominale de ${nominalW} W`;
  return null;
}

/** Every factor at 0: energy from nominal powers (the figures of an inventory that ignores gear losses). */
export const NO_LOSSES: LossFactors = Object.freeze(
  Object.fromEntries(TECHNOLOGIES.map((t) => [t, 0])) as Record<Technology, number>,
);
