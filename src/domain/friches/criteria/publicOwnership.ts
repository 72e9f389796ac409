import type { Brownfield } from '../types.ts';
import { type Criterion, formatNumber } from './criterion.ts';

/**
 * Codes of the Fichiers fonciers classification of legal persons (Cerema, "catpro3") that mean public
 * control of the land: P* = State and local authorities (État, région, département, intercommunalité,
 * commune…), F2* = établissements publics fonciers, F4b = SPLA, F5b = établissement public d'aménagement.
 */
const PUBLIC_CODE = /^(P\d[a-z]|F2[a-z]|F4b|F5b)$/;
/** Partly public operators: social landlords (F1a) and semi-public companies (F4a, F4c SEM). */
const PARAPUBLIC_CODE = /^(F1a|F4a|F4c)$/;
/** Fallback on owner names when no code is given (upper-cased, accents removed). */
const PUBLIC_NAME =
  /\b(COMMUNE|MAIRIE|DEPARTEMENT|REGION|ETAT|COMMUNAUTE (D'AGGLOMERATION|DE COMMUNES|URBAINE)|METROPOLE|ETABLISSEMENT PUBLIC)\b/;

export const OWNERSHIP_LEVELS = ['privée', 'mixte ou parapublique', 'publique'] as const;
const SCORES = [0, 0.55, 1] as const;

function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

/** 2 = every owner public, 1 = partly public or parapublic, 0 = private, null = unknown. */
export function ownershipLevel(site: Brownfield): number | null {
  const codes = site.ownerType;
  if (codes.length > 0) {
    const publicCount = codes.filter((c) => PUBLIC_CODE.test(c)).length;
    if (publicCount === codes.length) return 2;
    if (publicCount > 0 || codes.some((c) => PARAPUBLIC_CODE.test(c))) return 1;
    return 0;
  }
  const names = site.ownerName.filter((n) => n !== '_X_');
  if (names.length > 0 && names.some((n) => PUBLIC_NAME.test(plain(n)))) {
    return names.every((n) => PUBLIC_NAME.test(plain(n))) ? 2 : 1;
  }
  const persons = site.ownerPerson.filter((p) => p === 'personne physique' || p === 'personne morale');
  // Only natural persons: private for sure. A "personne morale" may be public or private: unknown.
  if (persons.length > 0 && persons.every((p) => p === 'personne physique')) return 0;
  return null;
}

export const publicOwnershipCriterion: Criterion = {
  id: 'publicOwnership',
  label: 'Maîtrise foncière publique',
  unit: '',
  needs: [],
  description:
    'Propriétaires du site (proprio_type, codes de personnes morales des Fichiers fonciers ; à défaut ' +
    'proprio_nom puis proprio_personne) : une maîtrise publique évite une acquisition longue. Barème : ' +
    'publique (État, collectivités, EPF, EPA, SPLA) → 1 ; mixte ou parapublique (bailleur social, SEM) → 0,55 ; ' +
    'privée (dont personnes physiques) → 0. Seulement « personne morale » sans code : non renseigné.',
  weight: 1.5,
  evaluate: ownershipLevel,
  levels: OWNERSHIP_LEVELS,
  normalise: (raw) => SCORES[raw] ?? 0,
  format: (raw) => `propriété ${OWNERSHIP_LEVELS[raw] ?? formatNumber(raw)}`,
};
