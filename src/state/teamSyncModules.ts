/**
 * The modules shared through the team server, in the order they are loaded (light points first: the map). Each
 * is one adapter of the sync engine (src/state/teamSyncAdapter.ts); a module not listed stays in the browser.
 */
import type { SyncAdapter } from './teamSyncAdapter.ts';
import { adviceSync } from './teamSyncAdvice.ts';
import { frichesSync } from './teamSyncFriches.ts';
import { lightsSync } from './teamSyncLights.ts';
import { pcaetSync } from './teamSyncPcaet.ts';

export const SYNC_ADAPTERS: readonly SyncAdapter[] = [lightsSync, frichesSync, adviceSync, pcaetSync];
