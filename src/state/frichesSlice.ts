import type { StateCreator } from 'zustand';
import type { ExclusionRule } from '../domain/friches/exclusions.ts';
import {
  type Brownfield,
  CRITERIA,
  defaultProfile,
  IMPORTABLE_ROLES,
  type ImportableRole,
  isPresetId,
  type Pin,
  PRESETS,
  type PresetId,
  pinSite,
  type ScoringProfile,
  unpinSite,
} from '../domain/friches/index.ts';
import { valueSetOf } from '../domain/friches/presets.ts';
import type { AreaCollection, PointCollection } from '../domain/friches/types.ts';
import { type DataSource, registerPersistedSection } from './persist.ts';
import { siteOrigin } from './sourceState.ts';
import type { AppState } from './store.ts';

/**
 * Where a context layer comes from. Sample layers are fictional (« exemple fictif »): the label travels with
 * the layer so that the legend and the sheets never present them as real.
 */
export type ContextSource =
  | { kind: 'sample'; label: 'exemple fictif' }
  | { kind: 'import'; fileName: string; importedAt: string };

export interface FrichesContextEntry {
  role: ImportableRole;
  layer: PointCollection | AreaCollection;
  source: ContextSource;
  count: number;
}

export type FrichesContext = Partial<Record<ImportableRole, FrichesContextEntry>>;

/** The weights chosen by the user: a preset (or the balanced default, null) and its possibly edited weights. */
export interface FrichesWeights {
  preset: PresetId | null;
  weights: Record<string, number>;
  inverted: string[];
  /** The preset's eliminatory conditions as the user edited them (enabled, threshold). */
  exclusions: ExclusionRule[];
}

export const WEIGHT_MAX = 5;

/** The scoring profile of the user's weights: the one conversion every reader uses (panel, sheets, dashboard). */
export function frichesProfile(w: FrichesWeights): ScoringProfile {
  return {
    weights: w.weights,
    inverted: w.inverted,
    exclusions: w.exclusions,
    values: w.preset ? valueSetOf(PRESETS[w.preset].profile) : 'construction',
  };
}

/** What renaturation inverted before it had its own value functions: such a saved list is the old default. */
const LEGACY_RENATURATION_INVERTED = [
  'floodShare',
  'protectedShare',
  'corridorShare',
  'zoning',
  'buildingCondition',
];

export function presetWeights(preset: PresetId | null): FrichesWeights {
  const profile = preset ? PRESETS[preset].profile : defaultProfile();
  return {
    preset,
    weights: { ...profile.weights },
    inverted: [...profile.inverted],
    exclusions: (profile.exclusions ?? []).map((e) => ({ ...e })),
  };
}

export interface FrichesSlice {
  frichesSites: Brownfield[];
  /** null: nothing loaded yet (the module then loads the sample once the workspace is ready). */
  frichesSource: DataSource | null;
  frichesContext: FrichesContext;
  frichesWeights: FrichesWeights;
  /** Pinned sites in pinning order, each with its justification note. */
  frichesPins: Pin[];
  /** Session state (not persisted): the site whose sheet is open, and the one under the pointer. */
  frichesSelected: string | null;
  frichesHovered: string | null;
  /** « afficher les sites hors territoire » (session): outside sites on the map and in the table. */
  frichesShowOutside: boolean;
  setFrichesShowOutside: (show: boolean) => void;
  /** Edits one eliminatory condition of the current weights (enable, threshold). */
  setFrichesExclusion: (id: string, patch: { enabled?: boolean; threshold?: number }) => void;
  replaceFrichesSites: (sites: Brownfield[], source: DataSource) => void;
  /** Removes the sample's sites and layers, keeps the sites drawn or typed in the app. */
  dropFrichesSample: () => void;
  /** Adds a site (drawn or typed) or replaces the one with the same id (edited). */
  upsertFrichesSite: (site: Brownfield) => void;
  setFrichesContextLayer: (entry: FrichesContextEntry) => void;
  removeFrichesContextLayer: (role: ImportableRole) => void;
  /** Replaces every context layer (sample loading). */
  setFrichesContext: (context: FrichesContext) => void;
  applyFrichesPreset: (preset: PresetId | null) => void;
  setFrichesWeight: (criterion: string, weight: number) => void;
  setFrichesInverted: (criterion: string, inverted: boolean) => void;
  pinFriche: (siteId: string, note?: string) => void;
  unpinFriche: (siteId: string) => void;
  setFrichesPinNote: (siteId: string, note: string) => void;
  selectFriche: (siteId: string | null) => void;
  hoverFriche: (siteId: string | null) => void;
}

