/**
 * Friche sites shared through the team server (the sync engine's friches adapter): server records are read
 * with the one inventory rule (src/domain/friches/serverRecords.ts), remote changes replace sites in place
 * (selection and pins kept), a site drawn in the app is created on the server and an edited sheet (status,
 * fields, perimeter) is sent as its changed cells. A whole new inventory (a file import) replaces the local
 * view only: it is not an edit of shared sites, and nothing in the app deletes a site one by one.
 * Pins and weights stay each user's own analysis (saved with the user's workspace cache), not team data.
 */
import { communeNamesOf } from '../domain/friches/mapping.ts';
import { sitePatch, siteRecordBody, sitesFromRecords } from '../domain/friches/serverRecords.ts';
import type { Brownfield } from '../domain/friches/types.ts';
import { CNIG_FRICHES_FIELDS } from '../io/cnig/schema.ts';
import { type AppState, useAppStore } from './store.ts';
import type { SyncAdapter, SyncEdit } from './teamSyncAdapter.ts';

const FIELD_TITLES = new Map<string, string>(CNIG_FRICHES_FIELDS.map((f) => [f.name, f.title]));

const names = () => {
  const { territory } = useAppStore.getState();
  return territory ? communeNamesOf(territory.communes) : new Map<string, string>();
};

const siteLabel = (s: Brownfield) => `${s.id} : ${s.name}${s.status ? ` (${s.status})` : ''}`;

/** The store after remote sites replaced or joined the known ones by id; selection kept while it exists. */
function withSites(
  s: AppState,
  changed: readonly Brownfield[],
  removed: ReadonlySet<string>,
): Partial<AppState> {
  const byId = new Map(changed.map((site) => [site.id, site]));
  const seen = new Set<string>();
  const frichesSites: Brownfield[] = [];
  for (const site of s.frichesSites) {
    if (removed.has(site.id)) continue;
    seen.add(site.id);
    frichesSites.push(byId.get(site.id) ?? site);
  }
  for (const site of changed) if (!seen.has(site.id)) frichesSites.push(site);
  return {
    frichesSites,
    frichesPins: s.frichesPins.filter((p) => !removed.has(p.siteId)),
    frichesSelected: s.frichesSelected && removed.has(s.frichesSelected) ? null : s.frichesSelected,
  };
}

export const frichesSync: SyncAdapter = {
  module: 'friches',
  noun: 'la friche',
  readable: () => true,
  loadAll(records) {
    const { sites, unreadable } = sitesFromRecords(records, names());
    useAppStore.getState().replaceFrichesSites(sites, { kind: 'team', syncedAt: new Date().toISOString() });
    return { unreadable };
  },
  applyChanges(changed, removed) {
    const { sites } = sitesFromRecords(changed, names());
    useAppStore.setState((s) => withSites(s, sites, removed));
  },
  changed: (next, prev) => next.frichesSites !== prev.frichesSites,
  edits(prevState, nextState, shown) {
    // A file import (or the sample) replaces the inventory as a whole: not an edit of the team's sites.
    const source = nextState.frichesSource;
    if (source && source !== prevState.frichesSource && source.kind !== 'manual') return [];
    const before = new Map(prevState.frichesSites.map((s) => [s.id, s]));
    const edits: SyncEdit[] = [];
    for (const site of nextState.frichesSites) {
      const old = before.get(site.id);
      if (old === site) continue;
      const record = shown(site.id);
      if (!old || !record) {
        // A site drawn or typed here (or edited before its creation was sent: the engine merges them).
        if (!record) {
          const { id: _id, ...body } = siteRecordBody(site);
          edits.push({ op: 'create', id: site.id, patch: body, label: siteLabel(site) });
        }
        continue;
      }
      const patch = sitePatch(old, site);
      if (patch) edits.push({ op: 'patch', id: site.id, patch, label: siteLabel(site) });
    }
    return edits;
  },
  propertyLabel: (key) => FIELD_TITLES.get(key) ?? key,
};
