import { useEffect, useId, useState } from 'react';
import {
  CLASSIFICATION_METHODS,
  type ClassificationMethod,
  MAX_CLASSES,
  METHOD_LABELS,
  MIN_CLASSES,
} from '../../domain/choropleth/classify.ts';
import { PALETTES, type PaletteId } from '../../domain/choropleth/palettes.ts';
import { parseNumberFr } from '../../io/formats/number.ts';
import type { DashboardLevel } from '../../state/dashboardSlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { DashboardChoropleth, MapIndicatorInfo } from './mapModel.ts';
import { useValueLabels, valueLabelsOffered } from './valueLabels.ts';

const CLASS_COUNTS = Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i);

/**
 * « 0 ; 25 ; 1 000 » or « 0 25 50 » → numbers (decimal commas and digit groups accepted when `;` separates
 * the bounds); null when a bound is unreadable.
 */
export function parseBreaks(text: string): number[] | null {
  const parts = (text.includes(';') ? text.split(';') : text.split(/\s+/))
    .map((p) => p.trim())
    .filter(Boolean);
  const numbers = parts.map((p) => parseNumberFr(p));
  return numbers.every((n): n is number => n !== null) ? numbers : null;
}

export function formatBreaks(breaks: readonly number[]): string {
  return breaks.map((b) => String(b).replace('.', ',')).join(' ; ');
}

/** Indicator, classification and level of the dashboard map. */
export function MapControls({
  indicators,
  current,
}: {
  indicators: MapIndicatorInfo[];
  current: DashboardChoropleth;
}) {
  const id = useId();
  const choice = useAppStore((s) => s.dashboardMap);
  const set = useAppStore((s) => s.setDashboardMap);
  const [breaksText, setBreaksText] = useState(formatBreaks(choice.manualBreaks));
  const [breaksError, setBreaksError] = useState<string | null>(null);
  useEffect(() => setBreaksText(formatBreaks(choice.manualBreaks)), [choice.manualBreaks]);
  const registry = indicators.filter((i) => !i.pcaet && !i.targetShare);
  const shares = indicators.filter((i) => i.targetShare);
  // A share of the target has its own fixed classes and diverging palette: the settings do not apply.
  const fixed = current.info.targetShare !== null;
  const labels = useValueLabels();
  const pcaet = indicators.filter((i) => i.pcaet);
  const applyBreaks = () => {
    const parsed = parseBreaks(breaksText);
    if (!parsed) {
      setBreaksError(
        'Seuils illisibles : saisissez des nombres séparés par « ; » (exemple : 0 ; 25 ; 50 ; 75 ; 100).',
      );
      return;
    }
    setBreaksError(null);
    set({ manualBreaks: parsed });
  };
  return (
    <fieldset className="map-controls" data-testid="map-controls">
      <legend>Carte</legend>
      <label htmlFor={`${id}-indicator`}>Indicateur</label>
      <select
        id={`${id}-indicator`}
        data-testid="indicator-select"
        value={current.info.key}
        onChange={(e) => set({ indicator: e.target.value })}
      >
        <optgroup label="Contrat COTRI">
          {registry.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Part de l’objectif">
          {shares.map((i) => (
            <option key={i.key} value={i.key}>
              {i.label}
            </option>
          ))}
        </optgroup>
        {pcaet.length > 0 ? (
          <optgroup label="Indicateurs PCAET">
            {pcaet.map((i) => (
              <option key={i.key} value={i.key}>
                {i.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>

      <div className="control-row">
        <div className="wide">
          <label htmlFor={`${id}-method`}>Discrétisation</label>
          <select
            id={`${id}-method`}
            data-testid="method-select"
            value={choice.method}
            disabled={fixed}
            onChange={(e) => set({ method: e.target.value as ClassificationMethod })}
          >
            {CLASSIFICATION_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-classes`}>Classes</label>
          <select
            id={`${id}-classes`}
            data-testid="classes-select"
            value={choice.classes}
            disabled={fixed || choice.method === 'manual'}
            onChange={(e) => set({ classes: Number(e.target.value) })}
          >
            {CLASS_COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </div>

      {fixed ? (
        <p className="muted small" data-testid="target-share-note">
          Classes fixes autour de l’objectif (100 %), palette divergente centrée sur l’objectif.
        </p>
      ) : null}
      {choice.method === 'manual' && !fixed ? (
        <div className="manual-breaks">
          <label htmlFor={`${id}-breaks`}>
            Seuils ({MIN_CLASSES + 1} à {MAX_CLASSES + 1} bornes croissantes)
          </label>
          <div className="inline">
            <input
              id={`${id}-breaks`}
              value={breaksText}
              onChange={(e) => setBreaksText(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && applyBreaks()}
              aria-describedby={breaksError ? `${id}-breaks-error` : undefined}
            />
            <button type="button" onClick={applyBreaks}>
              Appliquer
            </button>
          </div>
          {breaksError ? (
            <p id={`${id}-breaks-error`} role="alert" className="field-error">
              {breaksError}
            </p>
          ) : null}
        </div>
      ) : null}

      <label htmlFor={`${id}-palette`}>Palette</label>
      <select
        id={`${id}-palette`}
        value={choice.palette}
        disabled={fixed}
        onChange={(e) => set({ palette: e.target.value as PaletteId })}
      >
        {PALETTES.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <div role="radiogroup" aria-labelledby={`${id}-level`} className="level-switch">
        <span id={`${id}-level`}>Niveau :</span>
        {(['commune', 'epci'] as DashboardLevel[]).map((level) => (
          <label key={level}>
            <input
              type="radio"
              name={`${id}-level`}
              value={level}
              checked={current.level === level}
              disabled={current.info.fixedLevel !== null}
              onChange={() => set({ level })}
            />
            {level === 'commune' ? 'Communes' : 'EPCI'}
          </label>
        ))}
      </div>
      {valueLabelsOffered(current) ? (
        <label className="inline-check">
          <input
            type="checkbox"
            checked={labels.on}
            data-testid="value-labels"
            onChange={(e) => labels.setOn(e.target.checked)}
          />{' '}
          Afficher les valeurs sur la carte
        </label>
      ) : null}
      {current.info.fixedLevel ? (
        <p className="muted small">
          Cet indicateur PCAET est suivi par {current.level === 'epci' ? 'EPCI' : 'commune'}.
        </p>
      ) : null}
      <details>
        <summary>Mode de calcul et source</summary>
        <p className="formula">{current.info.formula}</p>
        <p className="muted small">Source : {current.info.source}.</p>
        {current.level === 'epci' && current.info.aggregation ? (
          <p className="muted small">Valeur d’EPCI : {current.info.aggregation}.</p>
        ) : null}
        <p className="muted small">
          Palettes ColorBrewer et Viridis, lisibles par les personnes daltoniennes ; la rampe est inversée
          quand une valeur basse est meilleure.
        </p>
      </details>
    </fieldset>
  );
}
