import { bbox } from '@turf/turf';
import { useEffect, useMemo } from 'react';
import { backgroundLayers } from '../map/layers/basemap.ts';
import { drawLayers } from '../map/layers/draw.ts';
import { territoryLayers } from '../map/layers/territory.ts';
import { MapView } from '../map/MapView.tsx';
import { mergeSpecs } from '../map/spec.ts';
import { ensurePersistence } from '../state/persistence.ts';
import { useAppStore } from '../state/store.ts';
import { MODULES, moduleFromHash } from '../state/uiSlice.ts';
import { loadTerritoryData } from './loadTerritory.ts';
import { MODULE_VIEWS } from './registry.ts';
import { ErrorBoundary } from './shell/ErrorBoundary.tsx';
import { TopBar } from './TopBar.tsx';
import { TeamGate } from './team/TeamGate.tsx';
import { workspaceStorage } from './team/teamMode.ts';

/** Read at click time from the store: a drawing tool owns the pointer. */
const isDrawing = () => useAppStore.getState().drawing;

export function App() {
  const territory = useAppStore((s) => s.territory);
  const territoryError = useAppStore((s) => s.territoryError);
  const module = useAppStore((s) => s.module);
  const basemap = useAppStore((s) => s.basemap);
  const selectedCommune = useAppStore((s) => s.selectedCommune);
  const selectCommune = useAppStore((s) => s.selectCommune);
  const drawSketch = useAppStore((s) => s.drawSketch);

  useEffect(() => {
    const { setTerritory, setTerritoryError } = useAppStore.getState();
    loadTerritoryData().then(
      (data) => {
        setTerritory(data);
        // Restores the saved workspace, then declares it ready (src/state/persistence.ts): the local one, or in
        // team mode the signed-in user's own cache (src/ui/team/teamMode.ts).
        void workspaceStorage().then((storage) => ensurePersistence(useAppStore, storage));
      },
      (e: Error) => setTerritoryError(e.message),
    );
    const onHash = () => useAppStore.getState().setModule(moduleFromHash(window.location.hash));
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // Hooks of every module run on every render, in registry order, so their order never changes.
  // biome-ignore lint/correctness/useHookAtTopLevel: MODULE_VIEWS is a constant list, so hook order is stable.
  const moduleLayers = MODULE_VIEWS.map((m) => m.useMapLayers?.(m.id === module) ?? null);
  // biome-ignore lint/correctness/useHookAtTopLevel: same constant list as above.
  const moduleFills = MODULE_VIEWS.map((m) => m.useCommuneFill?.(m.id === module) ?? null);
  const active = MODULE_VIEWS.find((m) => m.id === module) ?? MODULE_VIEWS[0]!;
  const fill = moduleFills[MODULE_VIEWS.indexOf(active)] ?? undefined;
  const fillOpacity = fill ? active.communeFillOpacity : undefined;

  const bounds = useMemo(
    () => (territory ? (bbox(territory.outline) as [number, number, number, number]) : null),
    [territory],
  );
  const baseSpec = useMemo(() => {
    const base = backgroundLayers(basemap);
    if (!territory) return base;
    return mergeSpecs(
      base,
      territoryLayers({
        ...territory,
        colourByEpci: module === 'territory',
        fillColour: fill,
        ...(fillOpacity !== undefined ? { fillOpacity } : {}),
      }),
    );
  }, [territory, basemap, module, fill, fillOpacity]);
  const layerKey = moduleLayers;
  // The drawing tools' sketch goes last: above every module layer.
  const drawSpec = useMemo(() => drawLayers(drawSketch), [drawSketch]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: module layer specs are compared element by element.
  const spec = useMemo(
    () => mergeSpecs(baseSpec, ...layerKey.filter((s) => s !== null), drawSpec),
    [baseSpec, drawSpec, ...layerKey],
  );

  const Overlay = active.MapOverlay;
  const Panel = active.Panel;
  const area = `le module ${MODULES.find((m) => m.id === active.id)?.label ?? active.id}`;
  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        <div className="map-wrap">
          <MapView
            spec={spec}
            bounds={bounds}
            selectedCommune={selectedCommune}
            onSelectCommune={selectCommune}
            clickHandlers={active.clickHandlers}
            isPointerCaptured={isDrawing}
          />
          {territory && Overlay ? (
            <ErrorBoundary key={active.id} area={`la légende de ${area}`}>
              <Overlay />
            </ErrorBoundary>
          ) : null}
        </div>
        <aside className="side" aria-label="Panneau latéral">
          {territoryError ? (
            <div role="alert" className="error">
              {territoryError}
            </div>
          ) : !territory ? (
            <p aria-live="polite">Chargement du territoire…</p>
          ) : (
            // Keyed by module: opening another module gives it a fresh boundary.
            <ErrorBoundary key={active.id} area={area}>
              <Panel />
            </ErrorBoundary>
          )}
        </aside>
      </main>
      <TeamGate />
    </div>
  );
}
