import { type FormEvent, useId, useState } from 'react';
import { formatFrenchDate } from '../../domain/advice/dates.ts';
import { FOLLOW_UP_FORM_FIELDS, type FollowUpField, validateFollowUp } from '../../domain/advice/followUp.ts';
import type { FieldMessages } from '../../domain/advice/form.ts';
import type { QueueItem } from '../../domain/advice/reminders.ts';
import { type AdviceSession, FOLLOW_UP_STATUS_LABELS } from '../../domain/advice/types.ts';
import { useAppStore } from '../../state/store.ts';

const FIELD = Object.fromEntries(FOLLOW_UP_FORM_FIELDS.map((f) => [f.name, f])) as Record<
  FollowUpField,
  (typeof FOLLOW_UP_FORM_FIELDS)[number]
>;

/**
 * One session in a follow-up list, with its one-click update: status + date (today by default) + optional
 * note, validated by `validateFollowUp` and recorded with `updateFollowUp` through the store.
 */
export function SessionRow({
  session,
  communeName,
  reminder,
  today,
  onSaved,
}: {
  session: AdviceSession;
  communeName: string;
  reminder?: QueueItem;
  today: string;
  /** The row may leave its list once updated (works done…): the message is shown by the list. */
  onSaved: (message: string) => void;
}) {
  const id = useId();
  const update = useAppStore((s) => s.updateAdviceFollowUp);
  const [status, setStatus] = useState<string>(session.followUp.status);
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldMessages<FollowUpField>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const check = validateFollowUp(session, { status, date, note }, today);
    setErrors(check.errors);
    if (!check.ok) return;
    update(session.id, check.value.status, check.value.date, check.value.note);
    setNote('');
    onSaved(
      `Conseil ${session.id} (${communeName}) : ${FOLLOW_UP_STATUS_LABELS[check.value.status]} le ${formatFrenchDate(check.value.date)}.`,
    );
  };
  const described = (field: FollowUpField) => (errors[field] ? `${id}-${field}-err` : undefined);
  const last = session.followUp.contacts[session.followUp.contacts.length - 1];

  return (
    <li className="session-row" data-testid="advice-session-row" data-session-id={session.id}>
      <div className="session-head">
        <strong>{communeName}</strong> <span className="muted">{session.id}</span>
      </div>
      <div className="session-meta">
        Conseil du {formatFrenchDate(session.date)} · statut{' '}
        <span className={`status status-${session.followUp.status}`} data-testid="advice-session-status">
          {FOLLOW_UP_STATUS_LABELS[session.followUp.status]}
        </span>
        {last ? ` · dernière relance le ${formatFrenchDate(last.date)}` : ''}
        {reminder ? (
          <>
            {' '}
            · relance prévue le {formatFrenchDate(reminder.dueDate)}
            {reminder.daysLate > 0 ? (
              <span className="late"> (en retard de {reminder.daysLate} j)</span>
            ) : null}
          </>
        ) : null}
      </div>
      <form
        className="status-update"
        onSubmit={submit}
        aria-label={`Mettre à jour le suivi du conseil ${session.id}`}
      >
        <label className="sr-only" htmlFor={`${id}-status`}>
          {FIELD.status.label}
        </label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-invalid={errors.status ? true : undefined}
          aria-describedby={described('status')}
        >
          {FIELD.status.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor={`${id}-date`}>
          {FIELD.date.label}
        </label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          max={today}
          onChange={(e) => setDate(e.target.value)}
          aria-invalid={errors.date ? true : undefined}
          aria-describedby={described('date')}
        />
        <label className="sr-only" htmlFor={`${id}-note`}>
          {FIELD.note.label}
        </label>
        <input
          id={`${id}-note`}
          type="text"
          value={note}
          maxLength={600}
          placeholder="Note (facultative, sans donnée personnelle)"
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={described('note')}
        />
        <button type="submit">Enregistrer</button>
        {(['status', 'date', 'note'] as const).map((f) =>
          errors[f] ? (
            <p key={f} id={`${id}-${f}-err`} className="field-error">
              {errors[f]}
            </p>
          ) : null,
        )}
      </form>
    </li>
  );
}
