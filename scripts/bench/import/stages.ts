import type { ImportStageTimes } from '../../../src/io/import/importFile.ts';

/** Per-commune counts of one side of the benchmark, with its per-stage wall times. */
export interface ReferenceResult {
  counts: Record<string, number>;
  rows: number;
  stages: ImportStageTimes;
}
