import { beforeEach, describe, expect, it } from 'vitest';
import { type Brownfield, brownfieldFromRecord, PRESETS } from '../domain/friches/index.ts';
import { exportProject, importProject } from '../io/project/index.ts';
import { createEmptyWorkspace } from '../io/project/workspace.ts';
import { checkSectionData, checkWorkspaceSections } from '../schema/sections.ts';
import { cleanFrichesWeights, type FrichesContextEntry, presetWeights, WEIGHT_MAX } from './frichesSlice.ts';
import { persistedSections } from './persist.ts';
import { frichesShownSource } from './sourceState.ts';
import { useAppStore } from './store.ts';

const initial = useAppStore.getState();
beforeEach(() => useAppStore.setState(initial, true));

const section = () => persistedSections().find((s) => s.key === 'friches')!;
const sample = { kind: 'sample', label: "Données d'exemple" } as const;

const site = (id: string, name = `Site ${id}`): Brownfield =>
  brownfieldFromRecord({ site_id: id, site_nom: name }, { type: 'Point', coordinates: [1.6, 50.7] }, null);

const stations: FrichesContextEntry = {
  role: 'stations',
  layer: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1.61, 50.71] } }],
  },
  source: { kind: 'sample', label: 'exemple fictif' },
  count: 1,
};

