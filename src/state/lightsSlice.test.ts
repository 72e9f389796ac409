import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIGHTING_SETTINGS, type LightPoint, withSetting } from '../domain/lights/index.ts';
import { decodeStorable, encodeStorable } from '../io/project/codec.ts';
import {
  cleanLightingSettings,
  cleanLightsFilter,
  EMPTY_LIGHTS_FILTER,
  LIGHTS_UNDO_DEPTH,
  toLightFilter,
} from './lightsSlice.ts';
import { persistedSections } from './persist.ts';
import { useAppStore } from './store.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const section = () => persistedSections().find((s) => s.key === 'lights')!;
const viewSection = () => persistedSections().find((s) => s.key === 'lightsView')!;
const sample = { kind: 'sample', label: "Données d'exemple" } as const;

const point = (id: string, insee = '62893'): LightPoint => ({
  id,
  insee,
  lon: 1.6,
  lat: 50.77,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  status: 'toRenovate',
});

const renovate = {
  kind: 'renovate',
  date: '2026-03-15',
  works: { technologyAfter: 'led', powerAfterW: 30 },
} as const;

describe('lights slice', () => {
  it('starts empty, with the default settings and no filter', () => {
    const s = useAppStore.getState();
    expect(s.lightPoints).toEqual([]);
    expect(s.lightsSource).toBeNull();
    expect(s.lightingSettings).toBe(DEFAULT_LIGHTING_SETTINGS);
    expect(s.lightsFilter).toEqual(EMPTY_LIGHTS_FILTER);
  });

  it('edits the selection, keeps the sample label, and undoes in reverse order', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A'), point('B'), point('C')], sample);
    s.setLightsSelection(['A', 'C', 'A']);
    expect(useAppStore.getState().lightsSelection).toEqual(['A', 'C']);
    expect(useAppStore.getState().applyLightsEdit(renovate)).toEqual({ ok: true, changed: 2 });
    expect(useAppStore.getState().applyLightsEdit({ kind: 'schedule', date: '2026-05-01' }, ['B'])).toEqual({
      ok: true,
      changed: 1,
    });
    let now = useAppStore.getState();
    expect(now.lightPoints.map((p) => p.status)).toEqual(['renovated', 'scheduled', 'renovated']);
    expect(now.lightsSource).toEqual(sample);
    expect(now.lightsUndo).toHaveLength(2);

    now.undoLightsEdit();
    now = useAppStore.getState();
    expect(now.lightPoints.map((p) => p.status)).toEqual(['renovated', 'toRenovate', 'renovated']);
    now.undoLightsEdit();
    now = useAppStore.getState();
    expect(now.lightPoints.map((p) => p.status)).toEqual(['toRenovate', 'toRenovate', 'toRenovate']);
    expect(now.lightsUndo).toEqual([]);
    now.undoLightsEdit(); // nothing left: no change, no crash
    expect(useAppStore.getState().lightPoints).toBe(now.lightPoints);
  });

  it('refuses invalid input and empty selections in French, changing nothing', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A')], sample);
    const bad = s.applyLightsEdit({ ...renovate, date: '2026-02-30' }, ['A']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/Date invalide/);
    const none = s.applyLightsEdit(renovate);
    expect(none).toEqual({ ok: false, reason: 'Aucun point sélectionné.' });
    expect(useAppStore.getState().lightPoints[0]!.status).toBe('toRenovate');
    expect(useAppStore.getState().lightsUndo).toEqual([]);
  });

  it('marks an imported inventory as edited by hand after an edit', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A')], { kind: 'import', fileName: 'ep.csv', importedAt: '2026-01-01T00:00:00Z' });
    s.applyLightsEdit(renovate, ['A']);
    expect(useAppStore.getState().lightsSource?.kind).toBe('manual');
  });

  it('keeps the team source after an edit in team mode (the edit goes to the shared points, not a local copy)', () => {
    const s = useAppStore.getState();
    const team = { kind: 'team', syncedAt: '2026-12-01T08:00:00Z' } as const;
    s.replaceLights([point('A')], team);
    s.applyLightsEdit(renovate, ['A']);
    expect(useAppStore.getState().lightsSource).toEqual(team);
  });

  it('bounds the undo stack', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A')], sample);
    for (let i = 0; i < LIGHTS_UNDO_DEPTH + 5; i++) s.applyLightsEdit({ kind: 'reset' }, ['A']);
    expect(useAppStore.getState().lightsUndo).toHaveLength(LIGHTS_UNDO_DEPTH);
  });

  it('clears selection and undo when the inventory is replaced', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A')], sample);
    s.setLightsSelection(['A']);
    s.applyLightsEdit(renovate);
    s.replaceLights([point('Z')], { kind: 'import', fileName: 'x.csv', importedAt: '2026-01-01' });
    expect(useAppStore.getState().lightsSelection).toEqual([]);
    expect(useAppStore.getState().lightsUndo).toEqual([]);
  });

  it('turns user choices into the domain filter, leaving out absent bounds', () => {
    expect(toLightFilter({ ...EMPTY_LIGHTS_FILTER, statuses: ['toRenovate'], powerMinW: 0 })).toEqual({
      communes: [],
      epci: [],
      statuses: ['toRenovate'],
      technologies: [],
      powerMinW: 0,
    });
  });

  it('persists data and settings, and the filter in a section of its own, and restores them', () => {
    const s = useAppStore.getState();
    s.replaceLights([point('A')], sample);
    s.setLightsFilter({ communes: ['62893'], statuses: ['toRenovate'] });
    s.setLightingSettings(withSetting(DEFAULT_LIGHTING_SETTINGS, 'burningHoursPerYear', 3900));
    // Through the project codec, as in a project file (points are columns of typed arrays).
    const saved = decodeStorable(
      JSON.parse(JSON.stringify(encodeStorable(section().pick(useAppStore.getState())))),
    ) as never;
    const savedView = JSON.parse(JSON.stringify(viewSection().pick(useAppStore.getState())));
    expect(saved).not.toHaveProperty('filter');
    useAppStore.setState(initial, true);
    useAppStore.setState({
      ...section().apply(saved, section().version),
      ...viewSection().apply(savedView, 1),
    });
    const back = useAppStore.getState();
    expect(back.lightPoints).toEqual([point('A')]);
    expect(back.lightsSource).toEqual(sample);
    expect(back.lightsFilter.communes).toEqual(['62893']);
    expect(back.lightingSettings.burningHoursPerYear).toBe(3900);
    expect(back.lightingSettings.sources.burningHoursPerYear).toMatch(/utilisateur/);
  });

  it('reads the points of version 1 (a list of objects), checked by the same point schema', () => {
    const patch = section().apply({ points: [point('A')], source: sample, settings: {} } as never, 1);
    expect(patch.lightPoints).toEqual([point('A')]);
    expect(() => section().apply({ points: [{ id: 'B' }], source: sample } as never, 1)).toThrow(
      /lights\.points\[0\]/,
    );
  });

  it('ignores hostile or broken stored values', () => {
    const patch = section().apply(
      {
        points: 'nope',
        settings: { burningHoursPerYear: -5, electricityPriceEurPerKwh: 0.25, sources: {} },
      },
      1,
    );
    const view = viewSection().apply(
      { filter: { statuses: ['toRenovate', 'bogus'], powerMinW: Number.NaN, communes: [1, '62160'] } },
      1,
    );
    expect(patch.lightPoints).toBeUndefined();
    expect(patch.lightingSettings?.burningHoursPerYear).toBe(DEFAULT_LIGHTING_SETTINGS.burningHoursPerYear);
    expect(patch.lightingSettings?.electricityPriceEurPerKwh).toBe(0.25);
    expect(view.lightsFilter).toEqual({
      ...EMPTY_LIGHTS_FILTER,
      statuses: ['toRenovate'],
      communes: ['62160'],
    });
    expect(cleanLightsFilter(undefined)).toEqual(EMPTY_LIGHTS_FILTER);
    expect(cleanLightingSettings(undefined)).toEqual(DEFAULT_LIGHTING_SETTINGS);
  });
});
