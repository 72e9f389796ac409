import { areaCriterion } from './area.ts';
import { buildingConditionCriterion } from './buildingCondition.ts';
import { buildingVacancyCriterion } from './buildingVacancy.ts';
import { centreDistanceCriterion } from './centreDistance.ts';
import { corridorShareCriterion } from './corridorShare.ts';
import type { Criterion, CriterionId } from './criterion.ts';
import { floodShareCriterion } from './floodShare.ts';
import { heritageCriterion } from './heritage.ts';
import { pollutionCriterion } from './pollution.ts';
import { population1kmCriterion } from './population1km.ts';
import { protectedShareCriterion } from './protectedShare.ts';
import { publicOwnershipCriterion } from './publicOwnership.ts';
import { siteStatusCriterion } from './siteStatus.ts';
import { stationDistanceCriterion } from './stationDistance.ts';
import { zoningCriterion } from './zoning.ts';

export type { Criterion, CriterionId } from './criterion.ts';

/** Every criterion, in display order (site, location, constraints, land and buildings). */
export const CRITERIA: readonly Criterion[] = [
  areaCriterion,
  stationDistanceCriterion,
  centreDistanceCriterion,
  population1kmCriterion,
  floodShareCriterion,
  protectedShareCriterion,
  corridorShareCriterion,
  pollutionCriterion,
  zoningCriterion,
  siteStatusCriterion,
  buildingConditionCriterion,
  buildingVacancyCriterion,
  heritageCriterion,
  publicOwnershipCriterion,
];

export const CRITERION_IDS: readonly CriterionId[] = CRITERIA.map((c) => c.id);

export function criterionById(id: string): Criterion | undefined {
  return CRITERIA.find((c) => c.id === id);
}
