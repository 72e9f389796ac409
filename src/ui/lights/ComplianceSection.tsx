import { useMemo, useState } from 'react';
import {
  type ComplianceCounts,
  type ComplianceSettings,
  CRITERION_LABELS,
  type Criterion,
  complianceCountsCsv,
  complianceCsv,
  complianceExplanation,
  summarizeCompliance,
  VERDICT_STYLE,
  VERDICTS,
  type Verdict,
} from '../../domain/lights/index.ts';
import { periodLabel } from '../../domain/period.ts';
import { useAppStore } from '../../state/store.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { formatInt } from '../format.ts';
import { useFilteredLights, useLightsContext } from './derived.ts';
import { markFilterChange } from './filterTiming.ts';

const csvBlob = (text: string) => new Blob([text], { type: 'text/csv;charset=utf-8' });

function CountsRow({ name, counts, testId }: { name: string; counts: ComplianceCounts; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{name}</th>
      <td>{formatInt(counts.nonCompliant)}</td>
      <td>{formatInt(counts.unknown)}</td>
      <td>{formatInt(counts.compliant)}</td>
    </tr>
  );
}

/** Communes picked in a list of checkboxes (protected areas, required switch-off). */
function CommunePicker({
  legend,
  chosen,
  onChange,
}: {
  legend: string;
  chosen: string[];
  onChange: (insee: string[]) => void;
}) {
  const territory = useAppStore((s) => s.territory);
  const communes = useMemo(
    () =>
      (territory?.communes.features.map((f) => f.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'fr'),
      ),
    [territory],
  );
  return (
    <details>
      <summary>
        {legend} ({formatInt(chosen.length)})
      </summary>
      <div className="lights-communes">
        {communes.map((c) => (
          <label key={c.insee} className="lights-check">
            <input
              type="checkbox"
              checked={chosen.includes(c.insee)}
              onChange={(e) =>
                onChange(
                  e.target.checked ? [...chosen, c.insee] : chosen.filter((insee) => insee !== c.insee),
                )
              }
            />
            {c.name}
          </label>
        ))}
      </div>
    </details>
  );
}

