import { beforeEach, describe, expect, it } from 'vitest';
import { makeSession } from '../../domain/advice/testSessions.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { useAppStore } from '../../state/store.ts';
import { ADVICE_TARGET, applyImportPlan, modesFor, planFor } from './importTargets.ts';

/** A session as an adviser's export brings it (row of the file set). */
const fromFile = (id: string, row: number, status: AdviceSession['followUp']['status'] = 'toRemind') => ({
  ...makeSession(id, '2026-01-10', status),
  sourceRow: row,
});
const file = (sessions: AdviceSession[]) => ({ sessions, columns: { id: 'id_conseil' } });

describe('import modes in the app (advice target)', () => {
  beforeEach(() => {
    useAppStore.setState({ adviceSessions: [], adviceSource: null, importBases: {}, importUndo: {} });
  });

  it('a monthly file in « Mettre à jour » updates, adds, keeps sessions typed in the app, detects conflicts, undoes', () => {
    // January's file, imported into an empty module.
    const january = file([fromFile('CE-1', 2), fromFile('CE-2', 3), fromFile('CE-3', 4)]);
    // Empty module: « Remplacer » first; once data is there, « Mettre à jour par identifiant ».
    expect(modesFor(ADVICE_TARGET, january)[0]).toBe('replace');
    applyImportPlan(ADVICE_TARGET, planFor(ADVICE_TARGET, january, 'merge'), 'janvier.csv');
    // In the app: a session typed by hand, CE-2 and CE-3 followed up.
    const typed = makeSession('2026-02-01-1', '2026-02-01');
    const state = useAppStore.getState();
    state.replaceAdviceSessions(
      [
        ...state.adviceSessions.map((s) =>
          s.id === 'CE-1' ? s : { ...s, followUp: { ...s.followUp, status: 'worksPlanned' as const } },
        ),
        typed,
      ],
      { kind: 'manual', updatedAt: '2026-02-02' },
    );
    // February's file: rows moved (CE-1 one row down, unchanged), CE-2 as in January, CE-3 changed in the
    // file too (conflict), CE-4 new.
    const february = file([
      fromFile('CE-1', 3),
      fromFile('CE-2', 4),
      fromFile('CE-3', 5, 'abandoned'),
      fromFile('CE-4', 6),
    ]);
    expect(modesFor(ADVICE_TARGET, february)[0]).toBe('merge');
    const plan = planFor(ADVICE_TARGET, february, 'merge');
    expect(plan).toMatchObject({ added: 1, updated: 0, unchanged: 2, conflicting: 1 });
    expect(plan.conflicts.map((c) => c.id)).toEqual(['CE-3']);
    applyImportPlan(ADVICE_TARGET, plan, 'fevrier.csv');
    const after = useAppStore.getState().adviceSessions;
    expect(after.map((s) => s.id)).toEqual(['CE-1', 'CE-2', 'CE-3', '2026-02-01-1', 'CE-4']);
    // The adviser's follow-ups stand (CE-2 unchanged by the file, CE-3 in conflict: the app's version).
    expect(after.find((s) => s.id === 'CE-2')?.followUp.status).toBe('worksPlanned');
    expect(after.find((s) => s.id === 'CE-3')?.followUp.status).toBe('worksPlanned');
    expect(useAppStore.getState().importBases.advice?.['CE-4']).toBeTypeOf('string');

    // « Annuler le dernier import »: back to the data before February's file, base included.
    const baseBefore = useAppStore.getState().importUndo.advice?.baseBefore;
    expect(useAppStore.getState().undoImport('advice')).toBe(true);
    expect(useAppStore.getState().adviceSessions.map((s) => s.id)).toEqual([
      'CE-1',
      'CE-2',
      'CE-3',
      '2026-02-01-1',
    ]);
    expect(useAppStore.getState().importBases.advice).toEqual(baseBefore);
    expect(useAppStore.getState().undoImport('advice')).toBe(false);
  });

  it('« Remplacer » never erases sessions typed in the app; a file without identifiers cannot merge', () => {
    const typed = makeSession('2026-02-01-1', '2026-02-01');
    useAppStore.setState({ adviceSessions: [fromFile('CE-1', 2), typed] });
    const noIds = { sessions: [fromFile('import-x-2', 2)], columns: {} };
    expect(modesFor(ADVICE_TARGET, noIds)).toEqual(['add', 'replace']);
    const plan = planFor(ADVICE_TARGET, noIds, 'replace');
    expect(plan).toMatchObject({ added: 1, removed: 1, unchanged: 1 });
    expect(plan.result.map((s) => s.id)).toEqual(['import-x-2', '2026-02-01-1']);
  });
});
