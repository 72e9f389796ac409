import type { StateCreator } from 'zustand';
import {
  applyEdit,
  type ComplianceSettings,
  DEFAULT_COMPLIANCE_SETTINGS,
  DEFAULT_LIGHTING_SETTINGS,
  type LightEdit,
  type LightFilter,
  type LightingSettingKey,
  type LightingSettings,
  type LightPoint,
  type LightStatus,
  type LightsMapStyle,
  lossFactorProblem,
  STATUSES,
  settingProblem,
  TECHNOLOGIES,
  type Technology,
  type UndoRecord,
  undoEdit,
  VERDICTS,
  type Verdict,
} from '../domain/lights/index.ts';
import {
  type ColumnarRecords,
  decodeColumnar,
  encodeColumnar,
  isColumnarRecords,
} from '../io/project/columnar.ts';
import { memoLast } from '../lib/memo.ts';
import { formatSchemaErrors } from '../schema/issues.ts';
import { checkSectionData } from '../schema/sections.ts';
import { type DataSource, registerPersistedSection } from './persist.ts';
import { lightOrigin } from './sourceState.ts';
import type { AppState } from './store.ts';

/** What the user chose in the filter form (raw choices; the domain LightFilter is derived from it). */
export interface LightsFilterChoice {
  /** INSEE codes; empty = every commune. */
  communes: string[];
  /** EPCI SIREN codes; empty = every EPCI. */
  epci: string[];
  statuses: LightStatus[];
  technologies: Technology[];
  /** Inclusive bounds on the power in place today (W); null = no bound. */
  powerMinW: number | null;
  powerMaxW: number | null;
  /** Compliance verdicts (arrêté du 27 décembre 2018); empty = any. */
  compliance: Verdict[];
}

export const EMPTY_LIGHTS_FILTER: LightsFilterChoice = Object.freeze({
  communes: [],
  epci: [],
  statuses: [],
  technologies: [],
  powerMinW: null,
  powerMaxW: null,
  compliance: [],
}) as LightsFilterChoice;

/** Undo depth: each record holds the replaced points, so the stack is bounded. */
export const LIGHTS_UNDO_DEPTH = 20;

export type LightsEditOutcome = { ok: true; changed: number } | { ok: false; reason: string };

export interface LightsSlice {
  lightPoints: LightPoint[];
  /** null: nothing loaded yet (the module then loads the sample once the workspace is ready). */
  lightsSource: DataSource | null;
  lightingSettings: LightingSettings;
  lightsFilter: LightsFilterChoice;
  /** Ids of the selected points (the target of batch edits and exports). */
  lightsSelection: string[];
  /** Most recent last. */
  lightsUndo: UndoRecord[];
  replaceLights: (points: LightPoint[], source: DataSource) => void;
  /** Removes the sample's points kept under a file's import (« Ajouter »), keeps the file's. */
  dropLightsSample: () => void;
  /** Applies an edit to the given ids (default: the selection); nothing changes when the input is invalid. */
  applyLightsEdit: (edit: LightEdit, ids?: readonly string[]) => LightsEditOutcome;
  undoLightsEdit: () => void;
  setLightsFilter: (patch: Partial<LightsFilterChoice>) => void;
  resetLightsFilter: () => void;
  setLightsSelection: (ids: readonly string[]) => void;
  setLightingSettings: (settings: LightingSettings) => void;
  /** Communes in protected areas / with a required switch-off (what the compliance view needs to know). */
  lightsCompliance: ComplianceSettings;
  setLightsCompliance: (settings: ComplianceSettings) => void;
  lightsMapStyle: LightsMapStyle;
  setLightsMapStyle: (style: LightsMapStyle) => void;
}

