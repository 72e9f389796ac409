import type { CriteriaMatrix } from './matrix.ts';
import type { PresetId } from './presets.ts';
import type { Ranking } from './scoring.ts';

/*
 * ADEME's Mutafriches mutability index, recomputed from the criteria our inventory knows, so that a planner can
 * show where our ranking and ADEME's method agree. Source (figures cited, no code reused): incubateur-ademe/
 * mutafriches, docs/evaluation-mutabilite.md (« Documentation de l'Algorithme Mutafriches », version doc 2.1,
 * algorithme v1.11) and its scoring matrix, read at commit cdb3cfe (22 July 2026). Method:
 * - each criterion value has, per use, a qualitative impact: très positif +2, positif +1, neutre +0,5,
 *   négatif −1, très négatif −2; points × the criterion's weight (0,5, 1 or 2; 28 criteria, total 30);
 * - avantages = Σ positive weighted points, contraintes = Σ |negative weighted points|; a neutral impact counts
 *   on both sides (0,5 × weight each), as in ADEME's original spreadsheet; unknown values are left out;
 * - indice = avantages ÷ (avantages + contraintes) × 100, rounded to 0,1 (0 when nothing is known);
 * - fiabilité = Σ weights of the known criteria ÷ 30 × 10.
 * Our inventory covers 11 of the 28 criteria (15 of the 30 weight points) (docs/friches-scoring.md lists the correspondence); the others
 * (built area, motorway, shops, power and water connections, vacant housing, clay, cavities, technological risk,
 * heritage zones, ZAER, ABC zoning, rail siding, landscape, access road, protected species, wetlands) are
 * unknown here and, as in Mutafriches, simply not counted: the index then rests on fewer criteria, which the
 * fiabilité shows.
 */

export const MUTAFRICHES_VERSION = 'v1.11';
export const MUTAFRICHES_SOURCE =
  'ADEME, Mutafriches — documentation de l’algorithme (version 2.1, algorithme v1.11), incubateur-ademe/mutafriches';
/** Sum of the weights of Mutafriches' 28 criteria (denominator of its fiabilité). */
export const MUTAFRICHES_TOTAL_WEIGHT = 30;

/** The uses we compare with (Mutafriches evaluates 7; these are the ones our presets aim at). */
export type MutafrichesUse = 'residentiel' | 'equipements' | 'industrie' | 'renaturation';

export const MUTAFRICHES_USE_LABELS: Record<MutafrichesUse, string> = {
  residentiel: 'Résidentiel ou mixte',
  equipements: 'Équipements publics',
  industrie: 'Industriel, logistique',
  renaturation: 'Renaturation',
};

/** Our preset → the Mutafriches use it corresponds to (the balanced profile compares with residential). */
export function mutafrichesUseFor(preset: PresetId | null): MutafrichesUse {
  if (preset === 'equipement') return 'equipements';
  if (preset === 'economie') return 'industrie';
  if (preset === 'renaturation') return 'renaturation';
  return 'residentiel';
}

/** Qualitative impacts and their points. */
const POINTS = { TP: 2, P: 1, N: 0.5, NEG: -1, TN: -2 } as const;
type Impact = keyof typeof POINTS;
/** Impacts for [résidentiel, équipements, industrie, renaturation]. */
type Impacts = readonly [Impact, Impact, Impact, Impact];
const USE_INDEX: Record<MutafrichesUse, number> = {
  residentiel: 0,
  equipements: 1,
  industrie: 2,
  renaturation: 3,
};

interface MutafrichesCriterion {
  /** Mutafriches field name. */
  id: string;
  /** French label as in ADEME's documentation. */
  label: string;
  weight: number;
  /** Our criterion whose raw value it is read from. */
  from: string;
  /** Our raw value → Mutafriches value and its impacts; null = not known in Mutafriches' terms. */
  read(raw: number, levels: readonly string[] | undefined): { value: string; impacts: Impacts } | null;
}

const level = (raw: number, levels: readonly string[] | undefined) => levels?.[raw] ?? null;