/** Counted only while open: assessing a million points is not free, and most sessions never look. */
function ComplianceBody() {
  const points = useAppStore((s) => s.lightPoints);
  const settings = useAppStore((s) => s.lightsCompliance);
  const setSettings = useAppStore((s) => s.setLightsCompliance);
  const filter = useAppStore((s) => s.lightsFilter);
  const setFilter = useAppStore((s) => s.setLightsFilter);
  const style = useAppStore((s) => s.lightsMapStyle);
  const setStyle = useAppStore((s) => s.setLightsMapStyle);
  const territory = useAppStore((s) => s.territory);
  const context = useLightsContext();
  const filtered = useFilteredLights();
  const summary = useMemo(() => summarizeCompliance(points, settings, context), [points, settings, context]);
  const [byCommune, setByCommune] = useState(false);
  const update = (patch: Partial<ComplianceSettings>) => setSettings({ ...settings, ...patch });
  const toggleVerdict = (v: Verdict, on: boolean) => {
    markFilterChange();
    const rest = filter.compliance.filter((x) => x !== v);
    setFilter({ compliance: on ? [...rest, v] : rest });
  };
  const t = summary.totals;
  const communes = territory?.communes.features.map((f) => f.properties) ?? [];

  return (
    <>
      <p className="lights-small" data-testid="compliance-totals">
        Territoire ({periodLabel('all')}) : <strong>{formatInt(t.nonCompliant)} non conformes</strong>,{' '}
        {formatInt(t.unknown)} de conformité inconnue, {formatInt(t.compliant)} conformes
        {t.removed > 0 ? `, ${formatInt(t.removed)} déposés (non jugés)` : ''}.
      </p>
      {t.nonCompliant > 0 ? (
        <p className="muted lights-small">
          Critères dépassés :{' '}
          {(Object.keys(summary.failing) as Criterion[])
            .filter((c) => summary.failing[c] > 0)
            .map((c) => `${CRITERION_LABELS[c].toLowerCase()} ${formatInt(summary.failing[c])}`)
            .join(' · ')}
        </p>
      ) : null}
      <div className="lights-actions">
        <label className="lights-check">
          <input
            type="checkbox"
            checked={style === 'compliance'}
            onChange={(e) => setStyle(e.target.checked ? 'compliance' : 'status')}
            data-testid="compliance-map-style"
          />
          Colorer la carte selon la conformité
        </label>
      </div>
      <fieldset>
        <legend>Afficher les points</legend>
        {VERDICTS.map((v) => (
          <label key={v} className="lights-check">
            <input
              type="checkbox"
              checked={filter.compliance.includes(v)}
              onChange={(e) => toggleVerdict(v, e.target.checked)}
            />
            {VERDICT_STYLE[v].label}
          </label>
        ))}
      </fieldset>
      <table className="lights-table" data-testid="compliance-table">
        <caption className="muted">Par intercommunalité{byCommune ? ' et par commune' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">{byCommune ? 'Commune' : 'Intercommunalité'}</th>
            <th scope="col">Non conformes</th>
            <th scope="col">Inconnus</th>
            <th scope="col">Conformes</th>
          </tr>
        </thead>
        <tbody>
          {byCommune
            ? communes
                .filter((c) => summary.byCommune[c.insee])
                .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
                .map((c) => <CountsRow key={c.insee} name={c.name} counts={summary.byCommune[c.insee]!} />)
            : (territory?.meta.epci ?? [])
                .filter((e) => summary.byEpci[e.siren])
                .map((e) => (
                  <CountsRow
                    key={e.siren}
                    name={e.name}
                    counts={summary.byEpci[e.siren]!}
                    testId={`compliance-epci-${e.siren}`}
                  />
                ))}
          <CountsRow name="Territoire" counts={t} />
        </tbody>
      </table>
      <button type="button" className="link" onClick={() => setByCommune(!byCommune)}>
        {byCommune ? 'Afficher par intercommunalité' : 'Afficher par commune'}
      </button>
      <div className="lights-actions">
        <button
          type="button"
          onClick={() =>
            downloadBlob(
              csvBlob(
                complianceCsv(
                  Array.from(filtered, (i) => points[i]!),
                  settings,
                  context,
                ),
              ),
              safeFileName('conformite-arrete-2018-points', 'csv'),
            )
          }
        >
          Exporter les {formatInt(filtered.length)} points filtrés (CSV)
        </button>
        <button
          type="button"
          onClick={() =>
            downloadBlob(
              csvBlob(complianceCountsCsv(points, settings, context)),
              safeFileName('conformite-arrete-2018-communes', 'csv'),
            )
          }
        >
          Exporter les effectifs par commune (CSV)
        </button>
      </div>
      <h4>Ce que vous savez du territoire</h4>
      <CommunePicker
        legend="Communes en réserve naturelle ou périmètre de protection (2 400 K)"
        chosen={settings.protectedCommunes}
        onChange={(protectedCommunes) => update({ protectedCommunes })}
      />
      <CommunePicker
        legend="Communes où une extinction nocturne est exigée"
        chosen={settings.switchOffCommunes}
        onChange={(switchOffCommunes) => update({ switchOffCommunes })}
      />
      <details>
        <summary>Comment c’est calculé</summary>
        {complianceExplanation().map((step) => (
          <p key={step}>{step}</p>
        ))}
      </details>
    </>
  );
}

export function ComplianceSection() {
  const [open, setOpen] = useState(false);
  return (
    <details
      className="panel lights-details"
      data-testid="compliance-section"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Conformité à l’arrêté du 27 décembre 2018 (nuisances lumineuses)</summary>
      {open ? <ComplianceBody /> : null}
    </details>
  );
}
