import { describe, expect, it } from 'vitest';
import { areas, baseLayers, LAT, LON, makeSite, square } from '../../../../test/fixtures/friches/sites.ts';
import { prepareContext } from '../context.ts';
import { buildingConditionCriterion } from './buildingCondition.ts';
import { buildingVacancyCriterion } from './buildingVacancy.ts';
import { heritageCriterion } from './heritage.ts';
import { CRITERIA, CRITERION_IDS } from './index.ts';
import { pollutionCriterion } from './pollution.ts';
import { ownershipLevel, publicOwnershipCriterion } from './publicOwnership.ts';
import { siteStatusCriterion } from './siteStatus.ts';
import { zoningCriterion } from './zoning.ts';

const ctx = prepareContext(baseLayers());
const score = (c: typeof pollutionCriterion, site: ReturnType<typeof makeSite>) => {
  const raw = c.evaluate(site, ctx);
  return raw === null ? null : c.normalise(raw);
};

describe('criteria registry', () => {
  it('registers each criterion once, with French label, description and a positive default weight', () => {
    expect(new Set(CRITERION_IDS).size).toBe(CRITERIA.length);
    expect(CRITERIA.length).toBeGreaterThanOrEqual(13);
    for (const c of CRITERIA) {
      expect(c.label.length).toBeGreaterThan(3);
      expect(c.description).toMatch(/→/); // thresholds are documented
      expect(c.weight).toBeGreaterThan(0);
    }
  });
});

describe('pollution criterion', () => {
  it('scores each CNIG level and treats inconnu as non renseigné', () => {
    expect(score(pollutionCriterion, makeSite({ pollution: 'pollution inexistante' }))).toBe(1);
    expect(score(pollutionCriterion, makeSite({ pollution: 'pollution avérée' }))).toBe(0);
    expect(score(pollutionCriterion, makeSite({ pollution: 'pollution supposée' }))).toBe(0.3);
    expect(pollutionCriterion.evaluate(makeSite({ pollution: 'inconnu' }), ctx)).toBeNull();
    expect(pollutionCriterion.evaluate(makeSite(), ctx)).toBeNull();
    const raw = pollutionCriterion.evaluate(makeSite({ pollution: 'pollution traitée' }), ctx)!;
    expect(pollutionCriterion.format(raw)).toBe('pollution traitée');
  });
});

describe('zoning criterion', () => {
  it('favours U and AU zones over A and N', () => {
    expect(score(zoningCriterion, makeSite({ zoneType: 'U' }))).toBe(1);
    expect(score(zoningCriterion, makeSite({ zoneType: 'AUc' }))).toBe(0.8);
    expect(score(zoningCriterion, makeSite({ zoneType: 'N' }))).toBe(0);
    expect(score(zoningCriterion, makeSite({ zoneType: 'A' }))).toBe(0.1);
    expect(zoningCriterion.evaluate(makeSite({ zoneType: 'sans objet' }), ctx)).toBeNull();
  });

  it('falls back on an urban-zones layer: inside → U, outside → still unknown', () => {
    const c = prepareContext({ ...baseLayers(), urbanZones: areas(square(LON, LAT, 200)) });
    expect(zoningCriterion.normalise(zoningCriterion.evaluate(makeSite(), c)!)).toBe(1);
    const outside = makeSite({ point: { type: 'Point', coordinates: [LON + 0.05, LAT] } });
    expect(zoningCriterion.evaluate(outside, c)).toBeNull();
    // The file's own value wins over the layer.
    expect(zoningCriterion.normalise(zoningCriterion.evaluate(makeSite({ zoneType: 'N' }), c)!)).toBe(0);
  });
});

describe('site status criterion', () => {
  it('ranks sans projet > potentielle > avec projet > reconvertie', () => {
    const s = (status: NonNullable<ReturnType<typeof makeSite>['status']>) =>
      score(siteStatusCriterion, makeSite({ status }))!;
    expect(s('friche sans projet')).toBe(1);
    expect(s('friche potentielle')).toBeLessThan(1);
    expect(s('friche avec projet')).toBeLessThan(s('friche potentielle'));
    expect(s('friche reconvertie')).toBe(0);
    expect(siteStatusCriterion.evaluate(makeSite({ status: 'inconnu' }), ctx)).toBeNull();
  });
});

describe('building criteria', () => {
  it('scores condition, vacancy and heritage levels', () => {
    expect(
      score(buildingConditionCriterion, makeSite({ buildingCondition: 'dégradation inexistante ou faible' })),
    ).toBe(1);
    expect(
      score(buildingConditionCriterion, makeSite({ buildingCondition: 'dégradation très importante' })),
    ).toBe(0);
    expect(score(buildingVacancyCriterion, makeSite({ buildingVacancy: 'vacant' }))).toBe(1);
    expect(score(buildingVacancyCriterion, makeSite({ buildingVacancy: 'occupé' }))).toBe(0);
    expect(score(heritageCriterion, makeSite({ heritage: 'aucun' }))).toBe(1);
    expect(score(heritageCriterion, makeSite({ heritage: "présence d'un bâtiment classé" }))).toBe(0);
    expect(buildingVacancyCriterion.evaluate(makeSite({ buildingVacancy: 'inconnu' }), ctx)).toBeNull();
  });
});

describe('public ownership criterion', () => {
  it('reads Fichiers fonciers codes: public, mixed/parapublic, private', () => {
    expect(ownershipLevel(makeSite({ ownerType: ['P5a'] }))).toBe(2); // commune
    expect(ownershipLevel(makeSite({ ownerType: ['F2a'] }))).toBe(2); // EPF
    expect(ownershipLevel(makeSite({ ownerType: ['F2a', 'X1a'] }))).toBe(1);
    expect(ownershipLevel(makeSite({ ownerType: ['F1a'] }))).toBe(1); // social landlord
    expect(ownershipLevel(makeSite({ ownerType: ['Z1a'] }))).toBe(0);
    expect(publicOwnershipCriterion.normalise(2)).toBe(1);
    expect(publicOwnershipCriterion.normalise(0)).toBe(0);
  });

  it('falls back on owner names, then on natural persons; a bare "personne morale" is unknown', () => {
    expect(ownershipLevel(makeSite({ ownerName: ['Commune de Desvres'] }))).toBe(2);
    expect(ownershipLevel(makeSite({ ownerName: ['Département du Pas-de-Calais', 'SCI Dupont'] }))).toBe(1);
    expect(ownershipLevel(makeSite({ ownerPerson: ['personne physique'] }))).toBe(0);
    expect(ownershipLevel(makeSite({ ownerPerson: ['personne morale'] }))).toBeNull();
    expect(ownershipLevel(makeSite())).toBeNull();
  });
});