/** The 11 Mutafriches criteria our inventory can fill, with ADEME's weights and impacts (v1.11). */
export const MUTAFRICHES_CRITERIA: readonly MutafrichesCriterion[] = [
  {
    id: 'surfaceSite',
    label: 'Surface du site',
    weight: 2,
    from: 'area',
    read: (m2) =>
      m2 < 10_000
        ? { value: '< 10 000 m²', impacts: ['P', 'P', 'TN', 'N'] }
        : m2 < 15_000
          ? { value: '10 000 à 15 000 m²', impacts: ['NEG', 'NEG', 'P', 'N'] }
          : m2 <= 50_000
            ? { value: '15 000 à 50 000 m²', impacts: ['NEG', 'NEG', 'P', 'N'] }
            : { value: '> 50 000 m²', impacts: ['NEG', 'NEG', 'TP', 'N'] },
  },
  {
    // Mutafriches: « en centre-ville » = within 1 km of the town hall.
    id: 'siteEnCentreVille',
    label: 'En centre-ville ou centre-bourg',
    weight: 1,
    from: 'centreDistance',
    read: (m) =>
      m <= 1_000
        ? { value: 'oui (≤ 1 km de la mairie)', impacts: ['TP', 'P', 'TN', 'N'] }
        : { value: 'non', impacts: ['TN', 'NEG', 'TP', 'P'] },
  },
  {
    id: 'distanceTransportCommun',
    label: 'Distance aux transports en commun',
    weight: 1,
    from: 'stationDistance',
    read: (m) =>
      m < 500
        ? { value: '< 500 m', impacts: ['P', 'P', 'P', 'N'] }
        : { value: '≥ 500 m', impacts: ['N', 'N', 'N', 'N'] },
  },
  {
    id: 'risqueInondation',
    label: 'Risque inondation',
    weight: 1,
    from: 'floodShare',
    read: (share) =>
      share > 0
        ? { value: 'oui', impacts: ['TN', 'TN', 'TN', 'TP'] }
        : { value: 'non', impacts: ['N', 'N', 'N', 'N'] },
  },
  {
    // Natura 2000 and ZNIEFF have the same impacts in Mutafriches; our layer does not tell them apart.
    id: 'zonageEnvironnemental',
    label: 'Zonage environnemental',
    weight: 1,
    from: 'protectedShare',
    read: (share) =>
      share > 0
        ? { value: 'Natura 2000 ou ZNIEFF', impacts: ['NEG', 'NEG', 'NEG', 'P'] }
        : { value: 'hors zone', impacts: ['P', 'P', 'P', 'N'] },
  },
  {
    id: 'trameVerteEtBleue',
    label: 'Trame verte et bleue',
    weight: 1,
    from: 'corridorShare',
    read: (share) =>
      share > 0
        ? { value: 'réservoir ou corridor à préserver', impacts: ['NEG', 'NEG', 'NEG', 'P'] }
        : { value: 'hors trame', impacts: ['P', 'P', 'P', 'N'] },
  },
  {
    id: 'zonageReglementaire',
    label: 'Zonage réglementaire',
    weight: 2,
    from: 'zoning',
    read: (raw, levels) => {
      switch (level(raw, levels)) {
        case 'U':
          return { value: 'zone urbaine U', impacts: ['TP', 'TP', 'N', 'N'] };
        case 'AUc':
        case 'AUs':
          return { value: 'zone à urbaniser AU', impacts: ['P', 'P', 'N', 'N'] };
        case 'Zc':
          return { value: 'secteur ouvert à la construction', impacts: ['P', 'P', 'P', 'NEG'] };
        case 'ZCa':
          return { value: 'zone à vocation d’activités', impacts: ['TN', 'NEG', 'TP', 'NEG'] };
        case 'ZnC':
          return { value: 'secteur non ouvert à la construction', impacts: ['TN', 'NEG', 'TN', 'TP'] };
        case 'A':
          return { value: 'zone agricole A', impacts: ['TN', 'NEG', 'TN', 'TP'] };
        case 'N':
          return { value: 'zone naturelle N', impacts: ['TN', 'NEG', 'TN', 'TP'] };
        default:
          // RNU: Mutafriches records « ne sait pas », not counted.
          return null;
      }
    },
  },
  {
    id: 'typeProprietaire',
    label: 'Type de propriétaire',
    weight: 1,
    from: 'publicOwnership',
    read: (raw) =>
      raw === 2
        ? { value: 'public', impacts: ['TP', 'TP', 'N', 'P'] }
        : raw === 1
          ? { value: 'mixte', impacts: ['N', 'N', 'N', 'N'] }
          : { value: 'privé', impacts: ['N', 'NEG', 'N', 'TN'] },
  },
  {
    id: 'etatBatiInfrastructure',
    label: 'État du bâti et infrastructure',
    weight: 2,
    from: 'buildingCondition',
    read: (raw, levels) => {
      switch (level(raw, levels)) {
        case 'dégradation inexistante ou faible':
          return { value: 'bâti intact ou faiblement dégradé', impacts: ['TP', 'TP', 'TP', 'TN'] };
        case 'dégradation hétérogène':
          return { value: 'bâti dégradé de manière hétérogène', impacts: ['N', 'N', 'N', 'NEG'] };
        case 'dégradation moyenne':
          return { value: 'bâti moyennement dégradé', impacts: ['N', 'N', 'N', 'N'] };
        case 'dégradation très importante':
          return { value: 'bâti très dégradé', impacts: ['NEG', 'NEG', 'NEG', 'TP'] };
        default:
          return null;
      }
    },
  },
  {
    // CNIG does not name the pollutants: a proven pollution is read as « oui — autres composés » (neutral for
    // every use in Mutafriches); « supposée » and « peu probable » have no Mutafriches value (not counted).
    id: 'presencePollution',
    label: 'Présence de pollution',
    weight: 2,
    from: 'pollution',
    read: (raw, levels) => {
      switch (level(raw, levels)) {
        case 'pollution inexistante':
          return { value: 'non', impacts: ['TP', 'TP', 'P', 'P'] };
        case 'pollution traitée':
          return { value: 'déjà gérée', impacts: ['P', 'P', 'P', 'P'] };
        case 'pollution avérée':
          return { value: 'oui — autres composés', impacts: ['N', 'N', 'N', 'N'] };
        default:
          return null;
      }
    },
  },
  {
    id: 'valeurArchitecturaleHistorique',
    label: 'Valeur architecturale et historique',
    weight: 1,
    from: 'heritage',
    read: (raw, levels) =>
      level(raw, levels) === 'aucun'
        ? { value: 'sans intérêt', impacts: ['N', 'N', 'P', 'P'] }
        : level(raw, levels)
          ? { value: 'intérêt remarquable', impacts: ['N', 'N', 'NEG', 'TN'] }
          : null,
  },
];

