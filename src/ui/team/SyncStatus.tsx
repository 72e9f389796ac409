import { useEffect, useState } from 'react';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';
import { startTeamSync, useTeamSync } from '../../state/teamSync.ts';
import { ConflictView } from './ConflictView.tsx';

/** Starts the shared-data sync for the signed-in user, stops it on sign-out (or another user or role). */
function useTeamSyncLifecycle(): void {
  const user = useAppStore((s) => (s.teamMode === 'team' ? s.teamUser : null));
  const email = user?.email ?? null;
  const role = user?.role ?? null;
  useEffect(() => {
    if (!email || !role) return;
    let stop: (() => void) | null = null;
    let cancelled = false;
    void startTeamSync({ email, role }).then((s) => {
      if (cancelled) s();
      else stop = s;
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [email, role]);
}

/** In the header (team mode): « en attente d'envoi (n) », offline state and the edits to settle. */
export function SyncStatus() {
  useTeamSyncLifecycle();
  const { phase, pending, held, online, unreadable, message } = useTeamSync();
  const [open, setOpen] = useState(false);
  const conflicts = held.filter((x) => x.state === 'conflict').length;
  // A new conflict opens the view: the user must see it before going on.
  useEffect(() => {
    if (conflicts > 0) setOpen(true);
  }, [conflicts]);
  return (
    <span className="team-sync" data-testid="team-sync">
      {phase === 'loading' ? <span>Chargement des données partagées…</span> : null}
      {!online ? (
        <span className="team-sync__offline" title={message ?? undefined}>
          Hors ligne
        </span>
      ) : null}
      {pending > 0 ? (
        <span className="team-sync__pending" data-testid="team-pending">
          en attente d’envoi ({pending})
        </span>
      ) : phase === 'ready' && online ? (
        <span className="muted">à jour</span>
      ) : null}
      {unreadable.length > 0 ? (
        <span title={unreadable.map((u) => `${u.id} : ${u.reason}`).join('\n')}>
          {unreadable.length}{' '}
          {agree(unreadable.length, 'enregistrement illisible', 'enregistrements illisibles')}
        </span>
      ) : null}
      {held.length > 0 ? (
        <button type="button" className="team-sync__held" onClick={() => setOpen(true)}>
          {held.length} à régler
        </button>
      ) : null}
      {open && held.length > 0 ? <ConflictView entries={held} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}
