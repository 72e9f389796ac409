/**
 * Public API of the brownfield module (for the UI, the worker and the CLI).
 *
 * Typical flow: `importFile(kind 'friches')` → `brownfieldsFromImport` (sites + French report) →
 * `analyseFriches(sites, layers, profile, { pins })` (criteria once, then ranking, stability, shortlist) →
 * on a weight change `rerank(matrix, profile, { pins }, sites)` → `siteSheet(...)` for one site →
 * `toCnigCsv` / `toCnigGeoJson` (./cnigWrite.ts) to export.
 */
export { analyseFriches, type FrichesAnalysis, type RankingRow, rankingRows, rerank } from './analysis.ts';
export { type PreparedContext, prepareContext } from './context.ts';
export {
  type ContextLayerResult,
  contextLayerFromImport,
  type DetectedRole,
  detectContextRole,
  type ImportableRole,
  isImportableRole,
  withContextLayer,
} from './contextImport.ts';
export { CRITERIA, type Criterion, type CriterionId, criterionById } from './criteria/index.ts';
export {
  brownfieldFromRecord,
  brownfieldsFromImport,
  communeNamesOf,
  type FlaggedSite,
  type FrichesImportReport,
} from './mapping.ts';
export { type CriteriaMatrix, type CriterionInfo, computeCriteriaMatrix } from './matrix.ts';
export {
  DEFAULT_PROFILE_LABEL,
  defaultProfile,
  isPresetId,
  PRESETS,
  type Preset,
  type PresetId,
  type ScoringProfile,
} from './presets.ts';
export { type Ranking, rankSites, type Scores, scoreSites } from './scoring.ts';
export { type CriterionLine, type SiteSheet, siteSheet } from './sheet.ts';
export {
  defaultShortlist,
  type Pin,
  pinSite,
  reviewShortlist,
  SHORTLIST_SIZE,
  type ShortlistEntry,
  type ShortlistReview,
  UNRELIABLE_BELOW,
  UNSTABLE_BELOW,
  unpinSite,
} from './shortlist.ts';
export { DEFAULT_STABILITY_SEED, rankStability, type Stability, type StabilityOptions } from './stability.ts';
export {
  type Brownfield,
  CONTEXT_ROLE_LABELS,
  type ContextLayers,
  type ContextRole,
  IMPORTABLE_ROLES,
  type SiteStatus,
} from './types.ts';
