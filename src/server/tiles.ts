import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { requireUser } from './auth.ts';
import { asUser } from './db/pool.ts';

/** Below this zoom, points are gathered on a grid (one feature with `count` per cell) to keep tiles small. */
export const CLUSTER_BELOW_ZOOM = 13;
const EXTENT = 4096;

/**
 * GET /api/tiles/lights/{z}/{x}/{y}.mvt: Mapbox vector tile (layer `lights`) built by ST_AsMVT under the
 * user's row-level security, so a scoped user's tiles hold only its own communes' points.
 */
export function registerTiles(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/api/tiles/lights/:z/:x/:file', async (request, reply) => {
    const user = requireUser(request, reply);
    if (!user) return reply;
    const { z: zs, x: xs, file } = request.params as { z: string; x: string; file: string };
    const m = /^(\d{1,7})\.mvt$/.exec(file);
    const z = Number(zs);
    const x = Number(xs);
    const y = m ? Number(m[1]) : Number.NaN;
    if (!/^\d{1,2}$/.test(zs) || !/^\d{1,7}$/.test(xs) || !m || z > 22 || x >= 2 ** z || y >= 2 ** z) {
      return reply.code(422).send({
        error: 'Tuile invalide : /api/tiles/lights/{z}/{x}/{y}.mvt avec 0 ≤ z ≤ 22, 0 ≤ x, y < 2^z.',
      });
    }
    const clustered = z < CLUSTER_BELOW_ZOOM;
    const sql = clustered
      ? `WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
           p AS (SELECT ST_SnapToGrid(ST_Transform(t.geom, 3857), (ST_XMax(b.env) - ST_XMin(b.env)) / 128) AS g
                 FROM atlas.lights t, b WHERE NOT t.deleted AND t.geom && ST_Transform(b.env, 4326)),
           c AS (SELECT ST_AsMVTGeom(p.g, b.env, ${EXTENT}, 64, true) AS geom, count(*)::int AS count FROM p, b GROUP BY p.g, b.env)
         SELECT ST_AsMVT(c, 'lights', ${EXTENT}, 'geom') AS tile FROM c WHERE geom IS NOT NULL`
      : `WITH b AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
           c AS (SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), b.env, ${EXTENT}, 64, true) AS geom, t.id, t.insee,
                   t.properties ->> 'statut' AS statut, 1 AS count
                 FROM atlas.lights t, b WHERE NOT t.deleted AND t.geom && ST_Transform(b.env, 4326))
         SELECT ST_AsMVT(c, 'lights', ${EXTENT}, 'geom') AS tile FROM c WHERE geom IS NOT NULL`;
    const tile = await asUser(pool, user, async (client) => {
      const { rows } = await client.query<{ tile: Buffer }>(sql, [z, x, y]);
      return rows[0]?.tile ?? Buffer.alloc(0);
    });
    return reply
      .type('application/vnd.mapbox-vector-tile')
      .header('cache-control', 'private, max-age=0, must-revalidate')
      .send(tile);
  });
}
