/**
 * Advice sessions shared through the team server (the sync engine's advice adapter), for the roles that may
 * read them (admin, adviser: the server's role table). Server records are read with the one advice mapping
 * (src/domain/advice/serverRecords.ts), remote changes replace sessions in place, a session recorded in the
 * app is created on the server and a follow-up update is sent as its changed columns. A file imported into
 * the local view (or the sample) is not an edit of the team's sessions.
 *
 * The household's contact card (name, phone, e-mail) never enters a session nor the store (so never the
 * workspace cache or a project file): typed in the form, it is handed here with `attachAdviceContact`, sent
 * with the session's creation in `contact`, and the server keeps it apart, readable by the adviser's own
 * structure only. Contact cards the server sends back are kept in memory for the session list.
 */
import type { CommuneRef } from '../domain/advice/communes.ts';
import {
  sessionPatch,
  sessionProperties,
  sessionPropertyLabel,
  sessionsFromRecords,
} from '../domain/advice/serverRecords.ts';
import { type AdviceSession, FOLLOW_UP_STATUS_LABELS } from '../domain/advice/types.ts';
import type { ServerRecord } from '../storage/syncClient.ts';
import type { TeamRole } from '../storage/teamClient.ts';
import { type AppState, useAppStore } from './store.ts';
import type { SyncAdapter, SyncEdit } from './teamSyncAdapter.ts';

/** A household's contact card as the server stores it (src/server/schemas.ts Contact). */
export interface AdviceContact {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** The roles that read and write sessions (MODULE_DEFS.advice on the server); the others get counts only. */
export const ADVICE_ROLES: readonly TeamRole[] = ['admin', 'adviser'];
export const readsAdvice = (role: TeamRole): boolean => ADVICE_ROLES.includes(role);

/** Contact cards typed for sessions not created yet (by session id), taken by the creation's edit. */
const typedContacts = new Map<string, Record<string, string | null>>();
/** Contact cards the server sent (its adviser's structure only), by session id: memory only. */
const knownContacts = new Map<string, Record<string, string | null>>();

function cleanContact(contact: AdviceContact): Record<string, string | null> | null {
  const out: Record<string, string | null> = {};
  for (const key of ['name', 'phone', 'email'] as const) {
    const value = contact[key]?.trim();
    if (value) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** The contact card typed with a session about to be recorded (call before adding the session). */
export function attachAdviceContact(sessionId: string, contact: AdviceContact): void {
  const clean = cleanContact(contact);
  if (clean) typedContacts.set(sessionId, clean);
  else typedContacts.delete(sessionId);
}

/** The session's contact card, when the server gave it to this user (or it was typed here). */
export function adviceContactOf(sessionId: string): Record<string, string | null> | null {
  return knownContacts.get(sessionId) ?? typedContacts.get(sessionId) ?? null;
}

function remember(records: readonly ServerRecord[]) {
  for (const r of records) {
    if (r.contact && Object.values(r.contact).some((v) => v)) knownContacts.set(r.id, r.contact);
    else knownContacts.delete(r.id);
  }
}

const communes = (): CommuneRef[] => {
  const { territory } = useAppStore.getState();
  return territory
    ? territory.communes.features.map((f) => ({ insee: f.properties.insee, name: f.properties.name }))
    : [];
};

const sessionLabel = (s: AdviceSession) =>
  `${s.id} : ${FOLLOW_UP_STATUS_LABELS[s.followUp.status].toLowerCase()}`;

function withSessions(
  s: AppState,
  changed: readonly AdviceSession[],
  removed: ReadonlySet<string>,
): Partial<AppState> {
  const byId = new Map(changed.map((x) => [x.id, x]));
  const seen = new Set<string>();
  const adviceSessions: AdviceSession[] = [];
  for (const x of s.adviceSessions) {
    if (removed.has(x.id)) continue;
    seen.add(x.id);
    adviceSessions.push(byId.get(x.id) ?? x);
  }
  for (const x of changed) if (!seen.has(x.id)) adviceSessions.push(x);
  return { adviceSessions };
}

export const adviceSync: SyncAdapter = {
  module: 'advice',
  noun: 'la séance',
  readable: readsAdvice,
  loadAll(records) {
    knownContacts.clear();
    remember(records);
    const { sessions, unreadable } = sessionsFromRecords(records, communes());
    useAppStore
      .getState()
      .replaceAdviceSessions(sessions, { kind: 'team', syncedAt: new Date().toISOString() });
    return { unreadable };
  },
  applyChanges(changed, removed) {
    remember(changed);
    for (const id of removed) knownContacts.delete(id);
    const { sessions } = sessionsFromRecords(changed, communes());
    useAppStore.setState((s) => withSessions(s, sessions, removed));
  },
  changed: (next, prev) => next.adviceSessions !== prev.adviceSessions,
  edits(prevState, nextState, shown) {
    // A file import (or the sample) replaces the local view as a whole: not an edit of the team's sessions.
    const source = nextState.adviceSource;
    if (source && source !== prevState.adviceSource && source.kind !== 'team' && source.kind !== 'manual')
      return [];
    const before = new Map(prevState.adviceSessions.map((x) => [x.id, x]));
    const edits: SyncEdit[] = [];
    for (const session of nextState.adviceSessions) {
      const old = before.get(session.id);
      if (old === session) continue;
      const record = shown(session.id);
      if (!old || !record) {
        // A session recorded here (or updated before its creation was sent: the engine merges them).
        if (!record) {
          const contact = typedContacts.get(session.id);
          typedContacts.delete(session.id);
          if (contact) knownContacts.set(session.id, contact);
          edits.push({
            op: 'create',
            id: session.id,
            patch: {
              insee: session.insee,
              properties: sessionProperties(session),
              ...(contact ? { contact } : {}),
            },
            label: sessionLabel(session),
          });
        }
        continue;
      }
      const properties = sessionPatch(old, session);
      const patch = {
        ...(properties ? { properties } : {}),
        ...(old.insee !== session.insee ? { insee: session.insee } : {}),
      };
      if (Object.keys(patch).length > 0)
        edits.push({ op: 'patch', id: session.id, patch, label: sessionLabel(session) });
    }
    return edits;
  },
  propertyLabel: sessionPropertyLabel,
};
