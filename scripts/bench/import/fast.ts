import type { CommuneIndex } from '../../../src/geo/communeIndex.ts';
import { importFile } from '../../../src/io/import/importFile.ts';
import { countByCommune } from '../../../src/io/import/records.ts';
import type { ReferenceResult } from './stages.ts';

/** The app's pipeline: bytes → importFile (parse, reproject, validate, join) → per-commune counts. */
export async function fastCountsByCommune(
  bytes: Uint8Array,
  communes: CommuneIndex,
): Promise<ReferenceResult & { accepted: number }> {
  const stages = { parseMs: 0, reprojectMs: 0, joinMs: 0 };
  const result = await importFile(bytes, {
    kind: 'lights',
    fileName: 'eclairage.csv',
    communes,
    stageTimes: stages,
  });
  if (!result.ok) throw new Error(result.errors[0]?.reason ?? 'import failed');
  return {
    counts: countByCommune(result.features),
    rows: result.rows,
    accepted: result.features.count,
    stages,
  };
}

/** Sorted, comparable form of a counts object. */
export function canonical(counts: Record<string, number>): string {
  return JSON.stringify(
    Object.keys(counts)
      .sort()
      .map((code) => [code, counts[code]]),
  );
}
