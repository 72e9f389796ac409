import type { LightsContext } from './context.ts';
import { type DimmingRegime, type LightPoint, TECHNOLOGY_LABELS, type Technology } from './types.ts';

/**
 * Compliance of each light point with the arrêté du 27 décembre 2018 relatif à la prévention, à la réduction
 * et à la limitation des nuisances lumineuses (NOR TREP1831126A, as amended on 29 May and 24 December 2019),
 * for road lighting (category a of its article 1). Three criteria, each known or unknown:
 * - colour temperature ≤ 3 000 K (art. 3 II 3°), ≤ 2 400 K in réserves naturelles and their protection
 *   perimeters (art. 4 II);
 * - upward light ratio (ULR) strictly below 4 % on site (art. 3 II 1°), strictly below 1 % for a luminaire
 *   acquired since the arrêté's luminaire requirements apply (1 January 2020, same article); above 50 % the
 *   luminaire had to be replaced by 1 January 2025 (art. 8);
 * - night switch-off, only where a decision requires it (the arrêté sets no switch-off hour for road
 *   lighting: the mayor, or the préfet in protected areas under art. L. 583-2 of the code de l'environnement,
 *   decides it). The user lists those communes.
 * A point is non-compliant when one criterion is known to fail, compliant when every applicable criterion is
 * known to pass, unknown otherwise.
 */
export const COMPLIANCE_THRESHOLDS = Object.freeze({
  colourTemperatureK: 3000,
  protectedColourTemperatureK: 2400,
  ulrOnSitePercent: 4,
  ulrNewLuminairePercent: 1,
  ulrReplacePercent: 50,
  /** Luminaires installed from this date must have a nominal ULR below 1 %. */
  newLuminaireFrom: '2020-01-01',
});

export const ARTICLES = Object.freeze({
  colourTemperature: 'art. 3 II 3°',
  protectedColourTemperature: 'art. 4 II',
  ulr: 'art. 3 II 1°',
  ulrReplace: 'art. 8',
  switchOff: 'art. L. 583-2 du code de l’environnement (décision du maire ou du préfet)',
});

