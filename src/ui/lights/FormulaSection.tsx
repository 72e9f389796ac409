import { type FormEvent, memo, useState } from 'react';
import {
  DEFAULT_LIGHTING_SETTINGS,
  formulaExplanation,
  LIGHTING_SETTING_LABELS,
  type LightingSettingKey,
  type LightingSettings,
  settingProblem,
  withSetting,
} from '../../domain/lights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { BurningHoursChoice, LossFactorsForm } from './EnergySettings.tsx';
import { parseFrNumber } from './editDraft.ts';

const KEYS = Object.keys(LIGHTING_SETTING_LABELS) as LightingSettingKey[];

const asText = (value: number) => String(value).replace('.', ',');

function SettingsForm({ settings }: { settings: LightingSettings }) {
  const setSettings = useAppStore((s) => s.setLightingSettings);
  const [draft, setDraft] = useState(() => Object.fromEntries(KEYS.map((k) => [k, asText(settings[k])])));
  const [problems, setProblems] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let next = settings;
    const found: string[] = [];
    for (const key of KEYS) {
      const value = parseFrNumber(draft[key] ?? '');
      const problem = settingProblem(key, value);
      if (problem) found.push(problem);
      else if (value !== settings[key]) next = withSetting(next, key, value);
    }
    setProblems(found);
    setSaved(found.length === 0);
    if (found.length === 0 && next !== settings) setSettings(next);
  };
  const restore = () => {
    setSettings(DEFAULT_LIGHTING_SETTINGS);
    setDraft(Object.fromEntries(KEYS.map((k) => [k, asText(DEFAULT_LIGHTING_SETTINGS[k])])));
    setProblems([]);
    setSaved(false);
  };

  return (
    <form className="lights-form" onSubmit={submit} aria-label="Paramètres de calcul">
      {KEYS.map((key) => (
        <label key={key}>
          {LIGHTING_SETTING_LABELS[key].label} ({LIGHTING_SETTING_LABELS[key].unit})
          <input
            type="text"
            inputMode="decimal"
            value={draft[key] ?? ''}
            onChange={(e) => {
              setSaved(false);
              setDraft({ ...draft, [key]: e.target.value });
            }}
          />
        </label>
      ))}
      {problems.length > 0 ? (
        <ul role="alert" className="lights-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {saved ? <p aria-live="polite">Paramètres appliqués : jauges et économies recalculées.</p> : null}
      <div className="lights-actions">
        <button type="submit">Appliquer</button>
        <button type="button" onClick={restore}>
          Valeurs par défaut
        </button>
      </div>
    </form>
  );
}

/** Memoised: the panel re-renders on every filter change, this section depends on none of it. */
export const FormulaSection = memo(function FormulaSection() {
  const settings = useAppStore((s) => s.lightingSettings);
  const targets = useAppStore((s) => s.territory?.meta.contract.targets);
  const explanation = formulaExplanation(settings, targets);
  return (
    <details className="panel lights-details">
      <summary>{explanation.title}</summary>
      {explanation.steps.map((step) => (
        <p key={step}>{step}</p>
      ))}
      <h4>Paramètres utilisés</h4>
      <dl className="lights-settings">
        {explanation.settings.map((s) => (
          <div key={s.key}>
            <dt>
              {s.label} : <strong>{s.value}</strong>
            </dt>
            <dd className="muted">Source : {s.source}</dd>
          </div>
        ))}
      </dl>
      <BurningHoursChoice settings={settings} />
      <h4>Modifier les paramètres</h4>
      <SettingsForm key={settings.burningHoursPerYear} settings={settings} />
      <h4>Pertes des ballasts et alimentations</h4>
      <LossFactorsForm settings={settings} />
    </details>
  );
});
