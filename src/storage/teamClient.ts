/**
 * The team server's session API, for the app (issue « Espace d'équipe »): is the app served by the team server,
 * who is signed in, sign-in and sign-out. Same-origin fetches: the browser sends the session cookie and the
 * Origin header the server's CSRF check wants. Standalone (Vite, no server) answers /api/health with the app's
 * HTML page, which is not the server's JSON: the app then stays standalone.
 */

export type TeamRole = 'admin' | 'editor' | 'adviser' | 'viewer';

export interface TeamScope {
  all: boolean;
  epci: string[] | null;
  communes: string[] | null;
  structure: string | null;
}

export interface TeamUser {
  email: string;
  role: TeamRole;
  scope: TeamScope;
}

type Fetch = typeof fetch;

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

const messageOf = (body: unknown, fallback: string) =>
  body && typeof (body as { error?: unknown }).error === 'string'
    ? (body as { error: string }).error
    : fallback;

/** True when the page is served by the team server (its health answer, even « base indisponible »). */
export async function detectTeamServer(fetchFn: Fetch = fetch): Promise<boolean> {
  try {
    // No Accept header: Vite answers `*/*` with its HTML fallback (200), never a 404 in the console.
    const response = await fetchFn('/api/health');
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) return false;
    const body = await json(response);
    return !!body && typeof (body as { database?: unknown }).database === 'string';
  } catch {
    return false;
  }
}

/** The signed-in user; null when there is no valid session (never signed in, signed out or expired). */
export async function fetchMe(fetchFn: Fetch = fetch): Promise<TeamUser | null> {
  const response = await fetchFn('/api/me', { headers: { accept: 'application/json' } });
  if (response.status === 401) return null;
  if (!response.ok)
    throw new Error(messageOf(await json(response), `Serveur injoignable (HTTP ${response.status}).`));
  return (await json(response)) as TeamUser;
}

export type SignInResult = { ok: true } | { ok: false; message: string };

export async function signIn(email: string, password: string, fetchFn: Fetch = fetch): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetchFn('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, message: 'Serveur injoignable : vérifiez la connexion puis réessayez.' };
  }
  if (response.status === 204) return { ok: true };
  return {
    ok: false,
    message: messageOf(await json(response), `Connexion refusée (HTTP ${response.status}).`),
  };
}

export async function signOut(fetchFn: Fetch = fetch): Promise<void> {
  await fetchFn('/api/session', { method: 'DELETE' });
}
