import type { CriteriaMatrix } from './matrix.ts';
import type { Ranking } from './scoring.ts';
import type { Stability } from './stability.ts';

/** The contract's target: 5 brownfields with strong reconversion stakes. */
export const SHORTLIST_SIZE = 5;
/** Below this top-5 probability a pinned site is flagged as unstable. */
export const UNSTABLE_BELOW = 0.5;
/** Below this reliability a pinned site is flagged as resting on too little data. */
export const UNRELIABLE_BELOW = 0.6;

export interface Pin {
  siteId: string;
  /** The planner's justification, shown on the printable sheet. */
  note: string;
}

export interface ShortlistEntry {
  siteId: string;
  note: string;
  rank: number | null;
  score: number | null;
  reliability: number | null;
  topProbability: number | null;
  /** French. */
  warnings: string[];
  /** Less than UNRELIABLE_BELOW of the weight is renseigné. */
  unreliable: boolean;
  /** In the top group for less than UNSTABLE_BELOW of the stability draws. */
  unstable: boolean;
}

export interface ShortlistReview {
  entries: ShortlistEntry[];
  /** French: every entry warning plus the list-level ones (count). */
  warnings: string[];
  /** Exactly 5 pinned sites and no warning. */
  ready: boolean;
}

/** Pins a site (or updates its note). Order of pinning is kept. */
export function pinSite(pins: readonly Pin[], siteId: string, note = ''): Pin[] {
  return pins.some((p) => p.siteId === siteId)
    ? pins.map((p) => (p.siteId === siteId ? { siteId, note } : p))
    : [...pins, { siteId, note }];
}

export function unpinSite(pins: readonly Pin[], siteId: string): Pin[] {
  return pins.filter((p) => p.siteId !== siteId);
}

/** When nothing is pinned, the proposal is simply the 5 best-ranked sites. */
export function defaultShortlist(matrix: CriteriaMatrix, ranking: Ranking, size = SHORTLIST_SIZE): string[] {
  return Array.from(ranking.order.slice(0, size), (i) => matrix.siteIds[i]!);
}

/** Pinned ids that may enter the shortlist: sites of the territory only (outside ones get a review warning). */
export function territoryPins(matrix: CriteriaMatrix, pins: readonly Pin[]): string[] {
  const indexOf = new Map(matrix.siteIds.map((id, i) => [id, i]));
  return pins
    .map((p) => p.siteId)
    .filter((id) => {
      const i = indexOf.get(id);
      return i !== undefined && matrix.outside[i] !== 1;
    });
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

export function reviewShortlist(
  pins: readonly Pin[],
  matrix: CriteriaMatrix,
  ranking: Ranking,
  stability: Stability | null,
  names: ReadonlyMap<string, string> = new Map(),
): ShortlistReview {
  const indexOf = new Map(matrix.siteIds.map((id, i) => [id, i]));
  const entries = pins.map((pin): ShortlistEntry => {
    const label = `« ${names.get(pin.siteId) ?? pin.siteId} »`;
    const i = indexOf.get(pin.siteId);
    if (i === undefined) {
      return {
        ...pin,
        rank: null,
        score: null,
        reliability: null,
        topProbability: null,
        warnings: [`${label} : site introuvable dans l'inventaire chargé.`],
        unreliable: false,
        unstable: false,
      };
    }
    const warnings: string[] = [];
    const rank = ranking.rank[i]! || null;
    const score = Number.isNaN(ranking.score[i]!) ? null : ranking.score[i]!;
    const reliability = ranking.reliability[i]!;
    const p = stability ? stability.topProbability[i]! : null;
    if (matrix.outside[i]) {
      warnings.push(`${label} : site hors du territoire, il ne peut pas figurer dans la liste restreinte.`);
    } else if (ranking.exclusion[i]) warnings.push(`${label} : écarté — ${ranking.exclusion[i]}.`);
    else if (score === null) warnings.push(`${label} : aucun critère pondéré n'est renseigné, pas de score.`);
    if (p !== null && p < UNSTABLE_BELOW) {
      warnings.push(
        `${label} : classement instable — dans les ${stability!.top} premiers pour ${percent(p)} seulement ` +
          `des ${stability!.draws} tirages de pondérations (±${percent(stability!.amplitude)}).`,
      );
    }
    if (reliability < UNRELIABLE_BELOW) {
      warnings.push(
        `${label} : fiabilité ${percent(reliability)} — moins de ${percent(UNRELIABLE_BELOW)} du poids des ` +
          'critères est renseigné, le score repose sur peu de données.',
      );
    }
    if (pin.note.trim() === '') warnings.push(`${label} : justification à rédiger.`);
    return {
      ...pin,
      rank,
      score,
      reliability,
      topProbability: p,
      warnings,
      unreliable: reliability < UNRELIABLE_BELOW,
      unstable: p !== null && p < UNSTABLE_BELOW,
    };
  });
  const warnings = entries.flatMap((e) => e.warnings);
  if (pins.length < SHORTLIST_SIZE) {
    warnings.unshift(`Liste restreinte incomplète : ${pins.length} sur ${SHORTLIST_SIZE} sites attendus.`);
  } else if (pins.length > SHORTLIST_SIZE) {
    warnings.unshift(
      `Liste restreinte trop longue : ${pins.length} sites retenus pour ${SHORTLIST_SIZE} attendus par le contrat.`,
    );
  }
  return { entries, warnings, ready: pins.length === SHORTLIST_SIZE && warnings.length === 0 };
}
