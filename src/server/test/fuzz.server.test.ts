import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../lib/random.ts';
import { hasDatabase, useTeam } from './harness.ts';

const SEED = 20261203;
const REQUESTS = 1200;
const MODULES = ['lights', 'friches', 'advice', 'pcaet'] as const;
type Module = (typeof MODULES)[number];

/** Strings an attacker or a broken export would send: SQL and JSON metacharacters, odd Unicode. */
const NASTY = [
  "'; DROP TABLE atlas.lights; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  "Robert'); DELETE FROM atlas.users; --",
  "' || pg_sleep(10) || '",
  '$1',
  '$$ ; $$',
  '%_\\',
  "E'\\x00'",
  '::jsonb',
  '\\N',
  '\t\n\r',
  '\u0000',
  '\ud800',
  '😀 l’été « Écluse »',
  '<script>alert(1)</script>',
  '{"__proto__":{"admin":true}}',
  '../../etc/passwd',
  '62160,62268',
  'NaN',
];
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** encodeURIComponent throws on a lone surrogate: a client would send U+FFFD, so do we. */
const enc = (s: string) => encodeURIComponent(s.replace(new RegExp(LONE_SURROGATE, 'g'), '\ufffd'));
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

function valid(module: Module, id: string): Record<string, unknown> {
  const point = { type: 'Point', coordinates: [1.6145, 50.7264] };
  if (module === 'lights')
    return { id, geometry: point, properties: { statut: 'à rénover', puissance_w: 150 } };
  if (module === 'friches') return { id, geometry: point, properties: { nom: 'Site' } };
  if (module === 'advice') return { id, insee: '62160', properties: { date: '2026-01-02' } };
  return { id, properties: { indicatorId: 'ges', date: '2026-01-01', value: 1, type: 'value' } };
}

function junkValue(r: Random): unknown {
  switch (r.int(0, 11)) {
    case 0:
      return r.pick(NASTY);
    case 1:
      return 'x'.repeat(r.pick([10_001, 100_000, 2_000_000]));
    case 2:
      return r.pick([0, -1, 1e308, -1e308, 3.5, 2 ** 53 + 1]);
    case 3:
      return r.pick([true, false, null]);
    case 4:
      return [r.pick(NASTY), 1, null];
    case 5:
      return { [r.pick(PROTO_KEYS)]: { polluted: true } };
    case 6:
      return { type: 'Point', coordinates: [r.pick([500, -200, 1.6]), r.pick([95, 50.7, -91])] };
    case 7:
      return {
        type: 'Polygon',
        coordinates: [
          [
            [1.6, 50.7],
            [1.7, 50.8],
            [1.6, 50.8],
            [1.7, 50.7],
            [1.6, 50.7],
          ],
        ],
      };
    case 8:
      return {
        type: 'LineString',
        coordinates: [
          [1.6, 50.7],
          [1.7, 50.8],
        ],
      };
    case 9:
      return Array.from({ length: r.int(201, 300) }, (_, i) => i);
    case 10:
      return Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]));
    default:
      return r.pick(NASTY).repeat(r.int(1, 50));
  }
}

/** A valid body with one or two fields broken, or keys added/removed; sometimes left valid with nasty text. */
function mutate(r: Random, body: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(body) as Record<string, unknown>;
  const props = (out.properties ?? {}) as Record<string, unknown>;
  for (let n = r.int(1, 2); n > 0; n--) {
    switch (r.int(0, 7)) {
      case 0:
        out[r.pick(['id', 'geometry', 'properties', 'insee', 'contact'])] = junkValue(r);
        break;
      case 1:
        props[r.pick(['statut', 'date', 'value', 'nom', 'adresse', r.pick(NASTY).slice(0, 90)])] =
          junkValue(r);
        break;
      case 2:
        delete out[r.pick(['id', 'geometry', 'properties', 'insee'])];
        break;
      case 3:
        out[r.pick(['extra', 'version', 'deleted', 'txid', 'updated_by'])] = junkValue(r);
        break;
      case 4:
        props[r.pick(PROTO_KEYS)] = 'pollution';
        break;
      case 5:
        // Valid shape, SQL metacharacters as text: must be stored and returned literally.
        props.adresse = r.pick(NASTY.filter((s) => s !== '\u0000' && !LONE_SURROGATE.test(s)));
        out.id = `${r.pick(NASTY.filter((s) => !/\p{Cc}/u.test(s) && !LONE_SURROGATE.test(s)))}#${r.int(0, 1e9)}`;
        break;
      case 6:
        out.contact = { name: r.pick(NASTY), phone: junkValue(r) };
        break;
      default:
        props.statut = r.pick(NASTY);
    }
  }
  out.properties = props;
  return out;
}

