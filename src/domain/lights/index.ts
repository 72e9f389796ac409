/** Public API of the street-lighting module (issue 4), for the UI, the worker and the CLI. */

export {
  ARTICLES,
  assessCompliance,
  COMPLIANCE_THRESHOLDS,
  type ComplianceCounts,
  type ComplianceSettings,
  type ComplianceSummary,
  CRITERION_LABELS,
  type Criterion,
  complianceCodes,
  complianceExplanation,
  DEFAULT_COMPLIANCE_SETTINGS,
  NOT_ASSESSED,
  type PointCompliance,
  summarizeCompliance,
  VERDICT_STYLE,
  VERDICTS,
  type Verdict,
} from './compliance.ts';
export { complianceCountsCsv, complianceCsv } from './complianceExport.ts';
export {
  type LightsContext,
  lightsContext,
  OUTSIDE_TERRITORY_LABEL,
  pointCommuneLabel,
} from './context.ts';
export {
  applyEdit,
  type EditResult,
  isIsoDate,
  type LightEdit,
  type UndoRecord,
  undoEdit,
  type WorksInput,
  worksProblem,
} from './edit.ts';
export {
  annualEnergyKwh,
  assessRenovation,
  BURNING_HOURS_PRESETS,
  classifyFactor,
  consumedAfterW,
  consumedBeforeW,
  currentEnergyKwh,
  DEFAULT_LIGHTING_SETTINGS,
  effectiveHours,
  eurosPerYear,
  type FormulaExplanation,
  formulaExplanation,
  LIGHTING_SETTING_LABELS,
  type LightingSettingKey,
  type LightingSettings,
  type RenovationAssessment,
  regimeProblem,
  settingProblem,
  tonnesCo2PerYear,
  USER_SOURCE,
  withSetting,
} from './energy.ts';
export {
  LIGHT_DBF_NAMES,
  type LightFeatureProperties,
  lightsToCsv,
  lightsToGeoJson,
  workOrderCsv,
} from './exportWorkOrder.ts';
export {
  buildLightsTable,
  currentLamp,
  FACTOR_CLASS_CODES,
  filterLights,
  type LightFilter,
  type LightsTable,
  rectangle,
  sortByConsumption,
} from './filter.ts';
export { lightFingerprint } from './identifiers.ts';
export {
  LIGHT_CATEGORIES,
  LIGHT_CATEGORY_STYLE,
  type LightCategory,
  type LightsMapStyle,
  lightCategory,
  lightCategoryColorExpression,
  lightLegend,
} from './legend.ts';
export {
  consumedPowerW,
  DEFAULT_LOSS_FACTORS,
  LOSS_FACTOR_SOURCES,
  type LossFactors,
  lossFactorProblem,
  lossFactorsOf,
  NO_LOSSES,
} from './losses.ts';
export { type LightsImport, mapLights } from './mapping.ts';
export {
  type ContractProgress,
  computeProgress,
  contractGauges,
  type Gauge,
  type GroupCounts,
  gaugesMet,
  isInContractPeriod,
  type LightsProgress,
  type MonthProgress,
} from './progress.ts';
export { type LightsSummary, summarizeLights } from './summary.ts';
export * from './types.ts';
