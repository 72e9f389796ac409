import { type FormEvent, useRef, useState } from 'react';
import {
  ADVICE_FORM_FIELDS,
  type AdviceFormField,
  type AdviceFormInput,
  createSession,
  emptyAdviceForm,
  type FieldMessages,
  validateSession,
} from '../../domain/advice/form.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { useAppStore } from '../../state/store.ts';
import { useTerritoryRefs, useToday } from './derived.ts';
import { type FieldValue, FormField, fieldId } from './FormField.tsx';
import { countOf } from './plural.ts';

/** Session ids typed in the app: `CE-<year>-<8 hex>`, random so two advisers never collide. */
export function newSessionId(date: string, taken: (id: string) => boolean): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(4));
    const id = `CE-${date.slice(0, 4)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    if (!taken(id)) return id;
  }
}

function fieldValue(input: AdviceFormInput, name: AdviceFormField): FieldValue {
  const value = input[name];
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

/** The « Nouveau conseil » form, generated from ADVICE_FORM_FIELDS and checked by validateSession. */
export function SessionForm({ onCreated }: { onCreated: (session: AdviceSession) => void }) {
  const refs = useTerritoryRefs();
  const contractStart = useAppStore((s) => s.territory?.meta.contract.start);
  const selected = useAppStore((s) => s.selectedCommune);
  const add = useAppStore((s) => s.addAdviceSession);
  const today = useToday();
  const [values, setValues] = useState<AdviceFormInput>(() => ({
    ...emptyAdviceForm(today),
    insee: selected ?? '',
  }));
  const [errors, setErrors] = useState<FieldMessages<AdviceFormField>>({});
  const [warnings, setWarnings] = useState<FieldMessages<AdviceFormField>>({});
  const [submitted, setSubmitted] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  if (!refs) return null;
  const context = { today, communes: refs.communes, ...(contractStart ? { contractStart } : {}) };

  const change = (name: AdviceFormField, value: FieldValue) => {
    const next = { ...values, [name]: value };
    setValues(next);
    // Once the user has tried to submit, messages follow the corrections as they are typed.
    if (submitted) {
      const check = validateSession(next, context);
      setErrors(check.errors);
      setWarnings(check.warnings);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    const check = validateSession(values, context);
    setErrors(check.errors);
    setWarnings(check.warnings);
    if (!check.ok) {
      const first = ADVICE_FORM_FIELDS.find((f) => check.errors[f.name]);
      const target = first
        ? document.querySelector<HTMLElement>(
            first.kind === 'checkboxes' ? `input[name="${first.name}"]` : `#${fieldId(first.name)}`,
          )
        : null;
      (target ?? summary.current)?.focus();
      return;
    }
    const ids = new Set(useAppStore.getState().adviceSessions.map((s) => s.id));
    const session = createSession(
      check.value,
      newSessionId(check.value.date, (id) => ids.has(id)),
    );
    add(session);
    setValues({ ...emptyAdviceForm(today), insee: selected ?? '' });
    setSubmitted(false);
    setErrors({});
    setWarnings({});
    onCreated(session);
  };

  const errorCount = Object.keys(errors).length;
  return (
    <form className="advice-form" onSubmit={submit} noValidate aria-labelledby="advice-form-h">
      <h3 id="advice-form-h">Enregistrer un conseil</h3>
      <p className="muted">
        Les champs marqués * sont obligatoires. Aucune donnée personnelle (nom, téléphone, adresse) n’est
        demandée.
      </p>
      <div ref={summary} tabIndex={-1} role="alert" className={errorCount > 0 ? 'form-summary' : undefined}>
        {errorCount > 0
          ? `Le formulaire contient ${countOf(errorCount, 'erreur')} : corrigez les champs signalés.`
          : null}
      </div>
      {ADVICE_FORM_FIELDS.map((field) => (
        <div key={field.name}>
          {field.name === 'status' ? <h4>Suivi et travaux (facultatif)</h4> : null}
          <FormField
            field={field}
            value={fieldValue(values, field.name)}
            onChange={(v) => change(field.name, v)}
            error={errors[field.name]}
            warning={warnings[field.name]}
            communes={refs.sorted}
            today={today}
          />
        </div>
      ))}
      <button type="submit" className="primary">
        Enregistrer le conseil
      </button>
    </form>
  );
}
