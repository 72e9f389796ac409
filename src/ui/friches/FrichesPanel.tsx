import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { frichesShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { DataTab } from './DataTab.tsx';
import { ensureFrichesSample } from './loadFriches.ts';
import { MutafrichesView } from './MutafrichesView.tsx';
import { RankingTable } from './RankingTable.tsx';
import { ShortlistBox } from './ShortlistBox.tsx';
import { SiteSheetView } from './SiteSheetView.tsx';
import { useFrichesAnalysis, useMatrixState } from './useFrichesAnalysis.ts';
import { WeightsEditor } from './WeightsEditor.tsx';

type TabId = 'ranking' | 'weights' | 'mutafriches' | 'data';
const TABS: { id: TabId; label: string }[] = [
  { id: 'ranking', label: 'Classement' },
  { id: 'weights', label: 'Pondérations' },
  { id: 'mutafriches', label: 'Mutafriches' },
  { id: 'data', label: 'Données' },
];

function MatrixStatus() {
  const { state, sites } = useMatrixState(true);
  if (state.status === 'computing')
    return (
      <div className="friches-progress" role="status" data-testid="friches-progress">
        Calcul des critères en arrière-plan : {formatInt(state.done)} / {formatInt(state.total)} sites
        <progress max={state.total} value={state.done} />
      </div>
    );
  if (state.status === 'error')
    return (
      <p role="alert" className="error">
        {state.message}
      </p>
    );
  if (state.status === 'idle' && sites.length > 0) return <p role="status">Calcul des critères…</p>;
  return null;
}

export function FrichesPanel() {
  const source = useAppStore(frichesShownSource);
  const dropSample = useAppStore((s) => s.dropFrichesSample);
  const sites = useAppStore((s) => s.frichesSites);
  const showOutside = useAppStore((s) => s.frichesShowOutside);
  const setShowOutside = useAppStore((s) => s.setFrichesShowOutside);
  const ready = useAppStore((s) => s.workspaceReady);
  const selected = useAppStore((s) => s.frichesSelected);
  const view = useFrichesAnalysis();
  const [tab, setTab] = useState<TabId>('ranking');
  const [loadError, setLoadError] = useState<string | null>(null);
  const tabs = useRef(new Map<TabId, HTMLButtonElement>());

  useEffect(() => {
    if (ready && source === null) ensureFrichesSample().catch((e: Error) => setLoadError(e.message));
  }, [ready, source]);
  // A site picked on the map opens its sheet, which lives in the ranking tab.
  useEffect(() => {
    if (selected) setTab('ranking');
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const id = TABS[(next + TABS.length) % TABS.length]!.id;
    setTab(id);
    tabs.current.get(id)?.focus();
  };
  const ranked = view ? view.rows.filter((r) => r.rank !== null).length : 0;
  const outside = view ? view.rows.filter((r) => r.outside).length : 0;

  return (
    <section className="panel friches-panel" aria-labelledby="friches-title" data-testid="friches-panel">
      <header className="friches-header">
        <h2 id="friches-title">Friches</h2>
        <SourceBadge source={source} onDropSample={dropSample} />
      </header>
      <p className="muted">
        Objectif du contrat : identifier 5 friches à fort enjeu de reconversion.{' '}
        {sites.length > 0 ? (
          <span data-testid="friches-count">
            {formatInt(sites.length)} {sites.length === 1 ? 'site' : 'sites'} à l’inventaire,{' '}
            {formatInt(ranked)} {ranked === 1 ? 'classé' : 'classés'}
            {outside > 0 ? `, ${formatInt(outside)} hors du territoire (jamais classés)` : ''}.
          </span>
        ) : null}
      </p>
      {outside > 0 ? (
        <label className="inline small">
          <input
            type="checkbox"
            data-testid="friches-show-outside"
            checked={showOutside}
            onChange={(e) => setShowOutside(e.target.checked)}
          />{' '}
          afficher les sites hors territoire
        </label>
      ) : null}
      {view?.coverageWarning ? (
        <p className="warning" data-testid="friches-coverage-warning">
          {view.coverageWarning}
        </p>
      ) : null}
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : null}
      {source === null && sites.length === 0 && !loadError ? (
        <p aria-live="polite">Chargement des données d’exemple…</p>
      ) : null}
      <MatrixStatus />
      {view ? <ShortlistBox view={view} /> : null}
      <div
        role="tablist"
        aria-label="Vues du module Friches"
        className="tabs friches-tabs"
        onKeyDown={onKeyDown}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              if (el) tabs.current.set(t.id, el);
            }}
            type="button"
            role="tab"
            id={`friches-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`friches-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          hidden={tab !== t.id}
          role="tabpanel"
          id={`friches-panel-${t.id}`}
          aria-labelledby={`friches-tab-${t.id}`}
          className="tabpanel"
        >
          {t.id === 'ranking' && view ? (
            <>
              <RankingTable view={view} />
              <SiteSheetView view={view} />
            </>
          ) : null}
          {t.id === 'weights' && view ? <WeightsEditor view={view} /> : null}
          {t.id === 'mutafriches' && view ? <MutafrichesView view={view} /> : null}
          {t.id === 'data' ? <DataTab view={view} /> : null}
        </div>
      ))}
    </section>
  );
}
