/**
 * PCAET indicators and values shared through the team server (the sync engine's PCAET adapter): the records
 * (src/state/pcaetRecords.ts) become the dashboard's indicators and values, and the user's changes (an
 * indicator added or removed, a value typed, changed or removed, a spreadsheet import) become record writes.
 * Indicators and values depend on each other (a value needs its indicator), so the adapter keeps the records it
 * was given and rebuilds both lists from all of them on every change.
 */
import type { ServerRecord } from '../storage/syncClient.ts';
import { pcaetChanges, pcaetFromRecords, pcaetRecordBodies } from './pcaetRecords.ts';
import { type AppState, useAppStore } from './store.ts';
import type { SyncAdapter, SyncEdit } from './teamSyncAdapter.ts';

const LABELS: Record<string, string> = {
  value: 'valeur',
  date: 'date',
  type: 'type',
  place: 'lieu',
  name: 'nom',
  unit: 'unité',
  direction: 'sens',
  level: 'niveau',
};

let known = new Map<string, ServerRecord>();

function publish(): { unreadable: { id: string; reason: string }[] } {
  const { indicators, values, unreadable } = pcaetFromRecords([...known.values()]);
  useAppStore.setState({ pcaetIndicators: indicators, pcaetValues: values });
  return { unreadable };
}

const bodiesOf = (s: AppState) => pcaetRecordBodies(s.pcaetIndicators, s.pcaetValues);

const labelOf = (id: string, properties: Record<string, unknown>) =>
  properties.kind === 'indicator' || id.startsWith('indicateur:')
    ? `Indicateur ${String(properties.name ?? id.slice('indicateur:'.length))}`
    : `${id.slice('valeur:'.length).replaceAll('|', ' · ')}`;

export const pcaetSync: SyncAdapter = {
  module: 'pcaet',
  noun: 'l’indicateur',
  readable: () => true,
  loadAll(records) {
    known = new Map(records.map((r) => [r.id, r]));
    return publish();
  },
  applyChanges(changed, removed) {
    for (const id of removed) known.delete(id);
    for (const r of changed) known.set(r.id, r);
    publish();
  },
  changed: (next, prev) =>
    next.pcaetIndicators !== prev.pcaetIndicators || next.pcaetValues !== prev.pcaetValues,
  edits(prev, next, shown) {
    const edits: SyncEdit[] = [];
    for (const change of pcaetChanges(bodiesOf(prev), bodiesOf(next))) {
      const record = shown(change.id);
      if (change.op === 'delete') {
        if (record)
          edits.push({
            op: 'delete',
            id: change.id,
            patch: {},
            label: labelOf(change.id, record.properties),
          });
        continue;
      }
      // A slot the server already has (typed again after a removal not sent yet) is an edit of that record.
      const op = record ? 'patch' : 'create';
      const body = op === 'create' ? (bodiesOf(next).get(change.id) ?? change.body) : change.body;
      edits.push({ op, id: change.id, patch: body, label: labelOf(change.id, body.properties) });
    }
    return edits;
  },
  propertyLabel: (key) => LABELS[key] ?? key,
};
