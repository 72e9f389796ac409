import type { ReactNode } from 'react';
import type { CommuneRef } from '../../domain/advice/communes.ts';
import type { AdviceFormField, FormFieldSchema } from '../../domain/advice/form.ts';

export type FieldValue = string | readonly string[];

interface Props {
  field: FormFieldSchema<AdviceFormField>;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string;
  warning?: string;
  communes: readonly CommuneRef[];
  today: string;
}

export const fieldId = (name: string) => `advice-f-${name}`;

/** One input of the session form, chosen by the schema's `kind`; messages are tied to it with aria-describedby. */
export function FormField({ field, value, onChange, error, warning, communes, today }: Props) {
  const id = fieldId(field.name);
  // The schema's hint is written for typed input; here the commune is picked from a list (type-ahead works).
  if (field.kind === 'commune')
    field = { ...field, hint: 'Liste des communes du Pays Boulonnais, par ordre alphabétique' };
  const describedBy =
    [field.hint ? `${id}-hint` : '', error ? `${id}-error` : '', warning ? `${id}-warning` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  } as const;
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? (value as readonly string[]) : [];
  const messages = (
    <>
      {field.hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {field.hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
      {warning ? (
        <span id={`${id}-warning`} className="field-warning">
          {warning}
        </span>
      ) : null}
    </>
  );
  const label = (
    <>
      {field.label}
      {field.required ? <span aria-hidden="true"> *</span> : null}
      {field.unit ? <span className="muted"> ({field.unit})</span> : null}
    </>
  );

  if (field.kind === 'checkboxes')
    return (
      <fieldset
        className="form-field checkboxes"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        <legend>{label}</legend>
        <div className="checkbox-grid">
          {field.options?.map((o) => (
            <label key={o.value}>
              <input
                type="checkbox"
                name={field.name}
                value={o.value}
                checked={list.includes(o.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...list, o.value] : list.filter((v) => v !== o.value))
                }
              />{' '}
              {o.label}
            </label>
          ))}
        </div>
        {messages}
      </fieldset>
    );

  let input: ReactNode;
  if (field.kind === 'commune')
    input = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">— Choisir une commune —</option>
        {communes.map((c) => (
          <option key={c.insee} value={c.insee}>
            {c.name}
          </option>
        ))}
      </select>
    );
  else if (field.kind === 'select')
    input = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        {field.required ? <option value="">— Choisir —</option> : null}
        {field.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  else if (field.kind === 'date')
    input = (
      <input {...common} type="date" max={today} value={text} onChange={(e) => onChange(e.target.value)} />
    );
  else if (field.kind === 'textarea')
    input = <textarea {...common} value={text} onChange={(e) => onChange(e.target.value)} />;
  else
    input = (
      <input
        {...common}
        type="text"
        inputMode={field.kind === 'number' ? 'decimal' : undefined}
        autoComplete="off"
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );

  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {input}
      {messages}
    </div>
  );
}
