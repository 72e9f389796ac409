// @vitest-environment jsdom
/**
 * A module's map hooks run inside the module's own boundary: when they throw (a `null` record no view can
 * read), the module shows its French error and withdraws its layers, and the shell around it keeps working.
 */
import { act, useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MapSpec } from '../../map/spec.ts';
import type { ModuleView } from '../modules.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { ModuleHost, type ModuleMap } from './ModuleHost.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** A tiny external store standing in for the app's: the module's data. */
let points: ({ id: string } | null)[] = [];
const listeners = new Set<() => void>();
const setPoints = (next: typeof points) => {
  points = next;
  for (const l of listeners) l();
};
const usePoints = () =>
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => points,
  );

const specs = new Map<unknown, MapSpec>();
function useLayers(): MapSpec {
  const data = usePoints();
  // Reads each record as a real module does: a null one throws.
  const ids = data.map((p) => (p as { id: string }).id);
  if (!specs.has(data)) specs.set(data, { sources: {}, layers: [], key: ids.join() } as unknown as MapSpec);
  return specs.get(data)!;
}
function Panel() {
  return <p>{usePoints().length} points</p>;
}
const view: ModuleView = { id: 'lights', Panel, useMapLayers: useLayers };

function Legend() {
  const data = usePoints();
  return <span>légende {(data[0] as { id: string }).id}</span>;
}
function StaticPanel() {
  return <p>panneau</p>;
}
const withLegend: ModuleView = { id: 'lights', Panel: StaticPanel, MapOverlay: Legend };

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  points = [{ id: 'P1' }];
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.restoreAllMocks();
});

describe('ModuleHost', () => {
  it('catches an error of the module’s map hooks in the module’s boundary, not the shell’s', () => {
    const maps: (ModuleMap | null)[] = [];
    const onMap = vi.fn((_id: string, map: ModuleMap | null) => void maps.push(map));
    const overlay = document.createElement('div');
    act(() =>
      root.render(
        <ErrorBoundary area="l’application" id="shell">
          <header>Barre du haut</header>
          <ModuleHost view={view} onMap={onMap} overlayHost={overlay} waiting={null} />
        </ErrorBoundary>,
      ),
    );
    expect(container.textContent).toContain('1 points');
    expect(maps.at(-1)?.layers).toMatchObject({ key: 'P1' });
    // The same inputs give the same spec: the shell is not told again.
    const calls = onMap.mock.calls.length;
    act(() => setPoints(points));
    expect(onMap.mock.calls.length).toBe(calls);

    act(() => setPoints([null, { id: 'P1' }]));
    const caught = container.querySelector('[role="alert"]')!;
    expect(caught.getAttribute('data-boundary')).toBe('module-lights');
    expect(caught.querySelector('h2')!.textContent).toBe(
      'Un problème empêche d’afficher le module Éclairage public',
    );
    expect(container.querySelector('[data-boundary="shell"]')).toBeNull();
    expect(container.textContent).toContain('Barre du haut');
    expect([...caught.querySelectorAll('button')].map((b) => b.textContent)).toContain(
      'Revenir aux données d’exemple',
    );
    // Its layers left the map.
    expect(onMap).toHaveBeenLastCalledWith('lights', null);
  });

  it('portals the overlay into the map area, under the same boundary', () => {
    const overlay = document.createElement('div');
    act(() =>
      root.render(
        <ErrorBoundary area="l’application" id="shell">
          <ModuleHost view={withLegend} onMap={() => undefined} overlayHost={overlay} waiting={null} />
        </ErrorBoundary>,
      ),
    );
    expect(overlay.textContent).toBe('légende P1');
    expect(container.textContent).toBe('panneau');
    act(() => setPoints([null]));
    expect(overlay.textContent).toBe('');
    expect(container.querySelector('[role="alert"]')?.getAttribute('data-boundary')).toBe('module-lights');
  });

  it('shows what it is given while the territory loads, its map work already running', () => {
    const onMap = vi.fn();
    act(() =>
      root.render(
        <ModuleHost
          view={view}
          onMap={onMap}
          overlayHost={null}
          waiting={<p>Chargement du territoire…</p>}
        />,
      ),
    );
    expect(container.textContent).toBe('Chargement du territoire…');
    expect(onMap).toHaveBeenCalledWith('lights', expect.objectContaining({ fill: null }));
  });
});
