import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { useLive } from './LiveStatus.tsx';
import { ROLE_LABELS, scopeLabelOf } from './scopeLabel.ts';
import {
  type AdminUser,
  type ChangeEntry,
  describeChange,
  fetchAdminChanges,
  fetchAdminUsers,
  formatWhen,
} from './teamViewsClient.ts';
import './team.css';

const MODULE_LABELS: Record<string, string> = {
  lights: 'Éclairage public',
  advice: 'Conseils énergie',
  friches: 'Friches',
  pcaet: 'PCAET',
};
const ACTIONS: Record<ChangeEntry['action'], string> = {
  insert: 'création',
  update: 'modification',
  delete: 'suppression',
  import: 'import',
};

/** What an import line says (its counts), or the changed fields of a record. */
function changeText(c: ChangeEntry): string {
  if (c.action === 'import') {
    const d = c.detail ?? {};
    const parts = Object.entries(d)
      .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
      .map(([k, v]) => `${k} : ${String(v)}`);
    return parts.join(', ') || '—';
  }
  return c.changes.map(describeChange).join(', ') || '—';
}

type Loaded = { users: AdminUser[]; changes: ChangeEntry[] } | { error: string } | null;

/** Accounts with their role and scope, and the last changes (GET /api/admin/users|changes, admin only). */
export function AdminPage({ onClose }: { onClose: () => void }) {
  const territory = useAppStore((s) => s.territory);
  const lastChange = useLive((s) => s.lastChangeAt);
  const [data, setData] = useState<Loaded>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when a remote change arrives.
  useEffect(() => {
    let cancelled = false;
    void Promise.all([fetchAdminUsers(), fetchAdminChanges()]).then(([users, changes]) => {
      if (cancelled) return;
      if (!users.ok) setData({ error: users.message });
      else if (!changes.ok) setData({ error: changes.message });
      else setData({ users: users.items, changes: changes.items });
    });
    return () => {
      cancelled = true;
    };
  }, [lastChange]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="team-overlay team-overlay-dialog">
      <section
        role="dialog"
        aria-modal="true"
        aria-labelledby="team-admin-title"
        className="team-admin"
        data-testid="team-admin"
      >
        <header className="team-admin__header">
          <h2 id="team-admin-title">Administration de l’espace d’équipe</h2>
          <button type="button" onClick={onClose}>
            Fermer
          </button>
        </header>
        {data === null ? (
          <p>Chargement…</p>
        ) : 'error' in data ? (
          <p role="alert" className="error">
            {data.error}
          </p>
        ) : (
          <>
            <h3>Utilisateurs ({data.users.length})</h3>
            <table className="team-admin__table" data-testid="team-admin-users">
              <thead>
                <tr>
                  <th scope="col">Adresse e-mail</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Périmètre</th>
                  <th scope="col">Dernière modification</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((u) => (
                  <tr key={u.email}>
                    <th scope="row">
                      {u.email}
                      {u.disabled ? ' (désactivé)' : ''}
                    </th>
                    <td>{ROLE_LABELS[u.role] ?? u.role}</td>
                    <td>
                      {scopeLabelOf(
                        {
                          all: u.epci.length === 0 && u.communes.length === 0,
                          epci: u.epci,
                          communes: u.communes,
                          structure: u.structure,
                        },
                        territory,
                      )}
                    </td>
                    <td>{u.lastChange ? formatWhen(u.lastChange) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Dernières modifications</h3>
            {data.changes.length === 0 ? (
              <p className="muted">Aucune modification enregistrée.</p>
            ) : (
              <table className="team-admin__table" data-testid="team-admin-changes">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Par</th>
                    <th scope="col">Module</th>
                    <th scope="col">Enregistrement</th>
                    <th scope="col">Action</th>
                    <th scope="col">Changements</th>
                  </tr>
                </thead>
                <tbody>
                  {data.changes.map((c, k) => (
                    // Audit lines have no id in the API; their order (newest first) is stable per read.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                    <tr key={k}>
                      <td>{formatWhen(c.at)}</td>
                      <td>{c.by ?? 'serveur'}</td>
                      <td>{MODULE_LABELS[c.module] ?? c.module}</td>
                      <td>{c.id ?? '—'}</td>
                      <td>{ACTIONS[c.action]}</td>
                      <td>{changeText(c)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </div>
  );
}

/** « Administration » in the header (admins only): opens the page over the app. */
export function AdminButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Administration
      </button>
      {open ? <AdminPage onClose={() => setOpen(false)} /> : null}
    </>
  );
}
