import { useEffect } from 'react';
import { create } from 'zustand';
import { useAppStore } from '../../state/store.ts';
import { syncNow } from '../../state/teamSync.ts';
import { connectLive, onRemoteChange, type LiveStatus as StreamStatus } from '../../storage/live.ts';
import type { SyncModule } from '../../storage/syncClient.ts';
import './team.css';

const LIVE_MODULES: readonly SyncModule[] = ['lights', 'advice', 'friches', 'pcaet'];

interface LiveState {
  /** 'off' before the first connection (and after sign-out). */
  status: StreamStatus | 'off';
  /** True once the stream has been open: a later 'connecting' is a lost link, not the first attempt. */
  wasOpen: boolean;
  /** When the last batch of remote changes arrived (ISO), for the indicator's tooltip. */
  lastChangeAt: string | null;
}

const INITIAL: LiveState = { status: 'off', wasOpen: false, lastChangeAt: null };

export const useLive = create<LiveState>()(() => INITIAL);

/**
 * While someone is signed in (team mode): the event stream is open and every module's remote change triggers
 * one sync round (`syncNow`, which reads only what changed since the cursor). A reconnection — and the
 * server's `resync` — arrives as a `resync` batch, so what was missed while the link was down is caught up
 * from the cursor too.
 */
function useLiveLifecycle(): void {
  const email = useAppStore((s) => (s.teamMode === 'team' ? (s.teamUser?.email ?? null) : null));
  useEffect(() => {
    if (!email) return;
    const offs = LIVE_MODULES.map((module) =>
      onRemoteChange(module, () => {
        useLive.setState({ lastChangeAt: new Date().toISOString() });
        void syncNow();
      }),
    );
    const close = connectLive({
      onStatus: (status) => useLive.setState((s) => ({ status, wasOpen: s.wasOpen || status === 'open' })),
    });
    return () => {
      close();
      for (const off of offs) off();
      useLive.setState(INITIAL);
    };
  }, [email]);
}

const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** « en direct » in the header, or the lost link and its reconnection (changes then arrive every few seconds). */
export function LiveStatus() {
  useLiveLifecycle();
  const { status, wasOpen, lastChangeAt } = useLive();
  if (status === 'off') return null;
  if (status === 'open')
    return (
      <span
        className="team-live team-live--on"
        data-testid="team-live"
        title={
          lastChangeAt
            ? `Dernière modification reçue à ${time.format(new Date(lastChangeAt))}`
            : 'Les modifications des autres membres de l’équipe s’affichent dès qu’elles sont enregistrées.'
        }
      >
        en direct
      </span>
    );
  return (
    <span
      className="team-live team-live--off"
      data-testid="team-live"
      role="status"
      title={
        status === 'closed'
          ? 'Le serveur ne répond plus : nouvelle tentative dans quelques secondes. Les données restent actualisées dès son retour.'
          : 'Reconnexion en cours : les modifications manquées seront rattrapées dès le retour du direct.'
      }
    >
      {wasOpen ? 'direct interrompu' : 'connexion au direct…'}
    </span>
  );
}