/** Bodies that are not JSON objects at all, or that lie about their type. */
function rawBody(r: Random): { body: string | Uint8Array; type: string } {
  const texts = [
    '{',
    '{"id":',
    '[1,2',
    'null',
    '"texte"',
    '42',
    '{"id": "a", "id": "b"}',
    '\uFEFF{"id":"bom"}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    '{"__proto__": {"isAdmin": true}, "geometry": null}',
    '{"constructor": {"prototype": {"x": 1}}}',
    "{'id': 'quotes'}",
    '{"a": 1e99999}',
    '{"properties": {"a": "\\u0000"}}',
  ];
  const choice = r.int(0, 9);
  if (choice < 6) return { body: r.pick(texts), type: 'application/json' };
  if (choice === 6) return { body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0xc3]), type: 'application/json' };
  if (choice === 7) return { body: 'id=1&geometry=x', type: 'application/x-www-form-urlencoded' };
  if (choice === 8) return { body: '{"id":"x"}', type: 'text/plain' };
  return {
    body: JSON.stringify({ id: 'big', properties: { a: 'y'.repeat(1_100_000) } }),
    type: 'application/json',
  };
}

function junkQuery(r: Random): string {
  const keys = [
    'commune',
    'epci',
    'bbox',
    'since',
    'limit',
    'after',
    'kind',
    'mode',
    'crs',
    'name',
    '__proto__',
    'x',
  ];
  const values = [
    ...NASTY,
    '62160',
    '246200729',
    '1.5,50.5,1.9,50.9',
    '9,9,1,1',
    '99999999999999999999999',
    '-1',
    'lights',
    'replace',
    '',
    'a'.repeat(5000),
  ];
  return Array.from({ length: r.int(1, 4) }, () => `${enc(r.pick(keys))}=${enc(r.pick(values))}`).join('&');
}

interface Sent {
  method: string;
  path: string;
  status: number;
  module?: Module;
  body?: Record<string, unknown>;
  json: unknown;
}

