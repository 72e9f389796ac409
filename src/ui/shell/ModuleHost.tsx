import type { ExpressionSpecification } from 'maplibre-gl';
import { memo, type ReactNode, useLayoutEffect } from 'react';
import { createPortal } from 'react-dom';
import type { MapSpec } from '../../map/spec.ts';
import { MODULES, type ModuleId } from '../../state/uiSlice.ts';
import type { ModuleView } from '../modules.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

/** What the module on screen adds to the shell's map. */
export interface ModuleMap {
  layers: MapSpec | null;
  fill: ExpressionSpecification | string | null;
}

export type ModuleMapListener = (id: ModuleId, map: ModuleMap | null) => void;

/**
 * Runs the module's map hooks inside the module's own error boundary and hands their result to the shell,
 * which only merges it into the map. A module whose data its hooks cannot read (a `null` light point) thus
 * takes down that module alone: the shell, the map and the other modules keep working.
 *
 * Memoised: it re-renders when the store changes what its hooks read, never because the shell re-rendered
 * after receiving its result (a hook returning a new object each time would otherwise loop). Mounted for one
 * module at a time (keyed by the boundary), so its hook calls never change order.
 */
const ModuleMapWork = memo(function ModuleMapWork({
  view,
  onMap,
}: {
  view: ModuleView;
  onMap: ModuleMapListener;
}) {
  // Conditional on `view` only, which is fixed for the life of this component (keyed): same hooks each render.
  const layers = view.useMapLayers?.(true) ?? null;
  const fill = view.useCommuneFill?.(true) ?? null;
  useLayoutEffect(() => onMap(view.id, { layers, fill }), [onMap, view.id, layers, fill]);
  // Unmounted (another module opened, or the boundary caught an error): its layers leave the map.
  useLayoutEffect(() => () => onMap(view.id, null), [onMap, view.id]);
  return null;
});

export interface ModuleHostProps {
  view: ModuleView;
  onMap: ModuleMapListener;
  /** Where the module's map overlay (legend…) goes: a node inside the map area; null before it exists. */
  overlayHost: HTMLElement | null;
  /** Shown in the panel instead of the module while the territory loads or failed to load. */
  waiting: ReactNode;
}

/**
 * The module on screen: its map work, its panel and its map overlay under ONE error boundary, so one module
 * error shows one French message (in the side panel), whatever part of the module threw. The overlay is
 * portalled into the map area: errors follow the React tree, so this boundary catches them too.
 */
export function ModuleHost({ view, onMap, overlayHost, waiting }: ModuleHostProps) {
  const area = `le module ${MODULES.find((m) => m.id === view.id)?.label ?? view.id}`;
  const { Panel, MapOverlay } = view;
  return (
    // Keyed by module: opening another module gives it a fresh boundary.
    <ErrorBoundary key={view.id} area={area} id={`module-${view.id}`}>
      <ModuleMapWork view={view} onMap={onMap} />
      {waiting ?? (
        <>
          <Panel />
          {MapOverlay && overlayHost ? createPortal(<MapOverlay />, overlayHost) : null}
        </>
      )}
    </ErrorBoundary>
  );
}
