import type { StateCreator } from 'zustand';
import { DEFAULT_MATURITY_MONTHS } from '../domain/advice/conversion.ts';
import { updateFollowUp } from '../domain/advice/followUp.ts';
import { DEFAULT_REMINDER_OFFSETS, normaliseOffsets } from '../domain/advice/reminders.ts';
import type { AdviceSession, FollowUpStatus } from '../domain/advice/types.ts';
import { formatSchemaErrors } from '../schema/issues.ts';
import { checkSectionData } from '../schema/sections.ts';
import { type DataSource, registerPersistedSection } from './persist.ts';
import { adviceOrigin } from './sourceState.ts';
import type { AppState } from './store.ts';

export interface AdviceSettings {
  /** A session is judged (counted in the conversion rate) once this many months old. */
  maturityMonths: number;
  /** Reminders at these months after the session (strictly increasing). */
  reminderOffsets: number[];
}

/** What the advice map colours communes by. */
export type AdviceMapIndicator = 'sessionsPer1000' | 'conversionRate';

export const DEFAULT_ADVICE_SETTINGS: AdviceSettings = {
  maturityMonths: DEFAULT_MATURITY_MONTHS,
  reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
};

export interface AdviceSlice {
  adviceSessions: AdviceSession[];
  /** null: nothing loaded yet (the panel then loads the sample). */
  adviceSource: DataSource | null;
  adviceSettings: AdviceSettings;
  adviceMapIndicator: AdviceMapIndicator;
  addAdviceSession: (session: AdviceSession) => void;
  updateAdviceFollowUp: (id: string, status: FollowUpStatus, date: string, note?: string) => void;
  replaceAdviceSessions: (sessions: AdviceSession[], source: DataSource) => void;
  /** Removes the sample's sessions, keeps the file's and those typed in the app (then « saisie manuelle » if no file). */
  dropAdviceSample: () => void;
  setAdviceSettings: (settings: Partial<AdviceSettings>) => void;
  setAdviceMapIndicator: (indicator: AdviceMapIndicator) => void;
}

/** Settings from storage or a form, made safe: a bad value falls back to the default, never breaks the queue. */
export function cleanAdviceSettings(input: Partial<AdviceSettings>, base: AdviceSettings): AdviceSettings {
  const months = input.maturityMonths;
  const maturityMonths =
    typeof months === 'number' && Number.isInteger(months) && months >= 0 && months <= 60
      ? months
      : base.maturityMonths;
  const offsets = Array.isArray(input.reminderOffsets) ? normaliseOffsets(input.reminderOffsets) : [];
  return { maturityMonths, reminderOffsets: offsets.length > 0 ? offsets : base.reminderOffsets };
}

const now = () => new Date().toISOString();

export const createAdviceSlice: StateCreator<AppState, [], [], AdviceSlice> = (set) => ({
  adviceSessions: [],
  adviceSource: null,
  adviceSettings: DEFAULT_ADVICE_SETTINGS,
  adviceMapIndicator: 'sessionsPer1000',
  addAdviceSession: (session) =>
    set((s) => ({
      adviceSessions: [...s.adviceSessions, session],
      // On the sample the source stays the sample's: the typed session is told apart by having no file row,
      // and the module is then shown as « mixed » (sourceState.ts), never as sample alone.
      adviceSource: s.adviceSource ?? { kind: 'manual', updatedAt: now() },
    })),
  updateAdviceFollowUp: (id, status, date, note) =>
    set((s) => ({
      adviceSessions: s.adviceSessions.map((x) => (x.id === id ? updateFollowUp(x, status, date, note) : x)),
    })),
  replaceAdviceSessions: (adviceSessions, adviceSource) => set({ adviceSessions, adviceSource }),
  // Keeps the file's and the typed sessions (recordOrigin); a file's source stays the module's source.
  dropAdviceSample: () =>
    set((s) => {
      const kept = s.adviceSessions.filter((x) => adviceOrigin(s, x) !== 'sample');
      if (kept.length === s.adviceSessions.length && s.adviceSource?.kind !== 'sample') return {};
      return {
        adviceSessions: kept,
        adviceSource:
          s.adviceSource?.kind === 'sample' ? { kind: 'manual', updatedAt: now() } : s.adviceSource,
      };
    }),
  setAdviceSettings: (settings) =>
    set((s) => ({ adviceSettings: cleanAdviceSettings(settings, s.adviceSettings) })),
  setAdviceMapIndicator: (adviceMapIndicator) => set({ adviceMapIndicator }),
});

interface PersistedAdvice {
  sessions: AdviceSession[];
  source: DataSource | null;
  settings: AdviceSettings;
  mapIndicator: AdviceMapIndicator;
}

registerPersistedSection<PersistedAdvice>({
  key: 'advice',
  // Version 2: the household salt is no longer part of the workspace (it was exported in project files); the
  // pseudonym key lives in the browser only (src/storage/pseudonymKey.ts). A version-1 `householdSalt` is
  // dropped, never adopted as the key, since it may already have left in an exported file.
  version: 2,
  pick: (s) => ({
    sessions: s.adviceSessions,
    source: s.adviceSource,
    settings: s.adviceSettings,
    mapIndicator: s.adviceMapIndicator,
  }),
  apply: (data, storedVersion) => {
    // The current version is checked against its schema before `apply`; an older one is checked here.
    if (storedVersion < 2) {
      const checked = checkSectionData('advice', data);
      if (!checked.ok) throw new Error(formatSchemaErrors(checked.errors));
    }
    const patch: Partial<AppState> = {};
    // A module never loaded was saved empty with no source: restoring that must still let the sample load.
    if (Array.isArray(data?.sessions) && (data.sessions.length > 0 || data.source)) {
      patch.adviceSessions = data.sessions;
      patch.adviceSource = data.source ?? { kind: 'manual', updatedAt: now() };
    }
    if (data?.settings) patch.adviceSettings = cleanAdviceSettings(data.settings, DEFAULT_ADVICE_SETTINGS);
    if (data?.mapIndicator === 'sessionsPer1000' || data?.mapIndicator === 'conversionRate')
      patch.adviceMapIndicator = data.mapIndicator;
    return patch;
  },
});
