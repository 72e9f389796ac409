import { describe, expect, it } from 'vitest';
import { PRESETS } from '../presets.ts';
import { areaCriterion } from './area.ts';
import { buildingConditionCriterion } from './buildingCondition.ts';
import { buildingVacancyCriterion } from './buildingVacancy.ts';
import { centreDistanceCriterion } from './centreDistance.ts';
import { corridorShareCriterion } from './corridorShare.ts';
import type { Criterion } from './criterion.ts';
import { floodShareCriterion } from './floodShare.ts';
import { heritageCriterion } from './heritage.ts';
import { CRITERIA } from './index.ts';
import { pollutionCriterion } from './pollution.ts';
import { population1kmCriterion } from './population1km.ts';
import { protectedShareCriterion } from './protectedShare.ts';
import { publicOwnershipCriterion } from './publicOwnership.ts';
import { siteStatusCriterion } from './siteStatus.ts';
import { stationDistanceCriterion } from './stationDistance.ts';
import { zoningCriterion } from './zoning.ts';

/** Raw value of a categorical level by its CNIG name. */
const level = (c: Criterion, value: string) => {
  const i = c.levels!.indexOf(value);
  expect(i, `${c.id}: ${value}`).toBeGreaterThanOrEqual(0);
  return i;
};

/*
 * Each value function spans the whole 0..1 range over its documented thresholds: the least favourable documented
 * level or threshold gives exactly 0, the most favourable exactly 1. Then a weight means the same for every
 * criterion (what going from worst to best on it is worth).
 */
describe('value functions span 0..1 over their documented thresholds', () => {
  it('area: 0 m² → 0, 5 ha and more → 1', () => {
    expect(areaCriterion.normalise(0)).toBe(0);
    expect(areaCriterion.normalise(50_000)).toBe(1);
    expect(areaCriterion.normalise(5_000)).toBe(0.5);
  });
  it('station distance: ≤ 500 m → 1, 10 km and more → 0', () => {
    expect(stationDistanceCriterion.normalise(500)).toBe(1);
    expect(stationDistanceCriterion.normalise(10_000)).toBe(0);
  });
  it('centre distance: ≤ 300 m → 1, 4 km and more → 0', () => {
    expect(centreDistanceCriterion.normalise(300)).toBe(1);
    expect(centreDistanceCriterion.normalise(4_000)).toBe(0);
  });
  it('population within 1 km: 0 → 0, 10,000 residents → 1', () => {
    expect(population1kmCriterion.normalise(0)).toBe(0);
    expect(population1kmCriterion.normalise(10_000)).toBe(1);
  });
  it.each([floodShareCriterion, protectedShareCriterion, corridorShareCriterion])(
    '$id: 0 % → 1, 100 % → 0 (construction)',
    (c) => {
      expect(c.normalise(0)).toBe(1);
      expect(c.normalise(1)).toBe(0);
    },
  );
  it('pollution: inexistante → 1, avérée → 0', () => {
    expect(pollutionCriterion.normalise(level(pollutionCriterion, 'pollution inexistante'))).toBe(1);
    expect(pollutionCriterion.normalise(level(pollutionCriterion, 'pollution avérée'))).toBe(0);
  });
  it('zoning: U → 1, N → 0', () => {
    expect(zoningCriterion.normalise(level(zoningCriterion, 'U'))).toBe(1);
    expect(zoningCriterion.normalise(level(zoningCriterion, 'N'))).toBe(0);
  });
  it('site status: sans projet → 1, reconvertie → 0', () => {
    expect(siteStatusCriterion.normalise(level(siteStatusCriterion, 'friche sans projet'))).toBe(1);
    expect(siteStatusCriterion.normalise(level(siteStatusCriterion, 'friche reconvertie'))).toBe(0);
  });
  it('building condition: faible → 1, très importante → 0', () => {
    const c = buildingConditionCriterion;
    expect(c.normalise(level(c, 'dégradation inexistante ou faible'))).toBe(1);
    expect(c.normalise(level(c, 'dégradation très importante'))).toBe(0);
  });
  it('building vacancy: vacant → 1, occupé → 0', () => {
    expect(buildingVacancyCriterion.normalise(level(buildingVacancyCriterion, 'vacant'))).toBe(1);
    expect(buildingVacancyCriterion.normalise(level(buildingVacancyCriterion, 'occupé'))).toBe(0);
  });
  it('heritage: aucun → 1, bâtiment classé → 0', () => {
    expect(heritageCriterion.normalise(level(heritageCriterion, 'aucun'))).toBe(1);
    expect(heritageCriterion.normalise(level(heritageCriterion, "présence d'un bâtiment classé"))).toBe(0);
  });
  it('public ownership: publique → 1, privée → 0', () => {
    expect(publicOwnershipCriterion.normalise(2)).toBe(1);
    expect(publicOwnershipCriterion.normalise(0)).toBe(0);
  });
  it('every registered criterion (and renaturation function) reaches both 0 and 1 over its levels or thresholds', () => {
    // Probe points: every level, or a fine grid over 0..100 km / 0..1 shares / 0..100,000 m² or residents.
    const probes = (c: Criterion) =>
      c.levels
        ? c.levels.map((_, i) => i)
        : c.unit === '%'
          ? Array.from({ length: 101 }, (_, k) => k / 100)
          : Array.from({ length: 1001 }, (_, k) => k * 100);
    for (const c of CRITERIA) {
      for (const fn of [c.normalise, c.renaturation?.normalise].filter((f) => f !== undefined)) {
        const values = probes(c).map((x) => fn(x));
        expect(Math.min(...values), c.id).toBe(0);
        expect(Math.max(...values), c.id).toBe(1);
      }
    }
  });
});

describe('renaturation value functions (own, not 1 − construction)', () => {
  it('flood, protected and corridor shares: 0 % → 0, 10 % → 0,5, 100 % → 1', () => {
    for (const c of [floodShareCriterion, protectedShareCriterion, corridorShareCriterion]) {
      const r = c.renaturation!;
      expect(r.normalise(0)).toBe(0);
      expect(r.normalise(0.1)).toBe(0.5);
      expect(r.normalise(1)).toBe(1);
      // Not the mirror of construction: 10 % is 0,6 for construction, so 1 − v would give 0,4.
      expect(r.normalise(0.1)).not.toBeCloseTo(1 - c.normalise(0.1), 6);
      expect(r.description).toContain('Seuils renaturation');
    }
  });
  it('zoning: N → 1, A → 0,9, U → 0; building condition: très importante → 1, faible → 0', () => {
    const z = zoningCriterion.renaturation!;
    expect(z.normalise(level(zoningCriterion, 'N'))).toBe(1);
    expect(z.normalise(level(zoningCriterion, 'A'))).toBe(0.9);
    expect(z.normalise(level(zoningCriterion, 'U'))).toBe(0);
    const b = buildingConditionCriterion.renaturation!;
    expect(b.normalise(level(buildingConditionCriterion, 'dégradation très importante'))).toBe(1);
    expect(b.normalise(level(buildingConditionCriterion, 'dégradation inexistante ou faible'))).toBe(0);
    expect(b.description).toMatch(/^Barème renaturation : « dégradation inexistante ou faible » → 0/);
  });
  it('the renaturation preset reads its own value functions and inverts nothing', () => {
    expect(PRESETS.renaturation.profile.values).toBe('renaturation');
    expect(PRESETS.renaturation.profile.inverted).toEqual([]);
    for (const id of ['habitat', 'economie', 'equipement'] as const) {
      expect(PRESETS[id].profile.values ?? 'construction').toBe('construction');
    }
  });
});
