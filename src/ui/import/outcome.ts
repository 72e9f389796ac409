import type { ImportResult, RowError } from '../../io/types.ts';

/**
 * What a module makes of an imported table (its domain mapping: mapLights, mapAdviceImport…), shown in the
 * import report BEFORE the user validates. Rows the module refuses are listed like the engine's, so that no
 * row is ever silently lost between the file and the module's data.
 */
export interface ModuleOutcome<T> {
  /** What the module keeps; handed to `onImported` only when the user validates. */
  value: T;
  /** Records the module keeps. */
  accepted: number;
  /** Every rejected row, engine's and module's, each with a French reason (row 0 = the whole file). */
  errors: RowError[];
  /** Kept rows with values set aside (e.g. optional CNIG fields that failed validation). */
  flagged?: RowError[];
  /** Accepted records lying outside the territory (kept, flagged); 0 when the module rejects them. */
  outsideTerritory: number;
  warnings: string[];
  /** Messages that need attention before validating (personal data…), shown as alerts. */
  alerts?: string[];
  /** Set when the file cannot be used by the module at all: nothing can be validated. */
  fatal: string | null;
  /** Unit of `accepted`, singular and plural: ['point lumineux', 'points lumineux']. */
  unit?: readonly [string, string];
  /** What validating will do, e.g. « Remplace les 2 000 conseils actuels. » (the mode preview replaces it) */
  notice?: string;
  /** What the file is taken as, shown with or without import modes: « Couche reconnue : PPR (COVADIS). » */
  info?: string;
}

/** The outcome when a module takes the engine's result as is. */
export function engineOutcome(result: ImportResult): ModuleOutcome<ImportResult> {
  return {
    value: result,
    accepted: result.features.count,
    errors: result.ok ? result.errors : [],
    outsideTerritory: result.outsideTerritory,
    warnings: result.warnings,
    fatal: result.ok ? null : (result.errors[0]?.reason ?? 'Fichier illisible.'),
  };
}

/** Splits a module's error list into its file-level problem (row 0) and its rejected rows. */
export function splitFileErrors(errors: readonly RowError[]): { fatal: string | null; rows: RowError[] } {
  const fileLevel = errors.filter((e) => e.row <= 0);
  return {
    fatal: fileLevel.length > 0 ? fileLevel.map((e) => e.reason).join(' ') : null,
    rows: errors.filter((e) => e.row > 0),
  };
}
