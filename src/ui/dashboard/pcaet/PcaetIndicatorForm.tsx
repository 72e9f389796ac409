import { type FormEvent, useId, useState } from 'react';
import {
  DIRECTION_LABELS,
  LEVEL_LABELS,
  PCAET_LEVELS,
  type PcaetDirection,
  type PcaetIndicator,
  type PcaetLevel,
} from '../../../domain/pcaet/types.ts';
import { indicatorIdFromName, parseYearOrDate, validateIndicator } from '../../../domain/pcaet/validate.ts';
import { parseNumberFr } from '../../../io/formats/number.ts';
import { useAppStore } from '../../../state/store.ts';

const EMPTY = {
  name: '',
  unit: '',
  direction: 'down' as PcaetDirection,
  targetValue: '',
  targetDate: '',
  level: 'territory' as PcaetLevel,
  source: '',
  perInhabitant: '',
  baselineYear: '',
};

/** Defines a PCAET indicator (name, unit, direction, target value and date, level). */
export function PcaetIndicatorForm({ onCreated }: { onCreated: (id: string) => void }) {
  const id = useId();
  const indicators = useAppStore((s) => s.pcaetIndicators);
  const add = useAppStore((s) => s.addPcaetIndicator);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<string[]>([]);
  const field = <K extends keyof typeof EMPTY>(key: K) => ({
    id: `${id}-${key}`,
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = parseNumberFr(form.targetValue);
    const date = parseYearOrDate(form.targetDate);
    const indicator: PcaetIndicator = {
      id: indicatorIdFromName(
        form.name,
        indicators.map((i) => i.id),
      ),
      name: form.name.trim(),
      unit: form.unit.trim(),
      direction: form.direction,
      target: { value: value ?? Number.NaN, date: date ?? form.targetDate },
      level: form.level,
      ...(form.perInhabitant ? { normalisation: 'inhabitant' as const } : {}),
      ...(form.baselineYear.trim() ? { baselineYear: Number(form.baselineYear.trim()) } : {}),
      ...(form.source.trim() ? { source: form.source.trim() } : {}),
    };
    const problems = validateIndicator(indicator, indicators);
    setErrors(problems);
    if (problems.length > 0) return;
    add(indicator);
    setForm(EMPTY);
    onCreated(indicator.id);
  };

  return (
    <form className="pcaet-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>Nouvel indicateur</h4>
      <label htmlFor={`${id}-name`}>Nom</label>
      <input {...field('name')} placeholder="Émissions de GES du résidentiel" required />
      <div className="control-row">
        <div>
          <label htmlFor={`${id}-unit`}>Unité</label>
          <input {...field('unit')} placeholder="ktCO₂e" required />
        </div>
        <div>
          <label htmlFor={`${id}-level`}>Niveau</label>
          <select {...field('level')}>
            {PCAET_LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor={`${id}-direction`}>Sens de progression</label>
      <select {...field('direction')}>
        {(Object.keys(DIRECTION_LABELS) as PcaetDirection[]).map((d) => (
          <option key={d} value={d}>
            {DIRECTION_LABELS[d]}
          </option>
        ))}
      </select>
      <div className="control-row">
        <div>
          <label htmlFor={`${id}-targetValue`}>Valeur cible</label>
          <input {...field('targetValue')} inputMode="decimal" required />
        </div>
        <div>
          <label htmlFor={`${id}-targetDate`}>Date cible</label>
          <input {...field('targetDate')} type="date" required />
        </div>
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={form.perInhabitant !== ''}
          onChange={(e) => setForm((f) => ({ ...f, perInhabitant: e.target.checked ? 'yes' : '' }))}
        />{' '}
        Par habitant (population légale INSEE) : valeurs et objectif du territoire rapportés aux habitants
      </label>
      <p className="muted small">
        Sans cette case, la valeur cible est celle du territoire entier ; l’objectif d’une commune ou d’un
        EPCI se saisit ou s’importe comme une valeur de type « objectif » de ce lieu.
      </p>
      <label htmlFor={`${id}-baselineYear`}>Année de référence (facultatif)</label>
      <input {...field('baselineYear')} inputMode="numeric" placeholder="2015" />
      <label htmlFor={`${id}-source`}>Source (facultatif)</label>
      <input {...field('source')} placeholder="Observatoire climat Hauts-de-France" />
      {errors.length > 0 ? (
        <ul role="alert" className="field-error">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      <button type="submit">Créer l’indicateur</button>
    </form>
  );
}
