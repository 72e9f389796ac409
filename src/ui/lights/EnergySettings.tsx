import { type FormEvent, useState } from 'react';
import {
  BURNING_HOURS_PRESETS,
  DEFAULT_LOSS_FACTORS,
  type LightingSettings,
  LOSS_FACTOR_SOURCES,
  lossFactorProblem,
  lossFactorsOf,
  TECHNOLOGIES,
  TECHNOLOGY_LABELS,
  type Technology,
} from '../../domain/lights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { parseFrNumber } from './editDraft.ts';

/** The ADEME burning hours to choose from (saved with the settings, hence with the project). */
export function BurningHoursChoice({ settings }: { settings: LightingSettings }) {
  const setSettings = useAppStore((s) => s.setLightingSettings);
  const current = BURNING_HOURS_PRESETS.find(
    (p) => p.hours === settings.burningHoursPerYear && p.source === settings.sources.burningHoursPerYear,
  );
  return (
    <fieldset className="lights-form" data-testid="burning-hours-choice">
      <legend>Durée annuelle de fonctionnement</legend>
      {BURNING_HOURS_PRESETS.map((p) => (
        <label key={p.hours} className="lights-check">
          <input
            type="radio"
            name="burning-hours"
            checked={current === p}
            onChange={() =>
              setSettings({
                ...settings,
                burningHoursPerYear: p.hours,
                sources: { ...settings.sources, burningHoursPerYear: p.source },
              })
            }
          />
          {p.hours.toLocaleString('fr-FR')} h/an — {p.label}
        </label>
      ))}
      <label className="lights-check">
        <input type="radio" name="burning-hours" checked={!current} readOnly disabled={!current} />
        Autre valeur (saisie dans « Modifier les paramètres »)
        {!current ? ` : ${settings.burningHoursPerYear.toLocaleString('fr-FR')} h/an` : ''}
      </label>
    </fieldset>
  );
}

const pct = (share: number) => String(Math.round(share * 1000) / 10).replace('.', ',');

/** Ballast/driver losses per technology, in % of the nominal power, each with its source. */
export function LossFactorsForm({ settings }: { settings: LightingSettings }) {
  const setSettings = useAppStore((s) => s.setLightingSettings);
  const factors = lossFactorsOf(settings.lossFactors);
  const [draft, setDraft] = useState(() => Object.fromEntries(TECHNOLOGIES.map((t) => [t, pct(factors[t])])));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: string[] = [];
    const next: Partial<Record<Technology, number>> = {};
    for (const t of TECHNOLOGIES) {
      const value = parseFrNumber(draft[t] ?? '') / 100;
      const problem = lossFactorProblem(t, value);
      if (problem) found.push(problem);
      else if (value !== DEFAULT_LOSS_FACTORS[t]) next[t] = value;
    }
    setProblems(found);
    setSaved(found.length === 0);
    if (found.length > 0) return;
    const { lossFactors: _old, ...rest } = settings;
    setSettings(Object.keys(next).length > 0 ? { ...rest, lossFactors: next } : rest);
  };
  return (
    <form className="lights-form" onSubmit={submit} aria-label="Pertes des appareillages">
      {TECHNOLOGIES.map((t) => (
        <label key={t} title={LOSS_FACTOR_SOURCES[t]}>
          {TECHNOLOGY_LABELS[t]} (% de la puissance nominale)
          <input
            type="text"
            inputMode="decimal"
            value={draft[t] ?? ''}
            onChange={(e) => {
              setSaved(false);
              setDraft({ ...draft, [t]: e.target.value });
            }}
          />
        </label>
      ))}
      <details>
        <summary>Sources des valeurs par défaut</summary>
        <ul className="lights-small">
          {[...new Set(TECHNOLOGIES.map((t) => LOSS_FACTOR_SOURCES[t]))].map((source) => (
            <li key={source}>{source}</li>
          ))}
        </ul>
      </details>
      {problems.length > 0 ? (
        <ul role="alert" className="lights-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {saved ? (
        <p aria-live="polite">Pertes appliquées : consommations, facteurs et jauges recalculés.</p>
      ) : null}
      <div className="lights-actions">
        <button type="submit">Appliquer les pertes</button>
        <button
          type="button"
          onClick={() => {
            const { lossFactors: _old, ...rest } = settings;
            setSettings(rest);
            setDraft(Object.fromEntries(TECHNOLOGIES.map((t) => [t, pct(DEFAULT_LOSS_FACTORS[t])])));
            setProblems([]);
          }}
        >
          Pertes par défaut
        </button>
      </div>
    </form>
  );
}
