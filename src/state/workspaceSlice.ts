import type { StateCreator } from 'zustand';
import type { AppState } from './store.ts';

export interface WorkspaceSlice {
  /**
   * True once the saved workspace has been restored (or found empty). Modules must wait for it before
   * loading their sample data, or a sample would overwrite the user's data restored a moment later.
   */
  workspaceReady: boolean;
  setWorkspaceReady: (ready: boolean) => void;
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => ({
  workspaceReady: false,
  setWorkspaceReady: (workspaceReady) => set({ workspaceReady }),
});
