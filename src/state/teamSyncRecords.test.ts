import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../storage/outbox.ts';
import type { ServerRecord } from '../storage/syncClient.ts';
import type { SyncAdapter } from './teamSyncAdapter.ts';
import { type ModuleSync, planEdit, shownRecord, shownRecords } from './teamSyncRecords.ts';

const record = (id: string, version: number, properties: Record<string, unknown>): ServerRecord => ({
  id,
  insee: '62160',
  version,
  updatedAt: '2026-12-03T08:00:00Z',
  updatedBy: null,
  properties,
});
const moduleOf = (records: ServerRecord[]): ModuleSync => ({
  adapter: { module: 'advice' } as SyncAdapter,
  records: new Map(records.map((r) => [r.id, r])),
  cursor: '1',
  ready: true,
  unreadable: [],
});
let seq = 0;
const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({
  seq: ++seq,
  user: 'a@b.fr',
  module: 'advice',
  id: 'S1',
  baseVersion: 1,
  base: {},
  patch: {},
  label: 'S1',
  createdAt: '2026-12-03T09:00:00Z',
  state: 'pending',
  ...over,
});

describe('team sync records', () => {
  it('shows pending edits on top of the server version, creations with version 0, deletions as gone', () => {
    const m = moduleOf([record('S1', 3, { date: '2026-01-02', followUpStatus: 'toRemind' })]);
    const entries = [
      entry({ patch: { properties: { followUpStatus: 'worksDone' } } }),
      entry({
        id: 'S2',
        op: 'create',
        baseVersion: 0,
        patch: { insee: '62193', properties: { date: '2026-02-01' } },
      }),
      entry({ id: 'S1', module: 'lights', patch: { properties: { statut: 'x' } } }),
      entry({ id: 'S3', op: 'create', state: 'rejected', patch: { properties: { date: 'x' } } }),
    ];
    expect(shownRecord(m, 'S1', entries)?.properties).toEqual({
      date: '2026-01-02',
      followUpStatus: 'worksDone',
    });
    expect(shownRecord(m, 'S2', entries)).toMatchObject({
      version: 0,
      insee: '62193',
      properties: { date: '2026-02-01' },
    });
    // A refused creation stays in the outbox for the user, but is not shown as a record.
    expect(shownRecords(m, entries).map((r) => r.id)).toEqual(['S1', 'S2']);
    expect(shownRecord(m, 'S1', [entry({ op: 'delete' })])).toBeNull();
  });

  it('merges edits of a record not sent yet, adds after one in flight, skips records the server does not know', () => {
    const m = moduleOf([record('S1', 3, { date: '2026-01-02' })]);
    const waiting = entry({ patch: { properties: { a: 1 } }, baseVersion: 3 });
    const edit = { op: 'patch' as const, id: 'S1', patch: { properties: { b: 2 } }, label: 'S1 : b' };
    const merged = planEdit([waiting], m, edit, null);
    expect(merged).toMatchObject({
      kind: 'merge',
      merged: { patch: { properties: { a: 1, b: 2 } }, label: 'S1 : b' },
    });
    expect(planEdit([waiting], m, edit, waiting.seq)).toMatchObject({
      kind: 'add',
      entry: { op: 'patch', baseVersion: 3, base: { date: '2026-01-02' } },
    });
    expect(planEdit([], m, { ...edit, id: 'unknown' }, null)).toEqual({ kind: 'skip' });
    const created = {
      op: 'create' as const,
      id: 'S9',
      patch: { properties: { date: '2026-03-01' } },
      label: 'S9',
    };
    expect(planEdit([], m, created, null)).toMatchObject({
      kind: 'add',
      entry: { op: 'create', baseVersion: 0 },
    });
  });

  it('turns an edit of a pending creation into that creation, and its deletion into nothing', () => {
    const m = moduleOf([]);
    const creation = entry({
      id: 'S9',
      op: 'create',
      baseVersion: 0,
      patch: { properties: { date: '2026-03-01' } },
    });
    const edit = {
      op: 'patch' as const,
      id: 'S9',
      patch: { properties: { followUpStatus: 'abandoned' } },
      label: 'S9',
    };
    expect(planEdit([creation], m, edit, null)).toMatchObject({
      kind: 'merge',
      merged: { op: 'create', patch: { properties: { date: '2026-03-01', followUpStatus: 'abandoned' } } },
    });
    expect(planEdit([creation], m, { ...edit, op: 'delete', patch: {} }, null)).toEqual({
      kind: 'remove',
      entry: creation,
    });
  });
});