export const VERDICTS = ['nonCompliant', 'unknown', 'compliant'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_STYLE: Readonly<Record<Verdict, { label: string; color: string }>> = {
  nonCompliant: { label: 'Non conforme', color: '#D55E00' },
  unknown: { label: 'Conformité inconnue', color: '#999999' },
  compliant: { label: 'Conforme', color: '#009E73' },
};

export type Criterion = 'colourTemperature' | 'ulr' | 'switchOff';

export const CRITERION_LABELS: Readonly<Record<Criterion, string>> = {
  colourTemperature: 'Température de couleur',
  ulr: 'ULR (flux émis vers le ciel)',
  switchOff: 'Extinction nocturne',
};

export interface CriterionResult {
  criterion: Criterion;
  /** `notRequired`: the criterion does not apply to this point (switch-off not required in its commune). */
  verdict: Verdict | 'notRequired';
  /** French, e.g. « 4 000 K > 3 000 K (art. 3 II 3°) ». */
  reason: string;
}

export interface PointCompliance {
  verdict: Verdict;
  criteria: CriterionResult[];
}

/** What the user states about the territory (persisted with the project). */
export interface ComplianceSettings {
  /** INSEE codes of communes in a réserve naturelle or its protection perimeter (art. 4 II: 2 400 K). */
  protectedCommunes: string[];
  /** INSEE codes where a decision requires a night switch-off of road lighting. */
  switchOffCommunes: string[];
}

export const DEFAULT_COMPLIANCE_SETTINGS: ComplianceSettings = Object.freeze({
  protectedCommunes: [],
  switchOffCommunes: [],
}) as ComplianceSettings;

/**
 * Colour temperature a technology is known to have whatever the lamp: sodium lamps glow at about 2 000 K
 * (high pressure) and 1 800 K (low pressure), below every limit. Other technologies vary too much to guess.
 */
const KNOWN_TECHNOLOGY_TEMPERATURE: Partial<Record<Technology, number>> = {
  sodiumHighPressure: 2000,
  sodiumLowPressure: 1800,
};

const fr = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** The lamp in place: the new one once renovated, the original one otherwise. */
function lampInPlace(p: LightPoint): {
  technology: Technology;
  colourTemperatureK: number | undefined;
  regime: DimmingRegime;
  installedOn: string | undefined;
} {
  const r = p.renovation;
  if (p.status === 'renovated' && r)
    return {
      technology: r.technologyAfter,
      colourTemperatureK: r.colourTemperatureK,
      regime: r.regime,
      installedOn: r.date,
    };
  return {
    technology: p.technologyBefore,
    colourTemperatureK: p.colourTemperatureK,
    regime: p.regimeBefore ?? { kind: 'none' },
    installedOn: undefined,
  };
}

function switchOffHours(regime: DimmingRegime): number {
  if (regime.kind === 'nightSwitchOff') return regime.hours;
  if (regime.kind === 'dimmingAndSwitchOff') return regime.switchOffHours;
  return 0;
}

/** True for a point whose lamp was removed (dépose): it emits no light, the arrêté no longer applies. */
export const isRemoved = (p: LightPoint) => p.status === 'renovated' && p.renovation?.powerAfterW === 0;

export function assessCompliance(p: LightPoint, settings: ComplianceSettings): PointCompliance {
  const lamp = lampInPlace(p);
  const criteria: CriterionResult[] = [];
  const isProtected = settings.protectedCommunes.includes(p.insee);
  const tLimit = isProtected
    ? COMPLIANCE_THRESHOLDS.protectedColourTemperatureK
    : COMPLIANCE_THRESHOLDS.colourTemperatureK;
  const tArticle = isProtected ? ARTICLES.protectedColourTemperature : ARTICLES.colourTemperature;
  const limitText = `${fr(tLimit)} K (${tArticle}${isProtected ? ', réserve naturelle' : ''})`;
  const known = lamp.colourTemperatureK;
  const inferred = KNOWN_TECHNOLOGY_TEMPERATURE[lamp.technology];
  const ignored = p.ignoredValues?.colourTemperatureK;
  if (known !== undefined)
    criteria.push({
      criterion: 'colourTemperature',
      verdict: known <= tLimit ? 'compliant' : 'nonCompliant',
      reason: `${fr(known)} K ${known <= tLimit ? '≤' : '>'} ${limitText}`,
    });
  else if (inferred !== undefined)
    criteria.push({
      criterion: 'colourTemperature',
      verdict: inferred <= tLimit ? 'compliant' : 'nonCompliant',
      reason: `environ ${fr(inferred)} K, déduite de la technologie (${TECHNOLOGY_LABELS[lamp.technology]}) ≤ ${limitText}`,
    });
  else
    criteria.push({
      criterion: 'colourTemperature',
      verdict: 'unknown',
      reason: ignored
        ? `valeur « ${ignored} » invraisemblable, ignorée ; limite ${limitText}`
        : `non renseignée ; limite ${limitText}`,
    });

  const isNew = lamp.installedOn !== undefined && lamp.installedOn >= COMPLIANCE_THRESHOLDS.newLuminaireFrom;
  const uLimit = isNew
    ? COMPLIANCE_THRESHOLDS.ulrNewLuminairePercent
    : COMPLIANCE_THRESHOLDS.ulrOnSitePercent;
  const uLimitText = `${fr(uLimit)} % (${ARTICLES.ulr}${isNew ? ', luminaire posé depuis le 1er janvier 2020' : ', sur site'})`;
  const ulr = p.ulrPercent;
  if (ulr === undefined)
    criteria.push({
      criterion: 'ulr',
      verdict: 'unknown',
      reason: p.ignoredValues?.ulrPercent
        ? `valeur « ${p.ignoredValues.ulrPercent} » invraisemblable, ignorée ; limite < ${uLimitText}`
        : `non renseigné ; limite < ${uLimitText}`,
    });
  else {
    const ok = ulr < uLimit;
    const replace =
      ulr > COMPLIANCE_THRESHOLDS.ulrReplacePercent
        ? ` ; au-delà de ${COMPLIANCE_THRESHOLDS.ulrReplacePercent} %, remplacement exigé au 1er janvier 2025 (${ARTICLES.ulrReplace})`
        : '';
    criteria.push({
      criterion: 'ulr',
      verdict: ok ? 'compliant' : 'nonCompliant',
      reason: `${fr(ulr)} % ${ok ? '<' : '≥'} ${uLimitText}${replace}`,
    });
  }

  if (settings.switchOffCommunes.includes(p.insee)) {
    const h = switchOffHours(lamp.regime);
    criteria.push({
      criterion: 'switchOff',
      verdict: h > 0 ? 'compliant' : 'nonCompliant',
      reason:
        h > 0
          ? `extinction de ${fr(h)} h par nuit, exigée dans la commune (${ARTICLES.switchOff})`
          : `aucune extinction renseignée alors qu’elle est exigée dans la commune (${ARTICLES.switchOff})`,
    });
  } else
    criteria.push({
      criterion: 'switchOff',
      verdict: 'notRequired',
      reason: 'non exigée dans la commune',
    });

  const verdicts = criteria.map((c) => c.verdict);
  const verdict: Verdict = verdicts.includes('nonCompliant')
    ? 'nonCompliant'
    : verdicts.includes('unknown')
      ? 'unknown'
      : 'compliant';
  return { verdict, criteria };
}

export interface ComplianceCounts {
  compliant: number;
  nonCompliant: number;
  unknown: number;
  /** Removed lamps (dépose): no light, not assessed. */
  removed: number;
}

const emptyCounts = (): ComplianceCounts => ({ compliant: 0, nonCompliant: 0, unknown: 0, removed: 0 });

export interface ComplianceSummary {
  /** Territory points only (points outside it are kept, flagged, and counted nowhere). */
  totals: ComplianceCounts;
  byCommune: Record<string, ComplianceCounts>;
  byEpci: Record<string, ComplianceCounts>;
  /** Non-compliant points by failing criterion (a point may fail several). */
  failing: Record<Criterion, number>;
}

/** Verdict codes per point (index in VERDICTS, 255 = not assessed: removed or outside the territory). */
export const NOT_ASSESSED = 255;

export function complianceCodes(points: readonly LightPoint[], settings: ComplianceSettings): Uint8Array {
  const codes = new Uint8Array(points.length);
  points.forEach((p, i) => {
    codes[i] =
      p.outsideTerritory || isRemoved(p)
        ? NOT_ASSESSED
        : VERDICTS.indexOf(assessCompliance(p, settings).verdict);
  });
  return codes;
}

export function summarizeCompliance(
  points: readonly LightPoint[],
  settings: ComplianceSettings,
  context: Pick<LightsContext, 'epciOf'>,
): ComplianceSummary {
  const totals = emptyCounts();
  const byCommune = Object.create(null) as Record<string, ComplianceCounts>;
  const byEpci = Object.create(null) as Record<string, ComplianceCounts>;
  const failing: Record<Criterion, number> = { colourTemperature: 0, ulr: 0, switchOff: 0 };
  for (const p of points) {
    if (p.outsideTerritory) continue;
    const commune = byCommune[p.insee] ?? emptyCounts();
    byCommune[p.insee] = commune;
    const siren = context.epciOf.get(p.insee);
    const epci = siren ? (byEpci[siren] ?? emptyCounts()) : undefined;
    if (siren && epci) byEpci[siren] = epci;
    const groups = epci ? [totals, commune, epci] : [totals, commune];
    if (isRemoved(p)) {
      for (const g of groups) g.removed++;
      continue;
    }
    const result = assessCompliance(p, settings);
    for (const g of groups) g[result.verdict]++;
    for (const c of result.criteria) if (c.verdict === 'nonCompliant') failing[c.criterion]++;
  }
  return { totals, byCommune, byEpci, failing };
}

/** « Comment c’est calculé » of the compliance view, thresholds with their article. */
export function complianceExplanation(): string[] {
  const t = COMPLIANCE_THRESHOLDS;
  return [
    'Référence : arrêté du 27 décembre 2018 relatif à la prévention, à la réduction et à la limitation des nuisances lumineuses (modifié les 29 mai et 24 décembre 2019), pour l’éclairage extérieur de voirie (catégorie a de son article 1er). Chaque point est jugé sur la lampe en place : la nouvelle après travaux, l’ancienne sinon.',
    `Température de couleur : au plus ${fr(t.colourTemperatureK)} K (${ARTICLES.colourTemperature}) ; au plus ${fr(t.protectedColourTemperatureK)} K dans les réserves naturelles et leurs périmètres de protection (${ARTICLES.protectedColourTemperature}), pour les communes que vous désignez. Sans valeur dans le fichier, elle est déduite pour les seules lampes au sodium (environ 2 000 K en haute pression, 1 800 K en basse pression) ; une valeur invraisemblable (hors de 1 000 à 10 000 K, par exemple 728 K) est signalée et ignorée.`,
    `ULR (part du flux émis au-dessus de l’horizontale) : strictement inférieure à ${fr(t.ulrOnSitePercent)} % sur site, et à ${fr(t.ulrNewLuminairePercent)} % pour un luminaire posé depuis le 1er janvier 2020 (${ARTICLES.ulr}) ; les luminaires au-delà de ${fr(t.ulrReplacePercent)} % devaient être remplacés au 1er janvier 2025 (${ARTICLES.ulrReplace}).`,
    'Extinction nocturne : l’arrêté ne fixe pas d’horaire d’extinction pour l’éclairage de voirie ; elle est vérifiée dans les communes où une décision du maire ou du préfet l’exige, que vous désignez. Un point y est conforme si une durée d’extinction par nuit est renseignée pour la lampe en place.',
    'Verdict : non conforme si un critère renseigné est dépassé ; conforme si tous les critères applicables sont renseignés et respectés ; inconnu sinon. Les points déposés ne sont pas jugés ; les points hors du territoire ne sont comptés nulle part. Les effectifs par commune et par intercommunalité portent sur tout l’inventaire (toutes dates).',
  ];
}
