import { bbox } from '@turf/turf';
import { useEffect, useState } from 'react';
import { formatFrenchDate } from '../../domain/advice/dates.ts';
import { contractDashboard } from '../../domain/indicators/trajectory.ts';
import { periodDescription } from '../../domain/period.ts';
import { memoLast } from '../../lib/memo.ts';
import { useAppStore } from '../../state/store.ts';
import type { TerritoryData } from '../../state/territorySlice.ts';
import { TabPanel, Tabs } from '../advice/Tabs.tsx';
import { gpkgButtonAction } from '../data/exportGpkg.ts';
import { indicatorsGpkgLayer } from '../data/exportLayers.ts';
import { PeriodSwitch } from '../PeriodSwitch.tsx';
import { SourceBadge } from '../SourceBadge.tsx';
import { CommuneSearch } from './CommuneSearch.tsx';
import { CompositeSection } from './CompositeSection.tsx';
import { DashboardExport } from './DashboardExport.tsx';
import { combinedSource, communeRefsOf, epciNamesOf, useDashboardData } from './data.ts';
import { EpciBreakdown } from './EpciBreakdown.tsx';
import { sheetContent } from './exportSheet.ts';
import { useActiveChoropleth } from './hooks.ts';
import { MapControls } from './MapControls.tsx';
import { mapIndicators } from './mapModel.ts';
import { PlaceTable } from './PlaceTable.tsx';
import { PcaetSection } from './pcaet/PcaetSection.tsx';
import { enterPresentation } from './presentation/control.ts';
import { ensureModuleSamples } from './sources.ts';
import { TargetsSection } from './TargetsSection.tsx';
import { TrajectoryCharts } from './TrajectoryCharts.tsx';

const contractOf = memoLast(contractDashboard);
const territoryBounds = memoLast(
  (territory: TerritoryData) => bbox(territory.outline) as [number, number, number, number],
);

type TabId = 'contract' | 'map' | 'pcaet';
const TABS: { id: TabId; label: string }[] = [
  { id: 'contract', label: 'Contrat' },
  { id: 'map', label: 'Carte et communes' },
  { id: 'pcaet', label: 'Indicateurs PCAET' },
];

export function DashboardPanel() {
  const dashboardData = useDashboardData();
  const current = useActiveChoropleth();
  const ready = useAppStore((s) => s.workspaceReady);
  const basemap = useAppStore((s) => s.basemap);
  const pcaetIndicators = useAppStore((s) => s.pcaetIndicators);
  const [tab, setTab] = useState<TabId>('contract');
  const [loadErrors, setLoadErrors] = useState<string[]>([]);

  useEffect(() => {
    if (ready) ensureModuleSamples().then(setLoadErrors);
  }, [ready]);

  const contract = dashboardData ? contractOf(dashboardData.data) : null;
  if (!dashboardData || !contract || !current) return null;
  const { data, status, territory } = dashboardData;
  const indicators = mapIndicators(data.contract, pcaetIndicators);
  const epciNames = epciNamesOf(territory);
  const mapSource = current.info.pcaet ? null : combinedSource(status, current.info.requires);

  return (
    <section
      className="panel dashboard-panel"
      aria-labelledby="dashboard-title"
      data-testid="dashboard-panel"
    >
      <header className="dashboard-header">
        <h2 id="dashboard-title">Tableau de bord</h2>
        <button
          type="button"
          className="primary"
          data-testid="presentation-start"
          onClick={enterPresentation}
        >
          Mode présentation
        </button>
      </header>
      <p className="muted small">
        Données au {formatFrenchDate(data.asOf)} · chiffres {periodDescription(data.scope, data.contract)}.
      </p>
      <PeriodSwitch />
      <ul className="dataset-status" aria-label="Données des modules">
        {Object.values(status).map((s) => (
          <li key={s.id} data-testid={`dataset-${s.id}`} data-loaded={s.loaded}>
            <span>{s.label} :</span>{' '}
            {s.loaded ? (
              <SourceBadge source={s.source} />
            ) : (
              <span className="not-loaded">Données non chargées</span>
            )}
          </li>
        ))}
      </ul>
      {loadErrors.map((e) => (
        <p key={e} role="alert" className="field-error">
          Chargement des données d’exemple impossible — {e}
        </p>
      ))}
      <Tabs
        tabs={TABS}
        current={tab}
        onChange={setTab}
        label="Sections du tableau de bord"
        idPrefix="dashboard"
      />
      <TabPanel idPrefix="dashboard" id="contract" active={tab === 'contract'}>
        <TargetsSection dashboard={contract} status={status} />
        <CompositeSection dashboard={contract} status={status} />
        <TrajectoryCharts dashboard={contract} status={status} />
        <EpciBreakdown data={data} status={status} epciNames={epciNames} />
      </TabPanel>
      <TabPanel idPrefix="dashboard" id="map" active={tab === 'map'}>
        <MapControls indicators={indicators} current={current} />
        <DashboardExport
          sheet={sheetContent(current, territory.meta.name, data.asOf, mapSource, basemap)}
          fileName={`carte-${current.info.label}`}
          bounds={territoryBounds(territory)}
        />
        <button
          type="button"
          data-testid="dashboard-indicators-gpkg"
          onClick={gpkgButtonAction('indicateurs-par-commune', () => [
            indicatorsGpkgLayer(data, territory.communes),
          ])}
        >
          Tous les indicateurs par commune (GeoPackage)
        </button>
        <CommuneSearch communes={communeRefsOf(territory)} />
        <PlaceTable current={current} communes={communeRefsOf(territory)} epciNames={epciNames} />
      </TabPanel>
      <TabPanel idPrefix="dashboard" id="pcaet" active={tab === 'pcaet'}>
        <PcaetSection />
      </TabPanel>
    </section>
  );
}
