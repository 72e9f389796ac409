import { describe, expect, it } from 'vitest';
import { buildServer, sessionSecretProblem } from '../app.ts';
import { loadMigrations } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { addUser, UserError } from '../users.ts';
import { client, hasDatabase, lightBody, login, PASSWORD, SECRET, useTeam } from './harness.ts';

// CA du Boulonnais (Boulogne-sur-Mer 62160) and CC de Desvres-Samer (Desvres 62268).
const CAB = '246200729';
const BOULOGNE = [1.6145, 50.7264] as const;
const DESVRES = [1.8353, 50.6686] as const;

describe.skipIf(!hasDatabase)('team API (real PostgreSQL)', () => {
  const team = useTeam(
    [
      { email: 'admin@pays.fr', role: 'admin' },
      { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } },
      // Signed in by the tests themselves (the 429 test locks the first one out).
      { email: 'lecteur@pays.fr', role: 'viewer', signIn: false },
      { email: 'lecteur2@pays.fr', role: 'viewer', signIn: false },
    ],
    { login: { baseDelayMs: 1, maxDelayMs: 5, maxFailures: 3 } },
  );
  const admin = team.api('admin@pays.fr');
  const editor = team.api('editeur@cab.fr');

  it('reports health with PostGIS and the migration count', async () => {
    const res = await fetch(`${team.server.base}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, database: 'ok', migrations: loadMigrations().length });
    expect(body.postgis).toMatch(/^3\./);
  });

  it('answers health 503 with exactly the contract body when the database is unreachable', async () => {
    // Port 1 on the loopback: nothing listens there, the pool's connection is refused at once.
    const pool = createPool('postgres://atlas:x@127.0.0.1:1/atlas', 1);
    const app = await buildServer({ pool, sessionSecret: SECRET });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ok: false, database: 'unavailable' });
    } finally {
      await app.close();
      await pool.end();
    }
  });

  it('refuses a missing or weak SESSION_SECRET outside development', () => {
    expect(sessionSecretProblem(undefined, 'production')).toMatch(/obligatoire/);
    expect(sessionSecretProblem('secret', undefined)).toMatch(/trop faible/);
    expect(sessionSecretProblem('a'.repeat(40), undefined)).toMatch(/trop faible/);
    expect(sessionSecretProblem(undefined, 'development')).toBeNull();
    expect(sessionSecretProblem('Zx8#kP2v!Lq9@Tn4$Wm7&Rb1*Yc6^Hd3', 'production')).toBeNull();
  });

  it('refuses an adviser without a structure (its contacts would be filed where it cannot read them)', async () => {
    const c = await team.db.pool.connect();
    try {
      const adviser = { email: 'conseil@pays.fr', role: 'adviser' as const, password: PASSWORD };
      await expect(addUser(c, adviser)).rejects.toThrow(/doit appartenir à une structure/);
      await expect(addUser(c, { ...adviser, structure: '   ' })).rejects.toThrow(UserError);
      await addUser(c, { ...adviser, structure: ' EIE Boulonnais ' });
      // A structure given to another role means nothing to the policies: it is not stored.
      await addUser(c, { email: 'lecteur3@pays.fr', role: 'viewer', password: PASSWORD, structure: 'EIE' });
      const { rows } = await c.query(
        `SELECT email, structure FROM atlas.users WHERE email IN ('conseil@pays.fr', 'lecteur3@pays.fr') ORDER BY email`,
      );
      expect(rows).toEqual([
        { email: 'conseil@pays.fr', structure: 'EIE Boulonnais' },
        { email: 'lecteur3@pays.fr', structure: null },
      ]);
    } finally {
      c.release();
    }
  });

  it('signs in with an HttpOnly SameSite cookie, /api/me gives role and scope, logout invalidates server-side', async () => {
    const res = await fetch(`${team.server.base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: team.server.base },
      body: JSON.stringify({ email: 'EDITEUR@cab.fr', password: 'un mot de passe solide' }),
    });
    expect(res.status).toBe(204);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const session = client(team.server, setCookie.split(';')[0]!);
    const me = await session('GET', '/api/me');
    expect(me).toMatchObject({
      status: 200,
      json: { email: 'editeur@cab.fr', role: 'editor', scope: { all: false, epci: [CAB], communes: [] } },
    });
    expect((await session('DELETE', '/api/session')).status).toBe(204);
    // The same cookie replayed after logout is refused: the session row is gone.
    expect((await session('GET', '/api/me')).status).toBe(401);
    expect((await client(team.server, '')('GET', '/api/me')).status).toBe(401);
  });

  it('answers 401 on bad credentials, then 429 after repeated failures', async () => {
    const attempt = (password: string) =>
      fetch(`${team.server.base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: team.server.base },
        body: JSON.stringify({ email: 'lecteur@pays.fr', password }),
      });
    expect((await attempt('mauvais mot de passe')).status).toBe(401);
    expect((await attempt('mauvais mot de passe')).status).toBe(401);
    expect((await attempt('mauvais mot de passe')).status).toBe(401);
    const locked = await attempt('un mot de passe solide');
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { error: string }).error).toMatch(/Trop de tentatives/);
    expect(
      (
        await fetch(`${team.server.base}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: team.server.base },
          body: JSON.stringify({ email: 'inconnu@x.fr', password: 'x'.repeat(12) }),
        })
      ).status,
    ).toBe(401);
  });

  it('requires a same-origin Origin on unsafe requests (CSRF)', async () => {
    const post = (origin?: string) =>
      fetch(`${team.server.base}/api/lights`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: admin.cookie, ...(origin ? { origin } : {}) },
        body: JSON.stringify(lightBody('csrf', ...BOULOGNE)),
      });
    expect((await post()).status).toBe(403);
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post(team.server.base)).status).toBe(201);
  });

  it('creates, reads, patches with If-Match and deletes a light point, with 409 carrying the current record', async () => {
    const created = await editor(
      'POST',
      '/api/lights',
      lightBody('EP-A', ...BOULOGNE, { adresse: "1 rue de l'Écluse" }),
    );
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ type: 'Feature', id: 'EP-A', insee: '62160', version: 1 });
    expect(created.headers.get('etag')).toBe('"1"');

    const patched = await editor(
      'PATCH',
      '/api/lights/EP-A',
      { properties: { statut: 'rénové' } },
      { 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ version: 2, properties: { statut: 'rénové', puissance_w: 150 } });

    const stale = await editor(
      'PATCH',
      '/api/lights/EP-A',
      { properties: { statut: 'programmé' } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({
      current: { id: 'EP-A', version: 2, properties: { statut: 'rénové' } },
    });
    // Who made the current version, for the app's conflict view.
    expect((stale.json as { current: { updatedBy: unknown } }).current.updatedBy).toMatch(/@/);

    expect((await editor('PATCH', '/api/lights/EP-A', { properties: {} })).status).toBe(428);
    expect((await editor('POST', '/api/lights', lightBody('EP-A', ...BOULOGNE))).status).toBe(409);
    expect((await editor('DELETE', '/api/lights/EP-A', undefined, { 'if-match': '"2"' })).status).toBe(204);
    expect(
      (await editor('PATCH', '/api/lights/EP-A', { properties: {} }, { 'if-match': '"3"' })).status,
    ).toBe(404);

    const audit = await team.db.pool.query(
      "SELECT action FROM atlas.audit_log WHERE record_id = 'EP-A' ORDER BY id",
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['insert', 'update', 'delete']);
  });

  it('keeps an editor inside its EPCI: 403 outside, rows of other EPCI invisible (row-level security)', async () => {
    expect((await admin('POST', '/api/lights', lightBody('EP-DESVRES', ...DESVRES))).status).toBe(201);
    expect((await editor('POST', '/api/lights', lightBody('EP-OUT', ...DESVRES))).status).toBe(403);
    const list = await editor('GET', '/api/lights');
    const ids = (list.json as { features: { id: string }[] }).features.map((f) => f.id);
    expect(ids).not.toContain('EP-DESVRES');
    expect(
      (await editor('PATCH', '/api/lights/EP-DESVRES', { properties: {} }, { 'if-match': '"1"' })).status,
    ).toBe(403);
    // Moving an own point into another EPCI is refused too.
    await editor('POST', '/api/lights', lightBody('EP-MOVE', ...BOULOGNE));
    const move = await editor(
      'PATCH',
      '/api/lights/EP-MOVE',
      { geometry: { type: 'Point', coordinates: DESVRES } },
      { 'if-match': '"1"' },
    );
    expect(move.status).toBe(403);
    const viewer = await login(team.server, 'lecteur2@pays.fr');
    expect((await viewer('POST', '/api/lights', lightBody('EP-V', ...BOULOGNE))).status).toBe(403);
    expect((await viewer('GET', '/api/lights')).status).toBe(200);
  });

  it('validates bodies with French field errors (422) and stores SQL metacharacters literally', async () => {
    const bad = await editor('POST', '/api/lights', {
      id: 'x',
      geometry: { type: 'Point', coordinates: [500, 50] },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.json)).toMatch(/WGS84/);
    const wrong = await editor('POST', '/api/lights', {
      geometry: { type: 'Point', coordinates: [1.6, 50.7] },
      properties: { a: { nested: 1 } },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json).toMatchObject({ fields: { 'properties.a': expect.stringMatching(/texte, nombre/) } });
    const injection = "'; DROP TABLE atlas.lights; --";
    const stored = await editor(
      'POST',
      '/api/lights',
      lightBody(`EP-${injection}`, ...BOULOGNE, { adresse: injection }),
    );
    expect(stored.status).toBe(201);
    const back = await editor('GET', `/api/lights?commune=62160`);
    const feature = (
      back.json as { features: { id: string; properties: { adresse?: string } }[] }
    ).features.find((f) => f.id === `EP-${injection}`);
    expect(feature?.properties.adresse).toBe(injection);
    expect((await editor('GET', '/api/lights?commune=62160%27%20OR%201=1')).status).toBe(422);
    expect((await editor('GET', '/api/lights?unknown=1')).status).toBe(422);
  });

  it('filters by commune, epci, bbox and returns changes since a cursor (deletions included)', async () => {
    await admin('POST', '/api/lights', lightBody('EP-F1', ...BOULOGNE));
    await admin('POST', '/api/lights', lightBody('EP-F2', ...DESVRES));
    const byEpci = (await admin('GET', `/api/lights?epci=${CAB}`)).json as {
      features: { insee: string }[];
      cursor: string;
    };
    expect(byEpci.features.length).toBeGreaterThan(0);
    expect(byEpci.features.every((f) => f.insee === '62160')).toBe(true);
    const byCommune = (await admin('GET', '/api/lights?commune=62268')).json as {
      features: { id: string }[];
    };
    expect(byCommune.features.map((f) => f.id)).toEqual(['EP-DESVRES', 'EP-F2']);
    const bbox = (await admin('GET', '/api/lights?bbox=1.8,50.6,1.9,50.7')).json as {
      features: { id: string }[];
    };
    expect(bbox.features.map((f) => f.id)).toEqual(['EP-DESVRES', 'EP-F2']);

    const cursor = byEpci.cursor;
    await admin('PATCH', '/api/lights/EP-F1', { properties: { statut: 'programmé' } }, { 'if-match': '"1"' });
    await admin('DELETE', '/api/lights/EP-F2');
    const changes = (await admin('GET', `/api/lights?since=${cursor}`)).json as {
      features: { id: string; version: number; deleted: boolean }[];
    };
    expect(changes.features.map((f) => [f.id, f.version, f.deleted])).toEqual([
      ['EP-F1', 2, false],
      ['EP-F2', 2, true],
    ]);
  });
});