/** The context without its sample (fictional) layers. */
export function withoutSampleLayers(context: FrichesContext): FrichesContext {
  const kept = Object.values(context).filter((e) => e && e.source.kind !== 'sample');
  return Object.fromEntries(kept.map((e) => [e!.role, e])) as FrichesContext;
}

// Pins of sites absent from the new inventory would only produce "introuvable" warnings: they go.
// Real sites are never scored against fictional layers: the sample context goes with the sample sites.
function replacedSites(
  s: AppState,
  frichesSites: Brownfield[],
  frichesSource: DataSource,
): Partial<AppState> {
  const ids = new Set(frichesSites.map((site) => site.id));
  const frichesContext =
    frichesSource.kind === 'sample' ? s.frichesContext : withoutSampleLayers(s.frichesContext);
  return {
    frichesSites,
    frichesSource,
    frichesContext,
    frichesPins: s.frichesPins.filter((p) => ids.has(p.siteId)),
    frichesSelected: s.frichesSelected && ids.has(s.frichesSelected) ? s.frichesSelected : null,
    frichesHovered: null,
  };
}

const clampWeight = (w: number) => (Number.isFinite(w) ? Math.min(WEIGHT_MAX, Math.max(0, w)) : 0);
const now = () => new Date().toISOString();

export const createFrichesSlice: StateCreator<AppState, [], [], FrichesSlice> = (set) => ({
  frichesSites: [],
  frichesSource: null,
  frichesContext: {},
  frichesWeights: presetWeights(null),
  frichesPins: [],
  frichesSelected: null,
  frichesHovered: null,
  frichesShowOutside: false,
  setFrichesShowOutside: (frichesShowOutside) => set({ frichesShowOutside }),
  setFrichesExclusion: (id, patch) =>
    set((s) => ({
      frichesWeights: {
        ...s.frichesWeights,
        exclusions: s.frichesWeights.exclusions.map((e) =>
          e.id !== id
            ? e
            : {
                ...e,
                ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
                ...(e.kind === 'above' && patch.threshold !== undefined && Number.isFinite(patch.threshold)
                  ? { threshold: Math.min(1, Math.max(0, patch.threshold)) }
                  : {}),
              },
        ),
      },
    })),
  replaceFrichesSites: (frichesSites, frichesSource) =>
    set((s) => replacedSites(s, frichesSites, frichesSource)),
  dropFrichesSample: () =>
    set((s) => {
      const kept = s.frichesSites.filter((x) => siteOrigin(s, x) !== 'sample');
      if (s.frichesSource?.kind === 'sample')
        return replacedSites(s, kept, { kind: 'manual', updatedAt: now() });
      return kept.length === s.frichesSites.length ? {} : replacedSites(s, kept, s.frichesSource!);
    }),
  upsertFrichesSite: (site) =>
    set((s) => {
      const index = s.frichesSites.findIndex((x) => x.id === site.id);
      const frichesSites =
        index >= 0 ? s.frichesSites.map((x, i) => (i === index ? site : x)) : [...s.frichesSites, site];
      // On the sample the source stays the sample's: a drawn or typed site (row 0) makes the module
      // « mixed » (sourceState.ts); an edited sample site stays a fictional one. The team's shared sites stay
      // the team's (the edit is sent to the server).
      const kept = s.frichesSource?.kind === 'sample' || s.frichesSource?.kind === 'team';
      return {
        frichesSites,
        frichesSource: kept && s.frichesSource ? s.frichesSource : { kind: 'manual', updatedAt: now() },
      };
    }),
  setFrichesContextLayer: (entry) =>
    set((s) => ({ frichesContext: { ...s.frichesContext, [entry.role]: entry } })),
  removeFrichesContextLayer: (role) =>
    set((s) => {
      const { [role]: _removed, ...rest } = s.frichesContext;
      return { frichesContext: rest };
    }),
  setFrichesContext: (frichesContext) => set({ frichesContext }),
  applyFrichesPreset: (preset) => set({ frichesWeights: presetWeights(preset) }),
  setFrichesWeight: (criterion, weight) =>
    set((s) => ({
      frichesWeights: {
        ...s.frichesWeights,
        weights: { ...s.frichesWeights.weights, [criterion]: clampWeight(weight) },
      },
    })),
  setFrichesInverted: (criterion, inverted) =>
    set((s) => {
      const others = s.frichesWeights.inverted.filter((id) => id !== criterion);
      return {
        frichesWeights: { ...s.frichesWeights, inverted: inverted ? [...others, criterion] : others },
      };
    }),
  pinFriche: (siteId, note = '') => set((s) => ({ frichesPins: pinSite(s.frichesPins, siteId, note) })),
  unpinFriche: (siteId) => set((s) => ({ frichesPins: unpinSite(s.frichesPins, siteId) })),
  setFrichesPinNote: (siteId, note) =>
    set((s) =>
      s.frichesPins.some((p) => p.siteId === siteId)
        ? { frichesPins: pinSite(s.frichesPins, siteId, note) }
        : {},
    ),
  selectFriche: (frichesSelected) => set({ frichesSelected }),
  hoverFriche: (frichesHovered) => set({ frichesHovered }),
});

