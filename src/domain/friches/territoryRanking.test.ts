import { describe, expect, it } from 'vitest';
import {
  areas,
  baseLayers,
  LAT,
  LON,
  makeSite,
  rectangle,
  square,
  tableCriterion,
} from '../../../test/fixtures/friches/sites.ts';
import { analyseFriches, rankingRows } from './analysis.ts';
import { prepareContext } from './context.ts';
import { profileCoverage } from './coverage.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import { PRESETS, type ScoringProfile } from './presets.ts';
import { rankSites } from './scoring.ts';
import { rankStability } from './stability.ts';

const ctx = prepareContext(baseLayers());
const uniform = (ids: readonly string[]): ScoringProfile => ({
  weights: Object.fromEntries(ids.map((id) => [id, 1])),
  inverted: [],
});

describe('territory first', () => {
  it('ranks and shortlists only territory sites, even when many better sites lie elsewhere', () => {
    const local = Array.from({ length: 6 }, (_, k) =>
      makeSite({ id: `L${k}`, pollution: 'pollution supposée', parcelAreaM2: 2_000 + k * 100 }),
    );
    const elsewhere = Array.from({ length: 200 }, (_, k) =>
      makeSite({
        id: `F${k}`,
        territoryInsee: null,
        insee: '21231',
        point: { type: 'Point', coordinates: [5.04 + k * 0.001, 47.32] },
        pollution: 'pollution inexistante',
        parcelAreaM2: 90_000,
        status: 'friche sans projet',
      }),
    );
    const a = analyseFriches([...elsewhere, ...local], baseLayers(), PRESETS.habitat.profile);
    const rows = rankingRows(a);
    const away = rows.filter((r) => r.outsideTerritory);
    expect(away).toHaveLength(200);
    for (const r of away) expect(r.rank).toBeNull();
    expect(Math.min(...away.map((r) => r.score!))).toBeGreaterThan(
      Math.max(...rows.filter((r) => !r.outsideTerritory).map((r) => r.score!)),
    );
    expect(a.shortlist).toHaveLength(5);
    for (const id of a.shortlist) expect(id).toMatch(/^L/);
    expect(rows.slice(0, 6).map((r) => r.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // Stability runs over the territory only: the 6 local sites share all 5 places of every draw.
    let local5 = 0;
    for (const r of rows) if (!r.outsideTerritory) local5 += r.top5Probability;
    expect(local5).toBeCloseTo(5, 9);
  });

  it('gives an empty shortlist when no site is in the territory', () => {
    const s = [makeSite({ id: 'F', territoryInsee: null, pollution: 'pollution inexistante' })];
    const a = analyseFriches(s, baseLayers(), PRESETS.habitat.profile);
    expect(a.shortlist).toEqual([]);
    expect(rankingRows(a)[0]).toMatchObject({ rank: null, outsideTerritory: true });
  });

  it('keeps a pinned outside site out of the shortlist, with a French warning', () => {
    const s = [makeSite({ id: 'L' }), makeSite({ id: 'F', territoryInsee: null })];
    const a = analyseFriches(s, baseLayers(), PRESETS.habitat.profile, {
      pins: [
        { siteId: 'F', note: 'x' },
        { siteId: 'L', note: 'y' },
      ],
    });
    expect(a.shortlist).toEqual(['L']);
    expect(a.review!.warnings.join(' ')).toContain('site hors du territoire');
  });
});

describe('missing data never rewards a site', () => {
  const ids = Array.from({ length: 12 }, (_, j) => `c${j}`);
  // Sparse: 3 favourable criteria known. Documented: 12 known, 11 favourable. Typical: the rest of the
  // territory, average on everything.
  const value = (site: string, j: number): number | null => {
    if (site === 'sparse') return j < 3 ? 1 : null;
    if (site === 'documented') return j === 11 ? 0 : 1;
    return 0.5;
  };
  const names = ['sparse', 'documented', 'typical1', 'typical2', 'typical3'];
  const criteria = ids.map((id, j) =>
    tableCriterion(id, Object.fromEntries(names.map((n) => [n, value(n, j)]))),
  );
  const sites = names.map((id) => makeSite({ id }));

  it('a site with 3 favourable known criteria does not outrank one with 11 of 12 favourable', () => {
    const m = computeCriteriaMatrix(sites, ctx, criteria);
    const r = rankSites(m, uniform(ids));
    expect(r.rank[1]).toBe(1);
    expect(r.rank[0]).toBeGreaterThan(1);
    // The old rule (mean over known criteria) gave the sparse site a perfect 1.
    expect(r.score[0]).toBeLessThan(1);
    expect([r.scoreMin[0], r.scoreMax[0]]).toEqual([3 / 12, 1]);
  });

  it('still holds with only the two sites (median of the documented one, tie broken by reliability)', () => {
    const m = computeCriteriaMatrix(sites.slice(0, 2), ctx, criteria);
    const r = rankSites(m, uniform(ids));
    expect(Array.from(r.order)).toEqual([1, 0]);
  });

  it('draws missing values in the stability analysis, seeded and reproducible', () => {
    const many = Array.from({ length: 12 }, (_, k) => makeSite({ id: `s${k}` }));
    // s0 is known by one excellent criterion only; the others are fully documented and good.
    const table = (j: number) =>
      Object.fromEntries(many.map((s, k) => [s.id, k === 0 ? (j === 0 ? 1 : null) : 0.7 + 0.01 * k]));
    const m = computeCriteriaMatrix(
      many,
      ctx,
      ids.slice(0, 4).map((id, j) => tableCriterion(id, table(j))),
    );
    const p = uniform(ids.slice(0, 4));
    const first = rankStability(m, p, { seed: 7, draws: 400 });
    const again = rankStability(m, p, { seed: 7, draws: 400 });
    expect(Array.from(again.topProbability)).toEqual(Array.from(first.topProbability));
    const other = rankStability(m, p, { seed: 8, draws: 400 });
    expect(Array.from(other.topProbability)).not.toEqual(Array.from(first.topProbability));
    // Its unknown criteria drawn over 0..1, the sparse site is uncertain: neither always in nor always out.
    expect(first.topProbability[0]).toBeGreaterThan(0.05);
    expect(first.topProbability[0]).toBeLessThan(0.95);
    // The best documented sites stay in the top 5 in most draws.
    expect(first.topProbability[11]).toBeGreaterThan(first.topProbability[0]!);
  });

  it('warns when the preset main criteria are unknown for most territory sites', () => {
    const s = Array.from({ length: 4 }, (_, k) => makeSite({ id: `S${k}`, parcelAreaM2: 1000 }));
    const m = computeCriteriaMatrix(s, ctx);
    const renaturation = profileCoverage(m, PRESETS.renaturation.profile);
    expect(renaturation.criteria.map((c) => c.id)).toContain('floodShare');
    expect(renaturation.warning).toMatch(/^Les critères principaux de ce profil sont non renseignés/);
    expect(renaturation.warning).toContain('Part en zone inondable (0 % des sites)');
    const withLayers = prepareContext({
      ...baseLayers(),
      floodZones: areas(square(LON + 1, LAT, 10)),
      protectedAreas: areas(square(LON + 1, LAT, 10)),
      greenBlueCorridors: areas(square(LON + 1, LAT, 10)),
    });
    const known = computeCriteriaMatrix(
      s.map((site) => ({ ...site, zoneType: 'U', pollution: 'pollution inexistante' })),
      withLayers,
    );
    expect(profileCoverage(known, PRESETS.renaturation.profile).warning).toBeNull();
  });
});

describe('exclusions per preset', () => {
  const flooded = makeSite({ id: 'wet', surface: square(LON, LAT, 100), pollution: 'pollution inexistante' });
  const halfWet = makeSite({ id: 'half', surface: rectangle(LON, LAT, -50, -50, 350, 50) }); // 27.5 % flooded
  const polluted = makeSite({
    id: 'dirty',
    pollution: 'pollution avérée',
    point: { type: 'Point', coordinates: [LON + 0.02, LAT] },
  });
  const clean = makeSite({
    id: 'clean',
    pollution: 'pollution inexistante',
    point: { type: 'Point', coordinates: [LON + 0.03, LAT] },
  });
  const layers = prepareContext({
    ...baseLayers(),
    floodZones: areas(rectangle(LON, LAT, -60, -60, 60, 60)),
    protectedAreas: areas(square(LON, LAT, 400)),
  });
  const m = computeCriteriaMatrix([flooded, halfWet, polluted, clean], layers);
  const reasons = (profile: ScoringProfile) => rankSites(m, profile).exclusion;

  it('habitat: more than 50 % in a flood zone, or proven pollution', () => {
    const r = reasons(PRESETS.habitat.profile);
    expect(r[0]).toBe('Part en zone inondable supérieure à 50 % (100 %)');
    expect(r[1]).toBeNull();
    expect(r[2]).toBe('Pollution des sols : « pollution avérée »');
    expect(r[3]).toBeNull();
    expect(rankSites(m, PRESETS.habitat.profile).rank[0]).toBe(0);
  });

  it('economie: more than 80 % flooded or 50 % protected', () => {
    const r = reasons(PRESETS.economie.profile);
    expect(r[0]).toMatch(/^Part en zone inondable supérieure à 80 %/);
    expect(r[2]).toBeNull(); // pollution weighs less for business premises: no exclusion
  });

  it('equipement: flood and proven pollution', () => {
    const r = reasons(PRESETS.equipement.profile);
    expect(r[0]).toMatch(/zone inondable/);
    expect(r[2]).toMatch(/pollution avérée/);
  });

  it('renaturation: a site with a project or occupied buildings', () => {
    const s = [
      makeSite({ id: 'p', status: 'friche avec projet' }),
      makeSite({ id: 'o', buildingVacancy: 'occupé' }),
      makeSite({ id: 'free', status: 'friche sans projet', buildingVacancy: 'vacant' }),
    ];
    const r = rankSites(computeCriteriaMatrix(s, ctx), PRESETS.renaturation.profile).exclusion;
    expect(r).toEqual([
      'Statut du site : « friche avec projet »',
      'Vacance des bâtiments : « occupé »',
      null,
    ]);
  });

  it('are user-editable: a disabled rule or a raised threshold lets the site back in', () => {
    const base = PRESETS.habitat.profile;
    const off = { ...base, exclusions: base.exclusions.map((e) => ({ ...e, enabled: false })) };
    expect(reasons(off)).toEqual([null, null, null, null]);
    const higher = {
      ...base,
      exclusions: base.exclusions.map((e) => (e.kind === 'above' ? { ...e, threshold: 1 } : e)),
    };
    expect(reasons(higher)[0]).toBeNull();
    expect(reasons(higher)[2]).not.toBeNull();
  });
});
