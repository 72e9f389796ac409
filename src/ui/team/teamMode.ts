/**
 * Standalone or team, decided once per page: team when the page is served by a team server (its /api/health)
 * and the user has not chosen to work locally on this browser. The two keep their data apart: the local
 * workspace is the IndexedDB database of standalone mode, and team mode caches the signed-in user's data in a
 * database of its own (per user, so someone else signing in on this browser never sees it). Going from one to
 * the other reloads the page, so each starts from its own storage and the local workspace comes back untouched.
 */
import { LOCAL_WORKSPACE, type WorkspaceStorage } from '../../state/persistence.ts';
import { useAppStore } from '../../state/store.ts';
import { detectTeamServer } from '../../storage/teamClient.ts';

/** Set on a team server's page by « Travailler en local » (cleared by « Projet → Espace d'équipe »). */
const LOCAL_CHOICE_KEY = 'atlas-cotri:travail-local';
/** The last server address typed in « Projet → Espace d'équipe » (offered again next time). */
const SERVER_URL_KEY = 'atlas-cotri:serveur-equipe';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

let detection: Promise<boolean> | null = null;

/** True when this page is served by a team server (whether or not the user chose to work locally). */
export function teamServerHere(): Promise<boolean> {
  detection ??= detectTeamServer();
  return detection;
}

/** True when the user chose to work locally on this team server's page. */
export const localChosen = (): boolean => storage()?.getItem(LOCAL_CHOICE_KEY) === '1';

/** True when the page works in team mode (a team server here, and local work not chosen). */
export async function teamModeHere(): Promise<boolean> {
  return !localChosen() && (await teamServerHere());
}

/** The database of a signed-in user's team workspace (never the local one). */
export function teamWorkspace(email: string): WorkspaceStorage {
  return { name: `atlas-cotri-equipe-espace:${email}`, channelName: `atlas-cotri-equipe:${email}` };
}

/** Waits for the signed-in user (the sign-in page is shown meanwhile). */
function signedInEmail(): Promise<string> {
  const now = useAppStore.getState().teamUser;
  if (now) return Promise.resolve(now.email);
  return new Promise((resolve) => {
    const off = useAppStore.subscribe((s) => {
      if (!s.teamUser) return;
      off();
      resolve(s.teamUser.email);
    });
  });
}

/** Where this page keeps its workspace: local in standalone mode, the user's team cache in team mode. */
export async function workspaceStorage(): Promise<WorkspaceStorage> {
  if (!(await teamModeHere())) return LOCAL_WORKSPACE;
  return teamWorkspace(await signedInEmail());
}

/** « Travailler en local »: this browser's local workspace, on this page (reloads). */
export function workLocally(): void {
  storage()?.setItem(LOCAL_CHOICE_KEY, '1');
  window.location.reload();
}

/** Back to the team of the server serving this page (reloads: the sign-in page, then the team's data). */
export function joinTeamHere(): void {
  storage()?.removeItem(LOCAL_CHOICE_KEY);
  window.location.reload();
}

export const rememberedServerUrl = (): string => storage()?.getItem(SERVER_URL_KEY) ?? '';

/**
 * The team server's address typed by the user → its app page, or a French reason. Only http(s) origins: the
 * server serves the app at its root, and a path or query would not be its page.
 */
export function serverPage(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return { ok: false, message: 'Adresse invalide : par exemple https://atlas.pays-boulonnais.fr' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, message: 'Adresse en http:// ou https:// attendue.' };
  if (url.username || url.password)
    return {
      ok: false,
      message: 'Pas d’identifiant dans l’adresse : connectez-vous sur la page du serveur.',
    };
  return { ok: true, url: `${url.origin}/` };
}

/** Opens the team server's page (its sign-in page); the local workspace stays in this browser, untouched. */
export function goToServer(url: string): void {
  storage()?.setItem(SERVER_URL_KEY, url);
  window.location.assign(url);
}