describe('friches slice', () => {
  it('starts empty with the balanced weights', () => {
    const s = useAppStore.getState();
    expect(s.frichesSites).toEqual([]);
    expect(s.frichesSource).toBeNull();
    expect(s.frichesWeights.preset).toBeNull();
    expect(s.frichesWeights.weights.area).toBeGreaterThan(0);
    expect(s.frichesPins).toEqual([]);
  });

  it('edits a preset exclusion (enable, threshold clamped to 0..1) and keeps it through storage cleaning', () => {
    const s = useAppStore.getState();
    s.applyFrichesPreset('habitat');
    s.setFrichesExclusion('habitat-flood', { threshold: 0.8 });
    s.setFrichesExclusion('habitat-pollution', { enabled: false });
    s.setFrichesExclusion('habitat-flood', { threshold: 7 });
    const w = useAppStore.getState().frichesWeights;
    expect(w.exclusions.find((e) => e.id === 'habitat-flood')).toMatchObject({ threshold: 1, enabled: true });
    expect(w.exclusions.find((e) => e.id === 'habitat-pollution')!.enabled).toBe(false);
    expect(cleanFrichesWeights(JSON.parse(JSON.stringify(w))).exclusions).toEqual(w.exclusions);
  });

  it('applies a preset, then edits weights within 0..max and inverts criteria', () => {
    const s = useAppStore.getState();
    s.applyFrichesPreset('renaturation');
    expect(useAppStore.getState().frichesWeights).toEqual({
      preset: 'renaturation',
      weights: PRESETS.renaturation.profile.weights,
      inverted: PRESETS.renaturation.profile.inverted,
      exclusions: PRESETS.renaturation.profile.exclusions,
    });
    s.setFrichesWeight('stationDistance', 99);
    s.setFrichesWeight('area', -3);
    s.setFrichesInverted('heritage', true);
    s.setFrichesInverted('floodShare', false);
    const w = useAppStore.getState().frichesWeights;
    expect(w.weights.stationDistance).toBe(WEIGHT_MAX);
    expect(w.weights.area).toBe(0);
    expect(w.inverted).toContain('heritage');
    expect(w.inverted).not.toContain('floodShare');
    // The preset's own object is never mutated by an edit.
    expect(PRESETS.renaturation.profile.weights.area).toBe(2);
  });

  it('pins in order with notes, updates a note, unpins', () => {
    const s = useAppStore.getState();
    s.replaceFrichesSites([site('A'), site('B'), site('C')], sample);
    s.pinFriche('B', 'proche gare');
    s.pinFriche('A');
    s.setFrichesPinNote('A', 'foncier public');
    s.setFrichesPinNote('C', 'ignored: not pinned');
    expect(useAppStore.getState().frichesPins).toEqual([
      { siteId: 'B', note: 'proche gare' },
      { siteId: 'A', note: 'foncier public' },
    ]);
    s.unpinFriche('B');
    expect(useAppStore.getState().frichesPins).toEqual([{ siteId: 'A', note: 'foncier public' }]);
  });

  it('drops pins and selection of sites absent from a new inventory', () => {
    const s = useAppStore.getState();
    s.replaceFrichesSites([site('A'), site('B')], sample);
    s.pinFriche('A', 'x');
    s.pinFriche('B', 'y');
    s.selectFriche('A');
    s.replaceFrichesSites([site('B')], { kind: 'import', fileName: 'f.csv', importedAt: '2026-01-01' });
    const after = useAppStore.getState();
    expect(after.frichesPins).toEqual([{ siteId: 'B', note: 'y' }]);
    expect(after.frichesSelected).toBeNull();
  });

  it('drops the fictional context layers when real sites replace the sample, keeps imported ones', () => {
    const s = useAppStore.getState();
    const urban: FrichesContextEntry = {
      ...stations,
      role: 'urbanZones',
      source: { kind: 'import', fileName: 'plu.geojson', importedAt: '2026-01-01' },
    };
    s.setFrichesContextLayer(stations);
    s.setFrichesContextLayer(urban);
    s.replaceFrichesSites([site('A')], sample);
    expect(Object.keys(useAppStore.getState().frichesContext).sort()).toEqual(['stations', 'urbanZones']);
    s.replaceFrichesSites([site('B')], { kind: 'import', fileName: 'f.csv', importedAt: '2026-01-01' });
    expect(useAppStore.getState().frichesContext).toEqual({ urbanZones: urban });
  });

  it('adds or replaces a site by id; a sample stays labelled as one', () => {
    const s = useAppStore.getState();
    s.replaceFrichesSites([site('A')], sample);
    s.upsertFrichesSite(site('A', 'Renamed'));
    s.upsertFrichesSite(site('N'));
    const after = useAppStore.getState();
    expect(after.frichesSites.map((x) => [x.id, x.name])).toEqual([
      ['A', 'Renamed'],
      ['N', 'Site N'],
    ]);
    expect(after.frichesSource).toEqual(sample);
  });

  it('keeps the team source when a site is drawn or edited in team mode; a file import is edited by hand', () => {
    const s = useAppStore.getState();
    const team = { kind: 'team', syncedAt: '2026-12-01T08:00:00Z' } as const;
    s.replaceFrichesSites([site('A')], team);
    s.upsertFrichesSite(site('A', 'Renamed'));
    s.upsertFrichesSite(site('N'));
    expect(useAppStore.getState().frichesSource).toEqual(team);
    s.replaceFrichesSites([site('B')], { kind: 'import', fileName: 'f.csv', importedAt: '2026-01-01' });
    s.upsertFrichesSite(site('B', 'Renamed'));
    expect(useAppStore.getState().frichesSource?.kind).toBe('manual');
  });

  it('a site drawn on the sample makes it mixed; dropping the sample keeps that site only', () => {
    const s = useAppStore.getState();
    const fromFile = (id: string, row: number): Brownfield => ({ ...site(id), row });
    s.setFrichesContextLayer(stations);
    s.replaceFrichesSites([fromFile('A', 2), fromFile('B', 3)], sample);
    s.pinFriche('A', 'note');
    expect(frichesShownSource(useAppStore.getState())).toEqual(sample);
    // An edited sample site is still a fictional one.
    s.upsertFrichesSite({ ...fromFile('A', 2), name: 'Renamed' });
    expect(frichesShownSource(useAppStore.getState())).toEqual(sample);
    s.upsertFrichesSite(site('N'));
    expect(frichesShownSource(useAppStore.getState())).toEqual({ kind: 'mixed', userCount: 1 });
    s.dropFrichesSample();
    const after = useAppStore.getState();
    expect(after.frichesSites.map((x) => x.id)).toEqual(['N']);
    expect(after.frichesSource?.kind).toBe('manual');
    expect(after.frichesContext).toEqual({});
    expect(after.frichesPins).toEqual([]);
    expect(frichesShownSource(after)?.kind).toBe('manual');
  });

  it('sets and removes context layers by role', () => {
    const s = useAppStore.getState();
    s.setFrichesContextLayer(stations);
    expect(useAppStore.getState().frichesContext.stations).toBe(stations);
    s.removeFrichesContextLayer('stations');
    expect(useAppStore.getState().frichesContext).toEqual({});
  });

  it('persists raw data and choices, and restores them cleaned', () => {
    const s = useAppStore.getState();
    s.replaceFrichesSites([site('A')], sample);
    s.setFrichesContextLayer(stations);
    s.applyFrichesPreset('habitat');
    s.pinFriche('A', 'note');
    s.selectFriche('A');
    const picked = JSON.parse(JSON.stringify(section().pick(useAppStore.getState())));
    expect(Object.keys(picked).sort()).toEqual(['context', 'pins', 'sites', 'source', 'weights']);
    useAppStore.setState(initial, true);
    useAppStore.setState(section().apply(picked, 1));
    const restored = useAppStore.getState();
    expect(restored.frichesSites.map((x) => x.id)).toEqual(['A']);
    expect(restored.frichesSource).toEqual(sample);
    expect(restored.frichesContext.stations?.count).toBe(1);
    expect(restored.frichesWeights).toEqual(presetWeights('habitat'));
    expect(restored.frichesPins).toEqual([{ siteId: 'A', note: 'note' }]);
    expect(restored.frichesSelected).toBeNull();
  });

  it('cleans stored weights: unknown preset and criteria dropped, numbers clamped', () => {
    const clean = cleanFrichesWeights({
      preset: 'casino' as never,
      weights: { area: 12, nonsense: 3, zoning: Number.NaN } as Record<string, number>,
      inverted: ['heritage', 'nonsense', 'heritage'],
    });
    expect(clean.preset).toBeNull();
    expect(clean.weights.area).toBe(WEIGHT_MAX);
    expect(clean.weights).not.toHaveProperty('nonsense');
    expect(clean.weights.zoning).toBe(presetWeights(null).weights.zoning);
    expect(clean.inverted).toEqual(['heritage']);
  });
});