/** Weights from storage, made safe: unknown criteria dropped, bad numbers replaced by the preset's. */
export function cleanFrichesWeights(input: Partial<FrichesWeights> | undefined): FrichesWeights {
  const preset = typeof input?.preset === 'string' && isPresetId(input.preset) ? input.preset : null;
  const base = presetWeights(preset);
  const weights = { ...base.weights };
  for (const c of CRITERIA) {
    const w = input?.weights?.[c.id];
    if (typeof w === 'number' && Number.isFinite(w)) weights[c.id] = clampWeight(w);
  }
  const known = new Set<string>(CRITERIA.map((c) => c.id));
  const storedInverted = Array.isArray(input?.inverted)
    ? [...new Set(input.inverted.filter((id): id is string => typeof id === 'string' && known.has(id)))]
    : null;
  const legacy =
    preset === 'renaturation' &&
    storedInverted?.length === LEGACY_RENATURATION_INVERTED.length &&
    LEGACY_RENATURATION_INVERTED.every((id) => storedInverted.includes(id));
  const inverted = storedInverted && !legacy ? storedInverted : base.inverted;
  // Stored exclusions are kept only for the preset's own rules (ids), with a safe enabled flag and threshold.
  const stored = Array.isArray(input?.exclusions) ? input.exclusions : [];
  const exclusions = base.exclusions.map((rule) => {
    const saved = stored.find((e) => e && typeof e === 'object' && e.id === rule.id);
    if (!saved) return rule;
    const enabled = typeof saved.enabled === 'boolean' ? saved.enabled : rule.enabled;
    if (rule.kind !== 'above' || saved.kind !== 'above') return { ...rule, enabled };
    const t = saved.threshold;
    return { ...rule, enabled, threshold: typeof t === 'number' && t >= 0 && t <= 1 ? t : rule.threshold };
  });
  return { preset, weights, inverted, exclusions };
}

function cleanPins(input: unknown): Pin[] {
  if (!Array.isArray(input)) return [];
  let pins: Pin[] = [];
  for (const p of input as Partial<Pin>[]) {
    if (typeof p?.siteId === 'string' && p.siteId)
      pins = pinSite(pins, p.siteId, typeof p.note === 'string' ? p.note : '');
  }
  return pins;
}

function cleanContext(input: unknown): FrichesContext {
  const out: FrichesContext = {};
  if (typeof input !== 'object' || input === null) return out;
  for (const role of IMPORTABLE_ROLES) {
    const entry = (input as Record<string, Partial<FrichesContextEntry> | undefined>)[role];
    const features = entry?.layer?.features;
    if (!entry?.source || !Array.isArray(features)) continue;
    out[role] = { role, layer: entry.layer!, source: entry.source, count: features.length };
  }
  return out;
}

interface PersistedFriches {
  sites: Brownfield[];
  source: DataSource | null;
  context: FrichesContext;
  weights: FrichesWeights;
  pins: Pin[];
}

registerPersistedSection<PersistedFriches>({
  key: 'friches',
  version: 1,
  // Selection and hover are session state; the criteria matrix is derived (recomputed on load).
  pick: (s) => ({
    sites: s.frichesSites,
    source: s.frichesSource,
    context: s.frichesContext,
    weights: s.frichesWeights,
    pins: s.frichesPins,
  }),
  apply: (data) => {
    const patch: Partial<AppState> = {};
    if (Array.isArray(data?.sites) && (data.sites.length > 0 || data.source)) {
      patch.frichesSites = data.sites;
      patch.frichesSource = data.source ?? { kind: 'manual', updatedAt: now() };
    }
    if (data?.context) patch.frichesContext = cleanContext(data.context);
    if (data?.weights) patch.frichesWeights = cleanFrichesWeights(data.weights);
    if (data?.pins) patch.frichesPins = cleanPins(data.pins);
    return patch;
  },
});
