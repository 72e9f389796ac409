import { useState } from 'react';
import { type Settlement, settle, syncAdapter } from '../../state/teamSync.ts';
import type { OutboxEntry } from '../../storage/outbox.ts';
import { Dialog } from '../project/Dialog.tsx';

type Value = string | number | boolean | null;

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** French label of a record's property, by its module's mapping. */
const labelOf = (entry: OutboxEntry, key: string, recordKeys: readonly string[]) =>
  syncAdapter(entry.module)?.propertyLabel(key, recordKeys) ?? key;

const when = (iso: string | undefined) =>
  iso
    ? new Date(iso).toLocaleString('fr-FR', {
        dateStyle: 'short',
        timeStyle: 'short',
      })
    : '—';

/** The properties to show for a conflict: mine (changed by me), and those the other person changed. */
function conflictRows(entry: OutboxEntry) {
  const mine = entry.patch.properties ?? {};
  const theirs = entry.current?.properties ?? {};
  const keys = new Set(Object.keys(mine));
  for (const k of new Set([...Object.keys(theirs), ...Object.keys(entry.base)]))
    if (!same(theirs[k], entry.base[k])) keys.add(k);
  const recordKeys = Object.keys(theirs);
  return [...keys].map((k) => {
    const changedByMe = k in mine;
    const changedByThem = !same(theirs[k], entry.base[k]);
    return {
      key: k,
      label: labelOf(entry, k, recordKeys),
      base: entry.base[k],
      mine: changedByMe ? mine[k] : entry.base[k],
      theirs: theirs[k],
      changedByMe,
      changedByThem,
      // A choice is needed only where both changed it differently.
      clash: changedByMe && changedByThem && !same(mine[k], theirs[k]),
    };
  });
}

function ConflictCard({ entry }: { entry: OutboxEntry }) {
  const rows = conflictRows(entry);
  const [take, setTake] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [busy, setBusy] = useState(false);
  const run = (choice: Settlement) => {
    setBusy(true);
    void settle(entry.seq, choice).finally(() => setBusy(false));
  };
  const current = entry.current;
  return (
    <article className="team-conflict" data-testid="team-conflict" aria-label={`Conflit sur ${entry.id}`}>
      <h3>
        Conflit sur {syncAdapter(entry.module)?.noun ?? 'l’enregistrement'} {entry.id}
      </h3>
      <p>
        Vous (<strong>{entry.user}</strong>) l’avez modifié le {when(entry.createdAt)} à partir de la version{' '}
        {entry.baseVersion} ; entre-temps <strong>{current?.updatedBy ?? 'un import'}</strong> l’a modifié le{' '}
        {when(current?.updatedAt)} (version {current?.version ?? '?'}). Rien n’est écrasé sans votre choix.
      </p>
      <table className="team-conflict__table">
        <thead>
          <tr>
            <th scope="col">Champ</th>
            <th scope="col">Avant (version {entry.baseVersion})</th>
            <th scope="col">Votre version</th>
            <th scope="col">
              Leur version ({current?.updatedBy ?? 'import'}, {when(current?.updatedAt)})
            </th>
            <th scope="col">Garder</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.clash ? 'team-conflict__clash' : undefined}>
              <th scope="row">{r.label}</th>
              <td>{shown(r.base)}</td>
              <td className={r.changedByMe ? 'team-conflict__changed' : undefined}>{shown(r.mine)}</td>
              <td className={r.changedByThem ? 'team-conflict__changed' : undefined}>{shown(r.theirs)}</td>
              <td>
                {r.changedByMe && !same(r.mine, r.theirs) ? (
                  <fieldset className="team-conflict__choice" aria-label={`Garder pour ${r.label}`}>
                    <label>
                      <input
                        type="radio"
                        name={`${entry.seq}-${r.key}`}
                        checked={(take[r.key] ?? 'mine') === 'mine'}
                        onChange={() => setTake({ ...take, [r.key]: 'mine' })}
                      />
                      la mienne
                    </label>
                    <label>
                      <input
                        type="radio"
                        name={`${entry.seq}-${r.key}`}
                        checked={take[r.key] === 'theirs'}
                        onChange={() => setTake({ ...take, [r.key]: 'theirs' })}
                      />
                      la leur
                    </label>
                  </fieldset>
                ) : (
                  <span className="muted">
                    {r.changedByMe ? 'identiques' : 'leur modification, conservée'}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="team-conflict__actions">
        <button type="button" disabled={busy} onClick={() => run({ kind: 'mine' })}>
          Garder la mienne
        </button>
        <button type="button" disabled={busy} onClick={() => run({ kind: 'theirs' })}>
          Garder la leur
        </button>
        <button type="button" disabled={busy} onClick={() => run({ kind: 'merge', take })}>
          Fusionner champ par champ
        </button>
      </div>
    </article>
  );
}

/** A corrected value keeps the type of the value it replaces: a number stays a number (« 12,5 » too). */
function typed(text: string, was: Value | undefined): Value {
  if (text.trim() === '') return null;
  if (typeof was === 'number') {
    const n = Number(text.trim().replace(/\s/g, '').replace(',', '.'));
    if (Number.isFinite(n)) return n;
  }
  return text;
}

function RejectedCard({ entry }: { entry: OutboxEntry }) {
  const [values, setValues] = useState<Record<string, Value>>({ ...(entry.patch.properties ?? {}) });
  const [busy, setBusy] = useState(false);
  const run = (choice: Settlement) => {
    setBusy(true);
    void settle(entry.seq, choice).finally(() => setBusy(false));
  };
  const recordKeys = Object.keys(entry.base);
  return (
    <article className="team-conflict" data-testid="team-rejected" aria-label={`Refus sur ${entry.id}`}>
      <h3>Modification refusée : {entry.label}</h3>
      <p role="alert">{entry.reason}</p>
      {Object.entries(entry.fields ?? {}).length ? (
        <ul>
          {Object.entries(entry.fields ?? {}).map(([k, m]) => (
            <li key={k}>
              {k} : {m}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="team-conflict__fields">
        {Object.keys(values).map((k) => (
          <label key={k}>
            {labelOf(entry, k, recordKeys)}
            <input
              type="text"
              value={shown(values[k]) === '—' ? '' : String(values[k])}
              onChange={(e) =>
                setValues({ ...values, [k]: typed(e.target.value, entry.patch.properties?.[k]) })
              }
            />
          </label>
        ))}
      </div>
      <div className="team-conflict__actions">
        <button type="button" disabled={busy} onClick={() => run({ kind: 'resend', properties: values })}>
          Corriger et renvoyer
        </button>
        <button type="button" disabled={busy} onClick={() => run({ kind: 'drop' })}>
          Abandonner cette modification
        </button>
      </div>
    </article>
  );
}

/** Every held edit of the user — conflicts side by side, refusals with their reason — until settled. */
export function ConflictView({ entries, onClose }: { entries: OutboxEntry[]; onClose: () => void }) {
  return (
    <Dialog
      title={`Modifications à régler (${entries.length})`}
      actions={[{ label: 'Fermer', onClick: onClose, kind: 'plain' }]}
      onClose={onClose}
    >
      {entries.length === 0 ? <p>Tout est réglé.</p> : null}
      {entries.map((entry) =>
        entry.state === 'conflict' ? (
          <ConflictCard key={entry.seq} entry={entry} />
        ) : (
          <RejectedCard key={entry.seq} entry={entry} />
        ),
      )}
    </Dialog>
  );
}