/** The domain filter for a user choice (empty lists and null bounds mean "no criterion"). */
export function toLightFilter(choice: LightsFilterChoice): LightFilter {
  return {
    communes: choice.communes,
    epci: choice.epci,
    statuses: choice.statuses,
    technologies: choice.technologies,
    ...(choice.powerMinW !== null ? { powerMinW: choice.powerMinW } : {}),
    ...(choice.powerMaxW !== null ? { powerMaxW: choice.powerMaxW } : {}),
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const bound = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

/** A filter from storage or a form, made safe: unknown codes are dropped, bad bounds become "none". */
export function cleanLightsFilter(input: Partial<LightsFilterChoice> | undefined): LightsFilterChoice {
  const statuses = strings(input?.statuses).filter((s): s is LightStatus =>
    (STATUSES as readonly string[]).includes(s),
  );
  const technologies = strings(input?.technologies).filter((t): t is Technology =>
    (TECHNOLOGIES as readonly string[]).includes(t),
  );
  return {
    communes: strings(input?.communes),
    epci: strings(input?.epci),
    statuses,
    technologies,
    powerMinW: bound(input?.powerMinW),
    powerMaxW: bound(input?.powerMaxW),
    compliance: strings(input?.compliance).filter((v): v is Verdict =>
      (VERDICTS as readonly string[]).includes(v),
    ),
  };
}

/** Compliance settings from storage, made safe (lists of INSEE codes). */
export function cleanComplianceSettings(input: Partial<ComplianceSettings> | undefined): ComplianceSettings {
  return {
    protectedCommunes: strings(input?.protectedCommunes),
    switchOffCommunes: strings(input?.switchOffCommunes),
  };
}

/** Settings from storage, made safe: each unusable value falls back to the default with its source. */
export function cleanLightingSettings(input: Partial<LightingSettings> | undefined): LightingSettings {
  const out: LightingSettings = {
    ...DEFAULT_LIGHTING_SETTINGS,
    sources: { ...DEFAULT_LIGHTING_SETTINGS.sources },
  };
  for (const key of Object.keys(DEFAULT_LIGHTING_SETTINGS.sources) as LightingSettingKey[]) {
    const value = input?.[key];
    if (typeof value !== 'number' || settingProblem(key, value) !== null) continue;
    out[key] = value;
    const source = input?.sources?.[key];
    if (typeof source === 'string' && source) out.sources[key] = source;
  }
  const losses: Partial<Record<Technology, number>> = {};
  for (const t of TECHNOLOGIES) {
    const value = input?.lossFactors?.[t];
    if (typeof value === 'number' && lossFactorProblem(t, value) === null) losses[t] = value;
  }
  if (Object.keys(losses).length > 0) out.lossFactors = losses;
  return out;
}

export const createLightsSlice: StateCreator<AppState, [], [], LightsSlice> = (set, get) => ({
  lightPoints: [],
  lightsSource: null,
  lightingSettings: DEFAULT_LIGHTING_SETTINGS,
  lightsFilter: EMPTY_LIGHTS_FILTER,
  lightsSelection: [],
  lightsUndo: [],
  // A new inventory makes the old selection and undo records meaningless (other ids, other positions).
  replaceLights: (lightPoints, lightsSource) =>
    set({ lightPoints, lightsSource, lightsSelection: [], lightsUndo: [] }),
  dropLightsSample: () =>
    set((s) => {
      const kept = s.lightPoints.filter((p) => lightOrigin(s, p) !== 'sample');
      if (kept.length === s.lightPoints.length) return {};
      const lightsSource: DataSource =
        s.lightsSource?.kind === 'sample' || !s.lightsSource
          ? { kind: 'manual', updatedAt: new Date().toISOString() }
          : s.lightsSource;
      return { lightPoints: kept, lightsSource, lightsSelection: [], lightsUndo: [] };
    }),
  applyLightsEdit: (edit, ids) => {
    const state = get();
    const result = applyEdit(state.lightPoints, ids ?? state.lightsSelection, edit);
    if (!result.ok) return result;
    if (result.changed === 0) return { ok: false, reason: 'Aucun point sélectionné.' };
    set({
      lightPoints: result.points,
      lightsUndo: [...state.lightsUndo, result.undo].slice(-LIGHTS_UNDO_DEPTH),
      // Edited by hand: the data is no longer the file as imported, but a sample stays labelled as one, and the
      // team's shared points stay the team's (the edit is sent to the server).
      lightsSource:
        state.lightsSource?.kind === 'sample' || state.lightsSource?.kind === 'team'
          ? state.lightsSource
          : { kind: 'manual', updatedAt: new Date().toISOString() },
    });
    return { ok: true, changed: result.changed };
  },
  undoLightsEdit: () =>
    set((s) => {
      const last = s.lightsUndo.at(-1);
      if (!last) return {};
      return { lightPoints: undoEdit(s.lightPoints, last), lightsUndo: s.lightsUndo.slice(0, -1) };
    }),
  setLightsFilter: (patch) => set((s) => ({ lightsFilter: { ...s.lightsFilter, ...patch } })),
  resetLightsFilter: () => set({ lightsFilter: EMPTY_LIGHTS_FILTER }),
  setLightsSelection: (ids) => set({ lightsSelection: [...new Set(ids)] }),
  setLightingSettings: (lightingSettings) => set({ lightingSettings }),
  lightsCompliance: DEFAULT_COMPLIANCE_SETTINGS,
  setLightsCompliance: (lightsCompliance) => set({ lightsCompliance }),
  lightsMapStyle: 'status',
  setLightsMapStyle: (lightsMapStyle) => set({ lightsMapStyle }),
});

interface PersistedLights {
  /** Version 2: columns in chunks (io/project/columnar.ts); version 1: a list of point objects. */
  points: ColumnarRecords | LightPoint[];
  source: DataSource | null;
  settings: LightingSettings;
}

let lastColumns: ColumnarRecords | null = null;
/**
 * The points as saved: one columnar encoding per point list, reusing the chunks whose points did not change
 * (an edit of 200 points re-encodes their chunks only). A million point objects cloned by IndexedDB and
 * walked by the storability check took tens of seconds of main thread; columns take milliseconds.
 */
const columnsOf = memoLast((points: LightPoint[]): ColumnarRecords | LightPoint[] => {
  try {
    lastColumns = encodeColumnar(points, lastColumns);
    return lastColumns;
  } catch {
    // A state no schema lets in (a null point) cannot be put in columns: saved as the list it is, as version
    // 1 did, the restore schema keeps it aside with its path and « Exporter mes données » says why.
    return points;
  }
});

registerPersistedSection<PersistedLights>({
  key: 'lights',
  version: 2,
  pick: (s) => ({ points: columnsOf(s.lightPoints), source: s.lightsSource, settings: s.lightingSettings }),
  apply: (data, storedVersion) => {
    // A version 1 section is not checked before `apply` (older versions migrate here): the same schema
    // (it reads a list of point objects too), and bad data — a null point, a section that is not an object —
    // keeps the section aside (restoreSection) rather than dropping points or applying nothing silently.
    // A points value that is no list holds no point to lose: ignored, the settings still read (cleaned).
    const notObject = typeof data !== 'object' || data === null || Array.isArray(data);
    if (storedVersion < 2 && (notObject || Array.isArray(data.points))) {
      const checked = checkSectionData('lights', data);
      if (!checked.ok) throw new Error(formatSchemaErrors(checked.errors));
    }
    const points = isColumnarRecords(data?.points)
      ? decodeColumnar<LightPoint>(data.points as ColumnarRecords)
      : data?.points;
    const patch: Partial<AppState> = {};
    if (Array.isArray(points) && (points.length > 0 || data.source)) {
      // The decoded points are the ones the next save compares: their chunks are saved again as they are.
      patch.lightPoints = points;
      patch.lightsSource = data.source ?? { kind: 'manual', updatedAt: new Date().toISOString() };
    }
    if (data?.settings) patch.lightingSettings = cleanLightingSettings(data.settings);
    return patch;
  },
});

/**
 * The filter is its own section: sections are saved whole, and a click in the filter form must not re-save
 * 25,000 points. Selection and undo records are session state, not restored after a reload.
 */
registerPersistedSection<{ filter: LightsFilterChoice; mapStyle?: LightsMapStyle }>({
  key: 'lightsView',
  version: 1,
  pick: (s) => ({ filter: s.lightsFilter, mapStyle: s.lightsMapStyle }),
  apply: (data) => ({
    ...(data?.filter ? { lightsFilter: cleanLightsFilter(data.filter) } : {}),
    ...(data?.mapStyle === 'compliance' || data?.mapStyle === 'status'
      ? { lightsMapStyle: data.mapStyle }
      : {}),
  }),
});

/** What the user states about the territory for the arrêté of 2018: saved with the project. */
registerPersistedSection<ComplianceSettings>({
  key: 'lightsCompliance',
  version: 1,
  pick: (s) => s.lightsCompliance,
  apply: (data) => (data ? { lightsCompliance: cleanComplianceSettings(data) } : {}),
});
