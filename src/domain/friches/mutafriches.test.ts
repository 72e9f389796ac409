import { describe, expect, it } from 'vitest';
import { areas, baseLayers, LAT, LON, makeSite, square } from '../../../test/fixtures/friches/sites.ts';
import { prepareContext } from './context.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import {
  compareWithMutafriches,
  MUTAFRICHES_CRITERIA,
  MUTAFRICHES_VERSION,
  mutabilityIndex,
  mutafrichesScore,
  mutafrichesUseFor,
  spearman,
} from './mutafriches.ts';
import { PRESETS } from './presets.ts';
import { rankSites } from './scoring.ts';

describe('Mutafriches formula (ADEME, algorithme v1.11)', () => {
  it('reproduces the worked example of ADEME’s documentation: 10 / (10 + 2) = 83,3 %', () => {
    // Propriétaire public TP × 1, surface 45 000 m² NEG × 2, centre-ville TP × 2, pas de pollution TP × 2.
    const r = mutabilityIndex([
      { impact: 'TP', weight: 1 },
      { impact: 'NEG', weight: 2 },
      { impact: 'TP', weight: 2 },
      { impact: 'TP', weight: 2 },
    ]);
    expect(r).toEqual({ index: 83.3, advantages: 10, constraints: 2 });
  });
  it('counts a neutral impact on both sides (0,5 × weight each)', () => {
    // N × 2 → 1 and 1; P × 1 → 1 advantage: 2 / (2 + 1) = 66,7 %.
    expect(
      mutabilityIndex([
        { impact: 'N', weight: 2 },
        { impact: 'P', weight: 1 },
      ]),
    ).toEqual({
      index: 66.7,
      advantages: 2,
      constraints: 1,
    });
    expect(mutabilityIndex([{ impact: 'N', weight: 1 }]).index).toBe(50);
  });
  it('gives 0 when nothing is known, and 0 % for constraints only', () => {
    expect(mutabilityIndex([]).index).toBe(0);
    expect(mutabilityIndex([{ impact: 'TN', weight: 2 }]).index).toBe(0);
  });
  it('uses ADEME’s weights (11 of the 28 criteria, 15 of the 30 weight points)', () => {
    expect(MUTAFRICHES_VERSION).toBe('v1.11');
    expect(MUTAFRICHES_CRITERIA).toHaveLength(11);
    expect(MUTAFRICHES_CRITERIA.reduce((s, c) => s + c.weight, 0)).toBe(15);
  });
});

describe('Mutafriches index of a site from its criteria', () => {
  const ctx = prepareContext(baseLayers());
  // At the town hall (centre-ville), 2 000 m², zone U, public owner, very degraded buildings, clean soil.
  const site = makeSite({
    id: 'A',
    parcelAreaM2: 2_000,
    zoneType: 'U',
    ownerType: ['P4a'],
    buildingCondition: 'dégradation très importante',
    pollution: 'pollution inexistante',
  });
  const matrix = computeCriteriaMatrix([site], ctx);

  it('residential, by hand: A = 2 + 2 + 4 + 2 + 4 = 14, C = 2 → 87,5 %; fiabilité 10 / 30 × 10 = 3,3', () => {
    const s = mutafrichesScore(matrix, 0, 'residentiel');
    expect(s.advantages).toBe(14);
    expect(s.constraints).toBe(2);
    expect(s.index).toBe(87.5);
    expect(s.reliability).toBe(3.3);
    expect(s.details.map((d) => d.id)).toEqual([
      'surfaceSite',
      'siteEnCentreVille',
      'zonageReglementaire',
      'typeProprietaire',
      'etatBatiInfrastructure',
      'presencePollution',
    ]);
  });
  it('renaturation, by hand: A = 1 + 0,5 + 1 + 1 + 4 + 2 = 9,5, C = 1 + 0,5 + 1 = 2,5 → 79,2 %', () => {
    const s = mutafrichesScore(matrix, 0, 'renaturation');
    expect(s.advantages).toBe(9.5);
    expect(s.constraints).toBe(2.5);
    expect(s.index).toBe(79.2);
  });
  it('a flooded site: risque inondation TN × 1 for housing, TP × 1 for renaturation', () => {
    const flooded = prepareContext({ ...baseLayers(), floodZones: areas(square(LON, LAT, 200)) });
    const m = computeCriteriaMatrix([makeSite({ id: 'W' })], flooded);
    // Known: centre-ville (TP / N) and flood (TN / TP). Housing: 2 / (2 + 2) = 50 %; renaturation:
    // A = 0,5 + 2 = 2,5, C = 0,5 → 83,3 %.
    expect(mutafrichesScore(m, 0, 'residentiel').index).toBe(50);
    expect(mutafrichesScore(m, 0, 'renaturation').index).toBe(83.3);
  });
  it('maps our presets to Mutafriches uses', () => {
    expect(mutafrichesUseFor('habitat')).toBe('residentiel');
    expect(mutafrichesUseFor('equipement')).toBe('equipements');
    expect(mutafrichesUseFor('economie')).toBe('industrie');
    expect(mutafrichesUseFor('renaturation')).toBe('renaturation');
    expect(mutafrichesUseFor(null)).toBe('residentiel');
  });
});

describe('comparison with our ranking', () => {
  it('Spearman: 1 for the same order, −1 for the reverse, average ranks for ties', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [40, 30, 20, 10])).toBeCloseTo(-1, 12);
    // Ranks of b with a tie: [1, 2.5, 2.5] vs a: [3, 2, 1] (descending) → ρ = −0,866.
    expect(spearman([1, 2, 3], [5, 3, 3])).toBeCloseTo(-Math.sqrt(3) / 2, 12);
    expect(spearman([1, 2], [1, 2])).toBeNull();
  });
  it('compares over our ranked sites: agreement per site, top-5 overlap, correlation', () => {
    const ctx = prepareContext(baseLayers());
    const levels = ['pollution inexistante', 'pollution traitée', 'pollution avérée'] as const;
    const sites = Array.from({ length: 9 }, (_, k) =>
      makeSite({ id: `S${k}`, pollution: levels[k % 3]!, zoneType: k < 3 ? 'U' : k < 6 ? 'AUc' : 'N' }),
    );
    const outside = makeSite({ id: 'X', territoryInsee: null, zoneType: 'U' });
    const matrix = computeCriteriaMatrix([...sites, outside], ctx);
    const profile = { ...PRESETS.habitat.profile, exclusions: [] };
    const ranking = rankSites(matrix, profile);
    const c = compareWithMutafriches(matrix, ranking, 'residentiel');
    expect(c.rank[9]).toBe(0); // outside: never compared
    expect(c.agreement[9]).toBeNull();
    expect(Number.isNaN(c.index[9]!)).toBe(true);
    // Both methods favour U over AU over N and clean soil: strongly concordant.
    expect(c.spearman).toBeGreaterThan(0.8);
    expect(c.agreement[0]).toBe('accord');
    expect(c.topOverlap).toBeGreaterThanOrEqual(3);
    expect(c.index[0]).toBe(mutafrichesScore(matrix, 0, 'residentiel').index);
  });
});
