/**
 * Light points shared through the team server (the sync engine's lights adapter): server records are read with
 * the one inventory mapping (src/domain/lights/serverRecords.ts), remote changes replace points in place
 * (selection and undo kept), and an edit of the inventory (batch edit, undo) is the changed inventory columns of
 * each point the server knows. A whole new inventory (an import) is not an edit of shared points.
 */
import { type LightPoint, STATUS_LABELS } from '../domain/lights/index.ts';
import { pointsFromRecords, propertiesPatch, propertyLabel } from '../domain/lights/serverRecords.ts';
import { useAppStore } from './store.ts';
import type { SyncAdapter, SyncEdit } from './teamSyncAdapter.ts';

const pointLabel = (p: LightPoint) => `${p.id} : ${STATUS_LABELS[p.status].toLowerCase()}`;

export const lightsSync: SyncAdapter = {
  module: 'lights',
  noun: 'le point',
  readable: () => true,
  loadAll(records) {
    const { points, unreadable } = pointsFromRecords(records);
    useAppStore.getState().replaceLights(points, { kind: 'team', syncedAt: new Date().toISOString() });
    return { unreadable };
  },
  applyChanges(changed, removed) {
    const { points } = pointsFromRecords(changed);
    const byId = new Map(points.map((p) => [p.id, p]));
    const seen = new Set<string>();
    const next: LightPoint[] = [];
    for (const p of useAppStore.getState().lightPoints) {
      if (removed.has(p.id)) continue;
      seen.add(p.id);
      next.push(byId.get(p.id) ?? p);
    }
    for (const p of points) if (!seen.has(p.id)) next.push(p);
    useAppStore.setState({ lightPoints: next });
  },
  changed: (next, prev) => next.lightPoints !== prev.lightPoints,
  edits(prevState, nextState, shown) {
    const prev = prevState.lightPoints;
    const next = nextState.lightPoints;
    if (prev.length !== next.length) return [];
    const edits: SyncEdit[] = [];
    for (let i = 0; i < next.length; i++) {
      const before = prev[i]!;
      const after = next[i]!;
      if (before === after || before.id !== after.id) continue;
      const record = shown(after.id);
      if (!record) continue;
      const properties = propertiesPatch(before, after, Object.keys(record.properties));
      if (properties)
        edits.push({ op: 'patch', id: after.id, patch: { properties }, label: pointLabel(after) });
    }
    return edits;
  },
  propertyLabel,
};