describe.skipIf(!hasDatabase)(`fuzzed requests (seed ${SEED}, real PostgreSQL)`, () => {
  const team = useTeam(
    [
      { email: 'admin@pays.fr', role: 'admin' },
      { email: 'conseil@fr.fr', role: 'adviser', scope: { structure: 'FR' } },
    ],
    // Login limits high enough that the fuzzed logins exercise validation, not only the 429 path.
    { loginRequestsPerMinute: 10_000 },
  );
  const admin = team.api('admin@pays.fr');
  const adviser = team.api('conseil@fr.fr');

  beforeAll(async () => {
    for (const m of MODULES) {
      const res = await admin('POST', `/api/${m}`, valid(m, `fix-${m}`));
      expect(res.status).toBe(201);
    }
  });

  it(`answers ${REQUESTS} fuzzed requests with 4xx or 2xx, never 5xx, and stores nothing half-way`, async () => {
    const r = createRandom(SEED);
    const sent: Sent[] = [];
    const one = async (i: number): Promise<Sent> => {
      const module = r.pick(MODULES);
      const api = module === 'advice' && r.next() < 0.7 ? adviser : admin;
      const kind = r.int(0, 99);
      if (kind < 40) {
        const body = mutate(r, valid(module, `fz-${i}`));
        const res = await api('POST', `/api/${module}`, body);
        return { method: 'POST', path: `/api/${module}`, module, body, ...res };
      }
      if (kind < 55) {
        const raw = rawBody(r);
        const path = r.next() < 0.5 ? `/api/${module}` : `/api/${module}/fix-${module}`;
        const method = path.endsWith(module) ? 'POST' : 'PATCH';
        const res = await api(method, path, raw.body, { 'content-type': raw.type, 'if-match': '"1"' });
        return { method, path, module, ...res };
      }
      if (kind < 70) {
        const body = mutate(r, valid(module, 'ignored'));
        delete body.id;
        const id = r.next() < 0.6 ? `fix-${module}` : enc(r.pick(NASTY));
        const ifMatch = r.pick(['"1"', '"2"', 'W/"1"', '1', '"-1"', '"99999999999"', "' OR 1=1", '']);
        const res = await api('PATCH', `/api/${module}/${id}`, body, ifMatch ? { 'if-match': ifMatch } : {});
        return { method: 'PATCH', path: `/api/${module}/${id}`, module, body, ...res };
      }
      if (kind < 80) {
        const path = `/api/${module}?${junkQuery(r)}`;
        return { method: 'GET', path, ...(await api('GET', path)) };
      }
      if (kind < 87) {
        const path = `/api/imports?${junkQuery(r)}`;
        const body = r.next() < 0.5 ? new TextEncoder().encode(r.pick(NASTY)) : rawBody(r).body;
        return { method: 'POST', path, ...(await api('POST', path, body)) };
      }
      if (kind < 92) {
        const body = r.next() < 0.5 ? rawBody(r).body : { email: junkValue(r), password: junkValue(r) };
        return { method: 'POST', path: '/api/session', ...(await api('POST', '/api/session', body)) };
      }
      if (kind < 96) {
        const path = `/api/tiles/lights/${enc(String(junkValue(r)).slice(0, 30))}/${r.int(-1, 3)}/${r.pick(['0.mvt', '1.png', '%00.mvt', '99999999.mvt'])}`;
        return { method: 'GET', path, ...(await api('GET', path)) };
      }
      const id = enc(r.pick(NASTY));
      const res = await api('DELETE', `/api/${module}/${id}`, undefined, {
        'if-match': r.pick(['"1"', 'x']),
      });
      return { method: 'DELETE', path: `/api/${module}/${id}`, module, ...res };
    };
    // Eight at a time: concurrent enough to mix transactions, each request still drawn in seed order.
    for (let i = 0; i < REQUESTS; i += 8) {
      const batch = Array.from({ length: Math.min(8, REQUESTS - i) }, (_, k) => one(i + k));
      sent.push(...(await Promise.all(batch)));
    }

    expect(sent.length).toBeGreaterThanOrEqual(1000);
    const errors = sent
      .filter((s) => s.status >= 500)
      .map((s) => `${s.method} ${s.path.slice(0, 120)}: ${s.status}`);
    expect(errors).toEqual([]);
    const refused = sent.filter((s) => s.status >= 400);
    expect(refused.length).toBeGreaterThan(REQUESTS / 2);
    // Every refusal says why, in French.
    const unexplained = refused.filter(
      (s) => typeof (s.json as { error?: unknown } | null)?.error !== 'string',
    );
    expect(unexplained.map((s) => `${s.method} ${s.path.slice(0, 80)}: ${s.status}`)).toEqual([]);

    // Nothing stored half-way: per table, rows = fixtures + accepted creations (+ imported rows).
    for (const module of MODULES) {
      const created = sent.filter(
        (s) => s.module === module && s.method === 'POST' && s.status === 201,
      ).length;
      const imported = sent
        .filter(
          (s) => s.path.startsWith('/api/imports') && s.path.includes(`kind=${module}`) && s.status === 200,
        )
        .reduce((n, s) => n + ((s.json as { applied?: { inserted?: number } }).applied?.inserted ?? 0), 0);
      const { rows } = await team.db.pool.query(`SELECT count(*)::int AS n FROM atlas.${module}`);
      expect(rows[0].n, module).toBe(1 + created + imported);
      // The fixture's version moved only with accepted PATCHes, one audit line each.
      const patched = sent.filter(
        (s) => s.method === 'PATCH' && s.path === `/api/${module}/fix-${module}` && s.status === 200,
      ).length;
      const fixture = await team.db.pool.query(`SELECT version FROM atlas.${module} WHERE id = $1`, [
        `fix-${module}`,
      ]);
      expect(fixture.rows[0].version, module).toBe(1 + patched);
    }
    // Refused creations left no row behind, whatever their id.
    const refusedIds = sent
      .filter((s) => s.method === 'POST' && s.status >= 400 && typeof s.body?.id === 'string')
      .map((s) => s.body!.id as string);
    const leaked = await team.db.pool.query(
      `SELECT id FROM (SELECT id FROM atlas.lights UNION ALL SELECT id FROM atlas.friches
        UNION ALL SELECT id FROM atlas.advice UNION ALL SELECT id FROM atlas.pcaet) t
       WHERE id = ANY($1::text[]) AND id NOT IN (SELECT unnest($2::text[]))`,
      [
        refusedIds.filter((id) => !id.includes('\u0000')),
        sent.filter((s) => s.status === 201).map((s) => (s.json as { id: string }).id),
      ],
    );
    expect(leaked.rows).toEqual([]);
    // Accepted text, SQL metacharacters included, is stored and returned literally.
    const accepted = sent.filter((s) => s.method === 'POST' && s.status === 201 && s.body);
    expect(accepted.length).toBeGreaterThan(20);
    let literal = 0;
    for (const s of accepted) {
      const back = s.json as { id: string; properties: Record<string, unknown> };
      expect(back.properties).toEqual(s.body!.properties);
      const { rows } = await team.db.pool.query(`SELECT properties FROM atlas.${s.module} WHERE id = $1`, [
        back.id,
      ]);
      expect(rows[0].properties).toEqual(s.body!.properties);
      if (typeof s.body!.id === 'string') expect(back.id).toBe(s.body!.id);
      if (NASTY.includes(String(s.body!.properties && (s.body!.properties as { adresse?: string }).adresse)))
        literal++;
    }
    expect(literal).toBeGreaterThan(5);
    // The tables are all still there and nobody was made admin by a polluted prototype.
    const users = await team.db.pool.query('SELECT email, role FROM atlas.users ORDER BY email');
    expect(users.rows).toEqual([
      { email: 'admin@pays.fr', role: 'admin' },
      { email: 'conseil@fr.fr', role: 'adviser' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
