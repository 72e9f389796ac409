import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import type { ContextLayerResult, ImportableRole } from '../../domain/friches/index.ts';
import type { AreaCollection, PointCollection } from '../../domain/friches/types.ts';
import { recordFingerprint } from '../../domain/importModes.ts';
import { type AppState, useAppStore } from '../../state/store.ts';
import type { ImportTarget } from './importTargets.ts';

type ContextFeature = Feature<Point | Polygon | MultiPolygon>;

// One array for « no layer »: the undo button compares the layer after the import by identity.
const NO_FEATURES: readonly ContextFeature[] = [];

const featuresOf = (state: AppState, role: ImportableRole): readonly ContextFeature[] =>
  (state.frichesContext[role]?.layer.features as ContextFeature[] | undefined) ?? NO_FEATURES;

/**
 * A feature's content without its row in the file: the same zone read again from this month's file (or
 * another export of the same layer) is the same element.
 */
const contentOf = (feature: ContextFeature): string => {
  const { row: _row, ...properties } = feature.properties ?? {};
  return recordFingerprint({ geometry: feature.geometry, properties });
};

const targets = new Map<ImportableRole, ImportTarget<ContextLayerResult, ContextFeature>>();

/**
 * A friches context layer (one role) in the import modes. Features of flood zones, stations or PLU zones
 * carry no identifier of their own: « Mettre à jour par identifiant » is not offered; « Ajouter » appends the
 * file's features to the layer of that role, and an element already loaded (same geometry and attributes) is
 * not added twice: it is identified by its content. One target per role, kept, so that the dialog's preview
 * is not recomputed at each render.
 */
export function contextTarget(role: ImportableRole): ImportTarget<ContextLayerResult, ContextFeature> {
  const known = targets.get(role);
  if (known) return known;
  const target: ImportTarget<ContextLayerResult, ContextFeature> = {
    module: `context:${role}`,
    unit: ['élément', 'éléments'],
    incoming: (value) => (value.ok ? (value.layer.features as ContextFeature[]) : NO_FEATURES),
    fileHasIds: () => false,
    current: (s) => featuresOf(s, role),
    isSample: (s) => s.frichesContext[role]?.source.kind === 'sample',
    idOf: contentOf,
    fingerprintOf: contentOf,
    replaceOnlyOverSample: true,
    skippedReason: 'élément identique déjà chargé',
    noIdsReason:
      'les éléments d’une couche de contexte (zones, gares…) n’ont pas d’identifiant ; « Ajouter » ne charge pas deux fois un élément identique',
    write: (features, source) => {
      // applyImportPlan, the only writer, always passes the file it imports.
      if (source.kind !== 'import') throw new Error('A context layer is written from an imported file.');
      const before = useAppStore.getState().frichesContext[role];
      // « Ajouter » keeps the current features first (planImport): the layer then names both files.
      const previous = before?.source.kind === 'import' ? before.source.fileName : null;
      const appended = previous !== null && features.length > 0 && features[0] === before?.layer.features[0];
      const fileName = !appended
        ? source.fileName
        : previous.split(' + ').includes(source.fileName)
          ? previous
          : `${previous} + ${source.fileName}`;
      // The role fixes the geometry: a point role only ever receives points, an area role polygons.
      const layer = { type: 'FeatureCollection', features } as PointCollection | AreaCollection;
      useAppStore.getState().setFrichesContextLayer({
        role,
        layer,
        count: features.length,
        source: { ...source, fileName },
      });
      // Only this role is put back: a layer imported for another role since stays.
      return () => {
        if (before) useAppStore.getState().setFrichesContextLayer(before);
        else useAppStore.getState().removeFrichesContextLayer(role);
      };
    },
  };
  targets.set(role, target);
  return target;
}
