import { useEffect, useRef, useState } from 'react';
import { lightsShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { HistoryPointSheet } from '../team/HistoryPointSheet.tsx';
import { ComplianceSection } from './ComplianceSection.tsx';
import { useFilteredLights, useLightsProgress } from './derived.ts';
import { FilterSection } from './FilterSection.tsx';
import { FormulaSection } from './FormulaSection.tsx';
import { useFilterTiming } from './filterTiming.ts';
import { ImportSection } from './ImportSection.tsx';
import { ensureLightsSample } from './loadLights.ts';
import { PointList } from './PointList.tsx';
import { GroupSummary, ProgressSection } from './ProgressSection.tsx';
import { SelectionSection } from './SelectionSection.tsx';

/** Counts of the commune or EPCI the filter narrows to, so the effect of an edit shows where it happened. */
function FilteredGroup() {
  const filter = useAppStore((s) => s.lightsFilter);
  const territory = useAppStore((s) => s.territory);
  const progress = useLightsProgress();
  if (!progress || !territory) return null;
  const insee = filter.communes.length === 1 ? filter.communes[0]! : null;
  const siren = !insee && filter.epci.length === 1 ? filter.epci[0]! : null;
  if (insee) {
    const name = territory.communes.features.find((f) => f.properties.insee === insee)?.properties.name;
    return (
      <section className="panel" aria-label="Commune filtrée">
        <GroupSummary name={name ?? insee} counts={progress.byCommune[insee]} />
      </section>
    );
  }
  if (siren) {
    const name = territory.meta.epci.find((e) => e.siren === siren)?.name;
    return (
      <section className="panel" aria-label="Intercommunalité filtrée">
        <GroupSummary name={name ?? siren} counts={progress.byEpci[siren]} />
      </section>
    );
  }
  return null;
}

export function LightsPanel() {
  const source = useAppStore(lightsShownSource);
  const dropSample = useAppStore((s) => s.dropLightsSample);
  const total = useAppStore((s) => s.lightPoints.length);
  const ready = useAppStore((s) => s.workspaceReady);
  const territory = useAppStore((s) => s.territory);
  const targets = territory?.meta.contract.targets;
  const [loadError, setLoadError] = useState<string | null>(null);
  const filtered = useFilteredLights();
  const countRef = useRef<HTMLElement>(null);
  useFilterTiming(countRef, filtered);

  useEffect(() => {
    if (!ready || !territory) return;
    ensureLightsSample().catch((e: Error) => setLoadError(e.message));
  }, [ready, territory]);

  return (
    <div className="lights-panel">
      <section className="panel" aria-labelledby="lights-title">
        <h2 id="lights-title">
          Éclairage public <SourceBadge source={source} onDropSample={dropSample} />
        </h2>
        {loadError ? (
          <p role="alert" className="lights-problems">
            {loadError}
          </p>
        ) : !source ? (
          <p aria-live="polite">Chargement de l’inventaire…</p>
        ) : (
          <p>
            {formatInt(total)} points lumineux.
            {targets
              ? ` Objectif du contrat : ${formatInt(targets.lightsRenovated)} points rénovés, dont ${formatInt(targets.lightsFactor4)} au facteur 4 et ${formatInt(targets.lightsFactor2)} au facteur 2.`
              : ''}
          </p>
        )}
      </section>
      {source ? (
        <>
          <ProgressSection />
          <FilterSection countRef={countRef} count={filtered.length} />
          <FilteredGroup />
          <SelectionSection filtered={filtered} />
          <HistoryPointSheet />
          <PointList filtered={filtered} />
          <ComplianceSection />
          <FormulaSection />
        </>
      ) : null}
      <ImportSection />
    </div>
  );
}
