import { beforeEach, describe, expect, it } from 'vitest';
import { updateFollowUp } from '../domain/advice/followUp.ts';
import { sessionProperties } from '../domain/advice/serverRecords.ts';
import { makeSession } from '../domain/advice/testSessions.ts';
import type { AdviceSession } from '../domain/advice/types.ts';
import type { ServerRecord } from '../storage/syncClient.ts';
import { type AppState, useAppStore } from './store.ts';
import { adviceContactOf, adviceSync, attachAdviceContact } from './teamSyncAdvice.ts';

const state = (sessions: AdviceSession[], kind: 'team' | 'import' = 'team') =>
  ({
    adviceSessions: sessions,
    adviceSource:
      kind === 'team'
        ? { kind, syncedAt: '2026-12-03T10:00:00Z' }
        : { kind, fileName: 'conseils.csv', importedAt: '2026-12-03T10:00:00Z' },
  }) as unknown as AppState;

const record = (s: AdviceSession, extra: Partial<ServerRecord> = {}): ServerRecord => ({
  id: s.id,
  insee: s.insee,
  version: 3,
  updatedAt: '2026-12-03T09:00:00Z',
  updatedBy: 'conseil@espace-info.fr',
  properties: sessionProperties(s),
  ...extra,
});

const territory = {
  communes: {
    type: 'FeatureCollection',
    features: [
      { properties: { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: '200039022' } },
      { properties: { insee: '62487', name: 'Landrethun-le-Nord', epciSiren: '200039022' } },
    ],
  },
} as unknown as AppState['territory'];

describe('advice sync adapter', () => {
  const known = makeSession('CE-2026-00000001', '2026-03-04');
  const shown = (id: string) => (id === known.id ? record(known) : null);

  beforeEach(() => {
    useAppStore.setState({ territory, adviceSessions: [], adviceSource: null });
  });

  it('is read and written by admins and advisers only (the server’s role table)', () => {
    expect(['admin', 'editor', 'adviser', 'viewer'].filter((r) => adviceSync.readable(r as never))).toEqual([
      'admin',
      'adviser',
    ]);
  });

  it('a recorded session is created with its commune, its columns and the contact card typed with it', () => {
    const typed = makeSession('CE-2026-00000002', '2026-11-20', 'toRemind', { insee: '62487' });
    attachAdviceContact(typed.id, { name: ' ', phone: '06 12 34 56 78', email: 'foyer@example.fr' });
    const edits = adviceSync.edits(state([known]), state([known, typed]), shown);
    expect(edits).toEqual([
      {
        op: 'create',
        id: typed.id,
        patch: {
          insee: '62487',
          properties: expect.objectContaining({ date: '2026-11-20', followUpStatus: 'toRemind' }),
          contact: { phone: '06 12 34 56 78', email: 'foyer@example.fr' },
        },
        label: 'CE-2026-00000002 : à relancer',
      },
    ]);
    // The card is never part of the session (nor the store), only of the write.
    expect(JSON.stringify(edits[0]!.patch.properties)).not.toContain('foyer@example.fr');
    expect(adviceContactOf(typed.id)).toEqual({ phone: '06 12 34 56 78', email: 'foyer@example.fr' });
  });

  it('a follow-up update is sent as the changed columns only', () => {
    const updated = updateFollowUp(known, 'worksPlanned', '2026-06-01');
    const edits = adviceSync.edits(state([known]), state([updated]), shown);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ op: 'patch', id: known.id, label: `${known.id} : travaux envisagés` });
    expect(edits[0]!.patch.properties).toMatchObject({ followUpStatus: 'worksPlanned' });
    expect(Object.keys(edits[0]!.patch.properties ?? {})).not.toContain('date');
    expect(edits[0]!.patch.insee).toBeUndefined();
  });

  it('sessions imported from a file into the view are not edits of the team’s sessions', () => {
    const imported = [makeSession('F-1', '2026-01-02'), updateFollowUp(known, 'worksDone', '2026-07-01')];
    expect(adviceSync.edits(state([known]), state(imported, 'import'), shown)).toEqual([]);
  });

  it('loads the server’s sessions as team data and applies remote changes in place', () => {
    const other = makeSession('CE-2026-00000003', '2026-05-05', 'worksStarted', { insee: '62487' });
    const { unreadable } = adviceSync.loadAll([
      record(known, { contact: { name: null, phone: '0321000000', email: null } }),
      record(other),
    ]);
    expect(unreadable).toEqual([]);
    const s = useAppStore.getState();
    expect(s.adviceSource).toMatchObject({ kind: 'team' });
    expect(s.adviceSessions.map((x) => x.id)).toEqual([known.id, other.id]);
    expect(s.adviceSessions[0]).toEqual(known);
    expect(adviceContactOf(known.id)).toEqual({ name: null, phone: '0321000000', email: null });
    expect(adviceContactOf(other.id)).toBeNull();

    const moved = updateFollowUp(other, 'worksDone', '2026-10-01');
    const added = makeSession('CE-2026-00000004', '2026-11-01');
    adviceSync.applyChanges([record(moved), record(added)], new Set([known.id]));
    const after = useAppStore.getState().adviceSessions;
    expect(after.map((x) => x.id)).toEqual([other.id, added.id]);
    expect(after[0]!.followUp.status).toBe('worksDone');
    expect(adviceContactOf(known.id)).toBeNull();
  });

  it('labels properties with the advice columns', () => {
    expect(adviceSync.propertyLabel('followUpStatus', [])).toBe('Statut du suivi');
  });
});
