import { useEffect, useMemo, useState } from 'react';
import { conversionStats } from '../../domain/advice/conversion.ts';
import { formatFrenchDate } from '../../domain/advice/dates.ts';
import { nextReminder } from '../../domain/advice/reminders.ts';
import { advicePools } from '../../domain/advice/scope.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { adviceShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { PeriodSwitch } from '../PeriodSwitch.tsx';
import { SourceBadge } from '../SourceBadge.tsx';
import { communeRow, useAdviceDashboard, useTerritoryRefs, useToday } from './derived.ts';
import { FollowUpTab } from './FollowUpTab.tsx';
import { ImportExport } from './ImportExport.tsx';
import { IndicatorsTab } from './IndicatorsTab.tsx';
import { ensureAdviceSample } from './importAdvice.ts';
import { countOf } from './plural.ts';
import { SessionForm } from './SessionForm.tsx';
import { TabPanel, Tabs } from './Tabs.tsx';

type TabId = 'indicators' | 'followUp' | 'form';

export function AdvicePanel() {
  const sessions = useAppStore((s) => s.adviceSessions);
  const source = useAppStore(adviceShownSource);
  const dropSample = useAppStore((s) => s.dropAdviceSample);
  const settings = useAppStore((s) => s.adviceSettings);
  const selectedInsee = useAppStore((s) => s.selectedCommune);
  const select = useAppStore((s) => s.selectCommune);
  const territory = useAppStore((s) => s.territory);
  const ready = useAppStore((s) => s.workspaceReady);
  const dashboard = useAdviceDashboard();
  const refs = useTerritoryRefs();
  const today = useToday();
  const [tab, setTab] = useState<TabId>('indicators');
  const [search, setSearch] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (ready && source === null) ensureAdviceSample().catch((e: Error) => setLoadError(e.message));
  }, [ready, source]);

  const selected = dashboard ? communeRow(dashboard, selectedInsee) : null;
  const filtered = useMemo(
    () => (selected ? sessions.filter((s) => s.insee === selected.insee) : sessions),
    [sessions, selected],
  );
  const queue = useMemo(
    () => (dashboard ? dashboard.queue.items.filter((i) => !selected || i.insee === selected.insee) : []),
    [dashboard, selected],
  );
  const scope = useAppStore((s) => s.periodScope);
  // The commune's rate rests on the same sessions as the territory's (period rule and its fallback).
  const selectedStats = useMemo(() => {
    if (!selected || !territory) return null;
    const options = { asOf: today, maturityMonths: settings.maturityMonths };
    const pools = advicePools(sessions, { contract: territory.meta.contract, scope }, options);
    return conversionStats(
      pools.conversion.filter((s) => s.insee === selected.insee),
      options,
    );
  }, [selected, sessions, territory, scope, today, settings.maturityMonths]);
  const epciNames = useMemo(
    () => new Map((territory?.meta.epci ?? []).map((e) => [e.siren, e.name])),
    [territory],
  );
  if (!dashboard || !refs) return null;

  const overdue = queue.filter((i) => i.bucket === 'overdue').length;
  const onCreated = (session: AdviceSession) => {
    const reminder = nextReminder(session, { offsetsMonths: settings.reminderOffsets });
    setCreated(
      `Conseil ${session.id} enregistré (${refs.nameOf.get(session.insee) ?? session.insee}, ${formatFrenchDate(session.date)}).` +
        (reminder ? ` Première relance prévue le ${formatFrenchDate(reminder.dueDate)}.` : '') +
        ' Il est affiché ci-dessous dans « Tous les conseils ».',
    );
    setSearch(session.id);
    // A filter on another commune would hide the session just recorded.
    if (selectedInsee && selectedInsee !== session.insee) select(null);
    setTab('followUp');
  };

  return (
    <section className="panel advice-panel" aria-labelledby="advice-title" data-testid="advice-panel">
      <header className="advice-header">
        <h2 id="advice-title">Conseils énergie</h2>
        <SourceBadge source={source} onDropSample={dropSample} />
      </header>
      {loadError ? (
        <p role="alert" className="error">
          {loadError}
        </p>
      ) : null}
      {source === null && sessions.length === 0 && !loadError ? (
        <p aria-live="polite">
          {ready ? 'Chargement des données d’exemple…' : 'Restauration de l’espace de travail…'}
        </p>
      ) : null}
      <p className="muted">
        {countOf(sessions.length, 'conseil enregistré', 'conseils enregistrés')} · situation au{' '}
        {formatFrenchDate(today)}
      </p>
      {selected ? (
        <div className="commune-filter" data-testid="advice-commune-filter">
          <span>
            Filtré sur <strong>{selected.name}</strong> ({countOf(filtered.length, 'conseil')})
          </span>
          <button type="button" className="link" onClick={() => select(null)}>
            ← Tout le territoire
          </button>
        </div>
      ) : (
        <p className="hint">Cliquez sur une commune de la carte pour filtrer les tableaux et les relances.</p>
      )}
      <PeriodSwitch />
      <ImportExport />
      <Tabs<TabId>
        label="Vues du module Conseils énergie"
        idPrefix="advice"
        current={tab}
        onChange={setTab}
        tabs={[
          { id: 'indicators', label: 'Indicateurs' },
          {
            id: 'followUp',
            label: (
              <>
                Suivi
                {overdue > 0 ? (
                  <span className="tab-count" data-testid="advice-overdue-count">
                    {' '}
                    ({formatInt(overdue)} en retard)
                  </span>
                ) : null}
              </>
            ),
          },
          { id: 'form', label: 'Nouveau conseil' },
        ]}
      />
      <TabPanel idPrefix="advice" id="indicators" active={tab === 'indicators'}>
        <IndicatorsTab
          dashboard={dashboard}
          selected={selected}
          selectedStats={selectedStats}
          maturityMonths={settings.maturityMonths}
          epciNames={epciNames}
        />
      </TabPanel>
      <TabPanel idPrefix="advice" id="followUp" active={tab === 'followUp'}>
        {created ? (
          <p className="success" role="status" data-testid="advice-created">
            {created}
          </p>
        ) : null}
        <FollowUpTab
          sessions={filtered}
          queue={queue}
          nameOf={refs.nameOf}
          today={today}
          search={search}
          onSearch={setSearch}
        />
      </TabPanel>
      <TabPanel idPrefix="advice" id="form" active={tab === 'form'}>
        <SessionForm onCreated={onCreated} />
      </TabPanel>
    </section>
  );
}
