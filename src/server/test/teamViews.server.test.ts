import { describe, expect, it } from 'vitest';
import { type Api, hasDatabase, lightBody, type TestServer, useTeam } from './harness.ts';

const CAB = '246200729'; // CA du Boulonnais: Boulogne-sur-Mer 62160
const DESVRES_SAMER = '200018083'; // CC de Desvres-Samer: Desvres 62268

/** The first `change` events of a user's stream, until `count` of them arrived (or the timeout). */
async function changes(server: TestServer, api: Api, count: number, during: () => Promise<void>) {
  const controller = new AbortController();
  const res = await fetch(`${server.base}/api/events`, {
    headers: { cookie: api.cookie },
    signal: controller.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: unknown[] = [];
  let buffer = '';
  await reader.read(); // « connecté »: subscribed before the writes below
  await during();
  const deadline = setTimeout(() => controller.abort(), 5000);
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (block.startsWith('event: change') && data) events.push(JSON.parse(data));
      }
    }
  } catch {
    // aborted at the deadline: the caller checks what arrived
  } finally {
    clearTimeout(deadline);
    controller.abort();
  }
  return events;
}

describe.skipIf(!hasDatabase)('history, admin and summary views (real PostgreSQL)', () => {
  const team = useTeam([
    { email: 'admin@pays.fr', role: 'admin' },
    { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } },
    { email: 'editeur@desvres.fr', role: 'editor', scope: { epci: [DESVRES_SAMER] } },
    { email: 'conseil@eie.fr', role: 'adviser', scope: { structure: 'EIE' } },
    { email: 'lecteur@pays.fr', role: 'viewer' },
  ]);
  const admin = team.api('admin@pays.fr');
  const editor = team.api('editeur@cab.fr');
  const otherEditor = team.api('editeur@desvres.fr');
  const adviser = team.api('conseil@eie.fr');
  const viewer = team.api('lecteur@pays.fr');

  it("lists a record's changes with author, date and before → after, to those who may read it", async () => {
    expect((await editor('POST', '/api/lights', lightBody('h-1', 1.6145, 50.7264))).status).toBe(201);
    const patched = await editor(
      'PATCH',
      '/api/lights/h-1',
      { properties: { statut: 'rénové' } },
      {
        'if-match': '"1"',
      },
    );
    expect(patched.status).toBe(200);
    const { status, json } = await viewer('GET', '/api/history/lights/h-1');
    expect(status).toBe(200);
    const items = (json as { items: Record<string, unknown>[] }).items;
    expect(items.map((i) => [i.action, i.version, i.by])).toEqual([
      ['update', 2, 'editeur@cab.fr'],
      ['insert', 1, 'editeur@cab.fr'],
    ]);
    expect(items[0]!.changes).toEqual([{ field: 'statut', before: 'à rénover', after: 'rénové' }]);
    expect(Date.parse(String(items[0]!.at))).toBeGreaterThan(Date.now() - 60_000);
    // Another EPCI's editor cannot see the point, so neither its history (RLS, not a route check).
    expect((await otherEditor('GET', '/api/history/lights/h-1')).status).toBe(404);
    expect((await viewer('GET', '/api/history/advice/x')).status).toBe(403);
    expect((await viewer('GET', '/api/history/nothing/x')).status).toBe(404);
    expect((await viewer('GET', '/api/history/lights/h-1?limit=abc')).status).toBe(422);
  });

  it('lists users with role and scope and the last changes, for admins only', async () => {
    for (const api of [editor, adviser, viewer])
      for (const path of ['/api/admin/users', '/api/admin/changes'])
        expect((await api('GET', path)).status).toBe(403);
    const users = (await admin('GET', '/api/admin/users')).json as { items: Record<string, unknown>[] };
    const cab = users.items.find((u) => u.email === 'editeur@cab.fr')!;
    expect(cab).toMatchObject({ role: 'editor', epci: [CAB], communes: [], disabled: false });
    expect(cab.lastChange).not.toBeNull();
    expect(users.items.find((u) => u.email === 'conseil@eie.fr')).toMatchObject({ structure: 'EIE' });
    expect(Object.keys(cab)).not.toContain('password_hash');
    const recent = (await admin('GET', '/api/admin/changes?limit=1')).json as {
      items: Record<string, unknown>[];
    };
    expect(recent.items).toHaveLength(1);
    expect(recent.items[0]).toMatchObject({ module: 'lights', id: 'h-1', action: 'update' });
  });

  it('gives session counts to a viewer (no id, no contact) and tells it live when a session is recorded', async () => {
    const session = (id: string, insee: string) => ({
      id,
      insee,
      properties: { date: '2026-02-03', followUpStatus: 'worksDone', householdId: `foyer-${id}` },
      contact: { name: 'Jeanne Martin', phone: '0600000000' },
    });
    const events = await changes(team.server, viewer, 1, async () => {
      expect((await adviser('POST', '/api/advice', session('s-1', '62160'))).status).toBe(201);
    });
    expect(events).toEqual([{ module: 'advice', summary: true, insee: '62160', deleted: false }]);
    expect((await adviser('POST', '/api/advice', session('s-2', '62160'))).status).toBe(201);
    expect((await adviser('POST', '/api/advice', session('s-3', '62268'))).status).toBe(201);
    const summary = await viewer('GET', '/api/advice/summary');
    expect(summary.json).toEqual({
      items: [
        { insee: '62160', date: '2026-02-03', status: 'worksDone', n: 2 },
        { insee: '62268', date: '2026-02-03', status: 'worksDone', n: 1 },
      ],
    });
    expect(JSON.stringify(summary.json)).not.toMatch(/Jeanne|foyer|s-1/);
    // A scoped user counts only its own communes; the adviser itself gets the full change event.
    const scoped = (await otherEditor('GET', '/api/advice/summary')).json as { items: { insee: string }[] };
    expect(scoped.items.map((i) => i.insee)).toEqual(['62268']);
    const own = await changes(team.server, adviser, 1, async () => {
      await adviser('DELETE', '/api/advice/s-2');
    });
    expect(own).toEqual([{ module: 'advice', id: 's-2', version: 2, deleted: true, insee: '62160' }]);
  });
});
