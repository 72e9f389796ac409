import { describe, expect, it } from 'vitest';
import {
  areas,
  baseLayers,
  LAT,
  LON,
  makeSite,
  metresToDegrees,
  rectangle,
  square,
  tableCriterion,
} from '../../../test/fixtures/friches/sites.ts';
import { prepareContext } from './context.ts';
import { CRITERIA, CRITERION_IDS, type Criterion } from './criteria/index.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import { defaultProfile, PRESETS, type ScoringProfile } from './presets.ts';
import { rankSites } from './scoring.ts';
import { siteSheet } from './sheet.ts';
import type { Brownfield } from './types.ts';

const ctx = prepareContext(baseLayers());

function profile(weights: Record<string, number>, inverted: string[] = []): ScoringProfile {
  return { weights, inverted };
}

const sites = (...ids: string[]) => ids.map((id) => makeSite({ id }));

describe('weighted score and reliability', () => {
  const a = tableCriterion('a', { S1: 1, S2: 1, S3: null, S4: null });
  const b = tableCriterion('b', { S1: 0, S2: null, S3: 0.5, S4: null });
  const matrix = computeCriteriaMatrix(sites('S1', 'S2', 'S3', 'S4'), ctx, [a, b]);

  it('is Σ weight × value / Σ weights of the renseigné criteria', () => {
    const r = rankSites(matrix, profile({ a: 1, b: 3 }));
    expect(r.score[0]).toBeCloseTo(0.25, 12); // (1·1 + 3·0) / 4
    expect(r.reliability[0]).toBe(1);
  });

  it('imputes a missing criterion at the territory median and counts it against reliability', () => {
    // Medians over the territory: a = median(1, 1) = 1; b = median(0, 0.5) = 0.25.
    const r = rankSites(matrix, profile({ a: 1, b: 3 }));
    expect(r.score[1]).toBeCloseTo((1 + 3 * 0.25) / 4, 12); // b imputed, not left out (that gave 1)
    expect(r.reliability[1]).toBe(0.25);
    expect(r.score[2]).toBeCloseTo((1 + 3 * 0.5) / 4, 12); // a imputed at 1
    expect(r.reliability[2]).toBe(0.75);
  });

  it('bounds every score: unknown criteria at their worst (0) and best (1) value', () => {
    const r = rankSites(matrix, profile({ a: 1, b: 3 }));
    expect([r.scoreMin[0], r.scoreMax[0]]).toEqual([0.25, 0.25]); // fully known: no interval
    expect([r.scoreMin[1], r.scoreMax[1]]).toEqual([0.25, 1]);
    expect([r.scoreMin[2], r.scoreMax[2]]).toEqual([0.375, 0.625]);
    for (const i of [0, 1, 2]) {
      expect(r.score[i]).toBeGreaterThanOrEqual(r.scoreMin[i]!);
      expect(r.score[i]).toBeLessThanOrEqual(r.scoreMax[i]!);
    }
    expect([r.scoreMin[3], r.scoreMax[3]]).toEqual([0, 1]);
  });

  it('gives no score and no rank to a site without any renseigné criterion', () => {
    const r = rankSites(matrix, profile({ a: 1, b: 3 }));
    expect(Number.isNaN(r.score[3]!)).toBe(true);
    expect(r.reliability[3]).toBe(0);
    expect(r.rank[3]).toBe(0);
    expect(Array.from(r.order)).toEqual([2, 1, 0]);
    expect(Array.from(r.rank)).toEqual([3, 2, 1, 0]);
  });

  it('reads an inverted criterion (and its median) as 1 − value', () => {
    const r = rankSites(matrix, profile({ a: 1, b: 3 }, ['b']));
    expect(r.score[0]).toBe(1);
    expect(r.score[1]).toBeCloseTo((1 + 3 * 0.75) / 4, 12);
    expect(r.score[2]).toBeCloseTo((1 + 3 * 0.5) / 4, 12);
  });

  it('ignores criteria weighted 0, also in the reliability', () => {
    const r = rankSites(matrix, profile({ a: 1, b: 0 }));
    expect(r.score[0]).toBe(1);
    expect(r.reliability[2]).toBe(0);
    expect(r.rank[2]).toBe(0);
  });

  it('breaks ties by reliability, then by file order', () => {
    const c = tableCriterion('c', { T1: 0.5, T2: 0.5, T3: 0.5 });
    const d = tableCriterion('d', { T1: null, T2: 0.5, T3: null });
    const m = computeCriteriaMatrix(sites('T1', 'T2', 'T3'), ctx, [c, d]);
    expect(Array.from(rankSites(m, profile({ c: 1, d: 1 })).order)).toEqual([1, 0, 2]);
  });

  it('excludes reconverted sites from the ranking but still scores them', () => {
    const s = [makeSite({ id: 'R', status: 'friche reconvertie', pollution: 'pollution inexistante' })];
    const m = computeCriteriaMatrix(s, ctx);
    const r = rankSites(m, defaultProfile());
    expect(m.exclusion[0]).toBe('friche reconvertie, ce n’est plus une friche');
    expect(r.exclusion[0]).toBe(m.exclusion[0]);
    expect(r.rank[0]).toBe(0);
    expect(r.score[0]).toBeGreaterThan(0);
  });
});

