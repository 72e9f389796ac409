import { useId, useMemo, useState } from 'react';
import { formatFrenchDate, localToday } from '../../../domain/advice/dates.ts';
import { formatNumber } from '../../../domain/choropleth/format.ts';
import { pcaetProgress, placesOfLevel, shownUnit, shownValues } from '../../../domain/pcaet/progress.ts';
import { DIRECTION_LABELS, LEVEL_LABELS, VALUE_TYPE_LABELS } from '../../../domain/pcaet/types.ts';
import { valueKey } from '../../../domain/pcaet/validate.ts';
import { PCAET_PREFIX } from '../../../state/dashboardSlice.ts';
import { indicatorRecordId } from '../../../state/pcaetRecords.ts';
import { useAppStore } from '../../../state/store.ts';
import { RecordHistory } from '../../team/HistoryList.tsx';
import { useTeamReadOnly } from '../../team/permissions.ts';
import { PcaetChart } from './PcaetChart.tsx';
import { PcaetImport } from './PcaetImport.tsx';
import { PcaetIndicatorForm } from './PcaetIndicatorForm.tsx';
import { PcaetProgressTable } from './PcaetProgressTable.tsx';
import { PcaetValueForm } from './PcaetValueForm.tsx';
import { optionsFor, territoryPlaces } from './places.ts';

const decimalsOf = (v: number) => (Number.isInteger(v) ? 0 : 2);

/** « Indicateurs PCAET »: the climate plan's own indicators, their values and target paths. */
export function PcaetSection() {
  const id = useId();
  const territory = useAppStore((s) => s.territory);
  const indicators = useAppStore((s) => s.pcaetIndicators);
  const values = useAppStore((s) => s.pcaetValues);
  const setValues = useAppStore((s) => s.setPcaetValues);
  const remove = useAppStore((s) => s.removePcaetIndicator);
  const setMap = useAppStore((s) => s.setDashboardMap);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Team mode: only the Pays (admin) writes PCAET figures; the others read the team's.
  const readOnly = useTeamReadOnly('pcaet');
  const [place, setPlace] = useState<string>('');
  const selected = indicators.find((i) => i.id === selectedId) ?? indicators[0] ?? null;
  const own = useMemo(
    () =>
      selected
        ? values
            .filter((v) => v.indicatorId === selected.id)
            .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        : [],
    [values, selected],
  );
  const asOf = localToday();
  const progressPlaces = useMemo(
    () =>
      territory && selected
        ? placesOfLevel(
            selected.level,
            territory.communes.features.map((f) => f.properties),
            { epci: territoryPlaces(territory).nameOf, territory: territory.meta.name },
          )
        : [],
    [territory, selected],
  );
  const progress = useMemo(
    () => (selected ? pcaetProgress(selected, values, progressPlaces, asOf) : []),
    [selected, values, progressPlaces, asOf],
  );
  // The chart shows the values as the table does (per inhabitant when the indicator asks for it).
  const chartValues = useMemo(() => {
    if (!selected) return values;
    const population = new Map(progressPlaces.map((p) => [p.id, p.population]));
    return shownValues(selected, values, (place) => population.get(place));
  }, [selected, values, progressPlaces]);
  if (!territory) return null;
  const places = territoryPlaces(territory);
  const options = selected ? optionsFor(selected.level, places) : [];
  const chartPlace =
    selected?.level === 'territory'
      ? null
      : place || (own.find((v) => v.place)?.place ?? options[0]?.id ?? null);

  return (
    <section aria-labelledby={`${id}-title`} className="dashboard-section pcaet" data-testid="pcaet-section">
      <h3 id={`${id}-title`}>Indicateurs PCAET</h3>
      <p className="muted small">
        Au-delà des trois objectifs du contrat, suivez les indicateurs du plan climat (valeurs mesurées,
        objectifs intermédiaires, estimations), sur le modèle de Territoires en Transitions.
      </p>
      {indicators.length > 0 && selected ? (
        <>
          <label htmlFor={`${id}-select`}>Indicateur suivi</label>
          <select id={`${id}-select`} value={selected.id} onChange={(e) => setSelectedId(e.target.value)}>
            {indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name} ({i.unit})
              </option>
            ))}
          </select>
          <p className="small">
            {LEVEL_LABELS[selected.level]} · {DIRECTION_LABELS[selected.direction]} · objectif{' '}
            {selected.level === 'territory' || selected.normalisation === 'inhabitant'
              ? ''
              : 'du territoire '}
            {formatNumber(selected.target.value, decimalsOf(selected.target.value))} {shownUnit(selected)} au{' '}
            {formatFrenchDate(selected.target.date)}
          </p>
          <div className="inline">
            {selected.level !== 'territory' ? (
              <button type="button" onClick={() => setMap({ indicator: `${PCAET_PREFIX}${selected.id}` })}>
                Afficher sur la carte
              </button>
            ) : null}
            {readOnly ? null : (
              <button
                type="button"
                className="danger"
                onClick={() => {
                  if (
                    window.confirm(
                      `Supprimer « ${selected.name} » et ${own.length >= 2 ? `ses ${own.length} valeurs` : `sa valeur`} ?`,
                    )
                  )
                    remove(selected.id);
                }}
              >
                Supprimer l’indicateur
              </button>
            )}
          </div>
          {selected.level !== 'territory' ? (
            <>
              <label htmlFor={`${id}-place`}>Série affichée</label>
              <select id={`${id}-place`} value={chartPlace ?? ''} onChange={(e) => setPlace(e.target.value)}>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <PcaetProgressTable indicator={selected} progress={progress} asOf={asOf} />
          <PcaetChart
            indicator={selected}
            values={chartValues}
            place={chartPlace}
            placeName={chartPlace ? (places.nameOf.get(chartPlace) ?? chartPlace) : territory.meta.name}
          />
          {readOnly ? null : <PcaetValueForm indicator={selected} places={places.places} options={options} />}
          <details>
            <summary>Valeurs enregistrées ({formatNumber(own.length)})</summary>
            <table className="dashboard-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  {selected.level !== 'territory' ? <th scope="col">Lieu</th> : null}
                  <th scope="col">Type</th>
                  <th scope="col">Valeur</th>
                  <th scope="col">
                    <span className="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {own.map((v) => (
                  <tr key={valueKey(v)}>
                    <td>{formatFrenchDate(v.date)}</td>
                    {selected.level !== 'territory' ? (
                      <td>{v.place ? (places.nameOf.get(v.place) ?? v.place) : '—'}</td>
                    ) : null}
                    <td>{VALUE_TYPE_LABELS[v.type]}</td>
                    <td className="num">{formatNumber(v.value, decimalsOf(v.value))}</td>
                    <td>
                      {readOnly ? null : (
                        <button
                          type="button"
                          className="link"
                          onClick={() => setValues(values.filter((x) => valueKey(x) !== valueKey(v)))}
                        >
                          Supprimer
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <RecordHistory module="pcaet" id={indicatorRecordId(selected.id)} />
        </>
      ) : (
        <p className="muted">Aucun indicateur PCAET défini pour l’instant.</p>
      )}
      {readOnly ? (
        <p className="muted" data-testid="pcaet-read-only">
          {readOnly}
        </p>
      ) : (
        <>
          <PcaetImport places={places.places} />
          <details open={indicators.length === 0}>
            <summary>Définir un indicateur</summary>
            <PcaetIndicatorForm onCreated={setSelectedId} />
          </details>
        </>
      )}
    </section>
  );
}
