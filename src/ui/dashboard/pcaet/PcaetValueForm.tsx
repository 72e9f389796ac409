import { type FormEvent, useId, useState } from 'react';
import {
  PCAET_VALUE_TYPES,
  type PcaetIndicator,
  type PcaetValue,
  type PcaetValueType,
  VALUE_TYPE_LABELS,
} from '../../../domain/pcaet/types.ts';
import {
  duplicateMessage,
  type PcaetPlaces,
  parseYearOrDate,
  validateValue,
  valueKey,
} from '../../../domain/pcaet/validate.ts';
import { parseNumberFr } from '../../../io/formats/number.ts';
import { useAppStore } from '../../../state/store.ts';
import type { PlaceOption } from './places.ts';

/** Adds one dated value (measured, target or estimate) to an indicator. */
export function PcaetValueForm({
  indicator,
  places,
  options,
}: {
  indicator: PcaetIndicator;
  places: PcaetPlaces;
  options: PlaceOption[];
}) {
  const id = useId();
  const values = useAppStore((s) => s.pcaetValues);
  const setValues = useAppStore((s) => s.setPcaetValues);
  const [date, setDate] = useState('');
  const [type, setType] = useState<PcaetValueType>('value');
  const [amount, setAmount] = useState('');
  const [place, setPlace] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsedDate = parseYearOrDate(date);
    const candidate: PcaetValue = {
      indicatorId: indicator.id,
      date: parsedDate ?? date,
      type,
      value: parseNumberFr(amount) ?? Number.NaN,
      place: indicator.level === 'territory' ? null : place || null,
    };
    const problems = validateValue(candidate, indicator, places);
    if (problems.length === 0 && values.some((v) => valueKey(v) === valueKey(candidate)))
      problems.push(`${duplicateMessage(candidate)} Supprimez-la d’abord dans la liste pour la remplacer.`);
    setErrors(problems);
    setDone(null);
    if (problems.length > 0) return;
    setValues([...values, candidate]);
    setAmount('');
    setDone(`${VALUE_TYPE_LABELS[type]} du ${candidate.date} enregistrée.`);
  };

  return (
    <form className="pcaet-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>Saisir une valeur</h4>
      {indicator.level !== 'territory' ? (
        <>
          <label htmlFor={`${id}-place`}>{indicator.level === 'commune' ? 'Commune' : 'EPCI'}</label>
          <select id={`${id}-place`} value={place} onChange={(e) => setPlace(e.target.value)}>
            <option value="">— choisir —</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <div className="control-row">
        <div>
          <label htmlFor={`${id}-date`}>Date ou année</label>
          <input
            id={`${id}-date`}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            placeholder="2024 ou 31/12/2024"
          />
        </div>
        <div>
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as PcaetValueType)}>
            {PCAET_VALUE_TYPES.map((t) => (
              <option key={t} value={t}>
                {VALUE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-value`}>Valeur ({indicator.unit})</label>
          <input
            id={`${id}-value`}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
          />
        </div>
      </div>
      {errors.length > 0 ? (
        <ul role="alert" className="field-error">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {done ? (
        <p aria-live="polite" className="ok small">
          {done}
        </p>
      ) : null}
      <button type="submit">Ajouter la valeur</button>
    </form>
  );
}
