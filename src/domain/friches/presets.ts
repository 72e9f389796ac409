import type { ValueSet } from './criteria/criterion.ts';
import { CRITERIA, type CriterionId } from './criteria/index.ts';
import type { ExclusionRule } from './exclusions.ts';

/**
 * Weights per criterion (any non-negative scale: the score divides by their sum) and the criteria read
 * "the other way round" (favourable = 1 − normalised value) for this reconversion aim.
 */
export interface ScoringProfile {
  /** By criterion id; a criterion absent or weighted 0 does not count. */
  weights: Readonly<Record<string, number>>;
  inverted: readonly string[];
  /** Eliminatory conditions (see exclusions.ts); absent = none. */
  exclusions?: readonly ExclusionRule[];
  /** Value functions read (criteria/criterion.ts); absent = 'construction'. */
  values?: ValueSet;
}

/** A preset gives every registered criterion its weight (checked by the type). */
interface PresetProfile extends ScoringProfile {
  weights: Readonly<Record<CriterionId, number>>;
  inverted: readonly CriterionId[];
  exclusions: readonly ExclusionRule[];
}

export type PresetId = 'habitat' | 'economie' | 'equipement' | 'renaturation';

export interface Preset {
  id: PresetId;
  label: string;
  /** French: the reasoning behind the weights, shown next to the sliders. */
  description: string;
  profile: PresetProfile;
}

/** The value functions a profile reads. */
export function valueSetOf(profile: Pick<ScoringProfile, 'values'>): ValueSet {
  return profile.values ?? 'construction';
}

export const DEFAULT_PROFILE_LABEL = 'Équilibré (pondérations par défaut)';

/** The balanced profile: each criterion's default weight, nothing inverted. */
export function defaultProfile(): ScoringProfile {
  return {
    weights: Object.fromEntries(CRITERIA.map((c) => [c.id, c.weight])) as Record<CriterionId, number>,
    inverted: [],
  };
}

/*
 * Inspired by the mutability approach of ADEME's Mutafriches (each reuse has its own sensitivities), with
 * our own weights: what matters for housing (centrality, residents nearby, clean soil, no flood risk) is not
 * what matters for business premises (size, zoning, usable buildings) nor for renaturation (flood-prone,
 * ecologically sensitive, non-buildable land is where renaturation pays off most).
 */
export const PRESETS: Record<PresetId, Preset> = {
  habitat: {
    id: 'habitat',
    label: 'Habitat',
    description:
      'Logements : centralité, habitants et transports à proximité, sols sains (usage sensible), hors zone ' +
      'inondable, en zone urbaine.',
    profile: {
      weights: {
        area: 1.5,
        stationDistance: 2,
        centreDistance: 3,
        population1km: 2.5,
        floodShare: 3,
        protectedShare: 2,
        corridorShare: 1,
        pollution: 3,
        zoning: 2.5,
        siteStatus: 1.5,
        buildingCondition: 1,
        buildingVacancy: 1,
        heritage: 0.5,
        publicOwnership: 1.5,
      },
      inverted: [],
      exclusions: [
        { id: 'habitat-flood', criterion: 'floodShare', kind: 'above', threshold: 0.5, enabled: true },
        {
          id: 'habitat-pollution',
          criterion: 'pollution',
          kind: 'levels',
          levels: ['pollution avérée'],
          enabled: true,
        },
      ],
    },
  },
  economie: {
    id: 'economie',
    label: 'Activités économiques',
    description:
      'Locaux d’activité : grande surface, zonage constructible, bâtiments réutilisables et vacants ; la ' +
      'pollution pèse moins (usage moins sensible) et la centralité peu.',
    profile: {
      weights: {
        area: 3,
        stationDistance: 1,
        centreDistance: 0.5,
        population1km: 1,
        floodShare: 2,
        protectedShare: 1.5,
        corridorShare: 1,
        pollution: 1.5,
        zoning: 2.5,
        siteStatus: 1.5,
        buildingCondition: 1.5,
        buildingVacancy: 1.5,
        heritage: 0.5,
        publicOwnership: 1,
      },
      inverted: [],
      exclusions: [
        { id: 'economie-flood', criterion: 'floodShare', kind: 'above', threshold: 0.8, enabled: true },
        {
          id: 'economie-protected',
          criterion: 'protectedShare',
          kind: 'above',
          threshold: 0.5,
          enabled: true,
        },
      ],
    },
  },
  equipement: {
    id: 'equipement',
    label: 'Équipement public',
    description:
      'Équipement public : accessible (gare, centre), proche des habitants, sur foncier public ; un bâtiment ' +
      'patrimonial devient un atout (critère lu à l’envers).',
    profile: {
      weights: {
        area: 1,
        stationDistance: 2.5,
        centreDistance: 3,
        population1km: 3,
        floodShare: 2.5,
        protectedShare: 1.5,
        corridorShare: 1,
        pollution: 2,
        zoning: 1.5,
        siteStatus: 1.5,
        buildingCondition: 1.5,
        buildingVacancy: 1,
        heritage: 1,
        publicOwnership: 3,
      },
      inverted: ['heritage'],
      exclusions: [
        { id: 'equipement-flood', criterion: 'floodShare', kind: 'above', threshold: 0.5, enabled: true },
        {
          id: 'equipement-pollution',
          criterion: 'pollution',
          kind: 'levels',
          levels: ['pollution avérée'],
          enabled: true,
        },
      ],
    },
  },
  renaturation: {
    id: 'renaturation',
    label: 'Renaturation',
    description:
      'Renaturation : les sites en zone inondable, en espace protégé, sur la trame verte et bleue ou en zone ' +
      'A/N sont favorisés, de même que les bâtiments très dégradés, voués à la démolition (barèmes propres à ' +
      'la renaturation) ; l’accessibilité compte peu, le bénéfice pour les habitants proches et la maîtrise ' +
      'publique comptent.',
    profile: {
      weights: {
        area: 2,
        stationDistance: 0,
        centreDistance: 0.5,
        population1km: 1.5,
        floodShare: 3,
        protectedShare: 2.5,
        corridorShare: 2.5,
        pollution: 1,
        zoning: 2,
        siteStatus: 1.5,
        buildingCondition: 0.5,
        buildingVacancy: 1,
        heritage: 0,
        publicOwnership: 2,
      },
      // Its own value functions (criterion.renaturation), not 1 − the construction ones.
      inverted: [],
      values: 'renaturation',
      // A site with a project (or occupied buildings) cannot be handed back to nature without a conflict.
      exclusions: [
        {
          id: 'renaturation-project',
          criterion: 'siteStatus',
          kind: 'levels',
          levels: ['friche avec projet'],
          enabled: true,
        },
        {
          id: 'renaturation-occupied',
          criterion: 'buildingVacancy',
          kind: 'levels',
          levels: ['occupé'],
          enabled: true,
        },
      ],
    },
  },
};

export function isPresetId(value: string): value is PresetId {
  return Object.hasOwn(PRESETS, value);
}
