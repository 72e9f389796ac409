import type { StateCreator } from 'zustand';
import type { TeamUser } from '../storage/teamClient.ts';
import type { AppState } from './store.ts';

/**
 * Team mode: 'standalone' until the team server answers (and forever under `npm start`), then 'team'. The
 * signed-in user comes from /api/me; `sessionExpired` is set when a signed-in session stops being valid, so the
 * sign-in dialog opens over the app (nothing typed is lost) instead of replacing it. Never persisted.
 */
export interface TeamSlice {
  teamMode: 'standalone' | 'team';
  teamUser: TeamUser | null;
  sessionExpired: boolean;
  setTeamMode: (mode: 'standalone' | 'team') => void;
  setTeamUser: (user: TeamUser | null) => void;
  setSessionExpired: (expired: boolean) => void;
}

export const createTeamSlice: StateCreator<AppState, [], [], TeamSlice> = (set) => ({
  teamMode: 'standalone',
  teamUser: null,
  sessionExpired: false,
  setTeamMode: (teamMode) => set({ teamMode }),
  setTeamUser: (teamUser) => set({ teamUser, ...(teamUser ? { sessionExpired: false } : {}) }),
  setSessionExpired: (sessionExpired) => set({ sessionExpired }),
});
