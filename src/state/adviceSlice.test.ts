import { beforeEach, describe, expect, it } from 'vitest';
import { makeSession } from '../domain/advice/testSessions.ts';
import { DEFAULT_ADVICE_SETTINGS } from './adviceSlice.ts';
import { persistedSections } from './persist.ts';
import { adviceShownSource } from './sourceState.ts';
import { useAppStore } from './store.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const section = () => persistedSections().find((s) => s.key === 'advice')!;

describe('advice slice', () => {
  it('starts empty', () => {
    const s = useAppStore.getState();
    expect(s.adviceSessions).toEqual([]);
    expect(s.adviceSource).toBeNull();
  });

  it('adds a session and marks manual entry as the source when nothing was loaded', () => {
    useAppStore.getState().addAdviceSession(makeSession('A', '2026-01-10'));
    const s = useAppStore.getState();
    expect(s.adviceSessions.map((x) => x.id)).toEqual(['A']);
    expect(s.adviceSource?.kind).toBe('manual');
  });

  it('shows a session typed on top of the sample as mixed, never as sample alone', () => {
    const sample = { kind: 'sample', label: "Données d'exemple" } as const;
    useAppStore
      .getState()
      .replaceAdviceSessions([{ ...makeSession('S1', '2025-02-01'), sourceRow: 2 }], sample);
    expect(adviceShownSource(useAppStore.getState())).toEqual(sample);
    useAppStore.getState().addAdviceSession(makeSession('A', '2026-01-10'));
    expect(useAppStore.getState().adviceSessions).toHaveLength(2);
    expect(adviceShownSource(useAppStore.getState())).toEqual({ kind: 'mixed', userCount: 1 });
  });

  it('drops the sample and keeps the typed sessions, then labelled as manual entry', () => {
    const sample = { kind: 'sample', label: "Données d'exemple" } as const;
    const { replaceAdviceSessions, addAdviceSession } = useAppStore.getState();
    replaceAdviceSessions(
      [
        { ...makeSession('S1', '2025-02-01'), sourceRow: 2 },
        { ...makeSession('S2', '2025-03-01'), sourceRow: 3 },
      ],
      sample,
    );
    addAdviceSession(makeSession('A', '2026-01-10'));
    useAppStore.getState().dropAdviceSample();
    const s = useAppStore.getState();
    expect(s.adviceSessions.map((x) => x.id)).toEqual(['A']);
    expect(s.adviceSource?.kind).toBe('manual');
    expect(adviceShownSource(s)?.kind).toBe('manual');
  });

  it('never drops imported sessions: « retirer l’exemple » only acts on the sample', () => {
    const file = { kind: 'import', fileName: 'conseils.csv', importedAt: '2026-01-01' } as const;
    useAppStore
      .getState()
      .replaceAdviceSessions([{ ...makeSession('F1', '2025-02-01'), sourceRow: 2 }], file);
    useAppStore.getState().addAdviceSession(makeSession('A', '2026-01-10'));
    useAppStore.getState().dropAdviceSample();
    expect(useAppStore.getState().adviceSessions).toHaveLength(2);
    expect(adviceShownSource(useAppStore.getState())).toEqual(file);
  });

  it('records a follow-up contact on the right session only', () => {
    const { replaceAdviceSessions, updateAdviceFollowUp } = useAppStore.getState();
    replaceAdviceSessions([makeSession('A', '2026-01-10'), makeSession('B', '2026-01-11')], {
      kind: 'manual',
      updatedAt: '2026-01-11T00:00:00Z',
    });
    updateAdviceFollowUp('B', 'worksDone', '2026-04-02', 'devis signé');
    const [a, b] = useAppStore.getState().adviceSessions;
    expect(a!.followUp.contacts).toEqual([]);
    expect(b!.followUp.status).toBe('worksDone');
    expect(b!.followUp.contacts).toEqual([
      { date: '2026-04-02', statusAfter: 'worksDone', note: 'devis signé' },
    ]);
  });

  it('rejects unusable settings instead of breaking the reminder schedule', () => {
    const { setAdviceSettings } = useAppStore.getState();
    setAdviceSettings({ maturityMonths: 9, reminderOffsets: [12, 2, 2, -1] });
    expect(useAppStore.getState().adviceSettings).toEqual({ maturityMonths: 9, reminderOffsets: [2, 12] });
    setAdviceSettings({ maturityMonths: -3, reminderOffsets: [0] });
    expect(useAppStore.getState().adviceSettings).toEqual({ maturityMonths: 9, reminderOffsets: [2, 12] });
  });

  it('persists sessions, source and settings (never a pseudonym key or salt), and restores them', () => {
    const { replaceAdviceSessions, setAdviceSettings } = useAppStore.getState();
    replaceAdviceSessions([makeSession('A', '2026-01-10')], {
      kind: 'import',
      fileName: 'conseils.csv',
      importedAt: '2026-02-01T10:00:00Z',
    });
    setAdviceSettings({ maturityMonths: 4 });
    const saved = JSON.parse(JSON.stringify(section().pick(useAppStore.getState())));
    expect(section().version).toBe(2);
    expect(Object.keys(saved).sort()).toEqual(['mapIndicator', 'sessions', 'settings', 'source']);

    useAppStore.setState(initial, true);
    useAppStore.setState(section().apply(saved, 2));
    const s = useAppStore.getState();
    expect(s.adviceSessions.map((x) => x.id)).toEqual(['A']);
    expect(s.adviceSource).toEqual({
      kind: 'import',
      fileName: 'conseils.csv',
      importedAt: '2026-02-01T10:00:00Z',
    });
    expect(s.adviceSettings).toEqual({ ...DEFAULT_ADVICE_SETTINGS, maturityMonths: 4 });
  });

  it('migrates a version-1 section: its exported household salt is dropped, not adopted', () => {
    const v1 = {
      ...JSON.parse(JSON.stringify(section().pick(useAppStore.getState()))),
      householdSalt: 'f'.repeat(32),
    };
    v1.sessions = [makeSession('A', '2026-01-10')];
    v1.source = { kind: 'manual', updatedAt: '2026-01-10T08:00:00Z' };
    const patch = section().apply(v1, 1);
    expect(patch.adviceSessions?.map((x) => x.id)).toEqual(['A']);
    expect(JSON.stringify(patch)).not.toContain('f'.repeat(32));
    useAppStore.setState(patch);
    expect(JSON.stringify(section().pick(useAppStore.getState()))).not.toContain('householdSalt');
  });

  it('restores a section saved before any data was loaded as still empty, so the sample can load', () => {
    const saved = JSON.parse(JSON.stringify(section().pick(useAppStore.getState())));
    expect(saved.source).toBeNull();
    const patch = section().apply(saved, 2);
    expect(patch.adviceSource).toBeUndefined();
    expect(patch.adviceSessions).toBeUndefined();
  });

  it('ignores malformed fields of a stored section, and refuses a malformed version-1 one (kept aside)', () => {
    expect(section().apply({ sessions: 'x', mapIndicator: 3 } as never, 2)).toEqual({});
    expect(() => section().apply({ sessions: 'x', householdSalt: 3 } as never, 1)).toThrow();
  });
});
