import {
  type Brownfield,
  type ContextLayers,
  type CriteriaMatrix,
  computeCriteriaMatrix,
  type PreparedContext,
  prepareContext,
} from '../domain/friches/index.ts';

/** Sites evaluated between two progress reports (and two chances to notice a cancellation). */
export const MATRIX_CHUNK = 50;

export interface MatrixProgress {
  onProgress?: (done: number, total: number) => void;
  /** Awaited between chunks: lets a worker receive a cancellation (throws when cancelled). */
  pause?: () => Promise<void>;
}

/** Joins matrices computed on consecutive slices of the same inventory, in order. */
export function concatMatrices(parts: readonly CriteriaMatrix[], criteria: CriteriaMatrix['criteria']) {
  const m = criteria.length;
  const n = parts.reduce((sum, p) => sum + p.siteCount, 0);
  const raw = new Float64Array(n * m);
  const normalised = new Float64Array(n * m);
  const renaturation = new Float64Array(n * m);
  const eligible = new Uint8Array(n);
  const outside = new Uint8Array(n);
  const siteIds: string[] = [];
  const exclusion: (string | null)[] = [];
  const failures: CriteriaMatrix['failures'] = [];
  let offset = 0;
  for (const part of parts) {
    raw.set(part.raw, offset * m);
    normalised.set(part.normalised, offset * m);
    renaturation.set(part.renaturation, offset * m);
    eligible.set(part.eligible, offset);
    outside.set(part.outside, offset);
    siteIds.push(...part.siteIds);
    exclusion.push(...part.exclusion);
    for (const f of part.failures) failures.push({ ...f, site: f.site + offset });
    offset += part.siteCount;
  }
  const matrix: CriteriaMatrix = {
    siteIds,
    criteria,
    siteCount: n,
    criterionCount: m,
    raw,
    normalised,
    renaturation,
    eligible,
    outside,
    exclusion,
    // Which layers are missing depends on the context only: the same for every slice.
    missingLayers: parts[0]?.missingLayers ?? criteria.map(() => []),
    failures,
  };
  return matrix;
}

/**
 * The criteria matrix of an inventory, in slices of MATRIX_CHUNK sites so that progress can be shown and a
 * cancellation honoured between slices. Same result as `computeCriteriaMatrix(sites, prepareContext(layers))`.
 */
export async function computeMatrixInChunks(
  sites: readonly Brownfield[],
  layers: ContextLayers,
  controls: MatrixProgress = {},
): Promise<CriteriaMatrix> {
  const context: PreparedContext = prepareContext(layers);
  const parts: CriteriaMatrix[] = [];
  controls.onProgress?.(0, sites.length);
  for (let start = 0; start < sites.length; start += MATRIX_CHUNK) {
    parts.push(computeCriteriaMatrix(sites.slice(start, start + MATRIX_CHUNK), context));
    controls.onProgress?.(Math.min(sites.length, start + MATRIX_CHUNK), sites.length);
    await controls.pause?.();
  }
  if (parts.length === 0) return computeCriteriaMatrix([], context);
  return concatMatrices(parts, parts[0]!.criteria);
}
