import { beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../db/pool.ts';
import { type Api, client, hasDatabase, lightBody, type TeamUser, useTeam } from './harness.ts';

const CAB = '246200729'; // CA du Boulonnais: Boulogne-sur-Mer 62160
const DESVRES_SAMER = '200018083'; // CC de Desvres-Samer: Desvres 62268
const BOULOGNE = [1.6145, 50.7264] as const;
const DESVRES = [1.8353, 50.6686] as const;

const ROLES = ['admin', 'editor', 'otherEditor', 'adviser', 'viewer', 'anonymous'] as const;
type Who = (typeof ROLES)[number];
type Expected = Record<Who, number>;
type Module = 'lights' | 'friches' | 'advice' | 'pcaet';

/** Same expectation for every signed-in role except those listed (anonymous is always 401). */
const all = (status: number, except: Partial<Expected> = {}): Expected => ({
  admin: status,
  editor: status,
  otherEditor: status,
  adviser: status,
  viewer: status,
  anonymous: 401,
  ...except,
});
const only = (ok: number, who: Who[], otherwise = 403): Expected =>
  all(otherwise, Object.fromEntries(who.map((w) => [w, ok])));

const point = (at: readonly [number, number]) => ({ type: 'Point', coordinates: [...at] });
const createBody = (module: Module, id: string, at: readonly [number, number] = BOULOGNE) =>
  module === 'lights'
    ? lightBody(id, ...at)
    : module === 'friches'
      ? { id, geometry: point(at), properties: { nom: 'Site' } }
      : module === 'advice'
        ? { id, insee: at === BOULOGNE ? '62160' : '62268', properties: { date: '2026-01-02' } }
        : { id, properties: { indicatorId: 'ges', date: '2026-01-01', value: 1, type: 'value' } };
const patchBody = (module: Module) =>
  module === 'pcaet' ? { properties: { value: 2 } } : { properties: { note: 'modifié' } };

const text = (s: string) => new TextEncoder().encode(s);
const importFiles = {
  lights: (id: string) =>
    text(`identifiant;longitude;latitude;puissance_w;statut\n${id};1.6145;50.7264;70;x\n`),
  advice: (id: string) =>
    text(
      `id_conseil;date_conseil;code_insee;commune;canal\n${id};02/01/2025;62160;Boulogne-sur-Mer;permanence\n`,
    ),
  friches: (id: string) =>
    text(`site_id,site_nom,comm_insee,geompoint\n${id},Ancienne usine,62160,POINT (1.6145 50.7264)\n`),
};

interface Caller extends Api {
  stream(path: string, signal: AbortSignal): Promise<{ status: number }>;
}

/** One cell: what `who` does, given a unique tag for the ids it creates or targets. */
interface Endpoint {
  name: string;
  expected: Expected;
  call: (api: Caller, tag: string) => Promise<{ status: number }>;
  /** Records this endpoint changes, created beforehand by the owner (outside row-level security). */
  target?: { module: Module; at: readonly [number, number] };
}

function moduleEndpoints(module: Module): Endpoint[] {
  const geometric = module === 'lights' || module === 'friches';
  const read = module === 'advice' ? only(200, ['admin', 'adviser']) : all(200);
  const writers: Who[] =
    module === 'advice' ? ['admin', 'adviser'] : module === 'pcaet' ? ['admin'] : ['admin', 'editor'];
  const endpoints: Endpoint[] = [
    { name: `GET /api/${module}`, expected: read, call: (api) => api('GET', `/api/${module}`) },
    {
      name: `POST /api/${module}`,
      expected: only(201, writers),
      call: (api, tag) => api('POST', `/api/${module}`, createBody(module, `new-${tag}`)),
    },
    {
      name: `PATCH /api/${module}/:id`,
      expected: only(200, writers),
      target: { module, at: BOULOGNE },
      call: (api, tag) => api('PATCH', `/api/${module}/${tag}`, patchBody(module), { 'if-match': '"1"' }),
    },
    {
      name: `DELETE /api/${module}/:id`,
      expected: only(204, writers),
      target: { module, at: BOULOGNE },
      call: (api, tag) => api('DELETE', `/api/${module}/${tag}`, undefined, { 'if-match': '"1"' }),
    },
  ];
  if (geometric)
    endpoints.push(
      {
        name: `POST /api/${module} (other EPCI)`,
        expected: only(201, ['admin', 'otherEditor']),
        call: (api, tag) => api('POST', `/api/${module}`, createBody(module, `far-${tag}`, DESVRES)),
      },
      {
        name: `PATCH /api/${module}/:id (other EPCI)`,
        expected: only(200, ['admin', 'otherEditor']),
        target: { module, at: DESVRES },
        call: (api, tag) => api('PATCH', `/api/${module}/${tag}`, patchBody(module), { 'if-match': '"1"' }),
      },
      {
        name: `DELETE /api/${module}/:id (other EPCI)`,
        expected: only(204, ['admin', 'otherEditor']),
        target: { module, at: DESVRES },
        call: (api, tag) => api('DELETE', `/api/${module}/${tag}`, undefined, { 'if-match': '"1"' }),
      },
    );
  return endpoints;
}

const ENDPOINTS: Endpoint[] = [
  ...(['lights', 'friches', 'advice', 'pcaet'] as const).flatMap(moduleEndpoints),
  {
    name: 'POST /api/imports?kind=lights',
    expected: only(200, ['admin', 'editor']),
    call: (api, tag) => api('POST', '/api/imports?kind=lights&mode=add', importFiles.lights(`imp-${tag}`)),
  },
  {
    name: 'POST /api/imports?kind=friches',
    expected: only(200, ['admin', 'editor']),
    call: (api, tag) => api('POST', '/api/imports?kind=friches&mode=add', importFiles.friches(`imp-${tag}`)),
  },
  {
    name: 'POST /api/imports?kind=advice',
    expected: only(200, ['admin', 'adviser']),
    call: (api, tag) => api('POST', '/api/imports?kind=advice&mode=add', importFiles.advice(`imp-${tag}`)),
  },
  { name: 'GET /api/me', expected: all(200), call: (api) => api('GET', '/api/me') },
  {
    name: 'GET /api/tiles/lights/14/8265/5504.mvt',
    expected: all(200),
    call: (api) => api('GET', '/api/tiles/lights/14/8265/5504.mvt'),
  },
  {
    name: 'GET /api/events',
    expected: all(200),
    call: async (api) => {
      const controller = new AbortController();
      const res = await api.stream('/api/events', controller.signal);
      controller.abort();
      return res;
    },
  },
  {
    name: 'GET /api/history/lights/:id',
    expected: all(200, { otherEditor: 404 }),
    target: { module: 'lights', at: BOULOGNE },
    call: (api, tag) => api('GET', `/api/history/lights/${tag}`),
  },
  {
    name: 'GET /api/history/advice/:id',
    expected: only(200, ['admin', 'adviser']),
    target: { module: 'advice', at: BOULOGNE },
    call: (api, tag) => api('GET', `/api/history/advice/${tag}`),
  },
  { name: 'GET /api/advice/summary', expected: all(200), call: (api) => api('GET', '/api/advice/summary') },
  {
    name: 'GET /api/admin/users',
    expected: only(200, ['admin']),
    call: (api) => api('GET', '/api/admin/users'),
  },
  {
    name: 'GET /api/admin/changes',
    expected: only(200, ['admin']),
    call: (api) => api('GET', '/api/admin/changes'),
  },
  {
    name: 'GET /api/health',
    expected: all(200, { anonymous: 200 }),
    call: (api) => api('GET', '/api/health'),
  },
  {
    name: 'GET /api/users (none: users are managed by the CLI)',
    expected: all(404, { anonymous: 404 }),
    call: (api) => api('GET', '/api/users'),
  },
];

describe.skipIf(!hasDatabase)('permission matrix: role × scope × endpoint (real PostgreSQL)', () => {
  const accounts: [Exclude<Who, 'anonymous'>, TeamUser][] = [
    ['admin', { email: 'admin@pays.fr', role: 'admin' }],
    ['editor', { email: 'editeur@cab.fr', role: 'editor', scope: { epci: [CAB] } }],
    ['otherEditor', { email: 'editeur@desvres-samer.fr', role: 'editor', scope: { epci: [DESVRES_SAMER] } }],
    [
      'adviser',
      { email: 'conseil@fr-boulonnais.fr', role: 'adviser', scope: { structure: 'FR Boulonnais' } },
    ],
    ['viewer', { email: 'lecteur@pays.fr', role: 'viewer' }],
  ];
  const team = useTeam(accounts.map(([, user]) => user));
  const callers = {} as Record<Who, Caller>;
  const ids = {} as Record<Exclude<Who, 'anonymous'>, string>;

  beforeAll(async () => {
    const { db, server } = team;
    for (const [who, { email }] of accounts) {
      callers[who] = team.api(email) as Caller;
      ids[who] = team.userId(email);
    }
    callers.anonymous = client(server, '') as Caller;
    for (const who of ROLES)
      callers[who].stream = (path, signal) =>
        fetch(`${server.base}${path}`, { headers: { cookie: callers[who].cookie }, signal });
    // The targets of every PATCH/DELETE cell, one per role and endpoint, written by the owner.
    for (const [e, endpoint] of ENDPOINTS.entries()) {
      if (!endpoint.target) continue;
      const { module, at } = endpoint.target;
      for (const who of ROLES) {
        const id = `t${e}-${who}`;
        const insee = at === BOULOGNE ? '62160' : '62268';
        const body = createBody(module, id, at) as { properties: object };
        const geom = module === 'lights' || module === 'friches';
        await db.pool.query(
          `INSERT INTO atlas.${module} (id, insee, properties${geom ? ', geom' : ''})
           VALUES ($1, $2, $3${geom ? ', ST_SetSRID(ST_MakePoint($4, $5), 4326)' : ''})`,
          geom ? [id, insee, body.properties, at[0], at[1]] : [id, insee, body.properties],
        );
      }
    }
  });

  it('answers every cell with its expected status', async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const [e, endpoint] of ENDPOINTS.entries()) {
      for (const who of ROLES) {
        const { status } = await endpoint.call(
          callers[who],
          endpoint.target ? `t${e}-${who}` : `${e}-${who}`,
        );
        cells++;
        if (status !== endpoint.expected[who])
          mismatches.push(`${endpoint.name} as ${who}: ${status}, expected ${endpoint.expected[who]}`);
      }
    }
    expect(mismatches).toEqual([]);
    // 35 endpoints × 6 callers; the figure is quoted in the closing note.
    expect(cells).toBe(ENDPOINTS.length * ROLES.length);
    expect(cells).toBe(210);
  });

  it('lists only in-scope rows, and hides personal data from everyone but advisers and the Pays', async () => {
    await team.db.pool.query(`
      INSERT INTO atlas.lights (id, insee, geom) VALUES
        ('scope-cab', '62160', ST_SetSRID(ST_MakePoint(1.6145, 50.7264), 4326)),
        ('scope-desvres', '62268', ST_SetSRID(ST_MakePoint(1.8353, 50.6686), 4326));
      INSERT INTO atlas.advice (id, insee, structure, properties) VALUES
        ('cs-own', '62160', 'FR Boulonnais', '{"date":"2026-01-02"}'), ('cs-other', '62160', 'Autre', '{"date":"2026-01-02"}');
      INSERT INTO atlas.advice_contacts (advice_id, structure, name) VALUES
        ('cs-own', 'FR Boulonnais', 'Mme Propre'), ('cs-other', 'Autre', 'M. Ailleurs');`);
    const listed = async (who: Who) => {
      const res = await callers[who]('GET', '/api/lights?commune=62160,62268');
      return (res.json as { features: { id: string }[] }).features
        .map((f) => f.id)
        .filter((id) => id.startsWith('scope-'));
    };
    expect(await listed('admin')).toEqual(['scope-cab', 'scope-desvres']);
    expect(await listed('editor')).toEqual(['scope-cab']);
    expect(await listed('otherEditor')).toEqual(['scope-desvres']);
    expect(await listed('viewer')).toEqual(['scope-cab', 'scope-desvres']);
    const advice = (await callers.adviser('GET', '/api/advice')).json as {
      items: { id: string; contact: { name: string } | null }[];
    };
    const contacts = Object.fromEntries(advice.items.map((i) => [i.id, i.contact?.name ?? null]));
    expect(contacts['cs-own']).toBe('Mme Propre');
    expect(contacts['cs-other']).toBeNull(); // the session, but not another structure's contact data
  });

  it('row-level security holds even when a route forgets its checks (raw SQL as the request’s user)', async () => {
    const asWho = <T>(who: Exclude<Who, 'anonymous'>, work: Parameters<typeof asUser<T>>[2]) =>
      asUser(team.db.pool, { id: ids[who] }, work);
    // The other EPCI's editor, unfiltered SQL: no Boulogne row readable, none writable, none insertable.
    const seen = await asWho('otherEditor', (c) =>
      c.query("SELECT count(*)::int AS n FROM atlas.lights WHERE insee = '62160'"),
    );
    expect(seen.rows[0].n).toBe(0);
    const total = await team.db.pool.query(
      "SELECT count(*)::int AS n FROM atlas.lights WHERE insee = '62160'",
    );
    expect(total.rows[0].n).toBeGreaterThan(0);
    const updated = await asWho('otherEditor', (c) =>
      c.query("UPDATE atlas.lights SET properties = '{}' WHERE insee = '62160'"),
    );
    expect(updated.rowCount).toBe(0);
    const removed = await asWho('otherEditor', (c) =>
      c.query("DELETE FROM atlas.lights WHERE insee = '62160'"),
    );
    expect(removed.rowCount).toBe(0);
    await expect(
      asWho('otherEditor', (c) => c.query("INSERT INTO atlas.lights (id, insee) VALUES ('sneak', '62160')")),
    ).rejects.toMatchObject({ code: '42501' });
    // Moving an own row into the other scope is refused by the policy's check too.
    await expect(
      asWho('otherEditor', (c) =>
        c.query("UPDATE atlas.lights SET insee = '62160' WHERE insee = '62268' AND id = 'scope-desvres'"),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    // Viewers and editors read no advice session and no contact; advisers only their structure's contacts.
    for (const who of ['viewer', 'editor'] as const) {
      const r = await asWho(who, (c) =>
        c.query(
          'SELECT (SELECT count(*) FROM atlas.advice)::int AS a, (SELECT count(*) FROM atlas.advice_contacts)::int AS c',
        ),
      );
      expect(r.rows[0], who).toEqual({ a: 0, c: 0 });
    }
    const own = await asWho('adviser', (c) =>
      c.query('SELECT name FROM atlas.advice_contacts ORDER BY name'),
    );
    expect(own.rows).toEqual([{ name: 'Mme Propre' }]);
    // Only the Pays writes PCAET values and reads the audit log; nobody reads password hashes.
    const pcaet = await asWho('editor', (c) => c.query("UPDATE atlas.pcaet SET properties = '{}'"));
    expect(pcaet.rowCount).toBe(0);
    const audit = await asWho('editor', (c) => c.query('SELECT count(*)::int AS n FROM atlas.audit_log'));
    expect(audit.rows[0].n).toBe(0);
    await expect(
      asWho('admin', (c) => c.query('SELECT password_hash FROM atlas.users')),
    ).rejects.toMatchObject({
      code: '42501',
    });
    // Without a request user (a route that forgot to set it), nothing at all.
    const nobody = await asUser(team.db.pool, { id: '' }, (c) =>
      c.query(
        'SELECT (SELECT count(*) FROM atlas.lights)::int AS l, (SELECT count(*) FROM atlas.pcaet)::int AS p',
      ),
    );
    expect(nobody.rows[0]).toEqual({ l: 0, p: 0 });
  });
});