export interface MutafrichesScore {
  /** 0..100, one decimal; 0 when no criterion is known (Mutafriches' rule). */
  index: number;
  advantages: number;
  constraints: number;
  /** 0..10: weights of the known criteria ÷ 30 × 10. */
  reliability: number;
  /** Criteria counted, with the Mutafriches value read and the weighted points. */
  details: { id: string; label: string; value: string; points: number; weight: number }[];
}

/** ADEME's formula on weighted impacts: what the unit tests check by hand. */
export function mutabilityIndex(items: readonly { impact: Impact; weight: number }[]): {
  index: number;
  advantages: number;
  constraints: number;
} {
  let advantages = 0;
  let constraints = 0;
  for (const { impact, weight } of items) {
    const p = POINTS[impact] * weight;
    if (impact === 'N') {
      advantages += p;
      constraints += p;
    } else if (p > 0) advantages += p;
    else constraints -= p;
  }
  const total = advantages + constraints;
  return { index: total === 0 ? 0 : Math.round((advantages / total) * 1000) / 10, advantages, constraints };
}

/** Mutafriches index of one site (row of the criteria matrix) for one use. */
export function mutafrichesScore(
  matrix: CriteriaMatrix,
  site: number,
  use: MutafrichesUse,
): MutafrichesScore {
  const m = matrix.criterionCount;
  const u = USE_INDEX[use];
  const details: MutafrichesScore['details'] = [];
  const items: { impact: Impact; weight: number }[] = [];
  let known = 0;
  for (const c of MUTAFRICHES_CRITERIA) {
    const j = matrix.criteria.findIndex((x) => x.id === c.from);
    const raw = j < 0 ? Number.NaN : matrix.raw[site * m + j]!;
    if (Number.isNaN(raw)) continue;
    const read = c.read(raw, matrix.criteria[j]!.levels);
    if (!read) continue;
    const impact = read.impacts[u]!;
    items.push({ impact, weight: c.weight });
    known += c.weight;
    details.push({ id: c.id, label: c.label, value: read.value, points: POINTS[impact], weight: c.weight });
  }
  return {
    ...mutabilityIndex(items),
    reliability: Math.round((known / MUTAFRICHES_TOTAL_WEIGHT) * 100) / 10,
    details,
  };
}

