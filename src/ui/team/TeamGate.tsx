import { type FormEvent, useEffect, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { fetchMe, signIn, signOut, type TeamUser } from '../../storage/teamClient.ts';
import { AdminButton } from './AdminPage.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { SyncStatus } from './SyncStatus.tsx';
import { ROLE_LABELS, scopeLabelOf } from './scopeLabel.ts';
import { teamModeHere, workLocally } from './teamMode.ts';

/** How often a signed-in page checks that its session is still valid (also on focus). */
const SESSION_CHECK_MS = 60_000;

function useScopeLabel(user: TeamUser): string {
  const territory = useAppStore((s) => s.territory);
  return scopeLabelOf(user.scope, territory);
}

/** Who is signed in, in the header (team mode only), with « Se déconnecter ». */
export function TeamIdentity() {
  const user = useAppStore((s) => s.teamUser);
  if (!user) return null;
  return <SignedIn user={user} />;
}

function SignedIn({ user }: { user: TeamUser }) {
  const scope = useScopeLabel(user);
  return (
    <div className="team-identity" data-testid="team-identity">
      <span>
        <strong>{user.email}</strong> · {ROLE_LABELS[user.role]} · {scope}
      </span>
      <SyncStatus />
      <LiveStatus />
      {user.role === 'admin' ? <AdminButton /> : null}
      <button
        type="button"
        onClick={() => {
          // Reloaded: the next user starts from the sign-in page and their own storage, never this user's data.
          void signOut().finally(() => window.location.reload());
        }}
      >
        Se déconnecter
      </button>
    </div>
  );
}

function SignInForm({ onSignedIn }: { onSignedIn: (user: TeamUser) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(email, password);
    const user = result.ok ? await fetchMe().catch(() => null) : null;
    setBusy(false);
    if (!result.ok) setError(result.message);
    else if (!user) setError('Connexion acceptée mais session introuvable : réessayez.');
    else {
      setPassword('');
      onSignedIn(user);
    }
  };
  return (
    <form className="team-signin-form" onSubmit={submit}>
      <label>
        Adresse e-mail
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        Mot de passe
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Connexion…' : 'Se connecter'}
      </button>
    </form>
  );
}

/** Detects the team server once, then keeps checking that the signed-in session is still valid. */
function useTeamSession(): void {
  useEffect(() => {
    let stopped = false;
    const { setTeamMode, setTeamUser, setSessionExpired } = useAppStore.getState();
    const check = () => {
      const { teamMode, teamUser, sessionExpired } = useAppStore.getState();
      if (stopped || teamMode !== 'team' || !teamUser || sessionExpired) return;
      fetchMe().then(
        (user) => {
          if (!stopped && !user) setSessionExpired(true);
        },
        // Server unreachable: not an expired session (offline edits are kept elsewhere).
        () => undefined,
      );
    };
    void teamModeHere().then(async (team) => {
      if (stopped || !team) return;
      setTeamMode('team');
      setTeamUser(await fetchMe().catch(() => null));
    });
    const timer = setInterval(check, SESSION_CHECK_MS);
    window.addEventListener('focus', check);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('focus', check);
    };
  }, []);
}

/**
 * Team mode only (nothing in standalone): the French sign-in page over the app until someone is signed in,
 * and, when a session expires, a sign-in dialog over the app that stays mounted, so that what was being typed
 * is still there after signing in again.
 */
export function TeamGate() {
  useTeamSession();
  const mode = useAppStore((s) => s.teamMode);
  const user = useAppStore((s) => s.teamUser);
  const expired = useAppStore((s) => s.sessionExpired);
  if (mode !== 'team' || (user && !expired)) return null;
  const done = (next: TeamUser) => {
    // Someone else signing in over an expired session: this page holds the previous user's data.
    if (user && next.email !== user.email) window.location.reload();
    else useAppStore.getState().setTeamUser(next);
  };
  if (expired && user)
    return (
      <div className="team-overlay team-overlay-dialog">
        <section role="dialog" aria-modal="true" aria-labelledby="team-expired-title" className="team-signin">
          <h2 id="team-expired-title">Session expirée</h2>
          <p>Reconnectez-vous pour continuer : ce que vous étiez en train de saisir est conservé.</p>
          <SignInForm onSignedIn={done} />
        </section>
      </div>
    );
  return (
    <div className="team-overlay">
      <section aria-labelledby="team-signin-title" className="team-signin" data-testid="team-signin">
        <h1 id="team-signin-title">Atlas COTRI — espace d’équipe</h1>
        <p>Connectez-vous avec le compte que l’administrateur vous a créé.</p>
        <SignInForm onSignedIn={done} />
        <p className="team-signin__local">
          <button type="button" className="link" onClick={workLocally}>
            Travailler en local (sans l’équipe)
          </button>{' '}
          : l’espace de ce navigateur, sans compte ; « Projet → Espace d’équipe » ramène ici.
        </p>
      </section>
    </div>
  );
}
