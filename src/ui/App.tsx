import { bbox } from '@turf/turf';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { backgroundLayers } from '../map/layers/basemap.ts';
import { drawLayers } from '../map/layers/draw.ts';
import { territoryLayers } from '../map/layers/territory.ts';
import { MapView } from '../map/MapView.tsx';
import { mergeSpecs } from '../map/spec.ts';
import { ensurePersistence } from '../state/persistence.ts';
import { useAppStore } from '../state/store.ts';
import { type ModuleId, moduleFromHash } from '../state/uiSlice.ts';
import { loadTerritoryData } from './loadTerritory.ts';
import { MODULE_VIEWS } from './registry.ts';
import { ModuleHost, type ModuleMap, type ModuleMapListener } from './shell/ModuleHost.tsx';
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

  // The module's map hooks run inside its own error boundary (ModuleHost), which hands their result up here.
  const [moduleMaps, setModuleMaps] = useState<Partial<Record<ModuleId, ModuleMap>>>({});
  const onModuleMap = useCallback<ModuleMapListener>(
    (id, map) =>
      setModuleMaps((maps) => {
        const current = maps[id];
        if (map === null) {
          if (!current) return maps;
          const { [id]: _gone, ...rest } = maps;
          return rest;
        }
        return current?.layers === map.layers && current.fill === map.fill ? maps : { ...maps, [id]: map };
      }),
    [],
  );
  const [overlayHost, setOverlayHost] = useState<HTMLDivElement | null>(null);
  const active = MODULE_VIEWS.find((m) => m.id === module) ?? MODULE_VIEWS[0]!;
  // Only the module on screen contributes (a module that just left may not have withdrawn yet).
  const activeMap = moduleMaps[active.id];
  const fill = activeMap?.fill ?? undefined;
  const fillOpacity = fill ? active.communeFillOpacity : undefined;
  const moduleLayers = activeMap?.layers ?? null;

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
  // The drawing tools' sketch goes last: above every module layer.
  const drawSpec = useMemo(() => drawLayers(drawSketch), [drawSketch]);
  const spec = useMemo(
    () => (moduleLayers ? mergeSpecs(baseSpec, moduleLayers, drawSpec) : mergeSpecs(baseSpec, drawSpec)),
    [baseSpec, moduleLayers, drawSpec],
  );

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
          {/* The module's overlay is portalled here by ModuleHost (display: contents: no box of its own). */}
          <div ref={setOverlayHost} className="map-overlays" />
        </div>
        <aside className="side" aria-label="Panneau latéral">
          <ModuleHost
            view={active}
            onMap={onModuleMap}
            overlayHost={overlayHost}
            waiting={
              territoryError ? (
                <div role="alert" className="error">
                  {territoryError}
                </div>
              ) : !territory ? (
                <p aria-live="polite">Chargement du territoire…</p>
              ) : null
            }
          />
        </aside>
      </main>
      <TeamGate />
    </div>
  );
}