export interface MutafrichesComparison {
  use: MutafrichesUse;
  /** Per site of the matrix (NaN index for sites out of our ranking). */
  index: Float64Array;
  reliability: Float64Array;
  /** 1-based Mutafriches rank among our ranked sites (ties share the best rank); 0 = not compared. */
  rank: Int32Array;
  /** Spearman rank correlation between our score and the Mutafriches index over our ranked sites (null < 3). */
  spearman: number | null;
  /** How many of our top `top` are also in Mutafriches' top `top`. */
  topOverlap: number;
  top: number;
  /** Per site: 'accord' when both rankings put it in the same third, 'écart' otherwise, null if not compared. */
  agreement: ('accord' | 'écart' | null)[];
}

/** Average ranks (1-based) of values sorted descending; ties get the mean of their positions. */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const ranks = new Array<number>(values.length);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end + 1 < order.length && values[order[end + 1]!] === values[order[k]!]) end++;
    for (let t = k; t <= end; t++) ranks[order[t]!] = (k + end) / 2 + 1;
    k = end + 1;
  }
  return ranks;
}

/** Pearson correlation of two rank vectors (= Spearman with ties handled by average ranks). */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  if (n < 3) return null;
  const ra = averageRanks(a);
  const rb = averageRanks(b);
  const mean = (n + 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return da === 0 || db === 0 ? null : num / Math.sqrt(da * db);
}

/** Our ranking beside ADEME's index for the corresponding use, over the sites we rank. */
export function compareWithMutafriches(
  matrix: CriteriaMatrix,
  ranking: Ranking,
  use: MutafrichesUse,
  top = 5,
): MutafrichesComparison {
  const n = matrix.siteCount;
  const index = new Float64Array(n).fill(Number.NaN);
  const reliability = new Float64Array(n).fill(Number.NaN);
  const rank = new Int32Array(n);
  const agreement: MutafrichesComparison['agreement'] = new Array(n).fill(null);
  const ranked = Array.from(ranking.order);
  for (const i of ranked) {
    const s = mutafrichesScore(matrix, i, use);
    index[i] = s.index;
    reliability[i] = s.reliability;
  }
  const indexes = ranked.map((i) => index[i]!);
  // Competition ranking: sites with the same index share the best rank.
  for (const i of ranked) rank[i] = 1 + indexes.filter((x) => x > index[i]!).length;
  const k = ranked.length;
  const third = (r: number) => Math.min(2, Math.floor(((r - 1) * 3) / Math.max(1, k)));
  for (const i of ranked) agreement[i] = third(ranking.rank[i]!) === third(rank[i]!) ? 'accord' : 'écart';
  const ours = ranked.slice(0, top);
  const topOverlap = ours.filter((i) => rank[i]! <= top).length;
  return {
    use,
    index,
    reliability,
    rank,
    spearman: spearman(
      ranked.map((i) => ranking.score[i]!),
      indexes,
    ),
    topOverlap,
    top,
    agreement,
  };
}
