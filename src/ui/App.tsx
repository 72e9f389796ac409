import { bbox } from '@turf/turf';
import { useEffect, useMemo } from 'react';
import { backgroundLayers } from '../map/layers/basemap.ts';
import { territoryLayers } from '../map/layers/territory.ts';
import { MapView } from '../map/MapView.tsx';
import { mergeSpecs } from '../map/spec.ts';
import { useAppStore } from '../state/store.ts';
import { moduleFromHash } from '../state/uiSlice.ts';
import { loadTerritoryData } from './loadTerritory.ts';
import { CommunePanel } from './panels/CommunePanel.tsx';
import { PlaceholderPanel } from './panels/PlaceholderPanel.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const territory = useAppStore((s) => s.territory);
  const territoryError = useAppStore((s) => s.territoryError);
  const module = useAppStore((s) => s.module);
  const basemap = useAppStore((s) => s.basemap);
  const selectedCommune = useAppStore((s) => s.selectedCommune);
  const selectCommune = useAppStore((s) => s.selectCommune);

  useEffect(() => {
    const { setTerritory, setTerritoryError } = useAppStore.getState();
    loadTerritoryData().then(setTerritory, (e: Error) => setTerritoryError(e.message));
    const onHash = () => useAppStore.getState().setModule(moduleFromHash(window.location.hash));
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const bounds = useMemo(
    () => (territory ? (bbox(territory.outline) as [number, number, number, number]) : null),
    [territory],
  );
  const spec = useMemo(() => {
    const base = backgroundLayers(basemap);
    if (!territory) return base;
    return mergeSpecs(base, territoryLayers({ ...territory, colourByEpci: module === 'territory' }));
  }, [territory, basemap, module]);

  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        <MapView spec={spec} bounds={bounds} selectedCommune={selectedCommune} onSelectCommune={selectCommune} />
        <aside className="side" aria-label="Panneau latéral">
          {territoryError ? (
            <div role="alert" className="error">
              {territoryError}
            </div>
          ) : !territory ? (
            <p aria-live="polite">Chargement du territoire…</p>
          ) : module === 'territory' ? (
            <CommunePanel />
          ) : (
            <>
              <PlaceholderPanel module={module} />
              <CommunePanel />
            </>
          )}
        </aside>
      </main>
    </div>
  );
}