describe('friches exclusions in a project file', () => {
  it('the schema carries the edited exclusions and they survive export → import → apply', async () => {
    const s = useAppStore.getState();
    s.applyFrichesPreset('habitat');
    s.setFrichesExclusion('habitat-flood', { threshold: 0.3 });
    s.setFrichesExclusion('habitat-pollution', { enabled: false });
    const edited = useAppStore.getState().frichesWeights;
    const ws = createEmptyWorkspace(new Date('2026-03-02T09:00:00Z'));
    ws.sections = { friches: { version: 1, data: section().pick(useAppStore.getState()) } };
    const bytes = await exportProject(ws, { createdAt: '2026-03-02T10:00:00.000Z' });
    const read = await importProject(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok || !read.workspace) return;
    expect(checkWorkspaceSections(read.workspace.sections)).toEqual([]);
    useAppStore.setState(initial, true);
    expect(useAppStore.getState().frichesWeights.exclusions).toEqual([]);
    const data = (read.workspace.sections.friches as { data: unknown }).data;
    useAppStore.setState(section().apply(data as never, 1));
    const restored = useAppStore.getState().frichesWeights;
    expect(restored.preset).toBe('habitat');
    expect(restored.exclusions).toEqual(edited.exclusions);
    expect(restored.exclusions.find((e) => e.id === 'habitat-flood')).toMatchObject({ threshold: 0.3 });
    // A malformed exclusion list is refused by the schema with its path (not silently applied).
    const bad = checkSectionData('friches', { weights: { exclusions: [{ enabled: true }] } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]!.path).toBe('friches.weights.exclusions[0].id');
  });

  it('an old renaturation save (inverted criteria) is read with renaturation’s own value functions', () => {
    const w = cleanFrichesWeights({
      preset: 'renaturation',
      weights: PRESETS.renaturation.profile.weights,
      inverted: ['floodShare', 'protectedShare', 'corridorShare', 'zoning', 'buildingCondition'],
      exclusions: [],
    });
    expect(w.inverted).toEqual([]);
    expect(cleanFrichesWeights({ preset: 'renaturation', inverted: ['heritage'] }).inverted).toEqual([
      'heritage',
    ]);
  });
});
