import { useMemo, useState } from 'react';
import type { QueueItem } from '../../domain/advice/reminders.ts';
import { foldText } from '../../domain/advice/text.ts';
import { type AdviceSession, FOLLOW_UP_STATUS_LABELS } from '../../domain/advice/types.ts';
import { formatInt } from '../format.ts';
import { AdviceSettingsForm } from './AdviceSettingsForm.tsx';
import { countOf } from './plural.ts';
import { SessionRow } from './StatusUpdate.tsx';

const PAGE = 20;

interface ListContext {
  byId: Map<string, AdviceSession>;
  nameOf: Map<string, string>;
  today: string;
  onSaved: (message: string) => void;
}

function SessionList({
  sessions,
  reminders,
  context,
  testId,
  empty,
}: {
  sessions: AdviceSession[];
  reminders?: Map<string, QueueItem>;
  context: ListContext;
  testId: string;
  empty: string;
}) {
  const [limit, setLimit] = useState(PAGE);
  if (sessions.length === 0) return <p className="muted">{empty}</p>;
  return (
    <>
      <ul className="session-list" data-testid={testId}>
        {sessions.slice(0, limit).map((s) => (
          <SessionRow
            key={s.id}
            session={s}
            communeName={context.nameOf.get(s.insee) ?? s.insee}
            reminder={reminders?.get(s.id)}
            today={context.today}
            onSaved={context.onSaved}
          />
        ))}
      </ul>
      {sessions.length > limit ? (
        <button type="button" className="more" onClick={() => setLimit((l) => l + PAGE)}>
          Afficher {formatInt(Math.min(PAGE, sessions.length - limit))} de plus (sur{' '}
          {formatInt(sessions.length - limit)} restants)
        </button>
      ) : null}
    </>
  );
}

function QueueSection({
  title,
  items,
  context,
  bucket,
  heading = true,
}: {
  title: string;
  items: QueueItem[];
  context: ListContext;
  bucket: string;
  /** Off when a surrounding <summary> already names the section. */
  heading?: boolean;
}) {
  const sessions = items.map((i) => context.byId.get(i.sessionId)).filter((s): s is AdviceSession => !!s);
  const reminders = new Map(items.map((i) => [i.sessionId, i]));
  return (
    <section aria-label={`${title} : ${items.length}`} data-bucket={bucket}>
      {heading ? (
        <h4>
          {title} <span className="count">{formatInt(items.length)}</span>
        </h4>
      ) : null}
      <SessionList
        sessions={sessions}
        reminders={reminders}
        context={context}
        testId={`advice-queue-${bucket}`}
        empty="Aucune relance."
      />
    </section>
  );
}

export function FollowUpTab({
  sessions,
  queue,
  nameOf,
  today,
  search,
  onSearch,
}: {
  sessions: AdviceSession[];
  queue: QueueItem[];
  nameOf: Map<string, string>;
  today: string;
  search: string;
  onSearch: (text: string) => void;
}) {
  const [message, setMessage] = useState('');
  const byId = useMemo(() => new Map(sessions.map((s) => [s.id, s])), [sessions]);
  const context: ListContext = { byId, nameOf, today, onSaved: setMessage };
  const bucket = (b: QueueItem['bucket']) => queue.filter((i) => i.bucket === b);
  const reminders = useMemo(() => new Map(queue.map((i) => [i.sessionId, i])), [queue]);
  const found = useMemo(() => {
    const needle = foldText(search.trim());
    const matches = needle
      ? sessions.filter((s) =>
          foldText(
            `${s.id} ${s.insee} ${nameOf.get(s.insee) ?? ''} ${FOLLOW_UP_STATUS_LABELS[s.followUp.status]}`,
          ).includes(needle),
        )
      : sessions;
    return [...matches].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  }, [sessions, search, nameOf]);
  const later = bucket('later');

  return (
    <>
      <p className="saved" role="status" data-testid="advice-followup-message">
        {message}
      </p>
      <h3>Relances à faire</h3>
      <QueueSection title="En retard" items={bucket('overdue')} context={context} bucket="overdue" />
      <QueueSection title="Aujourd’hui" items={bucket('today')} context={context} bucket="today" />
      <QueueSection
        title="Dans les 7 prochains jours"
        items={bucket('thisWeek')}
        context={context}
        bucket="thisWeek"
      />
      <details className="later">
        <summary>
          Plus tard <span className="count">{formatInt(later.length)}</span>
        </summary>
        <QueueSection title="Plus tard" items={later} context={context} bucket="later" heading={false} />
      </details>

      <h3 id="advice-all-h">Tous les conseils</h3>
      <label htmlFor="advice-search">Rechercher (identifiant, commune, statut)</label>
      <input
        id="advice-search"
        type="search"
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        aria-describedby="advice-search-count"
      />
      <p id="advice-search-count" className="muted" aria-live="polite">
        {countOf(found.length, 'conseil')}
        {search.trim() ? ` correspondant à « ${search.trim()} »` : ''}
      </p>
      <SessionList
        key={search}
        sessions={found}
        reminders={reminders}
        context={context}
        testId="advice-all-sessions"
        empty="Aucun conseil ne correspond."
      />
      <AdviceSettingsForm />
    </>
  );
}
