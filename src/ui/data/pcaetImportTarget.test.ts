import { beforeEach, describe, expect, it } from 'vitest';
import type { PcaetValue } from '../../domain/pcaet/types.ts';
import { useAppStore } from '../../state/store.ts';
import { applyImportPlan, modesFor, PCAET_TARGET, planFor } from './importTargets.ts';

const value = (date: string, v: number, row?: number, place: string | null = '62160'): PcaetValue => ({
  indicatorId: 'conso',
  date,
  type: 'value',
  value: v,
  place,
  ...(row === undefined ? {} : { sourceRow: row }),
});
const file = (values: PcaetValue[]) => ({ values });

describe('import modes for PCAET values (a value is identified by its slot)', () => {
  beforeEach(() => {
    useAppStore.setState({ pcaetValues: [], importBases: {}, importUndo: {} });
  });

  it('merges a yearly file: adds, updates, leaves unchanged, keeps the app’s edit in a conflict, undoes', () => {
    const first = file([value('2021-01-01', 10, 2), value('2022-01-01', 20, 3), value('2023-01-01', 30, 4)]);
    expect(modesFor(PCAET_TARGET, first)).toEqual(['replace', 'merge', 'add']);
    applyImportPlan(PCAET_TARGET, planFor(PCAET_TARGET, first, 'replace'), 'pcaet-2023.csv');
    // In the app: 2022 corrected by hand, 2023 corrected by hand too.
    useAppStore
      .getState()
      .setPcaetValues(
        useAppStore
          .getState()
          .pcaetValues.map((v) => (v.date === '2021-01-01' ? v : { ...v, value: v.value + 1 })),
      );
    // Next file: rows moved (2021 unchanged), 2022 as before (the app's correction stands), 2023 changed in
    // the file as well (conflict), 2024 new.
    const next = file([
      value('2021-01-01', 10, 5),
      value('2022-01-01', 20, 6),
      value('2023-01-01', 35, 7),
      value('2024-01-01', 40, 8),
    ]);
    expect(modesFor(PCAET_TARGET, next)[0]).toBe('merge');
    const plan = planFor(PCAET_TARGET, next, 'merge');
    expect(plan).toMatchObject({ added: 1, updated: 0, unchanged: 2, conflicting: 1 });
    expect(plan.conflicts.map((c) => c.id)).toEqual(['conso|62160|2023-01-01|value']);
    applyImportPlan(PCAET_TARGET, plan, 'pcaet-2024.csv');
    expect(useAppStore.getState().pcaetValues.map((v) => [v.date.slice(0, 4), v.value])).toEqual([
      ['2021', 10],
      ['2022', 21],
      ['2023', 31],
      ['2024', 40],
    ]);
    // A value changed only in the file is updated.
    const later = planFor(PCAET_TARGET, file([value('2024-01-01', 45, 2)]), 'merge');
    expect(later).toMatchObject({ added: 0, updated: 1, unchanged: 0, conflicting: 0 });

    expect(useAppStore.getState().undoImport('pcaet')).toBe(true);
    expect(useAppStore.getState().pcaetValues.map((v) => v.value)).toEqual([10, 21, 31]);
  });

  it('« Ajouter » skips slots already filled; « Remplacer » drops the values absent from the file', () => {
    useAppStore.setState({
      pcaetValues: [value('2021-01-01', 10), value('2022-01-01', 20, undefined, null)],
    });
    const incoming = file([value('2021-01-01', 99, 2), value('2025-01-01', 50, 3)]);
    expect(planFor(PCAET_TARGET, incoming, 'add')).toMatchObject({ added: 1, skipped: 1 });
    const replace = planFor(PCAET_TARGET, incoming, 'replace');
    expect(replace).toMatchObject({ added: 2, removed: 2 });
    applyImportPlan(PCAET_TARGET, replace, 'pcaet.csv');
    expect(useAppStore.getState().pcaetValues.map((v) => v.value)).toEqual([99, 50]);
  });
});
