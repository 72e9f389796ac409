import type { Feature, Polygon } from 'geojson';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ContextLayerResult } from '../../domain/friches/index.ts';
import { persistedSections } from '../../state/persist.ts';
import { useAppStore } from '../../state/store.ts';
import { contextTarget } from './contextImportTarget.ts';
import { applyImportPlan, modesFor, planFor } from './importTargets.ts';

/** A 0.01° square zone south-west corner at (lon, lat), as contextLayerFromImport builds it (row of the file). */
const zone = (lon: number, lat: number, row: number): Feature<Polygon> => ({
  type: 'Feature',
  properties: { row },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.01, lat],
        [lon + 0.01, lat + 0.01],
        [lon, lat + 0.01],
        [lon, lat],
      ],
    ],
  },
});
const file = (features: Feature<Polygon>[]): ContextLayerResult => ({
  ok: true,
  role: 'floodZones',
  layer: { type: 'FeatureCollection', features },
  count: features.length,
  warnings: [],
});
const FLOOD = contextTarget('floodZones');
const floodLayer = () => useAppStore.getState().frichesContext.floodZones;
const corners = () =>
  floodLayer()?.layer.features.map((f) => (f.geometry as Polygon).coordinates[0]![0]!.join(',')) ?? [];

describe('import modes for friches context layers (one module per role)', () => {
  beforeEach(() => {
    useAppStore.setState({ frichesContext: {}, importBases: {}, importUndo: {} });
  });

  it('features have no identifier: « Mettre à jour » is never offered, and the preview says why', () => {
    expect(modesFor(FLOOD, file([zone(1.6, 50.7, 2)]))).toEqual(['replace', 'add']);
    expect(FLOOD.noIdsReason).toMatch(/n’ont pas d’identifiant/);
    expect(contextTarget('floodZones')).toBe(FLOOD); // one target per role: the preview is not recomputed
    expect(contextTarget('stations').module).toBe('context:stations');
  });

  it('« Remplacer » replaces the layer of the role, and undo puts the previous layer back', () => {
    applyImportPlan(
      FLOOD,
      planFor(FLOOD, file([zone(1.6, 50.7, 2), zone(1.62, 50.7, 3)]), 'replace'),
      'azi.geojson',
    );
    expect(floodLayer()).toMatchObject({ role: 'floodZones', count: 2, source: { fileName: 'azi.geojson' } });
    expect(modesFor(FLOOD, file([zone(1.7, 50.7, 2)]))).toEqual(['add', 'replace']);
    const plan = planFor(FLOOD, file([zone(1.7, 50.7, 2)]), 'replace');
    expect(plan).toMatchObject({ added: 1, removed: 2 });
    applyImportPlan(FLOOD, plan, 'ppri.geojson');
    expect(corners()).toEqual(['1.7,50.7']);
    expect(floodLayer()?.source).toMatchObject({ kind: 'import', fileName: 'ppri.geojson' });

    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(true);
    expect(corners()).toEqual(['1.6,50.7', '1.62,50.7']);
    expect(floodLayer()?.source).toMatchObject({ fileName: 'azi.geojson' });
    // Undoing the first import of the role removes the layer: its criteria are « non renseignés » again.
    useAppStore.setState({ frichesContext: {}, importUndo: {} });
    applyImportPlan(FLOOD, planFor(FLOOD, file([zone(1.7, 50.7, 2)]), 'replace'), 'ppri.geojson');
    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(true);
    expect(floodLayer()).toBeUndefined();
    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(false);
  });

  it('« Ajouter » appends the file’s features, skips an element already loaded, names both files; undo', () => {
    applyImportPlan(
      FLOOD,
      planFor(FLOOD, file([zone(1.6, 50.7, 2), zone(1.62, 50.7, 3)]), 'replace'),
      'azi.geojson',
    );
    // The second file repeats the first zone (at another row of its file) and brings a new one.
    const second = file([zone(1.6, 50.7, 7), zone(1.64, 50.7, 8)]);
    const plan = planFor(FLOOD, second, 'add');
    expect(plan).toMatchObject({ added: 1, skipped: 1, removed: 0 });
    applyImportPlan(FLOOD, plan, 'ppri.geojson');
    expect(corners()).toEqual(['1.6,50.7', '1.62,50.7', '1.64,50.7']);
    expect(floodLayer()).toMatchObject({ count: 3, source: { fileName: 'azi.geojson + ppri.geojson' } });
    // The same file added again changes nothing, and is not named twice.
    const again = planFor(FLOOD, second, 'add');
    expect(again).toMatchObject({ added: 0, skipped: 2 });
    applyImportPlan(FLOOD, again, 'ppri.geojson');
    expect(floodLayer()).toMatchObject({ count: 3, source: { fileName: 'azi.geojson + ppri.geojson' } });

    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(true);
    expect(corners()).toEqual(['1.6,50.7', '1.62,50.7', '1.64,50.7']);
  });

  it('undoing one role leaves another role imported since untouched', () => {
    applyImportPlan(FLOOD, planFor(FLOOD, file([zone(1.6, 50.7, 2)]), 'replace'), 'azi.geojson');
    const urban = contextTarget('urbanZones');
    applyImportPlan(
      urban,
      planFor(urban, { ...file([zone(1.6, 50.72, 2)]), role: 'urbanZones' } as ContextLayerResult, 'replace'),
      'plu.geojson',
    );
    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(true);
    expect(floodLayer()).toBeUndefined();
    expect(useAppStore.getState().frichesContext.urbanZones?.count).toBe(1);
  });

  it('over the fictional sample layer only « Remplacer » is offered (real and made-up zones never mix)', () => {
    useAppStore.setState({
      frichesContext: {
        floodZones: {
          role: 'floodZones',
          layer: { type: 'FeatureCollection', features: [zone(1.5, 50.6, 2)] },
          count: 1,
          source: { kind: 'sample', label: 'exemple fictif' },
        },
      },
    });
    expect(modesFor(FLOOD, file([zone(1.6, 50.7, 2)]))).toEqual(['replace']);
    applyImportPlan(FLOOD, planFor(FLOOD, file([zone(1.6, 50.7, 2)]), 'replace'), 'azi.geojson');
    expect(floodLayer()?.source).toMatchObject({ kind: 'import', fileName: 'azi.geojson' });
    expect(useAppStore.getState().undoImport('context:floodZones')).toBe(true);
    expect(floodLayer()?.source.kind).toBe('sample');
  });

  it('the base of a context role is saved with the workspace and read back', () => {
    applyImportPlan(FLOOD, planFor(FLOOD, file([zone(1.6, 50.7, 2)]), 'replace'), 'azi.geojson');
    const section = persistedSections().find((s) => s.key === 'importBases')!;
    const saved = JSON.parse(JSON.stringify(section.pick(useAppStore.getState())));
    expect(Object.keys(saved.bases)).toEqual(['context:floodZones']);
    expect(section.apply(saved, 1)).toEqual({
      importBases: { 'context:floodZones': useAppStore.getState().importBases['context:floodZones'] },
    });
  });
});