describe('criteria matrix', () => {
  it('marks every criterion needing a missing layer as non renseigné, and says which layer', () => {
    const m = computeCriteriaMatrix([makeSite({ pollution: 'pollution avérée' })], ctx);
    const j = CRITERION_IDS.indexOf('stationDistance');
    expect(Number.isNaN(m.raw[j]!)).toBe(true);
    expect(m.missingLayers[j]).toEqual(['stations']);
    expect(m.normalised[CRITERION_IDS.indexOf('pollution')]).toBe(0);
  });

  it('keeps going when a criterion throws, recording the failure', () => {
    const broken: Criterion = {
      ...tableCriterion('x', {}),
      evaluate: () => {
        throw new Error('géométrie dégénérée');
      },
    };
    const m = computeCriteriaMatrix(sites('S1'), ctx, [broken]);
    expect(m.failures).toEqual([{ site: 0, criterion: 'x', reason: 'géométrie dégénérée' }]);
    expect(Number.isNaN(m.normalised[0]!)).toBe(true);
  });
});

describe('presets', () => {
  it('weights every criterion with a non-negative number and only inverts known criteria', () => {
    for (const preset of Object.values(PRESETS)) {
      expect(Object.keys(preset.profile.weights).sort()).toEqual([...CRITERION_IDS].sort());
      for (const w of Object.values(preset.profile.weights)) expect(w).toBeGreaterThanOrEqual(0);
      for (const id of preset.profile.inverted) expect(CRITERION_IDS).toContain(id);
      expect(preset.description.length).toBeGreaterThan(20);
    }
  });

  it('differ: renaturation favours the flood-prone site that habitat penalises', () => {
    const wet = makeSite({ id: 'wet', surface: square(LON, LAT, 100) });
    const dry = makeSite({ id: 'dry', surface: square(LON + 0.01, LAT, 100) });
    const c = prepareContext({
      ...baseLayers(),
      floodZones: areas(rectangle(LON, LAT, -200, -200, 200, 200)),
    });
    const m = computeCriteriaMatrix([wet, dry], c);
    const habitat = rankSites(m, PRESETS.habitat.profile);
    const renaturation = rankSites(m, PRESETS.renaturation.profile);
    expect(habitat.score[1]).toBeGreaterThan(habitat.score[0]!);
    expect(renaturation.score[0]).toBeGreaterThan(renaturation.score[1]!);
  });

  it('differ: economie values size more than equipement, which values residents nearby more', () => {
    // A large site 4.5 km from the centre against a small central one.
    const [dx] = metresToDegrees(LAT, 4_500, 0);
    const far = { type: 'Point' as const, coordinates: [LON + dx, LAT] };
    const big: Brownfield = makeSite({ id: 'big', parcelAreaM2: 60_000, point: far });
    const small: Brownfield = makeSite({ id: 'small', parcelAreaM2: 800 });
    const m = computeCriteriaMatrix([big, small], ctx);
    expect(rankSites(m, PRESETS.economie.profile).order[0]).toBe(0);
    expect(rankSites(m, PRESETS.equipement.profile).order[0]).toBe(1);
  });

  it('the default profile uses each criterion default weight', () => {
    const p = defaultProfile();
    for (const c of CRITERIA) expect(p.weights[c.id]).toBe(c.weight);
    expect(p.inverted).toEqual([]);
  });
});

describe('site sheet', () => {
  it('lists raw, normalised, weight and contribution per criterion; contributions add up to the score', () => {
    const site = makeSite({ pollution: 'pollution avérée', zoneType: 'U', parcelAreaM2: 5_000 });
    const m = computeCriteriaMatrix([site], ctx);
    // Without its exclusions (habitat sets aside proven pollution): the sheet of a ranked site.
    const p = { ...PRESETS.habitat.profile, exclusions: [] };
    const r = rankSites(m, p);
    const sheet = siteSheet(m, p, r, null, 0);
    const total = sheet.lines.reduce((s, l) => s + (l.contribution ?? 0), 0);
    expect(total).toBeCloseTo(sheet.score!, 12);
    const pollution = sheet.lines.find((l) => l.id === 'pollution')!;
    expect(pollution).toMatchObject({
      raw: 4,
      rawText: 'pollution avérée',
      normalised: 0,
      weight: 3,
      missing: null,
    });
    const station = sheet.lines.find((l) => l.id === 'stationDistance')!;
    expect(station).toMatchObject({ raw: null, rawText: 'non renseigné', contribution: null });
    expect(station.missing).toBe('couche non chargée : Gares et arrêts de transport en commun');
    expect(sheet.lines.find((l) => l.id === 'heritage')!.missing).toBe('information absente pour ce site');
    expect(sheet.rank).toBe(1);
  });
});

describe('criteria matrix transfer', () => {
  it('survives a structured clone (worker boundary) and still ranks and formats', () => {
    const site = makeSite({ pollution: 'pollution traitée', parcelAreaM2: 20_000 });
    const m = computeCriteriaMatrix([site], ctx);
    const copy = structuredClone(m);
    expect(copy.normalised).toBeInstanceOf(Float64Array);
    expect(Array.from(rankSites(copy, defaultProfile()).score)).toEqual(
      Array.from(rankSites(m, defaultProfile()).score),
    );
    const lines = siteSheet(copy, defaultProfile(), rankSites(copy, defaultProfile()), null, 0).lines;
    expect(lines.find((l) => l.id === 'area')!.rawText).toBe('2 ha');
    expect(lines.find((l) => l.id === 'pollution')!.rawText).toBe('pollution traitée');
  });
});
