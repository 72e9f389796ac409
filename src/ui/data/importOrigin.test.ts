import { beforeEach, describe, expect, it } from 'vitest';
import { makeSession } from '../../domain/advice/testSessions.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { brownfieldFromRecord } from '../../domain/friches/mapping.ts';
import type { Brownfield } from '../../domain/friches/types.ts';
import type { LightPoint } from '../../domain/lights/types.ts';
import { checkSectionData } from '../../schema/sections.ts';
import { persistedSections } from '../../state/persist.ts';
import {
  adviceOrigin,
  adviceShownSource,
  frichesShownSource,
  lightsShownSource,
  siteOrigin,
} from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { ADVICE_TARGET, applyImportPlan, FRICHES_TARGET, LIGHTS_TARGET, planFor } from './importTargets.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const sample = { kind: 'sample', label: "Données d'exemple" } as const;
const fromFile = (id: string, row: number): AdviceSession => ({
  ...makeSession(id, '2025-03-10'),
  sourceRow: row,
});
const site = (id: string, row: number): Brownfield => ({
  ...brownfieldFromRecord(
    { site_id: id, site_nom: `Site ${id}` },
    { type: 'Point', coordinates: [1.6, 50.7] },
    null,
  ),
  row,
});
const point = (id: string): LightPoint => ({
  id,
  insee: '62893',
  lon: 1.6,
  lat: 50.77,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  status: 'toRenovate',
});

describe('records’ origin after « Ajouter » over the sample', () => {
  it('advice: the sample sessions stay sample, the file’s are the user’s; badge mixed; drop keeps the file’s', () => {
    const s = useAppStore.getState();
    s.replaceAdviceSessions([fromFile('EX-1', 2), fromFile('EX-2', 3)], sample);
    s.addAdviceSession(makeSession('TYPED', '2026-01-10'));
    const incoming = { sessions: [fromFile('F-1', 2), fromFile('F-2', 3), fromFile('F-3', 4)], columns: {} };
    applyImportPlan(ADVICE_TARGET, planFor(ADVICE_TARGET, incoming, 'add'), 'conseils.csv');

    const after = useAppStore.getState();
    expect(after.adviceSessions).toHaveLength(6);
    const origins = Object.fromEntries(after.adviceSessions.map((x) => [x.id, adviceOrigin(after, x)]));
    expect(origins).toEqual({
      'EX-1': 'sample',
      'EX-2': 'sample',
      TYPED: 'user',
      'F-1': 'file',
      'F-2': 'file',
      'F-3': 'file',
    });
    // Not labelled as the file's (the defect), nor as sample alone: both, with the user's 4 records.
    expect(adviceShownSource(after)).toEqual({ kind: 'mixed', userCount: 4 });
    // The marks survive the workspace (saved section checked by the same schema as a restore).
    const section = persistedSections().find((x) => x.key === 'advice')!;
    const saved = JSON.parse(JSON.stringify(section.pick(after)));
    const checked = checkSectionData('advice', saved);
    if (!checked.ok) throw new Error('saved advice section refused');
    useAppStore.setState(initial, true);
    useAppStore.setState(section.apply(checked.value as typeof saved, section.version));
    expect(adviceShownSource(useAppStore.getState())).toEqual({ kind: 'mixed', userCount: 4 });

    useAppStore.getState().dropAdviceSample();
    const dropped = useAppStore.getState();
    expect(dropped.adviceSessions.map((x) => x.id).sort()).toEqual(['F-1', 'F-2', 'F-3', 'TYPED']);
    expect(adviceShownSource(dropped)).toMatchObject({ kind: 'import', fileName: 'conseils.csv' });
  });

  it('advice: « Annuler le dernier import » puts back the sample alone; « Remplacer » keeps no sample', () => {
    const s = useAppStore.getState();
    s.replaceAdviceSessions([fromFile('EX-1', 2)], sample);
    applyImportPlan(
      ADVICE_TARGET,
      planFor(ADVICE_TARGET, { sessions: [fromFile('F-1', 2)], columns: {} }, 'add'),
      'a.csv',
    );
    expect(adviceShownSource(useAppStore.getState())?.kind).toBe('mixed');
    useAppStore.getState().importUndo.advice!.restore();
    expect(adviceShownSource(useAppStore.getState())).toEqual(sample);
    applyImportPlan(
      ADVICE_TARGET,
      planFor(ADVICE_TARGET, { sessions: [fromFile('F-1', 2)], columns: {} }, 'replace'),
      'a.csv',
    );
    expect(adviceShownSource(useAppStore.getState())?.kind).toBe('import');
  });

  it('an « Ajouter » that adds nothing leaves the sample labelled as sample', () => {
    useAppStore.getState().replaceAdviceSessions([fromFile('EX-1', 2)], sample);
    const same = { sessions: [fromFile('EX-1', 2)], columns: { id: 'id' } };
    applyImportPlan(ADVICE_TARGET, planFor(ADVICE_TARGET, same, 'add'), 'a.csv');
    expect(adviceShownSource(useAppStore.getState())?.kind).toBe('sample');
  });

  it('friches: a file’s site updating a sample site in « Mettre à jour » is the file’s; the others stay sample', () => {
    const s = useAppStore.getState();
    s.replaceFrichesSites([site('A', 2), site('B', 3)], sample);
    const file = { sites: [{ ...site('B', 2), name: 'Vraie friche B' }, site('C', 3)] };
    applyImportPlan(FRICHES_TARGET, planFor(FRICHES_TARGET, file, 'merge'), 'friches.csv');
    const after = useAppStore.getState();
    expect(after.frichesSites.map((x) => [x.id, siteOrigin(after, x)])).toEqual([
      ['A', 'sample'],
      ['B', 'file'],
      ['C', 'file'],
    ]);
    expect(frichesShownSource(after)).toEqual({ kind: 'mixed', userCount: 2 });
    after.dropFrichesSample();
    expect(useAppStore.getState().frichesSites.map((x) => x.id)).toEqual(['B', 'C']);
    expect(frichesShownSource(useAppStore.getState())?.kind).toBe('import');
  });

  it('lights: the sample points kept under a file are still sample; dropping them keeps the file’s', () => {
    useAppStore.getState().replaceLights([point('EX-1'), point('EX-2')], sample);
    applyImportPlan(LIGHTS_TARGET, planFor(LIGHTS_TARGET, { points: [point('PL-1')] }, 'add'), 'pl.csv');
    expect(lightsShownSource(useAppStore.getState())).toEqual({ kind: 'mixed', userCount: 1 });
    useAppStore.getState().dropLightsSample();
    expect(useAppStore.getState().lightPoints.map((p) => p.id)).toEqual(['PL-1']);
    expect(lightsShownSource(useAppStore.getState())?.kind).toBe('import');
  });
});
