/**
 * Everything the lighting views show is derived from the store's raw data here, once per change of its
 * inputs, and shared by the panel, the legend and the map layer (several components read the same value
 * within one render, so a per-component useMemo would compute it several times).
 */
import {
  buildLightsTable,
  type ComplianceSettings,
  complianceCodes,
  computeProgress,
  filterLights,
  type LightCategory,
  type LightingSettings,
  type LightPoint,
  type LightsContext,
  type LightsProgress,
  type LightsTable,
  lightsContext,
  sortByConsumption,
  VERDICTS,
  type Verdict,
} from '../../domain/lights/index.ts';
import type { CommuneCollection, ContractConfig } from '../../domain/territory/types.ts';
import { memoLast } from '../../lib/memo.ts';
import { type LightMapFeature, lightFeatures, pickFeatures } from '../../map/layers/lights.ts';
import { type LightsFilterChoice, toLightFilter } from '../../state/lightsSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { firstInOrder } from './ranking.ts';

const EMPTY_COMMUNES: CommuneCollection = { type: 'FeatureCollection', features: [] };

export const contextOf = memoLast((communes: CommuneCollection): LightsContext => lightsContext(communes));
export const tableOf = memoLast(
  (points: LightPoint[], settings: LightingSettings): LightsTable => buildLightsTable(points, settings),
);
/** Compliance verdict code of every point (compliance.ts), computed only when a view asks for it. */
export const complianceCodesOf = memoLast(
  (points: LightPoint[], settings: ComplianceSettings): Uint8Array => complianceCodes(points, settings),
);
let lastFeatures: LightMapFeature[] | undefined;
/** `compliance` only while the map is coloured by compliance (features then carry their verdict). */
export const featuresOf = memoLast((table: LightsTable, compliance?: Uint8Array): LightMapFeature[] => {
  lastFeatures = lightFeatures(table, lastFeatures, compliance);
  return lastFeatures;
});
export const verdictCountsOf = memoLast(
  (
    features: readonly LightMapFeature[],
    indices: Uint32Array,
  ): Partial<Record<Verdict | 'notAssessed', number>> => {
    const counts: Partial<Record<Verdict | 'notAssessed', number>> = {};
    for (const i of indices) {
      const f = features[i];
      if (!f) continue;
      const v = f.properties.compliance ?? 'notAssessed';
      counts[v] = (counts[v] ?? 0) + 1;
    }
    return counts;
  },
);
/** Two caches: the filtered points and the selected points are picked from the same features. */
export const filteredCollectionOf = memoLast(pickFeatures);
export const selectedCollectionOf = memoLast(pickFeatures);
export const categoryCountsOf = memoLast(
  (features: readonly LightMapFeature[], indices: Uint32Array): Partial<Record<LightCategory, number>> => {
    const counts: Partial<Record<LightCategory, number>> = {};
    for (const i of indices) {
      const c = features[i]?.properties.category;
      if (c) counts[c] = (counts[c] ?? 0) + 1;
    }
    return counts;
  },
);
const baseFilteredOf = memoLast(
  (table: LightsTable, filter: LightsFilterChoice, context: LightsContext): Uint32Array =>
    filterLights(table, toLightFilter(filter), context),
);
const byVerdictOf = memoLast(
  (indices: Uint32Array, codes: Uint8Array, verdicts: readonly Verdict[]): Uint32Array => {
    const wanted = new Set(verdicts.map((v) => VERDICTS.indexOf(v)));
    return indices.filter((i) => wanted.has(codes[i]!));
  },
);
/** Indices matching the filter; the compliance criterion needs the verdicts, computed only then. */
export function filteredOf(
  table: LightsTable,
  filter: LightsFilterChoice,
  context: LightsContext,
  compliance: ComplianceSettings,
): Uint32Array {
  const base = baseFilteredOf(table, filter, context);
  if (!filter.compliance || filter.compliance.length === 0) return base;
  return byVerdictOf(base, complianceCodesOf(table.points as LightPoint[], compliance), filter.compliance);
}
/** Every point by consumption, biggest first: sorted once per table, not once per filter change. */
export const orderOf = memoLast(
  (table: LightsTable): Uint32Array =>
    sortByConsumption(
      table,
      Uint32Array.from(table.points, (_, i) => i),
    ),
);
/** The first `limit` filtered points by consumption. */
export const topOf = memoLast(
  (table: LightsTable, filtered: Uint32Array, limit: number): Uint32Array =>
    firstInOrder(orderOf(table), filtered, table.points.length, limit),
);
export const progressOf = memoLast(
  (
    points: LightPoint[],
    settings: LightingSettings,
    contract: ContractConfig,
    context: LightsContext,
  ): LightsProgress => computeProgress(points, settings, contract, context),
);
/** Indices of the selected points, in point order. */
export const selectedIndicesOf = memoLast((points: LightPoint[], selection: string[]): Uint32Array => {
  if (selection.length === 0) return new Uint32Array(0);
  const wanted = new Set(selection);
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) if (wanted.has(points[i]!.id)) out.push(i);
  return Uint32Array.from(out);
});

export function useLightsContext(): LightsContext {
  const communes = useAppStore((s) => s.territory?.communes ?? EMPTY_COMMUNES);
  return contextOf(communes);
}

export function useLightsTable(): LightsTable {
  const points = useAppStore((s) => s.lightPoints);
  const settings = useAppStore((s) => s.lightingSettings);
  return tableOf(points, settings);
}

/** Indices of the points matching the user's filter (ascending). */
export function useFilteredLights(): Uint32Array {
  const table = useLightsTable();
  const filter = useAppStore((s) => s.lightsFilter);
  const compliance = useAppStore((s) => s.lightsCompliance);
  return filteredOf(table, filter, useLightsContext(), compliance);
}

/** The map features, carrying their compliance verdict while the map is coloured by it. */
export function useLightFeatures(): LightMapFeature[] {
  const table = useLightsTable();
  const style = useAppStore((s) => s.lightsMapStyle);
  const points = useAppStore((s) => s.lightPoints);
  const compliance = useAppStore((s) => s.lightsCompliance);
  return featuresOf(table, style === 'compliance' ? complianceCodesOf(points, compliance) : undefined);
}

export function useSelectedIndices(): Uint32Array {
  const points = useAppStore((s) => s.lightPoints);
  const selection = useAppStore((s) => s.lightsSelection);
  return selectedIndicesOf(points, selection);
}

export function useLightsProgress(): LightsProgress | null {
  const points = useAppStore((s) => s.lightPoints);
  const settings = useAppStore((s) => s.lightingSettings);
  const contract = useAppStore((s) => s.territory?.meta.contract);
  const context = useLightsContext();
  return contract ? progressOf(points, settings, contract, context) : null;
}
