import type { ImportResult } from '../types.ts';

/**
 * Row-and-field access to an import, so a module's mapping can be tested on a hand-written table without the
 * whole import engine (advice sessions and PCAET values are read this way).
 */
export interface ImportTable {
  fields: readonly string[];
  count: number;
  rowOf(index: number): number;
  get(index: number, field: string): string | null;
  /** Commune found from coordinates, when the file had some. */
  inseeOf?(index: number): string | null;
}

export function tableFromImport(result: ImportResult): ImportTable {
  const { features } = result;
  return {
    fields: result.fields,
    count: features.count,
    rowOf: (i) => features.row[i]!,
    get: (i, field) => features.attributes[field]?.get(i) ?? null,
    inseeOf: (i) => features.insee[i] ?? null,
  };
}
