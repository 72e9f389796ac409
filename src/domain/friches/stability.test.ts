import { describe, expect, it } from 'vitest';
import { baseLayers, makeSite } from '../../../test/fixtures/friches/sites.ts';
import { prepareContext } from './context.ts';
import type { Criterion, CriterionId } from './criteria/index.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import type { ScoringProfile } from './presets.ts';
import { rankSites } from './scoring.ts';
import { defaultShortlist, pinSite, reviewShortlist, unpinSite } from './shortlist.ts';
import { rankStability } from './stability.ts';

const ctx = prepareContext(baseLayers());

function table(id: string, values: number[]): Criterion {
  return {
    id: id as CriterionId,
    label: id,
    unit: '',
    needs: [],
    description: id,
    weight: 1,
    evaluate: (site) => values[Number(site.id.slice(1))] ?? null,
    normalise: (raw) => raw,
    format: String,
  };
}

/**
 * Ten sites on two criteria. S0 is best on both (dominant). S1…S8 trade one criterion against the other
 * along a line, so their order depends on the weights. S9 is worst on both.
 */
const A = [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0];
const B = [1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0];
const sites = A.map((_, i) => makeSite({ id: `S${i}` }));
const matrix = computeCriteriaMatrix(sites, ctx, [table('a', A), table('b', B)]);
const profile: ScoringProfile = { weights: { a: 1, b: 1 }, inverted: [] };

describe('rank stability', () => {
  const stability = rankStability(matrix, profile, { seed: 42 });

  it('gives a dominant site a top-5 probability of 1 and a dominated one 0', () => {
    expect(stability.topProbability[0]).toBe(1);
    expect(stability.topProbability[9]).toBe(0);
  });

  it('spreads the other places among the sites that trade off, each draw filling exactly 5 places', () => {
    const total = stability.topProbability.reduce((s, p) => s + p, 0);
    expect(total).toBeCloseTo(5, 10);
    const middle = Array.from(stability.topProbability.slice(1, 9));
    expect(middle.some((p) => p > 0 && p < 1)).toBe(true);
    // S1 and S8 are the extremes of the trade-off, S4/S5 sit in the middle (sum a+b = 1.1 for all).
    expect(stability.topProbability[4]!).toBeGreaterThan(0);
  });

  it('is reproducible with a seed and reports its parameters', () => {
    const again = rankStability(matrix, profile, { seed: 42 });
    expect(Array.from(again.topProbability)).toEqual(Array.from(stability.topProbability));
    expect(stability).toMatchObject({ draws: 1000, amplitude: 0.25, seed: 42, top: 5 });
    const other = rankStability(matrix, profile, { seed: 7 });
    expect(Array.from(other.topProbability)).not.toEqual(Array.from(stability.topProbability));
  });

  it('is certain when weights cannot change the order (no perturbation)', () => {
    const fixed = rankStability(matrix, profile, { amplitude: 0, draws: 10 });
    const top5 = new Set(Array.from(rankSites(matrix, profile).order.slice(0, 5)));
    fixed.topProbability.forEach((p, i) => {
      expect(p).toBe(top5.has(i) ? 1 : 0);
    });
  });

  it('never puts an excluded site in the top', () => {
    const withReconverted = [makeSite({ id: 'S0', status: 'friche reconvertie' }), ...sites.slice(1)];
    const m = computeCriteriaMatrix(withReconverted, ctx, [table('a', A), table('b', B)]);
    expect(rankStability(m, profile, { draws: 50 }).topProbability[0]).toBe(0);
  });
});

describe('shortlist', () => {
  const ranking = rankSites(matrix, profile);
  const stability = rankStability(matrix, profile, { seed: 42 });

  it('proposes the 5 best-ranked sites when nothing is pinned', () => {
    const proposal = defaultShortlist(matrix, ranking);
    expect(proposal).toHaveLength(5);
    expect(proposal[0]).toBe('S0');
    expect(proposal).not.toContain('S9');
  });

  it('pins, re-notes and unpins sites, keeping the pinning order', () => {
    let pins = pinSite([], 'S3', '');
    pins = pinSite(pins, 'S0', 'Site vitrine');
    pins = pinSite(pins, 'S3', 'Proche gare');
    expect(pins).toEqual([
      { siteId: 'S3', note: 'Proche gare' },
      { siteId: 'S0', note: 'Site vitrine' },
    ]);
    expect(unpinSite(pins, 'S3')).toEqual([{ siteId: 'S0', note: 'Site vitrine' }]);
  });

  it('is ready with exactly 5 stable, reliable, justified sites', () => {
    const pins = ['S0', 'S1', 'S2', 'S3', 'S4'].map((siteId) => ({ siteId, note: 'justifié' }));
    const stableProfile = rankStability(matrix, profile, { amplitude: 0 });
    const top = defaultShortlist(matrix, ranking).map((siteId) => ({ siteId, note: 'justifié' }));
    const review = reviewShortlist(top, matrix, ranking, stableProfile);
    expect(review.warnings).toEqual([]);
    expect(review.ready).toBe(true);
    expect(reviewShortlist(pins.slice(0, 4), matrix, ranking, stableProfile).ready).toBe(false);
  });

  it('warns in French about count, instability, unreliability, missing note and unknown sites', () => {
    const names = new Map([['S9', 'Ancienne filature']]);
    const review = reviewShortlist(
      [
        { siteId: 'S0', note: 'ok' },
        { siteId: 'S9', note: '' },
        { siteId: 'ZZ', note: 'ok' },
      ],
      matrix,
      ranking,
      stability,
      names,
    );
    expect(review.warnings[0]).toBe('Liste restreinte incomplète : 3 sur 5 sites attendus.');
    const s9 = review.entries[1]!;
    expect(s9.warnings[0]).toMatch(
      /^« Ancienne filature » : classement instable — dans les 5 premiers pour 0 %/,
    );
    expect(s9.warnings).toContain('« Ancienne filature » : justification à rédiger.');
    expect(review.entries[0]!.warnings).toEqual([]);
    expect(review.entries[2]!.warnings).toEqual(["« ZZ » : site introuvable dans l'inventaire chargé."]);
  });

  it('warns when a pinned site rests on too little data, and when more than 5 are pinned', () => {
    const c = table('c', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const d = table('d', [1, Number.NaN, 1, 1, 1, 1, 1, 1, 1, 1]);
    const m = computeCriteriaMatrix(sites, ctx, [c, d]);
    const p: ScoringProfile = { weights: { c: 1, d: 1 }, inverted: [] };
    const r = rankSites(m, p);
    const pins = ['S0', 'S1', 'S2', 'S3', 'S4', 'S5'].map((siteId) => ({ siteId, note: 'x' }));
    const review = reviewShortlist(pins, m, r, null);
    expect(review.warnings[0]).toBe(
      'Liste restreinte trop longue : 6 sites retenus pour 5 attendus par le contrat.',
    );
    expect(review.entries[1]!.warnings).toEqual([
      '« S1 » : fiabilité 50 % — moins de 60 % du poids des critères est renseigné, le score repose sur peu de données.',
    ]);
  });
});
